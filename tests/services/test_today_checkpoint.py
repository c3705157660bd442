"""A cold "today" resumes the phase replay from the stored checkpoint, and answers exactly as a full replay.

Ada trains every other day from MONDAY and opens the gate to the second phase in week 4. Each change that
moves that day (a back-dated painful session or check-in, an edit, a deletion, another start date or
program) must leave "today" as the replay from the start says, however the checkpoint was stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import text

from calfcoach.coach.phases import PhaseCheckpoint
from calfcoach.domain.log import CheckIn, PerformedSession, SetLog
from calfcoach.services.today import CHECKPOINT_LAG_DAYS, TodayAnswer, TodayCache, today_view
from calfcoach.store.records import Athlete
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, PROFILE, sign_up

TODAY = MONDAY + dt.timedelta(days=70)


def _session(day: dt.date, pain: int = 0) -> PerformedSession:
    return PerformedSession(
        id=f"s-{day.isoformat()}",
        day=day,
        program_id="calf-foundations-to-running",
        phase_id="foundations",
        template_id="logged",
        sets=tuple(SetLog(exercise_id="calf-raise-step", set_index=i, reps=15) for i in range(3)),
        completed=True,
        pain_during=pain,
    )


def _ada(store: Store) -> int:
    athlete_id = sign_up(store)
    with store.unit_of_work() as uow:
        uow.sessions.add_many(athlete_id, [_session(MONDAY + dt.timedelta(days=n)) for n in range(0, 66, 2)])
        uow.commit()
    return athlete_id


def _athlete(store: Store, athlete_id: int) -> Athlete:
    with store.reader() as uow:
        found = uow.athletes.get(athlete_id)
    assert found is not None
    return found


def _stored(store: Store, athlete_id: int) -> PhaseCheckpoint | None:
    with store.reader() as uow:
        row = uow._db.execute(
            text("SELECT phase_index, phase_start, as_of FROM phase_checkpoints WHERE athlete_id = :id"),
            {"id": athlete_id},
        ).one_or_none()
    if row is None:
        return None
    return PhaseCheckpoint(index=row[0], start=row[1], as_of=row[2])


def _full(store: Store, athlete_id: int, day: dt.date = TODAY) -> TodayAnswer:
    with store.reader() as uow:
        return TodayAnswer.of(today_view(uow.athletes.profile(athlete_id), uow.history(athlete_id), day))


def _cold(store: Store, athlete_id: int, day: dt.date = TODAY) -> TodayAnswer:
    """A server that keeps no answer yet (a fresh process, or the other server)."""
    return TodayCache().answer(store, _athlete(store, athlete_id), day)


def test_a_cold_today_stores_a_checkpoint_a_week_back_and_the_next_one_resumes_from_it(store: Store) -> None:
    athlete_id = _ada(store)
    first = _cold(store, athlete_id)
    stored = _stored(store, athlete_id)
    assert stored is not None
    assert stored.as_of == TODAY - dt.timedelta(days=CHECKPOINT_LAG_DAYS)
    assert (stored.index, first.data["phase"]["since"]) == (1, stored.start.isoformat())
    assert _cold(store, athlete_id).data == first.data == _full(store, athlete_id).data
    # Days later, still within twice the lag: the stored checkpoint serves; after that it is moved on.
    later = TODAY + dt.timedelta(days=CHECKPOINT_LAG_DAYS)
    assert _cold(store, athlete_id, later).data == _full(store, athlete_id, later).data
    assert _stored(store, athlete_id) == stored
    much_later = TODAY + dt.timedelta(days=CHECKPOINT_LAG_DAYS + 1)
    assert _cold(store, athlete_id, much_later).data == _full(store, athlete_id, much_later).data
    moved = _stored(store, athlete_id)
    assert moved is not None
    assert moved.as_of == much_later - dt.timedelta(days=CHECKPOINT_LAG_DAYS)


def _painful_session(store: Store, athlete_id: int) -> None:
    with store.unit_of_work() as uow:  # a back-dated session above the gate's pain limit in week 3
        uow.sessions.add(
            athlete_id, _session(MONDAY + dt.timedelta(days=19), pain=6).model_copy(update={"id": "x"})
        )
        uow.commit()


def _painful_checkin(store: Store, athlete_id: int) -> None:
    with store.unit_of_work() as uow:
        uow.checkins.add(athlete_id, CheckIn(day=MONDAY + dt.timedelta(days=19), morning_pain=6))
        uow.commit()


def _edited_session(store: Store, athlete_id: int) -> None:
    with store.unit_of_work() as uow:  # the player saves a session again, now with pain
        uow.sessions.save(athlete_id, _session(MONDAY + dt.timedelta(days=18), pain=6))
        uow.commit()


def _deleted_sessions(store: Store, athlete_id: int) -> None:
    with store.unit_of_work() as uow:  # the first three weeks' sessions deleted: the gate needs eight more
        for n in range(0, 20, 2):
            assert uow.sessions.delete(athlete_id, f"s-{(MONDAY + dt.timedelta(days=n)).isoformat()}")
        uow.commit()


def _later_start(store: Store, athlete_id: int) -> None:
    with store.unit_of_work() as uow:
        uow.athletes.update(
            athlete_id, PROFILE.model_copy(update={"start_date": MONDAY + dt.timedelta(days=14)})
        )
        uow.commit()


def _other_program(store: Store, athlete_id: int) -> None:
    with store.unit_of_work() as uow:
        uow.athletes.update(athlete_id, PROFILE.model_copy(update={"program_id": "heavy-slow-resistance"}))
        uow.commit()


def _other_weekdays(store: Store, athlete_id: int) -> None:
    with (
        store.unit_of_work() as uow
    ):  # not read by the phase replay: the checkpoint stays, the answer is right
        uow.athletes.update(athlete_id, PROFILE.model_copy(update={"weekdays": frozenset({1, 3, 5})}))
        uow.commit()


CHANGES: dict[str, Callable[[Store, int], None]] = {
    "a back-dated painful session": _painful_session,
    "a back-dated painful check-in": _painful_checkin,
    "an edited session": _edited_session,
    "deleted sessions": _deleted_sessions,
    "a later start date": _later_start,
    "another program": _other_program,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_before_the_checkpoint_gives_the_full_replays_answer(
    store: Store, change: Callable[[Store, int], None]
) -> None:
    athlete_id = _ada(store)
    before = _cold(store, athlete_id)
    assert _stored(store, athlete_id) is not None
    change(store, athlete_id)
    after = _cold(store, athlete_id)
    assert after.data == _full(store, athlete_id).data
    # The change moved the phase: a stale checkpoint would have shown the old one.
    assert (after.data["program"], after.data["phase"]) != (before.data["program"], before.data["phase"])
    # And the next server resumes from what this one stored.
    assert _cold(store, athlete_id).data == after.data


def test_a_change_the_replay_does_not_read_keeps_the_checkpoint_and_the_answer_right(store: Store) -> None:
    athlete_id = _ada(store)
    _cold(store, athlete_id)
    stored = _stored(store, athlete_id)
    _other_weekdays(store, athlete_id)
    assert _cold(store, athlete_id).data == _full(store, athlete_id).data
    assert _stored(store, athlete_id) == stored


def test_a_checkpoint_from_after_the_day_asked_is_not_used_and_is_replaced(store: Store) -> None:
    """A client who moved west may ask for a day before the one a server stored a checkpoint for."""
    athlete_id = _ada(store)
    _cold(store, athlete_id)
    earlier = TODAY - dt.timedelta(days=CHECKPOINT_LAG_DAYS + 2)
    assert _cold(store, athlete_id, earlier).data == _full(store, athlete_id, earlier).data
    stored = _stored(store, athlete_id)
    assert stored is not None
    assert stored.as_of == earlier - dt.timedelta(days=CHECKPOINT_LAG_DAYS)
