"""The next-morning check-in for the local athlete, and what it means for the next session."""

from __future__ import annotations

import datetime as dt
from typing import Any

from calfcoach.coach.pain import pain_status
from calfcoach.domain.log import CheckIn
from calfcoach.library.programs import get_program
from calfcoach.services.history import load_local
from calfcoach.services.logbook import check_in
from calfcoach.store.store import Store

LOOKBACK_DAYS = 28


def morning_check_in(store: Store, entry: CheckIn, *, today: dt.date) -> dict[str, Any]:
    """Store the check-in (one transaction), then return the pain rule's verdict on that day."""
    athlete, _ = load_local(store, since=today)
    check_in(store, athlete.id, entry, today=today)
    _, recent = load_local(store, since=entry.day - dt.timedelta(days=LOOKBACK_DAYS))
    status = pain_status(recent, entry.day, get_program(athlete.profile.program_id).pain)
    return {
        "day": entry.day.isoformat(),
        "morning_pain": entry.morning_pain,
        "stiffness": entry.stiffness,
        "pain": {"action": status.action.value, "reasons": list(status.reasons)},
    }
