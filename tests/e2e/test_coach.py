"""In Chromium: a coach opens a client's printable report, and the coach's pages fit a 390 px phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.flows import onboard, register
from tests.e2e.test_navigation import CHARTS_DRAWN

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def _coach_with_a_client(browser: Any, server: str, viewport: dict[str, int]) -> tuple[Any, Any]:
    """A coach (in a context of this size) who invited Bea, who joined and onboarded; return both pages."""
    coach = browser.new_context(viewport=viewport, device_scale_factor=1).new_page()
    register(coach, server, "coach@example.org", coach=True)
    coach.wait_for_url("**/coach")
    coach.get_by_role("button", name="Invite a client").click()
    link = coach.locator("#invite-link").inner_text()
    athlete = browser.new_context(viewport=PHONE, device_scale_factor=1).new_page()
    athlete.goto(link)
    athlete.get_by_role("link", name="Create an account").click()
    athlete.wait_for_url("**/register?code=*")
    register(athlete, server, "bea@example.org", navigate=False)
    onboard(athlete, "Bea Longname-Ferreira-Oyelaran")
    return coach, athlete


def test_a_coach_opens_a_clients_printable_report(browser: Any, server: str, shots: Path) -> None:
    coach, _ = _coach_with_a_client(browser, server, {"width": 1280, "height": 800})
    coach.goto(f"{server}/coach")
    coach.get_by_role("link", name="Bea Longname-Ferreira-Oyelaran", exact=True).click()
    coach.wait_for_url("**/coach/clients/*")
    coach.get_by_role("link", name="Progress report").click()
    coach.wait_for_url("**/coach/clients/*/report")
    coach.get_by_role("heading", name="Progress report: Bea Longname-Ferreira-Oyelaran").wait_for()
    # The report's own content, not an error page or the onboarding: the baseline test read out.
    assert coach.get_by_role("heading", name="Latest tests").is_visible()
    assert coach.get_by_role("heading", name="heel raise, ").count() == 1
    coach.wait_for_function(CHARTS_DRAWN)
    coach.screenshot(path=shots / "coach-report-1280.png", full_page=True)
    coach.get_by_role("link", name="Back to Bea Longname-Ferreira-Oyelaran's page").click()
    coach.wait_for_url("**/coach/clients/*")
    coach.goto(f"{server}/coach")
    coach.screenshot(path=shots / "coach-1280.png", full_page=True)
    coach.get_by_role("link", name="Progress report for Bea Longname-Ferreira-Oyelaran").click()
    coach.wait_for_url("**/coach/clients/*/report")


def test_the_coachs_dashboard_and_client_page_fit_a_390_px_phone(
    browser: Any, server: str, shots: Path
) -> None:
    coach, _ = _coach_with_a_client(browser, server, PHONE)
    coach.goto(f"{server}/coach")
    coach.get_by_role("link", name="Bea Longname-Ferreira-Oyelaran", exact=True).wait_for()
    width = "document.scrollingElement.scrollWidth"
    assert coach.evaluate(width) <= PHONE["width"]
    coach.screenshot(path=shots / "coach-390.png", full_page=True)
    coach.get_by_role("button", name="Invite a client").click()  # the link is long and unbroken
    coach.locator("#invite-link").wait_for()
    assert coach.evaluate(width) <= PHONE["width"]
    coach.get_by_role("link", name="Bea Longname-Ferreira-Oyelaran", exact=True).click()
    coach.wait_for_url("**/coach/clients/*")
    assert coach.evaluate(width) <= PHONE["width"]
    coach.screenshot(path=shots / "coach-client-390.png", full_page=True)
    coach.get_by_role("link", name="Progress report").click()
    coach.wait_for_url("**/coach/clients/*/report")
    assert coach.evaluate(width) <= PHONE["width"]
    coach.wait_for_function(CHARTS_DRAWN)
    coach.screenshot(path=shots / "coach-report-390.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_coach_reads_a_clients_pain_flag_in_the_language_they_chose(
    browser: Any, server: str, shots: Path, width: int
) -> None:
    coach, athlete = _coach_with_a_client(browser, server, {"width": width, "height": 844})
    athlete.goto(f"{server}/log")
    athlete.locator("#c-pain").fill("7")
    athlete.get_by_role("button", name="Save the check-in").click()
    athlete.wait_for_url("**/history")
    coach.goto(f"{server}/coach")
    row = coach.locator("table.clients tbody tr").first
    assert "morning pain 7/10 on" in row.inner_text()
    # Registered on an English page, the coach's account reads English whatever the browser asks later:
    # they choose German on the account page.
    coach.goto(f"{server}/settings/account")
    coach.get_by_label("Pages in").select_option("de")
    coach.get_by_role("button", name="Save the language").click()
    coach.get_by_role("heading", name="Ihr Konto").wait_for()
    coach.goto(f"{server}/coach")
    german = row.inner_text()
    assert "Morgenschmerz 7/10 am" in german
    assert "morning pain" not in german
    assert coach.evaluate("document.scrollingElement.scrollWidth") <= width
    if width > PHONE["width"]:
        # The flags are sentences: the desktop's pain column wrapped them a word or two a line (about 160 px).
        cell = coach.locator("td.pain-cell").first.bounding_box()
        assert cell is not None
        assert cell["width"] >= 250
        # ... and the table still fits the page's column, beside the form above it.
        table = coach.locator("table.clients").bounding_box()
        main = coach.locator("main").bounding_box()
        assert table is not None
        assert main is not None
        assert table["x"] + table["width"] <= main["x"] + main["width"]
    coach.screenshot(path=shots / f"coach-pain-de-{width}.png", full_page=True)
