"""WAL checkpoints in a thread of their own: commits never copy the log back while a server runs."""

import logging
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from calfcoach.store import Store, open_store
from calfcoach.store.checkpoints import Checkpointer
from tests.store import builders

MB = 1_000_000
WAIT_S = 30.0  # a bound on waiting for the thread, never a measure of speed


def _write_megabytes(store: Store, commits: int, after_each: object = None) -> None:
    """Commit `commits` transactions of 1 MB each through the store's own connections."""
    with store.engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS filler (data BLOB)"))
    for _ in range(commits):
        with store.engine.begin() as connection:
            connection.execute(text("INSERT INTO filler VALUES (randomblob(:size))"), {"size": MB})
        if callable(after_each):
            after_each()


def _wal_bytes(store: Store) -> int:
    assert store.sqlite_file is not None
    wal = Path(f"{store.sqlite_file}-wal")
    return wal.stat().st_size if wal.exists() else 0


def _autocheckpoint(store: Store) -> int:
    with store.engine.connect() as connection:
        pages: int = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one()
        return pages


def _wait_for_checkpoints(checkpointer: Checkpointer, count: int) -> None:
    target = checkpointer.done + count
    deadline = time.monotonic() + WAIT_S
    while checkpointer.done < target:
        assert time.monotonic() < deadline, "the checkpoint thread did not run"
        time.sleep(0.005)


def test_without_the_thread_a_commit_checkpoints_and_the_log_stays_small(sqlite_store: Store) -> None:
    assert _autocheckpoint(sqlite_store) == 1000  # SQLite's default: pages in the log before a checkpoint
    _write_megabytes(sqlite_store, 12)
    assert _wal_bytes(sqlite_store) < 7 * MB


def test_with_the_thread_commits_leave_the_log_alone(sqlite_store: Store) -> None:
    with sqlite_store.background_checkpoints(interval_s=3600):
        assert _autocheckpoint(sqlite_store) == 0
        _write_megabytes(sqlite_store, 12)
        # Nothing checkpointed: every commit only appended to the log.
        assert _wal_bytes(sqlite_store) > 11 * MB
    assert _autocheckpoint(sqlite_store) == 1000  # back to normal when the server stops


def test_the_threads_checkpoints_let_the_log_start_over(sqlite_store: Store) -> None:
    with sqlite_store.background_checkpoints(interval_s=0.001):
        checkpointer = sqlite_store._checkpointer
        assert checkpointer is not None
        _write_megabytes(sqlite_store, 12, after_each=lambda: _wait_for_checkpoints(checkpointer, 2))
        # Each commit found the log copied back and started it over: it never holds more than two.
        assert _wal_bytes(sqlite_store) < 3 * MB


def test_a_database_named_by_a_file_uri_is_checkpointed_in_place(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "calfcoach.db"
    with (
        caplog.at_level(logging.WARNING, "calfcoach.store"),
        open_store(f"sqlite:///file:{path}?mode=rwc&uri=true") as store,
        store.background_checkpoints(interval_s=0.001),
    ):
        checkpointer = store._checkpointer
        assert checkpointer is not None
        _write_megabytes(store, 3, after_each=lambda: _wait_for_checkpoints(checkpointer, 2))
        assert Path(f"{path}-wal").stat().st_size < 3 * MB  # the thread checkpointed this very file
    assert not caplog.records
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calfcoach.db"]  # and opened no other


def test_every_row_committed_under_background_checkpoints_is_there(sqlite_store: Store) -> None:
    with sqlite_store.background_checkpoints(interval_s=0.001):
        with sqlite_store.unit_of_work() as uow:
            athlete = uow.athletes.add(builders.profile())
            uow.commit()
        for number in range(200):
            with sqlite_store.unit_of_work() as uow:
                uow.sessions.add(athlete, builders.session(f"s-{number}"))
                uow.commit()
    with sqlite_store.reader() as uow:
        assert uow.sessions.count(athlete) == 200


def test_closing_the_store_inside_stops_the_thread(sqlite_store: Store) -> None:
    with sqlite_store.background_checkpoints(interval_s=0.001):
        checkpointer = sqlite_store._checkpointer
        assert checkpointer is not None
        sqlite_store.close()
        assert not checkpointer._thread.is_alive()


def test_on_postgresql_there_is_nothing_to_do(store: Store) -> None:
    with store.background_checkpoints(interval_s=0.001):
        assert store._checkpointer is None if store.sqlite_file is None else store._checkpointer is not None
        with store.unit_of_work() as uow:
            uow.athletes.add(builders.profile())
            uow.commit()


def test_a_failing_checkpoint_is_reported_once_and_retried(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = Checkpointer.checkpoint
    failures = iter([sqlite3.OperationalError("disk I/O error")] * 3)

    def flaky(self: Checkpointer, connection: sqlite3.Connection) -> tuple[int, int]:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return real(self, connection)

    monkeypatch.setattr(Checkpointer, "checkpoint", flaky)
    with caplog.at_level(logging.WARNING, "calfcoach.store"), sqlite_store.background_checkpoints(0.001):
        checkpointer = sqlite_store._checkpointer
        assert checkpointer is not None
        _wait_for_checkpoints(checkpointer, 1)
    messages = [record.getMessage() for record in caplog.records]
    assert sum("checkpoint failed (disk I/O error)" in m for m in messages) == 1
    assert sum("checkpoints work again" in m for m in messages) == 1
