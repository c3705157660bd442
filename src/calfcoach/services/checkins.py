"""The next-morning check-in for the local athlete, and what it means for the next session and for safety."""

from __future__ import annotations

import datetime as dt

from calfcoach.coach.pain import pain_status
from calfcoach.coach.safety import safety_status
from calfcoach.domain.log import CheckIn
from calfcoach.library.programs import get_program
from calfcoach.library.screening import load_questionnaire
from calfcoach.services.history import load_local
from calfcoach.services.logbook import check_in
from calfcoach.services.render import all_said
from calfcoach.services.safety import lookback_days, safety_view
from calfcoach.services.views import CheckedIn, PainView
from calfcoach.store.store import Store

LOOKBACK_DAYS = 28


def morning_check_in(
    store: Store,
    entry: CheckIn,
    *,
    today: dt.date,
    now: dt.datetime | None = None,
    language: str | None = None,
) -> CheckedIn:
    """Store the check-in (one transaction), recorded at `now`, then return the pain rule's verdict on that
    day and the safety status it leaves (a symptom such as calf swelling stops training at once: "see a
    doctor today", even after a clearance recorded earlier that day).

    The verdict is written in `language` when the shell knows the reader's (the CLI falls back to the
    machine's locale for a person who chose none), else in the profile's."""
    athlete, _ = load_local(store, since=today)
    check_in(store, athlete.id, entry, today=today, now=now)
    limits = get_program(athlete.profile.program_id).pain
    since = min(
        entry.day - dt.timedelta(days=LOOKBACK_DAYS), today - dt.timedelta(days=lookback_days(limits))
    )
    _, recent = load_local(store, since=since)
    status = pain_status(recent, entry.day, limits)
    units, language = athlete.profile.preferred_units, language or athlete.profile.language
    return CheckedIn(
        day=entry.day,
        morning_pain=entry.morning_pain,
        stiffness=entry.stiffness,
        symptoms=list(entry.symptoms),
        pain=PainView(action=status.action.value, reasons=all_said(status.reasons, units, language)),
        safety=safety_view(safety_status(recent, today, load_questionnaire(), limits), units, language),
    )
