"""In Chromium: onboarding takes the browser's time zone, and Today is the day where the person is."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from calfcoach import i18n
from tests.e2e.flows import PASSWORD

pytestmark = pytest.mark.e2e

# At any moment of the year Auckland is 11 to 13 hours ahead of UTC: for a good part of each day its date
# is not the server's (this machine runs in UTC or close to it).
ZONE = "Pacific/Auckland"


def _zone_day() -> dt.date:
    return dt.datetime.now(ZoneInfo(ZONE)).date()


def test_a_person_in_auckland_gets_their_zone_filled_in_and_their_own_today(
    browser: Any, server: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id=ZONE)
    page = context.new_page()
    page.goto(f"{server}/register")
    page.get_by_label("E-mail address").fill("kiwi@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/onboarding**")
    expect(page.get_by_label("Your time zone")).to_have_value(ZONE)  # filled once the page has settled
    page.get_by_label("Your name").fill("Kiwi")
    for radio in page.locator('input[type="radio"][value="no"]').all():
        radio.check()
    before = _zone_day()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/onboarding/baseline")
    page.goto(f"{server}/today")
    heading = page.get_by_role("heading", level=1).inner_text()
    # Read twice around the page: the test may run across Auckland's midnight. The heading gives the day as
    # the page's locale writes it ("Sun, Dec 6"), not in ISO.
    days = {i18n.format_skeleton(d, "en", "MMMEd") for d in (before, _zone_day())}
    assert any(day in heading for day in days), (heading, days)
    context.close()


def test_a_browser_zone_the_server_does_not_know_is_left_empty_not_sent(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    unknown = "({ resolvedOptions: () => ({ timeZone: 'Etc/Unknown' }) })"
    page.add_init_script(f"Intl.DateTimeFormat = function () {{ return {unknown}; }};")
    page.goto(f"{server}/register")
    page.get_by_label("E-mail address").fill("nowhere@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/onboarding**")
    page.get_by_label("Your name").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("Your time zone").input_value() == ""
    context.close()
