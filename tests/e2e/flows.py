"""Steps people take in the browser, shared by the end-to-end tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

PASSWORD = "correct horse battery"
MAX_STEPS = 80


def register(page: Any, base: str, email: str, *, coach: bool = False, navigate: bool = True) -> None:
    """Register through the form (already on it when an invitation link led there)."""
    if navigate:
        page.goto(f"{base}/register")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    if coach:
        page.get_by_label("a coach or physiotherapist").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state("networkidle")


def onboard(
    page: Any,
    name: str,
    *,
    left: int = 15,
    right: int = 17,
    start: dt.date | None = None,
    units: str | None = None,
) -> None:
    """Fill the onboarding wizard: today's weekday the one training day (so today has a session, whatever
    day the tests run on: a week of three sessions laid on seven days leaves some days free), every
    screening answer no, a baseline test. `start` is the program's first day (default: today); `units`
    "imperial" to choose miles and pounds."""
    page.wait_for_url("**/onboarding**")
    page.get_by_label("Your name").fill(name)
    if start is not None:
        page.get_by_label("Start on").fill(start.isoformat())
    # The server under test runs on this machine and reads its local date, as this does.
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    today = names[dt.date.today().weekday()]
    for day in names:  # the form ticks Mon, Wed and Fri for a start
        if day == today:
            page.get_by_label(day, exact=True).check()
        else:
            page.get_by_label(day, exact=True).uncheck()
    if units is not None:
        page.get_by_label("Units", exact=True).select_option(units)
    for radio in page.locator('input[type="radio"][value="no"]').all():
        radio.check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/onboarding/baseline")
    page.get_by_label("Left leg: full rises").fill(str(left))
    page.get_by_label("Right leg: full rises").fill(str(right))
    page.get_by_role("button", name="Save the test").click()
    page.wait_for_url("**/today")


def do_the_step(page: Any, *, reps: int = 3) -> None:
    """Count `reps` taps on a set of reps and press "Set done"; a timed walk or hold is not started, so
    "Set done" logs it as prescribed (a timer started and stopped at once would log nothing)."""
    if page.locator("#rep-button .rep-label").inner_text() == "reps: tap":
        for _ in range(reps):
            page.locator("#rep-button").click()
    page.get_by_role("button", name="Set done", exact=True).click()


def do_the_session(page: Any, *, reps: int = 3) -> int:
    """Start the player and do every set with `reps` taps; return how many sets were done."""
    page.get_by_role("button", name="Start").click()
    done = 0
    while page.locator("#stage").is_visible() and done < MAX_STEPS:
        do_the_step(page, reps=reps)
        done += 1
    page.get_by_label("Pain during the session (0 none, 10 worst)").fill("2")
    page.get_by_label("Pain now (0 to 10)").fill("1")
    page.get_by_role("button", name="Save and finish").click()
    page.locator("#saved").wait_for(state="visible")
    return done
