"""In Chromium: a real watch file imported on the activities page opens its own page, readable on a phone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.activities.helpers import DATA
from tests.e2e.flows import onboard, register
from tests.e2e.test_accessibility import FAILING, axe, described

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
    link = page.locator("#activity-list a", has_text="2015-08-15")
    # The activity page has no timers: a frozen clock shows that nothing on it waits on real time.
    page.clock.install(time=dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC))
    link.click()
    page.wait_for_url("**/activities/*")

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
