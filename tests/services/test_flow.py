"""The use cases end to end on SQLite and PostgreSQL: sign up, today, log, check in, test."""

import datetime as dt

import pytest

from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import Equipment
from calfcoach.domain.log import CheckIn, PerformedSession, SetLog, TestKind, TestResult
from calfcoach.domain.profile import Profile
from calfcoach.services.athletes import NotSetUpError, create_athlete, local_athlete, questionnaire
from calfcoach.services.logbook import check_in, log_session, record_test
from calfcoach.services.today import today_view
from calfcoach.store.store import Store

MONDAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 7, 30, tzinfo=dt.UTC)
PROFILE = Profile(
    start_date=MONDAY,
    weekdays=frozenset({0, 2, 4}),
    equipment=frozenset({Equipment.STEP, Equipment.WALL, Equipment.CHAIR}),
)
ALL_NO = {q.id: False for q in questionnaire().questions}


def test_before_sign_up_commands_say_to_run_init(store: Store) -> None:
    with store.reader() as uow, pytest.raises(NotSetUpError, match="calfcoach init"):
        local_athlete(uow)


def test_a_yes_in_screening_is_kept_with_its_advice(store: Store) -> None:
    answers = dict(ALL_NO, **{"calf-swelling": True})
    athlete_id, outcome = create_athlete(store, PROFILE, answers, now=NOW)
    assert outcome.urgent
    assert "blood clot" in outcome.advice[0]
    with store.reader() as uow:
        stored = uow.screenings.latest(athlete_id)
    assert stored is not None
    assert stored[1]["calf-swelling"] is True


def test_an_incomplete_screening_writes_nothing(store: Store) -> None:
    with pytest.raises(InputError, match="unanswered"):
        create_athlete(store, PROFILE, {"heart": False}, now=NOW)
    with store.reader() as uow:
        assert uow.athletes.count() == 0


def test_today_prescribes_then_progresses_from_what_was_logged(store: Store) -> None:
    athlete_id, _ = create_athlete(store, PROFILE, ALL_NO, now=NOW)
    with store.reader() as uow:
        athlete = local_athlete(uow)
        first = today_view(athlete.profile, uow.history(athlete_id), MONDAY).model_dump(mode="json")
    assert first["session"]["template_id"] == "strength-a"
    calf = next(i for i in first["session"]["items"] if i["exercise_id"] == "calf-raise-step")
    assert calf["dose"]["reps"] == 10
    done = PerformedSession(
        id="mon",
        day=MONDAY,
        program_id=first["program"]["id"],
        phase_id=first["phase"]["id"],
        template_id="strength-a",
        sets=tuple(
            SetLog(exercise_id="calf-raise-step", block="calves", set_index=i, reps=12) for i in range(2)
        ),
        rpe=5,
    )
    log_session(store, athlete_id, done, today=MONDAY)
    check_in(
        store,
        athlete_id,
        CheckIn(day=MONDAY + dt.timedelta(days=1), morning_pain=0),
        today=MONDAY + dt.timedelta(days=1),
    )
    with store.reader() as uow:
        friday = today_view(
            athlete.profile, uow.history(athlete_id), MONDAY + dt.timedelta(days=4)
        ).model_dump(mode="json")
    calf = next(i for i in friday["session"]["items"] if i["exercise_id"] == "calf-raise-step")
    assert calf["dose"]["reps"] == 13
    assert "12 -> 13" in calf["reason"]


def test_a_rest_day_shows_the_next_session(store: Store) -> None:
    create_athlete(store, PROFILE, ALL_NO, now=NOW)
    with store.reader() as uow:
        athlete = local_athlete(uow)
        view = today_view(athlete.profile, uow.history(athlete.id), MONDAY + dt.timedelta(days=1)).model_dump(
            mode="json"
        )
    assert view["session"] is None
    assert view["next_session"]["day"] == (MONDAY + dt.timedelta(days=2)).isoformat()
    assert "not medical advice" in view["disclaimer"]


def test_unknown_exercises_and_future_dates_are_refused_and_nothing_is_written(store: Store) -> None:
    athlete_id, _ = create_athlete(store, PROFILE, ALL_NO, now=NOW)
    bad = PerformedSession(
        id="x",
        day=MONDAY,
        program_id="p",
        phase_id="f",
        template_id="t",
        sets=(SetLog(exercise_id="calf-rasie-step", set_index=0, reps=10),),
    )
    with pytest.raises(InputError, match="did you mean 'calf-raise-step'"):
        log_session(store, athlete_id, bad, today=MONDAY)
    future = TestResult(day=MONDAY + dt.timedelta(days=30), kind=TestKind.HEEL_RAISE, left=20, right=20)
    with pytest.raises(InputError, match="in the future"):
        record_test(store, athlete_id, future, today=MONDAY)
    with store.reader() as uow:
        history = uow.history(athlete_id)
    assert history.sessions == ()
    assert history.tests == ()
