import datetime as dt

import pytest

from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import Side
from calfcoach.domain.log import CheckIn
from calfcoach.library.catalog import load_catalog
from calfcoach.services import logbook
from calfcoach.services.session_runner import NoSessionTodayError, SessionRecorder, session_today, steps_of
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, NOW, sign_up


def test_steps_unroll_every_set_with_sides_in_turn_and_rest_between_sets(store: Store) -> None:
    sign_up(store)
    _, planned = session_today(store, MONDAY)
    steps = steps_of(planned, load_catalog())
    for item in planned.items:
        mine = [s for s in steps if s.exercise_id == item.exercise_id and s.block == item.block]
        if item.dose.is_cardio:
            assert len(mine) == 1
            assert mine[0].duration_s == item.dose.duration_s
            guide = mine[0].guide  # the terminal follows the web player's script
            assert guide is not None
            assert guide.done_at(guide.total_s)[0] == item.dose.duration_s
            continue
        # A hold is counted down by its script; a set of reps is counted by the person.
        assert all((s.guide is not None) is (item.dose.hold_s is not None) for s in mine)
        sides = 2 if item.dose.per_side else 1
        assert len(mine) == (item.dose.sets or 1) * sides
        assert mine[-1].rest_s == 0  # no rest after the last set
        if item.dose.per_side:
            assert [s.side for s in mine[:2]] == [Side.LEFT, Side.RIGHT]


def test_the_recorder_saves_the_session_after_every_set(store: Store) -> None:
    athlete_id = sign_up(store)
    _, planned = session_today(store, MONDAY)
    strength = [s for s in steps_of(planned, load_catalog()) if not s.is_cardio]
    recorder = SessionRecorder(store, athlete_id, planned, today=MONDAY, started_at=NOW)
    for done, step in enumerate(strength[:3], 1):
        recorder.add_set(step)
        with store.reader() as uow:
            stored = uow.sessions.get(athlete_id, recorder.uid)
        assert stored is not None
        assert len(stored.sets) == done
        assert stored.completed is False
    finished = recorder.finish(rpe=6, pain_during=2, pain_after=1, completed=True)
    assert finished is not None
    with store.reader() as uow:
        assert uow.sessions.count(athlete_id) == 1
        stored = uow.sessions.get(athlete_id, recorder.uid)
    assert stored is not None
    assert (stored.completed, stored.rpe, stored.pain_during, len(stored.sets)) == (True, 6, 2, 3)


def test_a_session_with_nothing_done_saves_nothing(store: Store) -> None:
    athlete_id = sign_up(store)
    _, planned = session_today(store, MONDAY)
    recorder = SessionRecorder(store, athlete_id, planned, today=MONDAY, started_at=NOW)
    assert recorder.finish(rpe=None, pain_during=0, pain_after=0, completed=False) is None
    with store.reader() as uow:
        assert uow.sessions.count(athlete_id) == 0


def test_cardio_is_saved_for_the_time_it_lasted_with_its_distance(store: Store) -> None:
    athlete_id = sign_up(store)
    _, planned = session_today(store, MONDAY)
    walk = next(s for s in steps_of(planned, load_catalog()) if s.is_cardio)
    recorder = SessionRecorder(store, athlete_id, planned, today=MONDAY, started_at=NOW)
    saved = recorder.add_cardio(walk, duration_s=120)
    assert saved.cardio[0].duration_s == 120
    if walk.speed_kmh is not None:
        assert saved.cardio[0].distance_m == round(walk.speed_kmh / 3.6 * 120)


def test_a_rest_day_has_no_session(store: Store) -> None:
    sign_up(store)
    with pytest.raises(NoSessionTodayError, match="no session is planned"):
        session_today(store, MONDAY + dt.timedelta(days=1))


def test_a_stopped_session_is_found_again_and_only_what_is_left_remains(store: Store) -> None:
    from calfcoach.services.session_runner import remaining, stopped_session

    athlete_id = sign_up(store)
    _, planned = session_today(store, MONDAY)
    steps = steps_of(planned, load_catalog())
    recorder = SessionRecorder(store, athlete_id, planned, today=MONDAY, started_at=NOW)
    recorder.add_cardio(steps[0], duration_s=300)
    recorder.add_set(steps[1])
    stopped = stopped_session(store, athlete_id, planned, MONDAY)
    assert stopped is not None
    assert stopped.id == recorder.uid
    assert remaining(steps, stopped) == steps[2:]
    _, again = session_today(store, MONDAY)
    assert again == planned  # the doses do not move because of the half-done session
    resumed = SessionRecorder.resuming(store, athlete_id, again, stopped)
    resumed.add_set(steps[2])
    resumed.finish(rpe=5, pain_during=0, pain_after=0, completed=True)
    with store.reader() as uow:
        assert uow.sessions.count(athlete_id) == 1
    assert stopped_session(store, athlete_id, planned, MONDAY) is None


def test_a_red_flag_recorded_while_the_session_runs_stops_its_saves(store: Store) -> None:
    athlete_id = sign_up(store)
    _, planned = session_today(store, MONDAY)
    strength = [s for s in steps_of(planned, load_catalog()) if not s.is_cardio]
    recorder = SessionRecorder(store, athlete_id, planned, today=MONDAY, started_at=NOW)
    recorder.add_set(strength[0])
    logbook.check_in(
        store, athlete_id, CheckIn(day=MONDAY, morning_pain=2, symptoms=("sudden-pop",)), today=MONDAY
    )
    with pytest.raises(InputError, match="training is stopped until a doctor has seen you: sudden-pop"):
        recorder.add_set(strength[1])
    with store.reader() as uow:
        stored = uow.sessions.get(athlete_id, recorder.uid)
    assert stored is not None
    assert len(stored.sets) == 1  # what was saved before stays; nothing after
