"""SQLite set up for several processes: WAL, foreign keys, write locks, and a clear "busy" error."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from calfcoach.domain.errors import InputError
from calfcoach.store import StoreBusyError, StoreError, open_store
from calfcoach.store.engine import resolve_url
from tests.store import builders

ROOT = Path(__file__).resolve().parents[2]


def _worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.worker", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_sqlite_runs_in_wal_mode_with_foreign_keys_on(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store, store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_the_default_database_lives_in_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CALFCOACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert resolve_url().database == str(tmp_path / "calfcoach" / "calfcoach.db")


def test_the_environment_variable_chooses_the_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CALFCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    with open_store() as store:
        assert store.location == str(tmp_path / "elsewhere.db")
    assert (tmp_path / "elsewhere.db").exists()


def test_a_postgresql_url_uses_the_installed_driver() -> None:
    assert resolve_url("postgresql://me@db/calf").drivername == "postgresql+psycopg"


def test_a_writer_waiting_past_the_timeout_gets_a_clear_busy_error(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store, store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        uow.commit()
    holder = _worker("hold", sqlite_url)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        with open_store(sqlite_url, busy_timeout_s=0.2) as store:

            def write() -> None:
                with store.unit_of_work() as uow:
                    uow.sessions.add(athlete, builders.session("s-1"))
                    uow.commit()

            with pytest.raises(StoreBusyError, match="the database is busy; try again"):
                write()
            with store.reader() as uow:  # readers never wait for a writer
                assert uow.athletes.count() == 1
    finally:
        holder.communicate("go\n", timeout=30)
    assert holder.returncode == 0
    with open_store(sqlite_url) as store, store.reader() as uow:
        assert uow.athletes.count() == 2
        assert uow.sessions.count(athlete) == 0


def test_two_processes_writing_at_once_both_succeed_or_hear_busy(database_url: str) -> None:
    with open_store(database_url) as store, store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        uow.commit()
    writers = [_worker("loop", database_url, str(athlete), name, "60", "10") for name in ("a", "b")]
    reports = [w.communicate(timeout=300)[0].split("\n") for w in writers]
    assert [w.returncode for w in writers] == [0, 0]
    lines = [line.split() for report in reports for line in report if line]
    written = {uid for status, uid in lines if status == "ok"}
    refused = {uid for status, uid in lines if status == "busy"}
    assert len(lines) == 120
    with open_store(database_url) as store, store.reader() as uow:
        stored = {s.id: len(s.sets) for s in uow.sessions.since(athlete)}
    assert set(stored) == written
    assert not refused & set(stored)
    assert set(stored.values()) <= {26}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("mysql://me@localhost/calf", "cannot use this database"),
    ],
)
def test_an_unusable_url_gets_a_clear_error(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        open_store(url)


def test_an_unreachable_server_gets_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open the database"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def test_a_folder_that_cannot_hold_the_file_gets_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises((StoreError, InputError), match="cannot"):
        open_store(f"sqlite:///{blocker / 'sub' / 'calfcoach.db'}")


@pytest.mark.postgres
def test_a_postgresql_writer_waiting_on_a_row_lock_past_the_timeout_hears_busy(postgres_url: str) -> None:
    with open_store(postgres_url) as store, store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        uow.commit()
    with open_store(postgres_url) as first, open_store(postgres_url, busy_timeout_s=0.2) as second:
        with first.unit_of_work() as holder:
            holder.athletes.update(athlete, builders.profile("Ada, first"))  # holds the row lock

            def write() -> None:
                with second.unit_of_work() as uow:
                    uow.athletes.update(athlete, builders.profile("Ada, second"))
                    uow.commit()

            with pytest.raises(StoreBusyError, match="the database is busy; try again"):
                write()
            holder.commit()
        with second.reader() as uow:
            assert uow.athletes.profile(athlete).name == "Ada, first"


@pytest.mark.postgres
def test_a_postgresql_request_never_plans_parallel_workers(postgres_url: str) -> None:
    # A server's default (2 workers a gather) let a cold "today" start worker processes for a read of a
    # few thousand index entries: 16-18 ms against 2-3 ms on the clinic benchmark's 2 cores.
    with open_store(postgres_url) as store, store.engine.connect() as connection:
        setting = connection.execute(text("SHOW max_parallel_workers_per_gather")).scalar_one()
    assert setting == "0"


def _journal_mode(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        mode: str = connection.execute("PRAGMA journal_mode").fetchone()[0]
    return mode


def test_a_missing_file_is_refused_without_creating_it_or_its_folder_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "calfcoach.db"
    with pytest.raises(StoreError, match="there is no database here; nothing was created"):
        open_store(f"sqlite:///{target}", create=False)
    assert not target.parent.exists()
    with open_store(f"sqlite:///{target}", create=True):
        assert target.exists()


def test_a_file_that_is_not_sqlite_is_refused_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "notes.db"
    target.write_bytes(b"shopping list: calf sleeves\n" * 200)
    with pytest.raises(InputError, match="not a SQLite database; nothing was changed"):
        open_store(f"sqlite:///{target}")
    assert target.read_bytes() == b"shopping list: calf sleeves\n" * 200
    assert not Path(f"{target}-wal").exists()


def test_a_sqlite_file_of_another_program_is_refused_before_it_is_switched_to_wal(tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    with sqlite3.connect(target) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(
        StoreError, match=r"has tables \(recipes\) but no CalfCoach schema revision; nothing was changed"
    ):
        open_store(f"sqlite:///{target}")
    assert _journal_mode(target) == "delete"  # it was 'wal' although the message said nothing was changed


def test_a_truncated_database_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "calfcoach.db"
    with open_store(f"sqlite:///{target}") as store, store.unit_of_work() as uow:
        for n in range(30):
            athlete_id = uow.athletes.add(builders.profile(f"A{n}"))
            uow.sessions.add_many(athlete_id, [builders.session(f"s-{n}-{k}") for k in range(3)])
        uow.commit()
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 3])
    with (
        pytest.raises(StoreError, match="malformed"),
        open_store(f"sqlite:///{target}") as store,
        store.reader() as uow,
    ):
        uow.counts()
