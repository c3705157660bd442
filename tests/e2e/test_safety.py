"""In Chromium: a warning sign ticked at the morning check-in stops Today until a clearance is recorded; the
player's finish form says where it hurt and which exercise caused it, and both are stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.flows import do_the_step, onboard, register

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def test_calf_swelling_stops_today_until_a_clearance_is_recorded(
    browser: Any, server: str, shots: Path
) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True)
    page = context.new_page()
    register(page, server, "ada@example.org")
    onboard(page, "Ada")
    page.goto(f"{server}/log")
    page.get_by_label("Is one calf swollen, warm, red or tender without a clear reason?").check()
    page.get_by_role("button", name="Save the check-in").click()
    page.wait_for_url("**/today")
    page.get_by_role("heading", name="Do not train today").wait_for()
    assert page.get_by_role("link", name="Start the session").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.screenshot(path=shots / "today-stop.png", full_page=True)
    page.get_by_text("I have been seen and cleared").click()
    page.get_by_label("Who cleared you").fill("Dr Jones")
    page.get_by_role("button", name="Record the clearance").click()
    page.get_by_text("Clearance recorded").wait_for()
    assert page.get_by_role("heading", name="Do not train today").count() == 0
    page.get_by_role("link", name="Start the session").click()
    page.wait_for_url("**/player")
    page.get_by_role("button", name="Start").click()
    steps = 0
    while page.locator("#stage").is_visible() and steps < 80:
        do_the_step(page, reps=1)
        steps += 1
    page.get_by_label("Pain during the session (0 none, 10 worst)").fill("4")
    page.get_by_label("Where did it hurt?").select_option("achilles")
    first = page.locator('input[name="pain-from"]').first
    caused_by = first.get_attribute("value")
    first.check()
    page.screenshot(path=shots / "player-finish.png", full_page=True)
    page.get_by_role("button", name="Save and finish").click()
    page.locator("#sync-status", has_text="All sets saved.").wait_for()
    me = page.request.get(f"{server}/api/v1/me").json()
    sessions = page.request.get(f"{server}/api/v1/athletes/{me['athlete_id']}/sessions").json()
    assert [(s["pain_site"], s["pain_from"]) for s in sessions] == [("achilles", [caused_by])]
    context.close()
