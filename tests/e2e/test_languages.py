"""In Chromium set to German: registration, onboarding and Today in German, on a phone's width."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.flows import PASSWORD, register
from tests.e2e.test_accessibility import FAILING, axe, described

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
# The onboarding's training days as the German page names them, Monday first.
GERMAN_DAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


def test_a_german_browser_gets_german_pages_through_to_today(browser: Any, server: str, shots: Path) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True, locale="de-DE")
    page = context.new_page()
    page.goto(f"{server}/register")
    assert page.locator("html").get_attribute("lang") == "de"
    page.get_by_label("E-Mail-Adresse").fill("greta@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Registrieren").click()
    page.wait_for_url("**/onboarding**")
    assert page.get_by_role("heading", name="Richten wir alles für Sie ein").is_visible()
    assert page.get_by_label("Sprache").input_value() == "de"
    page.get_by_label("Ihr Name").fill("Greta")
    today = GERMAN_DAYS[dt.date.today().weekday()]  # the server runs here and reads this machine's date
    for day in GERMAN_DAYS:
        box = page.get_by_label(day, exact=True)
        box.check() if day == today else box.uncheck()
    for radio in page.locator('input[type="radio"][value="no"]').all():
        radio.check()
    page.get_by_role("button", name="Speichern und weiter").click()
    page.wait_for_url("**/onboarding/baseline")
    page.get_by_label("Linkes Bein: vollständige Wiederholungen").fill("15")
    page.get_by_label("Rechtes Bein: vollständige Wiederholungen").fill("17")
    page.get_by_role("button", name="Test speichern").click()
    page.wait_for_url("**/today")
    assert page.get_by_role("heading", name="Heute", exact=False).first.is_visible()
    assert page.get_by_role("heading", name="Wenn es wehtut").is_visible()
    assert page.get_by_role("link", name="Einheit starten").is_visible()
    assert page.get_by_text("CalfCoach ist keine medizinische Beratung", exact=False).is_visible()
    # German words are longer: nothing may push the page wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)
    page.screenshot(path=shots / "today-german-phone.png", full_page=True)
    # The player's own script speaks German too: its lines come from the page's catalog (#messages).
    page.get_by_role("link", name="Einheit starten").click()
    page.wait_for_url("**/player")
    page.locator("#start-button").click()
    page.locator("#stage").wait_for(state="visible")
    assert page.locator("#progress-line").inner_text().startswith("Übung 1 von ")
    assert "Satz fertig" in page.locator("#done-button").inner_text()
    dose = page.locator("#ex-dose").inner_text()
    assert not any(word in dose for word in (" rest ", " hold", "each side")), dose
    page.screenshot(path=shots / "player-german-phone.png", full_page=True)
    # A set of reps shows all four buttons (Metronom, −1, Stumm, Satz fertig): they wrap, not widen the page.
    for _ in range(6):  # past the walk to the first set of reps
        if page.locator("#minus-button").is_visible():
            break
        page.locator("#done-button").click()
    assert page.locator("#minus-button").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=shots / "player-german-reps-phone.png", full_page=True)
    page.goto(page.url.replace("/player", "/progress"))
    page.locator(".vega svg").first.wait_for(state="visible")
    assert "Wadentraining pro Woche" in page.locator("#chart-calf-volume").inner_text()
    page.screenshot(path=shots / "progress-german-phone.png", full_page=True)
    context.close()


@pytest.mark.parametrize("size", ["390", "1280"])
def test_a_coach_chooses_german_on_the_account_page_and_keeps_it_in_any_browser(
    browser: Any, server: str, shots: Path, size: str
) -> None:
    viewport = PHONE if size == "390" else {"width": 1280, "height": 800}
    context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="en-US")
    page = context.new_page()
    register(page, server, f"coach-{size}@example.org", coach=True)
    page.wait_for_url("**/coach")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    page.wait_for_url("**/settings/account")
    assert page.get_by_label("Pages in").input_value() == "en"
    page.screenshot(path=shots / f"account-language-coach-{size}.png", full_page=True)
    page.get_by_label("Pages in").select_option("de")
    page.get_by_role("button", name="Save the language").click()
    page.get_by_role("heading", name="Ihr Konto").wait_for()
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_label("Seiten auf").input_value() == "de"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)
    page.screenshot(path=shots / f"account-language-coach-german-{size}.png", full_page=True)
    context.close()
    # Another browser, set to English: signed in, the coach's pages are German.
    other = browser.new_context(viewport=viewport, device_scale_factor=1, locale="en-US").new_page()
    other.goto(f"{server}/login")
    other.get_by_label("E-mail address").fill(f"coach-{size}@example.org")
    other.get_by_label("Password").fill(PASSWORD)
    other.get_by_role("button", name="Sign in").click()
    other.wait_for_url("**/coach")
    assert other.locator("html").get_attribute("lang") == "de"
    assert other.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    other.screenshot(path=shots / f"coach-german-{size}.png", full_page=True)
