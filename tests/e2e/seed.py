"""Six weeks of logged training written straight into the e2e server's database, so pages have something
to show (charts over several weeks, a history, a report) without clicking through forty sessions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from calfcoach.domain.log import CardioLog, CheckIn, PerformedSession, SetLog, TestKind, TestResult
from calfcoach.services import logbook
from calfcoach.store import open_store

WEEKS = 6


def seed_history(database: Path, email: str, *, today: dt.date) -> None:
    """Log three sessions a week for six weeks before `today`, each with a morning check-in, and a
    heel-rise test every two weeks, for the onboarded person registered as `email`.

    The program's start moves back to the first of those weeks, as if the person had been training all
    along: a recording from late yesterday then counts as a session like any other, whatever the hour the
    test runs at (with the start left at today, a walk begun before midnight was not counted)."""
    with open_store(f"sqlite:///{database}") as store:
        with store.reader() as uow:
            user = uow.users.by_email(email)
            assert user is not None, f"{email} is not registered"
            athlete = uow.athletes.by_user(user.id)
            assert athlete is not None, f"{email} has not onboarded"
            athlete_id = athlete.id
        first = today - dt.timedelta(weeks=WEEKS)
        with store.unit_of_work() as uow:
            uow.athletes.update(athlete_id, athlete.profile.model_copy(update={"start_date": first}))
            uow.commit()
        for i in range(WEEKS * 3):
            day = first + dt.timedelta(days=i * 7 // 3)
            session = PerformedSession(
                id=f"seed-{i}",
                day=day,
                program_id="calf-foundations-to-running",
                phase_id="foundations",
                template_id="seed",
                sets=(
                    SetLog(exercise_id="calf-raise-step", set_index=0, reps=10 + i // 2),
                    SetLog(exercise_id="bent-knee-calf-raise", set_index=0, reps=8 + i // 3),
                ),
                cardio=(CardioLog(exercise_id="brisk-walk", duration_s=1500, distance_m=2000 + 37 * i),),
                pain_during=(i * 3) % 5,
                pain_after=(i * 2) % 4,
            )
            logbook.log_session(store, athlete_id, session, today=today)
            checkin = CheckIn(day=day + dt.timedelta(days=1), morning_pain=i % 3)
            logbook.check_in(store, athlete_id, checkin, today=today)
        for week in range(0, WEEKS, 2):
            test = TestResult(
                day=first + dt.timedelta(weeks=week),
                kind=TestKind.HEEL_RAISE,
                left=12 + 2 * week,
                right=15 + week,
            )
            logbook.record_test(store, athlete_id, test, today=today)
