"""What to do today: the prescribed session (or the next one), the phase, what the next phase needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from calfcoach import MEDICAL_DISCLAIMER
from calfcoach.coach.pain import pain_status
from calfcoach.coach.phases import phase_on
from calfcoach.coach.prescribe import prescribe
from calfcoach.domain.log import History
from calfcoach.domain.profile import Profile
from calfcoach.services.coaching import coach_for
from calfcoach.services.render import session_view

HORIZON_DAYS = 14


def today_view(profile: Profile, history: History, day: dt.date) -> dict[str, Any]:
    """The JSON-ready answer to "what do I do today?" (documented in docs/cli.md)."""
    coach = coach_for(profile)
    # One replay of the phase gates serves today's phase, today's session and the days after it.
    phase = phase_on(coach.program, history, day, profile.start_date)
    session = prescribe(day, coach, history, phase=phase)
    upcoming = None
    if session is None:
        for offset in range(1, HORIZON_DAYS):
            upcoming = prescribe(day + dt.timedelta(days=offset), coach, history, phase=phase)
            if upcoming is not None:
                break
    pain = pain_status(history, day, coach.program.pain)
    done_today = [s.id for s in history.sessions if s.day == day]
    return {
        "day": day.isoformat(),
        "program": {"id": coach.program.id, "name": coach.program.name},
        "phase": {
            "id": phase.phase.id,
            "name": phase.phase.name,
            "goal": phase.phase.goal.strip(),
            "since": phase.start.isoformat(),
            "week": phase.week_on(day),
        },
        "next_phase": None
        if phase.next_phase is None or phase.next_gate is None
        else {
            "id": phase.next_phase.id,
            "name": phase.next_phase.name,
            "ready": phase.next_gate.open,
            "met": list(phase.next_gate.met),
            "missing": list(phase.next_gate.unmet),
        },
        "pain": {"action": pain.action.value, "reasons": list(pain.reasons)},
        "session": None if session is None else session_view(session, coach.catalog),
        "next_session": None if upcoming is None else session_view(upcoming, coach.catalog),
        "done_today": done_today,
        "disclaimer": MEDICAL_DISCLAIMER,
    }
