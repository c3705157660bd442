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
