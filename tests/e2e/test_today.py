"""In Chromium: Today and the player after the day's session is saved; the pain reason said once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.flows import do_the_session, onboard, register
from tests.e2e.test_accessibility import FAILING, axe, described

pytestmark = pytest.mark.e2e
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def test_after_the_session_is_saved_today_and_the_player_say_it_is_done(
    browser: Any, server: str, shots: Path
) -> None:
    """Regression (issue 14): Today and the player offered the saved session again, and the phase progress
    still said "0 of 8 sessions"."""
    context = browser.new_context(viewport=SIZES["phone"], device_scale_factor=1, has_touch=True)
    page = context.new_page()
    register(page, server, "done@example.org")
    onboard(page, "Dora")
    assert page.get_by_text("0 of 8 sessions completed in this phase").is_visible()
    page.get_by_role("link", name="Start the session").click()
    page.wait_for_url("**/player")
    with page.expect_response(_finished, timeout=40_000):  # the player may send it on its next 15 s retry
        do_the_session(page)
    page.goto(f"{server}/today")
    done = page.get_by_role("region", name="Done today")
    assert done.is_visible()
    assert "Pain during 2/10, after 1/10" in done.inner_text()
    assert page.get_by_role("link", name="Start the session").count() == 0
    assert page.get_by_role("link", name="Do it today instead").count() == 0
    assert page.get_by_text("1 of 8 sessions completed in this phase").is_visible()
    assert page.get_by_text("0 of 8 sessions").count() == 0
    assert page.get_by_role("heading", name="Next:").is_visible()
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)
    page.screenshot(path=shots / "today-done-phone.png", full_page=True)
    page.set_viewport_size(SIZES["desktop"])
    page.screenshot(path=shots / "today-done-desktop.png", full_page=True)
    page.goto(f"{server}/player")
    assert page.get_by_role("heading", name="Today's session is done").is_visible()
    assert page.locator("#start-button").count() == 0
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)
    page.screenshot(path=shots / "player-done-desktop.png", full_page=True)
    page.set_viewport_size(SIZES["phone"])
    page.screenshot(path=shots / "player-done-phone.png", full_page=True)
    context.close()


def _finished(response: Any) -> bool:
    """The player's save of the finished session (it saves the session again after every set)."""
    body = response.request.post_data or ""
    return response.request.method == "PUT" and '"completed":true' in body and response.ok


def test_the_pain_reason_is_said_once_above_the_session(browser: Any, server: str, shots: Path) -> None:
    """Regression (issue 14): the pain reason was repeated under every item of Today's session."""
    context = browser.new_context(viewport=SIZES["phone"], device_scale_factor=1, has_touch=True)
    page = context.new_page()
    register(page, server, "sore@example.org")
    onboard(page, "Sol")
    page.goto(f"{server}/log")
    page.get_by_label("Calf or Achilles pain this morning (0 none, 10 worst)").fill("7")
    page.get_by_role("button", name="Save the check-in").click()
    page.wait_for_url("**/history")
    page.goto(f"{server}/today")
    pain = page.get_by_role("region", name="Pain check: reduce")
    assert pain.is_visible()
    reason = pain.locator("li").first.inner_text()
    assert "morning pain 7/10" in reason
    session = page.locator("article.session")
    assert not any("pain" in text for text in session.locator(".reason").all_inner_texts())
    assert page.get_by_text(reason, exact=True).count() == 1  # not again in the session's notes
    assert "Lowered because of it: " in pain.inner_text()
    page.screenshot(path=shots / "today-pain-phone.png", full_page=True)
    context.close()
