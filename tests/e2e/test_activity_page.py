"""In Chromium: a real watch file imported on the activities page opens its own page, readable on a phone."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from calfcoach.web.map_tiles import ENV_MAP_ATTRIBUTION, ENV_MAP_TILES
from tests.activities.helpers import DATA
from tests.e2e.flows import onboard, register
from tests.e2e.test_accessibility import FAILING, axe, described
from tests.web.test_activity_page import treadmill_tcx

pytestmark = pytest.mark.e2e

RUN = DATA / "fit" / "activity-small-fenix2-run.fit"  # a Garmin fenix 2: 9.0 km run of 2015-08-15, HR, GPS


def test_an_imported_watch_run_opens_its_page_with_the_route_profile_splits_and_plan(
    browser: Any, server: str, shots: Path
) -> None:
    phone = {"width": 390, "height": 844}
    context = browser.new_context(viewport=phone, device_scale_factor=1, has_touch=True)
    page = context.new_page()
    register(page, server, "ivy@example.org")
    onboard(page, "Ivy", start=dt.date(2015, 8, 10))  # the program ran when the run was recorded
    page.goto(f"{server}/activities")
    page.locator("#files").set_input_files(str(RUN))
    page.locator("#upload-report .upload-result").wait_for()
    assert "logged as an extra steady jog" in page.locator("#upload-report").inner_text()
    from_report = page.locator("#upload-report a", has_text="open its page").get_attribute("href")
    link = page.locator("#activity-list a", has_text="Aug 15, 2015")
    # The activity page has no timers: a frozen clock shows that nothing on it waits on real time.
    page.clock.install(time=dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC))
    link.click()
    page.wait_for_url("**/activities/*")
    assert page.url.endswith(str(from_report))  # the upload report links to the same page

    track = page.locator("svg.track")
    assert track.is_visible()
    box = track.bounding_box()
    assert box is not None
    assert box["width"] <= 390 - 2 * 16 + 1  # within the phone's width, no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("svg.track circle.start").count() == 1
    assert page.locator("svg.track rect.finish").count() == 1
    figures = page.locator(".figures").inner_text()
    assert "9.02 km" in figures
    assert "bpm average" in figures
    assert page.locator("table.splits tbody tr").count() == 10  # nine kilometres and the last 22 m
    assert page.eval_on_selector(".table-scroll", "e => e.scrollWidth <= e.clientWidth")  # no sideways scroll
    assert page.locator(".profile-plot svg path.line").count() == 1
    plan = page.locator(".counted").inner_text()
    assert "Sat" in plan or "Saturday" in plan
    assert "The coach read it as" in plan
    # The axis labels stay readable on a phone: at least 12 px.
    sizes = page.eval_on_selector_all(
        ".y-tick, .x-ticks span", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes
    assert min(sizes) >= 12
    page.screenshot(path=shots / "activity-390.png", full_page=True)
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=shots / "activity-1280.png", full_page=True)
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)

    page.get_by_role("link", name="← Activities").click()
    page.wait_for_url("**/activities")
    context.close()


def _png(rgb: tuple[int, int, int], size: int = 256) -> bytes:
    """A square PNG of one colour with a dark border, so tile edges show in a screenshot."""
    tile = Image.new("RGB", (size, size), rgb)
    ImageDraw.Draw(tile).rectangle((0, 0, size - 1, size - 1), outline=(60, 60, 60))
    out = io.BytesIO()
    tile.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def tile_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A stand-in tile server on this machine (none is reachable from here); yields the paths asked for."""
    asked: list[str] = []
    light, dark = _png((222, 235, 222)), _png((200, 220, 240))

    class Tiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            _z, x, y = (int(part) for part in self.path.strip("/").removesuffix(".png").split("/")[-3:])
            body = light if (x + y) % 2 else dark
            self.send_response(200)
            self.send_header("content-type", "image/png")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    monkeypatch.setenv(ENV_MAP_TILES, f"http://127.0.0.1:{port}/tiles/{{z}}/{{x}}/{{y}}.png")
    monkeypatch.setenv(ENV_MAP_ATTRIBUTION, "© Test tiles")
    yield asked
    server.shutdown()


def test_with_a_tile_server_the_route_lies_on_its_tiles_and_the_browser_loads_them(
    tile_server: list[str], browser: Any, server: str, shots: Path
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security" in message.text else None,
    )
    register(page, server, "tom@example.org")
    onboard(page, "Tom", start=dt.date(2015, 8, 10))
    page.goto(f"{server}/activities")
    page.locator("#files").set_input_files(str(RUN))
    page.locator("#upload-report .upload-result").wait_for()
    page.locator("#activity-list a", has_text="Aug 15, 2015").click()
    page.wait_for_url("**/activities/*")
    page.wait_for_load_state("networkidle")

    images = page.locator("svg.track image")
    assert 0 < images.count() <= 16
    assert len(tile_server) == images.count()  # every tile was fetched, none refused by the CSP
    assert blocked == []
    assert "Map: © Test tiles" in page.locator(".track-map figcaption").inner_text()
    page.locator("svg.track").screenshot(path=shots / "activity-tiles-390.png")
    context.close()


def test_a_treadmill_run_page_says_no_track_was_recorded_and_lists_its_splits(
    browser: Any, server: str, shots: Path, tmp_path: Path
) -> None:
    recording = tmp_path / "treadmill.tcx"
    recording.write_bytes(treadmill_tcx())
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    register(page, server, "una@example.org")
    onboard(page, "Una", start=dt.date(2026, 1, 5))
    page.goto(f"{server}/activities")
    page.locator("#files").set_input_files(str(recording))
    page.locator("#upload-report .upload-result").wait_for()
    page.locator("#activity-list a", has_text="Jan 6, 2026").click()
    page.wait_for_url("**/activities/*")

    assert page.locator("svg.track").count() == 0
    assert page.locator(".no-track").inner_text().startswith("No track recorded")
    assert page.locator("table.splits tbody tr").count() == 5
    assert page.locator(".figures").inner_text().count("not recorded") == 1  # the climb; heart rate was
    assert "treadmill" in page.locator("h1 + p").inner_text()
    assert "grade-adjusted" not in page.locator(".counted").inner_text()  # no elevation: the speed as run
    page.screenshot(path=shots / "activity-treadmill-390.png", full_page=True)
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)
    context.close()
