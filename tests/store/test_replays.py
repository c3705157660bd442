"""Phase checkpoints: kept per athlete, dropped by the database when a row dated on or before one changes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from calfcoach.coach.phases import PhaseCheckpoint
from calfcoach.domain.log import TestKind
from calfcoach.store.store import Store
from tests.store import builders
from tests.store.builders import START

AS_OF = START + dt.timedelta(days=30)
BEFORE, ON, AFTER = AS_OF - dt.timedelta(days=3), AS_OF, AS_OF + dt.timedelta(days=1)
CHECKPOINT = PhaseCheckpoint(index=1, start=START + dt.timedelta(days=21), as_of=AS_OF)
INPUTS = "a" * 64


def _athlete(store: Store) -> int:
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(builders.profile())
        uow.sessions.add(athlete_id, builders.session("old", BEFORE))
        uow.checkins.add(athlete_id, builders.checkin(BEFORE))
        uow.tests.add(athlete_id, builders.result(BEFORE))
        uow.commit()
    return athlete_id


def _keep(store: Store, athlete_id: int) -> None:
    with store.unit_of_work() as uow:
        revision = uow.athletes.revision(athlete_id)
        assert revision is not None
        assert uow.phase_checkpoints.save(athlete_id, CHECKPOINT, INPUTS, revision)
        uow.commit()


def _kept(store: Store, athlete_id: int) -> PhaseCheckpoint | None:
    with store.reader() as uow:
        return uow.phase_checkpoints.get(athlete_id, INPUTS)


def test_a_checkpoint_is_kept_for_its_inputs_and_replaced_by_the_next(store: Store) -> None:
    athlete_id = _athlete(store)
    assert _kept(store, athlete_id) is None
    _keep(store, athlete_id)
    assert _kept(store, athlete_id) == CHECKPOINT
    with store.reader() as uow:  # another program or start date: not this checkpoint
        assert uow.phase_checkpoints.get(athlete_id, "b" * 64) is None
    later = CHECKPOINT.model_copy(update={"as_of": AS_OF + dt.timedelta(days=9)})
    with store.unit_of_work() as uow:
        revision = uow.athletes.revision(athlete_id)
        assert revision is not None
        assert uow.phase_checkpoints.save(athlete_id, later, INPUTS, revision)
        uow.commit()
    assert _kept(store, athlete_id) == later


def test_a_checkpoint_from_an_older_snapshot_is_not_stored(store: Store) -> None:
    """A write after the snapshot it was replayed from may be dated before it (its trigger found nothing to
    delete then): nothing is stored."""
    athlete_id = _athlete(store)
    with store.reader() as uow:
        seen = uow.athletes.revision(athlete_id)
    assert seen is not None
    with store.unit_of_work() as uow:
        uow.sessions.add(athlete_id, builders.session("back-dated", BEFORE))
        uow.commit()
    with store.unit_of_work() as uow:
        assert not uow.phase_checkpoints.save(athlete_id, CHECKPOINT, INPUTS, seen)
        uow.commit()
    assert _kept(store, athlete_id) is None


def _add_session(store: Store, athlete_id: int, day: dt.date) -> None:
    with store.unit_of_work() as uow:
        uow.sessions.add(athlete_id, builders.session(f"new-{day}", day))
        uow.commit()


def _import_sessions(store: Store, athlete_id: int, day: dt.date) -> None:
    with store.unit_of_work() as uow:  # what an import writes (services/transfer.py)
        uow.sessions.add_many(athlete_id, [builders.session(f"imported-{day}", day)])
        uow.commit()


def _save_session(store: Store, athlete_id: int, day: dt.date) -> None:
    """Edit the old session (saving replaces it), moving it to `day`."""
    with store.unit_of_work() as uow:
        uow.sessions.save(athlete_id, builders.session("old", BEFORE if day > AS_OF else day, set_count=3))
        uow.commit()


def _add_checkin(store: Store, athlete_id: int, day: dt.date) -> None:
    with store.unit_of_work() as uow:
        uow.checkins.add(athlete_id, builders.checkin(day, pain=7))
        uow.commit()


def _add_test(store: Store, athlete_id: int, day: dt.date) -> None:
    with store.unit_of_work() as uow:
        uow.tests.add(athlete_id, builders.result(day, TestKind.HEEL_RAISE, left=30))
        uow.commit()


WRITES = {
    "a session": _add_session,
    "an imported session": _import_sessions,
    "a check-in": _add_checkin,
    "a test": _add_test,
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_write_dated_on_or_before_the_checkpoint_drops_it_a_later_one_does_not(store: Store, write) -> None:  # type: ignore[no-untyped-def]
    athlete_id = _athlete(store)
    _keep(store, athlete_id)
    write(store, athlete_id, AFTER)
    assert _kept(store, athlete_id) == CHECKPOINT
    write(store, athlete_id, ON)
    assert _kept(store, athlete_id) is None
    _keep(store, athlete_id)
    write(store, athlete_id, BEFORE - dt.timedelta(days=1))
    assert _kept(store, athlete_id) is None


def test_an_edited_or_deleted_record_before_the_checkpoint_drops_it(store: Store) -> None:
    athlete_id = _athlete(store)
    _keep(store, athlete_id)
    _save_session(store, athlete_id, BEFORE)  # an edit of a session dated before
    assert _kept(store, athlete_id) is None
    _keep(store, athlete_id)
    with store.unit_of_work() as uow:
        assert uow.sessions.delete(athlete_id, "old")
        uow.commit()
    assert _kept(store, athlete_id) is None


def test_a_record_changed_by_hand_outside_the_app_drops_it(store: Store) -> None:
    """The triggers count every writer: an UPDATE moving a later check-in back, a DELETE of a test."""
    athlete_id = _athlete(store)
    _add_checkin(store, athlete_id, AFTER)
    _keep(store, athlete_id)
    with store.unit_of_work() as uow:
        uow._db.execute(
            text("UPDATE checkins SET day = :day WHERE athlete_id = :id AND day = :after"),
            {"day": BEFORE, "id": athlete_id, "after": AFTER},
        )
        uow.commit()
    assert _kept(store, athlete_id) is None
    _keep(store, athlete_id)
    with store.unit_of_work() as uow:
        uow._db.execute(text("DELETE FROM test_results WHERE athlete_id = :id"), {"id": athlete_id})
        uow.commit()
    assert _kept(store, athlete_id) is None


def test_a_write_for_another_athlete_leaves_the_checkpoint(store: Store) -> None:
    athlete_id, other = _athlete(store), _athlete(store)
    _keep(store, athlete_id)
    _add_session(store, other, BEFORE)
    assert _kept(store, athlete_id) == CHECKPOINT


def test_the_checkpoint_goes_with_the_athlete(store: Store) -> None:
    athlete_id = _athlete(store)
    _keep(store, athlete_id)
    with store.unit_of_work() as uow:
        uow._db.execute(text("DELETE FROM athletes WHERE id = :id"), {"id": athlete_id})
        uow.commit()
    with store.reader() as uow:
        left = uow._db.execute(text("SELECT count(*) FROM phase_checkpoints")).scalar_one()
    assert left == 0
