"""Log what was done and felt: sessions, check-ins and tests, checked before anything is written.

No session is stored while an urgent red flag is open (services/safety.py): the person is told what is
open, to see a doctor, and how to record the clearance.
"""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.errors import InputError
from calfcoach.domain.log import CheckIn, PerformedSession, TestResult
from calfcoach.i18n import N_
from calfcoach.library.catalog import load_catalog
from calfcoach.library.files import suggest
from calfcoach.services.days import EARLIEST, check_day
from calfcoach.services.safety import check_symptoms, refuse_while_stopped
from calfcoach.store.store import Store

__all__ = ["EARLIEST", "check_in", "check_session", "log_session", "record_test", "save_session"]


def check_session(session: PerformedSession, today: dt.date) -> None:
    """Refuse a session with unknown exercises, an impossible date, or pain laid on an exercise it lacks."""
    check_day(session.day, today, N_("the session"))
    catalog = load_catalog()
    logs = [("sets", i, s.exercise_id) for i, s in enumerate(session.sets)]
    logs += [("cardio", i, c.exercise_id) for i, c in enumerate(session.cardio)]
    for kind, index, exercise_id in logs:
        if exercise_id not in catalog:
            guess = suggest(exercise_id, catalog.ids)
            raise InputError(
                N_("exercise '{id}' is not in the library"),
                where=f"{kind}[{index}].exercise_id",
                hint=N_("did you mean '{guess}'?") if guess else N_("see `calfcoach exercises`"),
                id=exercise_id,
                guess=guess,
            )
    if not session.sets and not session.cardio:
        raise InputError(N_("the session has no sets and no cardio"), hint=N_("log at least one exercise"))
    done = dict.fromkeys(exercise_id for _, _, exercise_id in logs)
    for index, exercise_id in enumerate(session.pain_from):
        if exercise_id not in done:
            raise InputError(
                N_("'{id}' is named as causing the pain but is not logged in this session"),
                where=f"pain_from[{index}]",
                hint=N_("name exercises of this session: {done}"),
                id=exercise_id,
                done=", ".join(done),
            )


def log_session(store: Store, athlete_id: int, session: PerformedSession, *, today: dt.date) -> None:
    """Store a new session; refused, with nothing written, while an urgent red flag is open."""
    check_session(session, today)
    with store.unit_of_work() as uow:
        refuse_while_stopped(uow, athlete_id, max(today, session.day))
        uow.sessions.add(athlete_id, session)
        uow.commit()


def check_in(
    store: Store, athlete_id: int, checkin: CheckIn, *, today: dt.date, now: dt.datetime | None = None
) -> CheckIn:
    """Store a morning check-in, its symptoms checked against the check-in questions; return it as stored.

    It is stored with `now` (the caller's clock; the real time when not given) as the instant it was
    recorded, whatever the value says: that instant orders it against a clearance recorded the same day.
    """
    check_day(checkin.day, today, N_("the check-in"), ahead_days=0)
    check_symptoms(checkin.symptoms)
    stored = checkin.model_copy(update={"recorded_at": now or dt.datetime.now(dt.UTC)})
    with store.unit_of_work() as uow:
        uow.checkins.add(athlete_id, stored)
        uow.commit()
    return stored


def record_test(store: Store, athlete_id: int, result: TestResult, *, today: dt.date) -> None:
    check_day(result.day, today, N_("the test"))
    with store.unit_of_work() as uow:
        uow.tests.add(athlete_id, result)
        uow.commit()


def save_session(store: Store, athlete_id: int, session: PerformedSession, *, today: dt.date) -> None:
    """Store a session, replacing the one with its id: a player saves it again after every set.

    Refused, with nothing written, while an urgent red flag is open.
    """
    check_session(session, today)
    with store.unit_of_work() as uow:
        refuse_while_stopped(uow, athlete_id, max(today, session.day))
        uow.sessions.save(athlete_id, session)
        uow.commit()
