"""Opening a store and the units of work it hands out."""

import pytest

from calfcoach.store import StoreError, open_store
from tests.store import builders


def test_an_in_memory_store_works_for_quick_tests_of_services() -> None:
    with open_store("sqlite://") as store:
        with store.unit_of_work() as uow:
            athlete = uow.athletes.add(builders.profile())
            uow.sessions.add(athlete, builders.session("s-1"))
            uow.commit()
        with store.reader() as uow:
            assert uow.sessions.count(athlete) == 1
        assert store.info().location == "sqlite://"


def test_a_reader_cannot_commit(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store, store.reader() as uow, pytest.raises(StoreError, match="read-only"):
        uow.commit()


def test_the_store_describes_itself_for_doctor(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store:
        with store.unit_of_work() as uow:
            uow.athletes.add(builders.profile())
            uow.commit()
        info = store.info().as_dict()
    assert info["ok"] is True
    assert info["backend"] == "sqlite"
    assert info["location"] == sqlite_url.removeprefix("sqlite:///")
    assert info["revision"] == info["head"]
    assert info["counts"]["athletes"] == 1
    assert info["problems"] == []
    assert info["size_bytes"] > 0


def test_a_database_that_cannot_be_written_says_so_and_writes_nothing(sqlite_url: str) -> None:
    open_store(sqlite_url).close()
    path = sqlite_url.removeprefix("sqlite:///")
    with open_store(f"sqlite:///file:{path}?mode=ro&uri=true") as read_only:

        def write() -> None:
            with read_only.unit_of_work() as uow:
                uow.athletes.add(builders.profile())
                uow.commit()

        with pytest.raises(StoreError, match="readonly database"):
            write()
    with open_store(sqlite_url) as store, store.reader() as uow:
        assert uow.athletes.count() == 0


def test_a_reader_sees_one_snapshot_while_others_commit(database_url: str) -> None:
    with open_store(database_url) as store, open_store(database_url) as other:
        with store.unit_of_work() as uow:
            athlete = uow.athletes.add(builders.profile())
            uow.commit()
        with store.reader() as reading:
            assert reading.sessions.count(athlete) == 0
            with other.unit_of_work() as uow:
                uow.sessions.add(athlete, builders.session("s-1"))
                uow.commit()
            assert reading.sessions.count(athlete) == 0
            assert reading.history(athlete).sessions == ()
        with store.reader() as uow:
            assert uow.sessions.count(athlete) == 1


def test_a_lookup_reads_what_is_committed_and_cannot_write(database_url: str) -> None:
    with open_store(database_url) as store:
        with store.unit_of_work() as uow:
            athlete = uow.athletes.add(builders.profile())
            uow.commit()
        with store.lookup() as uow:
            assert uow.athletes.profile(athlete) == builders.profile()
            with pytest.raises(StoreError, match="read-only"):
                uow.commit()
        for read_only in (store.lookup, store.reader):
            with read_only() as uow, pytest.raises(StoreError, match="read-only"):
                uow.sessions.add(athlete, builders.session("never"))
            with read_only() as uow, pytest.raises(StoreError, match="read-only"):
                uow.athletes.update(athlete, builders.profile("Changed"))
        with store.reader() as uow:
            assert uow.sessions.count(athlete) == 0
            assert uow.athletes.profile(athlete) == builders.profile()
