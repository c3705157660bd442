"""Log what was done and felt: sessions, check-ins and tests, checked before anything is written."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.errors import InputError
from calfcoach.domain.log import CheckIn, PerformedSession, TestResult
from calfcoach.library.catalog import load_catalog
from calfcoach.library.files import suggest
from calfcoach.store.store import Store

EARLIEST = dt.date(2000, 1, 1)


def _check_day(day: dt.date, today: dt.date, what: str) -> None:
    # One day of slack: a person east of the server's time zone may already be in tomorrow.
    if day > today + dt.timedelta(days=1):
        raise InputError(
            f"{what} is dated {day.isoformat()}, in the future",
            where="day",
            hint="log what was done, not planned",
        )
    if day < EARLIEST:
        raise InputError(f"{what} is dated {day.isoformat()}, before {EARLIEST.year}", where="day")


def check_session(session: PerformedSession, today: dt.date) -> None:
    """Refuse a session with unknown exercises or an impossible date, naming the place."""
    _check_day(session.day, today, "the session")
    catalog = load_catalog()
    logs = [("sets", i, s.exercise_id) for i, s in enumerate(session.sets)]
    logs += [("cardio", i, c.exercise_id) for i, c in enumerate(session.cardio)]
    for kind, index, exercise_id in logs:
        if exercise_id not in catalog:
            guess = suggest(exercise_id, catalog.ids)
            raise InputError(
                f"exercise '{exercise_id}' is not in the library",
                where=f"{kind}[{index}].exercise_id",
                hint=f"did you mean '{guess}'?" if guess else "see `calfcoach exercises`",
            )
    if not session.sets and not session.cardio:
        raise InputError("the session has no sets and no cardio", hint="log at least one exercise")


def log_session(store: Store, athlete_id: int, session: PerformedSession, *, today: dt.date) -> None:
    check_session(session, today)
    with store.unit_of_work() as uow:
        uow.sessions.add(athlete_id, session)
        uow.commit()


def check_in(store: Store, athlete_id: int, checkin: CheckIn, *, today: dt.date) -> None:
    _check_day(checkin.day, today, "the check-in")
    with store.unit_of_work() as uow:
        uow.checkins.add(athlete_id, checkin)
        uow.commit()


def record_test(store: Store, athlete_id: int, result: TestResult, *, today: dt.date) -> None:
    _check_day(result.day, today, "the test")
    with store.unit_of_work() as uow:
        uow.tests.add(athlete_id, result)
        uow.commit()
