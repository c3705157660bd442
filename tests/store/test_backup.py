"""Backups and restores: consistent under write load on both backends, refusals that change nothing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from calfcoach.domain.errors import InputError
from calfcoach.store import Store, StoreError, StoreVersionError, open_store
from calfcoach.store.backup import _pg_environment, backup, restore
from calfcoach.store.engine import make_engine, resolve_url
from calfcoach.store.migrate import head_revision, upgrade_to
from tests.store import builders

needs_pg_tools = pytest.mark.skipif(
    not (shutil.which("pg_dump") and shutil.which("pg_restore") and shutil.which("psql")),
    reason="the PostgreSQL client tools (pg_dump, pg_restore, psql) are not on PATH",
)


def _target(database_url: str, tmp_path: Path) -> str:
    """A second, empty database of the same backend to restore into."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'restored.db'}"
    return database_url  # the same PostgreSQL database, replaced by the restore (--force)


def _uids(store: Store, athlete_id: int) -> set[str]:
    with store.reader() as uow:
        return {s.id for s in uow.sessions.since(athlete_id)}


@pytest.mark.parametrize(
    "database_url",
    ["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgres, needs_pg_tools])],
    indirect=True,
)
def test_a_backup_under_write_load_holds_everything_confirmed_before_it_started(
    database_url: str, tmp_path: Path
) -> None:
    store = open_store(database_url)
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        uow.commit()
    confirmed: list[str] = []
    stop = threading.Event()
    started = threading.Event()

    def write() -> None:
        n = 0
        while not stop.is_set():
            with store.unit_of_work() as uow:
                uow.sessions.add(athlete, builders.session(f"s-{n}", builders.START + dt.timedelta(days=n)))
                uow.commit()
            confirmed.append(f"s-{n}")  # only after the commit returned: confirmed to the writer
            n += 1
            if n == 20:
                started.set()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert started.wait(60)
        before = list(confirmed)
        made = backup(database_url, tmp_path / "backup.bin")
        during = len(confirmed)
    finally:
        stop.set()
        writer.join()
    store.close()
    assert made.revision == head_revision()
    assert during > len(before) or database_url.startswith("postgresql"), "the writer never ran alongside"

    target = _target(database_url, tmp_path)
    done = restore(target, made.path, force=True)
    assert (done.revision, done.upgraded_to) == (head_revision(), head_revision())
    with open_store(target) as restored:
        kept = _uids(restored, athlete)
        assert set(before) <= kept
        assert kept <= set(confirmed)  # nothing half-written, nothing invented
        assert restored.info().problems == ()
    if target.startswith("sqlite"):
        with sqlite3.connect(tmp_path / "restored.db") as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_restore_refuses_a_database_with_data_unless_forced(tmp_path: Path) -> None:
    source = f"sqlite:///{tmp_path / 'a.db'}"
    with open_store(source) as store, store.unit_of_work() as uow:
        uow.athletes.add(builders.profile("Ada"))
        uow.commit()
    made = backup(source, tmp_path / "a.backup")
    target = f"sqlite:///{tmp_path / 'b.db'}"
    with open_store(target) as store, store.unit_of_work() as uow:
        uow.athletes.add(builders.profile("Bob"))
        uow.commit()
    with pytest.raises(InputError, match="holds data; nothing was changed"):
        restore(target, made.path)
    with open_store(target) as store, store.reader() as uow:
        assert [a.profile.name for a in uow.athletes.all()] == ["Bob"]
    restore(target, made.path, force=True)
    with open_store(target) as store, store.reader() as uow:
        assert [a.profile.name for a in uow.athletes.all()] == ["Ada"]


def test_a_backup_never_replaces_a_file_unless_forced(tmp_path: Path) -> None:
    source = f"sqlite:///{tmp_path / 'a.db'}"
    open_store(source).close()
    existing = tmp_path / "keep.me"
    existing.write_text("precious", encoding="utf-8")
    with pytest.raises(InputError, match="exists; nothing was written"):
        backup(source, existing)
    assert existing.read_text(encoding="utf-8") == "precious"
    assert backup(source, existing, force=True).format == "sqlite"
    assert not list(tmp_path.glob("*.partial"))


def test_an_older_backup_is_upgraded_after_its_restore(tmp_path: Path) -> None:
    old = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(resolve_url(old))
    upgrade_to(engine, "old.db", "0010")
    engine.dispose()
    made = backup(old, tmp_path / "old.backup")
    assert made.revision == "0010"
    done = restore(f"sqlite:///{tmp_path / 'new.db'}", made.path)
    assert (done.revision, done.upgraded_to) == ("0010", head_revision())


def test_a_backup_from_a_newer_calfcoach_is_refused(tmp_path: Path) -> None:
    source = f"sqlite:///{tmp_path / 'a.db'}"
    made = backup(_filled(source), tmp_path / "a.backup")
    with sqlite3.connect(made.path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreVersionError, match="9999"):
        restore(f"sqlite:///{tmp_path / 'b.db'}", made.path)
    assert not (tmp_path / "b.db").exists()


def _filled(url: str) -> str:
    with open_store(url) as store, store.unit_of_work() as uow:
        uow.athletes.add(builders.profile())
        uow.commit()
    return url


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text", "not a CalfCoach backup"),
        (b"PGDMP but not really an archive", "not a readable pg_dump archive"),
    ],
)
def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(
    tmp_path: Path, content: bytes, message: str
) -> None:
    if content.startswith(b"PGDMP") and not shutil.which("pg_restore"):
        pytest.skip("pg_restore is not on PATH")
    fake = tmp_path / "fake.backup"
    fake.write_bytes(content)
    target = tmp_path / "b.db"
    with pytest.raises(InputError, match=message):
        restore(
            f"sqlite:///{target}" if content.startswith(b"just") else "postgresql://nobody@127.0.0.1:9/x",
            fake,
        )
    assert not target.exists()


