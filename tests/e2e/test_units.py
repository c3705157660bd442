"""In Chromium: Today in mph for a person who chose imperial units at onboarding, and the player's target."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from calfcoach.domain.exercise import Dose
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.domain.units import Units, UnitSystem
from calfcoach.library.catalog import load_catalog
from calfcoach.services.render import session_view
from calfcoach.web.pages.player import player_data
from calfcoach.web.templating import templates
from tests.activities.helpers import DATA
from tests.e2e.flows import onboard, register
from tests.e2e.test_accessibility import FAILING, axe, described
from tests.e2e.test_player import ORIGIN, _answer
from tests.e2e.test_today import SIZES

pytestmark = pytest.mark.e2e
IMPERIAL = Units.chosen(UnitSystem.IMPERIAL)
RUN = DATA / "fit" / "activity-small-fenix2-run.fit"  # a Garmin fenix 2: 9.0 km (5.61 mi) run, HR, GPS


def test_today_speaks_mph_to_a_person_who_chose_imperial_at_onboarding(
    browser: Any, server: str, shots: Path
) -> None:
    context = browser.new_context(viewport=SIZES["phone"], device_scale_factor=1, has_touch=True)
    page = context.new_page()
    page.clock.install(time=dt.datetime.now(dt.UTC))  # timers move only when the test says so
    register(page, server, "miles@example.org")
    page.wait_for_url("**/onboarding**")
    page.get_by_label("Your name").fill("Mo")
    # Every day from next Wednesday: the first session, shown on Today as the next one, is the walk.
    today = dt.date.today()
    page.get_by_label("Start on").fill(
        (today + dt.timedelta(days=(2 - today.weekday()) % 7 or 7)).isoformat()
    )
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        page.get_by_label(day, exact=True).check()
    page.get_by_label("Units").select_option("imperial")
    for radio in page.locator('input[type="radio"][value="no"]').all():
        radio.check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/onboarding/baseline")
    page.get_by_label("Left leg: full rises").fill("15")
    page.get_by_label("Right leg: full rises").fill("17")
    page.get_by_role("button", name="Save the test").click()
    page.wait_for_url("**/today")

    main = page.locator("main").inner_text()
    assert "Brisk walk: 20 min, at 3.1 mph" in main
    assert "km/h" not in main
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)
    page.screenshot(path=shots / "today-imperial-phone.png", full_page=True)
    page.set_viewport_size(SIZES["desktop"])
    page.screenshot(path=shots / "today-imperial-desktop.png", full_page=True)

    context.close()


def test_the_player_gives_a_walk_its_target_in_mph(browser: Any, shots: Path) -> None:
    walk = PlannedItem(
        exercise_id="brisk-walk", block="walk", dose=Dose(duration_s=1200, speed_kmh=5.0), reason="easy"
    )
    planned = PlannedSession(
        day=dt.date(2026, 11, 25), program_id="p", phase_id="ph", template_id="t", name="Walk",
        items=(walk,), minutes=20,
    )  # fmt: skip
    session = session_view(planned, load_catalog(), IMPERIAL).model_dump(mode="json")
    data = player_data(1, planned.day, session, {"action": "continue", "reasons": []}, IMPERIAL)
    assert "at 3.1 miles per hour" in str(data["guides"])  # what the voice says
    html = templates.get_template("player.html").render(csrf="test-csrf", user=None, data=data)
    context = browser.new_context(viewport=SIZES["phone"], service_workers="block")
    page = context.new_page()
    page.clock.install(time=dt.datetime(2026, 11, 25, 7, tzinfo=dt.UTC))
    page.route(f"{ORIGIN}/**", lambda route: _answer(route, html))
    page.goto(f"{ORIGIN}/player")
    page.get_by_role("button", name="Start").click()
    assert page.locator("#set-line").inner_text() == "Target pace: 19:19 min/mi"
    assert "km/h" not in page.locator("main").inner_text()
    page.screenshot(path=shots / "player-imperial-phone.png", full_page=True)
    context.close()


def test_an_imported_run_reads_in_miles_with_mile_splits_on_a_phone(
    browser: Any, server: str, shots: Path
) -> None:
    context = browser.new_context(viewport=SIZES["phone"], device_scale_factor=1, has_touch=True)
    page = context.new_page()
    register(page, server, "ivy@example.org")
    onboard(page, "Ivy", start=dt.date(2015, 8, 10), units="imperial")  # the program ran on the run's day
    page.goto(f"{server}/activities")
    page.locator("#files").set_input_files(str(RUN))
    page.locator("#upload-report .upload-result").wait_for()
    page.clock.install(time=dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC))
    assert "5.61 mi" in page.locator("#activity-list").inner_text()
    page.locator("#activity-list a", has_text="Aug 15, 2015").click()
    page.wait_for_url("**/activities/*")
    figures = page.locator(".figures").inner_text()
    assert "5.61 mi" in figures
    assert "8:25 /mi" in figures
    assert "+266 ft" in figures
    assert page.get_by_role("heading", name="Mile splits").is_visible()
    assert page.locator("table.splits tbody tr").count() == 6  # five miles and the last 3199 ft
    assert page.eval_on_selector(".table-scroll", "e => e.scrollWidth <= e.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES["phone"]["width"]
    serious = [v for v in axe(page) if v["impact"] in FAILING]
    assert not serious, described(page.url, serious)
    page.screenshot(path=shots / "activity-imperial-phone.png", full_page=True)
    page.set_viewport_size(SIZES["desktop"])
    page.screenshot(path=shots / "activity-imperial-desktop.png", full_page=True)
    context.close()
