import datetime as dt

import pytest

from calfcoach.domain.errors import InputError
from calfcoach.store import Store
from tests.store import builders


def _athlete(store: Store) -> int:
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(builders.profile())
        uow.commit()
    return athlete_id


def test_an_activity_comes_back_with_its_track_and_summary(store: Store) -> None:
    athlete = _athlete(store)
    recorded = builders.activity()
    with store.unit_of_work() as uow:
        added = uow.activities.add(athlete, recorded)
        uow.commit()
    with store.reader() as uow:
        assert uow.activities.get(athlete, added.id) == recorded
        listed = uow.activities.since(athlete)
    assert added.created
    assert listed == [recorded.model_copy(update={"track": b""})]


def test_the_same_file_imported_twice_is_stored_once(store: Store) -> None:
    athlete = _athlete(store)
    with store.unit_of_work() as uow:
        first = uow.activities.add(athlete, builders.activity("a"))
        again = uow.activities.add(athlete, builders.activity("b"))
        uow.commit()
    assert (first.created, again.created, again.id) == (True, False, "a")


def test_the_same_recording_in_another_format_is_stored_once(store: Store) -> None:
    athlete = _athlete(store)
    gpx = builders.activity("from-gpx", content=b"<gpx/>")
    fit = builders.activity("from-fit", content=b"FIT bytes")  # same start time and device
    with store.unit_of_work() as uow:
        uow.activities.add(athlete, gpx)
        result = uow.activities.add(athlete, fit)
        uow.commit()
        assert uow.activities.count(athlete) == 1
    assert result.id == "from-gpx"
    assert not result.created


def test_two_athletes_may_import_the_same_file(store: Store) -> None:
    with store.unit_of_work() as uow:
        ada = uow.athletes.add(builders.profile("Ada"))
        grace = uow.athletes.add(builders.profile("Grace"))
        assert uow.activities.add(ada, builders.activity()).created
        assert uow.activities.add(grace, builders.activity()).created
        uow.commit()


def test_a_different_recording_under_a_taken_id_is_refused(store: Store) -> None:
    athlete = _athlete(store)
    later = builders.activity(content=b"other").model_copy(
        update={"start_time": dt.datetime(2024, 3, 2, tzinfo=dt.UTC)}
    )
    with store.unit_of_work() as uow:
        uow.activities.add(athlete, builders.activity())
        with pytest.raises(InputError, match="already stored with id 'act-1'"):
            uow.activities.add(athlete, later)