def test_a_sqlite_file_without_calfcoach_tables_is_not_a_backup(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE things (id INTEGER)")
    with pytest.raises(InputError, match="holds no CalfCoach database"):
        restore(f"sqlite:///{tmp_path / 'b.db'}", other)


def test_a_backup_is_restored_only_into_its_own_backend(tmp_path: Path) -> None:
    made = backup(_filled(f"sqlite:///{tmp_path / 'a.db'}"), tmp_path / "a.backup")
    with pytest.raises(InputError, match="restore it into a SQLite file"):
        restore("postgresql://nobody@127.0.0.1:9/x", made.path)


def test_postgresql_credentials_reach_the_tools_in_their_environment() -> None:
    url = resolve_url("postgresql://coach:s3cret%21@db.example.org:5433/clinic?sslmode=require")
    environment = _pg_environment(url)
    assert {
        k: environment[k] for k in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE")
    } == {
        "PGHOST": "db.example.org",
        "PGPORT": "5433",
        "PGUSER": "coach",
        "PGPASSWORD": "s3cret!",
        "PGDATABASE": "clinic",
        "PGSSLMODE": "require",
    }


def test_pg_dump_gets_no_password_on_its_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in pg_dump records what it was given: the password only in its environment."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    seen = tmp_path / "seen.txt"
    fake = bin_dir / "pg_dump"
    fake.write_text(f'#!/bin/sh\necho "argv: $*" > {seen}\necho "env: $PGPASSWORD" >> {seen}\nexit 1\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(StoreError, match="pg_dump failed"):
        backup("postgresql://coach:s3cret@db.example.org/clinic", tmp_path / "x.dump")
    argv, env = seen.read_text().splitlines()
    assert "s3cret" not in argv
    assert env == "env: s3cret"
    assert not (tmp_path / "x.dump").exists()
    assert not list(tmp_path.glob("*.partial"))


def test_a_missing_postgresql_tool_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(StoreError, match="pg_dump is not installed or not on PATH"):
        backup("postgresql://coach@db.example.org/clinic", tmp_path / "x.dump")


@pytest.mark.postgres
@needs_pg_tools
def test_a_postgresql_restore_replaces_what_the_database_held(postgres_url: str, tmp_path: Path) -> None:
    with open_store(postgres_url) as store, store.unit_of_work() as uow:
        uow.athletes.add(builders.profile("Ada"))
        uow.commit()
    made = backup(postgres_url, tmp_path / "pg.dump")
    assert made.format == "pg_dump"
    with open_store(postgres_url) as store, store.unit_of_work() as uow:
        uow.athletes.add(builders.profile("Bob"))
        uow.commit()
    with pytest.raises(InputError, match="holds data"):
        restore(postgres_url, made.path)
    done = restore(postgres_url, made.path, force=True)
    assert done.format == "pg_dump"
    with open_store(postgres_url) as store:
        with store.reader() as uow:
            assert [a.profile.name for a in uow.athletes.all()] == ["Ada"]
        assert store.info().problems == ()
        with store.unit_of_work() as uow:  # the revision triggers came back with the tables
            athlete = uow.athletes.all()[0].id
            before = uow.athletes.revision(athlete)
            uow.checkins.add(athlete, builders.checkin())
            uow.commit()
        with store.reader() as uow:
            assert uow.athletes.revision(athlete) == (before or 0) + 1


def test_a_database_of_something_else_is_never_restored_over_even_forced(tmp_path: Path) -> None:
    made = backup(_filled(f"sqlite:///{tmp_path / 'a.db'}"), tmp_path / "a.backup")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(InputError, match="no CalfCoach schema; a restore would drop them"):
        restore(f"sqlite:///{other}", made.path, force=True)
    with sqlite3.connect(other) as connection:
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == [("invoices",)]


@pytest.mark.postgres
@needs_pg_tools
def test_a_postgresql_database_of_something_else_is_never_restored_over(
    postgres_url: str, tmp_path: Path
) -> None:
    import psycopg

    made = backup(_filled(postgres_url), tmp_path / "pg.dump")
    plain = postgres_url.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
        connection.execute("CREATE TABLE invoices (id integer)")
    with pytest.raises(InputError, match="no CalfCoach schema"):
        restore(postgres_url, made.path, force=True)
    with psycopg.connect(plain, autocommit=True) as connection:
        assert connection.execute("SELECT to_regclass('public.invoices') IS NOT NULL").fetchone() == (True,)
