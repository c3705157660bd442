"""A session done elsewhere, logged after the fact: matched to that day's plan so progression counts it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from calfcoach.coach.phases import phase_on
from calfcoach.domain.log import CardioLog, PainSite, PerformedSession, SetLog
from calfcoach.services.coaching import coach_for, session_for
from calfcoach.services.history import load_local
from calfcoach.services.logbook import log_session
from calfcoach.store.store import Store

UNPLANNED = "unplanned"


def log_done(
    store: Store,
    *,
    day: dt.date,
    sets: Sequence[SetLog],
    cardio: Sequence[CardioLog],
    today: dt.date,
    rpe: float | None = None,
    pain_during: int = 0,
    pain_after: int = 0,
    pain_from: tuple[str, ...] = (),
    pain_site: PainSite | None = None,
    notes: str = "",
) -> PerformedSession:
    """Store a session done on `day`, in the block the plan gave each exercise that day; one transaction."""
    athlete, history = load_local(store)
    planned = session_for(athlete.profile, history, day)
    if planned is not None:
        program_id, phase_id, template_id = planned.program_id, planned.phase_id, planned.template_id
        blocks = {item.exercise_id: item.block for item in planned.items}
    else:
        coach = coach_for(athlete.profile)
        phase = phase_on(coach.program, history, day, athlete.profile.start_date)
        program_id, phase_id, template_id = coach.program.id, phase.phase.id, UNPLANNED
        blocks = {}
    session = PerformedSession(
        id=f"log-{uuid.uuid4().hex[:12]}",
        day=day,
        program_id=program_id,
        phase_id=phase_id,
        template_id=template_id,
        planned_for=None if planned is None else planned.day,
        sets=tuple(s.model_copy(update={"block": s.block or blocks.get(s.exercise_id)}) for s in sets),
        cardio=tuple(c.model_copy(update={"block": c.block or blocks.get(c.exercise_id)}) for c in cardio),
        rpe=rpe,
        pain_during=pain_during,
        pain_after=pain_after,
        pain_from=pain_from,
        pain_site=pain_site,
        notes=notes,
    )
    log_session(store, athlete.id, session, today=today)
    return session
