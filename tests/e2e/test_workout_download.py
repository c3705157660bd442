"""In Chromium: Today offers a run/walk session as a watch workout, and the button downloads its FIT file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import fitdecode
import pytest

from tests.e2e.flows import onboard, register

pytestmark = pytest.mark.e2e
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
BUTTON = "Download for your watch (.fit)"


def test_a_run_walk_day_downloads_as_a_fit_workout(browser: Any, server: str, shots: Path) -> None:
    context = browser.new_context(viewport=SIZES["phone"], device_scale_factor=1, accept_downloads=True)
    page = context.new_page()
    register(page, server, "walker@example.org")
    onboard(page, "Wanda")
    # The first session of the article's program is strength: no workout for a watch (its warm-up walk
    # is not one).
    assert page.get_by_role("link", name=BUTTON).count() == 0
    _switch_program(page, server, context, "walk-to-run-bridge")  # its first session: run/walk
    page.goto(f"{server}/today")
    button = page.get_by_role("link", name=BUTTON)
    assert button.is_visible()
    page.screenshot(path=shots / "today-watch-workout-phone.png", full_page=True)
    page.set_viewport_size(SIZES["desktop"])
    page.screenshot(path=shots / "today-watch-workout-desktop.png", full_page=True)
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.endswith("-run-walk.fit")
    content = Path(download.value.path()).read_bytes()
    with fitdecode.FitReader(io.BytesIO(content), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        steps = [
            {f.name: f.value for f in frame.fields}
            for frame in reader
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "workout_step"
        ]
    names = [s.get("wkt_step_name") for s in steps]
    assert names[:3] == ["Warm-up walk", "Run", "Walk"]
    assert steps[3]["duration_type"] == "repeat_until_steps_cmplt"
    context.close()


def _switch_program(page: Any, server: str, context: Any, program_id: str) -> None:
    """Put the athlete on another program through the API, with the browser's own session."""
    athlete_id = page.request.get(f"{server}/api/v1/me").json()["athlete_id"]
    url = f"{server}/api/v1/athletes/{athlete_id}"
    profile = page.request.get(url).json()["profile"]
    csrf = next(c["value"] for c in context.cookies() if c["name"] == "calfcoach_csrf")
    changed = page.request.put(
        url, headers={"x-csrf-token": csrf}, data={**profile, "program_id": program_id}
    )
    assert changed.ok, changed.text()
