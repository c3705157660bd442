"""In Chromium: a refused form comes back with the problem in words next to its field, what was typed kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.flows import onboard, register
from tests.e2e.test_accessibility import FAILING, axe, described

pytestmark = pytest.mark.e2e
SIZES = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@pytest.mark.parametrize("size", ["390", "1280"])
def test_onboarding_with_no_training_day_says_so_next_to_the_days(
    browser: Any, server: str, shots: Path, size: str
) -> None:
    """Regression (issue 14): "Frozenset should have at least 1 item after validation, not 0"."""
    context = browser.new_context(viewport=SIZES[size], device_scale_factor=1)
    page = context.new_page()
    register(page, server, f"nodays-{size}@example.org")
    page.wait_for_url("**/onboarding**")
    page.get_by_label("Your name").fill("Nadia")
    for day in DAYS:
        page.get_by_label(day, exact=True).uncheck()
    for radio in page.locator('input[type="radio"][value="no"]').all():
        radio.check()
    page.get_by_role("button", name="Save and continue").click()
    message = page.locator("#weekdays-error")
    message.wait_for()
    assert message.inner_text() == "⚠ Choose at least one." or message.inner_text() == "Choose at least one."
    assert (
        page.get_by_role("group", name="Training days").get_attribute("aria-describedby") == "weekdays-error"
    )
    assert page.get_by_label("Your name").input_value() == "Nadia"
    assert "Frozenset" not in page.content()
    assert page.url.endswith("/onboarding")  # the address bar still shows the form's page
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)
    page.locator("#weekdays").scroll_into_view_if_needed()
    page.screenshot(path=shots / f"onboarding-error-{size}.png", full_page=False)
    page.get_by_label("Tue", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/onboarding/baseline")
    context.close()


def test_a_session_logged_with_too_many_sets_says_the_limit_next_to_sets(
    browser: Any, server: str, shots: Path
) -> None:
    context = browser.new_context(viewport=SIZES["390"], device_scale_factor=1)
    page = context.new_page()
    register(page, server, "log@example.org")
    onboard(page, "Lou")
    page.goto(f"{server}/log")
    sets = page.get_by_label("Sets")
    # The browser's own check (max 20) would stop the form first; the server's answer is what is tested.
    sets.evaluate("el => el.removeAttribute('max')")
    sets.fill("50")
    page.get_by_label("Notes").nth(1).fill("felt fine")
    page.get_by_role("button", name="Save the session").click()
    page.locator("#s-sets-error").wait_for()
    assert page.locator("#s-sets-error").inner_text().endswith("Enter 20 or less.")
    assert page.get_by_label("Sets").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Notes").nth(1).input_value() == "felt fine"
    assert page.get_by_label("Day").first.input_value() == dt.date.today().isoformat()
    # The person is taken to the form's alert, the cursor in the field to fix (not left at the page's top).
    page.wait_for_function("document.activeElement && document.activeElement.id === 's-sets'")
    assert (
        page.locator("#session .form-error").evaluate("el => el.getBoundingClientRect().top") > -2
    )  # sub-pixel
    assert page.locator("#session .form-error").evaluate("el => el.getBoundingClientRect().top < innerHeight")
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)
    page.screenshot(path=shots / "log-error-390.png", full_page=False)
    page.set_viewport_size(SIZES["1280"])
    page.locator("#session .form-error").scroll_into_view_if_needed()
    page.screenshot(path=shots / "log-error-1280.png", full_page=False)
    context.close()


def test_a_check_in_dated_tomorrow_is_refused_next_to_the_day_and_nothing_is_saved(
    browser: Any, server: str
) -> None:
    """Regression (issue 14): a check-in dated tomorrow was accepted."""
    context = browser.new_context(viewport=SIZES["390"], device_scale_factor=1)
    page = context.new_page()
    register(page, server, "checkin@example.org")
    onboard(page, "Cleo")
    page.goto(f"{server}/log")
    day = page.locator("#c-day")
    # The field's max stops the browser's own form first; the server's answer is what is tested.
    day.evaluate("el => el.removeAttribute('max')")
    today = dt.date.today()  # the server under test runs on this machine and reads its local date
    tomorrow = today + dt.timedelta(days=1)
    day.fill(tomorrow.isoformat())
    page.locator("#c-notes").fill("sore")
    page.get_by_role("button", name="Save the check-in").click()
    message = page.locator("#c-day-error")
    message.wait_for()
    assert message.inner_text().endswith(
        f"The check-in is dated {tomorrow.isoformat()}, in the future. "
        f"Date it {today.isoformat()} (today) or earlier."
    )
    assert day.get_attribute("aria-invalid") == "true"
    assert page.locator("#c-notes").input_value() == "sore"
    athlete = page.request.get(f"{server}/api/v1/me").json()["athlete_id"]
    assert page.request.get(f"{server}/api/v1/athletes/{athlete}/checkins").json() == []
    context.close()
