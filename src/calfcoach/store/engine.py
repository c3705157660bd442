"""Where the database is and how to connect to it: SQLite done right (WAL, foreign keys, BEGIN IMMEDIATE)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

from calfcoach.domain.database_url import ENV_URL, chosen_url, url_from_environment
from calfcoach.domain.errors import InputError, Words
from calfcoach.i18n import N_
from calfcoach.store.errors import StoreBusyError, StoreError

DEFAULT_BUSY_TIMEOUT_S = 5.0
WRITE_OPTION = "calfcoach_write"

# PostgreSQL errors that mean "someone else holds what we need": report them as busy, not as a crash.
_PG_BUSY_SQLSTATES = {"55P03", "40001", "40P01"}


def resolve_url(url: str | None = None) -> URL:
    """Parse the chosen database (domain.database_url: the argument, the environment, the default)."""
    text = chosen_url(url)
    try:
        parsed = make_url(text)
    except Exception as error:
        raise InputError(
            N_("not a database URL: {text} ({detail})"),
            where=ENV_URL if url_from_environment(url) else "database URL",
            hint=N_("use sqlite:///path/to/file.db or postgresql://user@host/dbname"),
            text=repr(text),
            detail=str(error),
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        # The psycopg (3) driver is the one installed; SQLAlchemy's default would be psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """Return the file of a SQLite URL, or None for other backends and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def describe(url: URL) -> str:
    """Say where the database is without printing a password."""
    path = sqlite_path(url)
    return str(path) if path is not None else url.render_as_string(hide_password=True)


SQLITE_HEADER = b"SQLite format 3\x00"
DAMAGED_HINT = N_("Restore a copy, e.g. a backup made before an upgrade (NAME.backup-rev*.db beside it).")
NO_DATABASE_HINT = N_("run `calfcoach init` to make one there, or give the right file with --db")
FOREIGN_TABLES = N_(
    "{path}: this database has tables ({tables}) but no CalfCoach schema revision; nothing was changed. "
    "Point CalfCoach at an empty database or one it created."
)
UNREADABLE = N_("{path}: the database cannot be read ({detail}); nothing was changed. {damaged}")


def check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse, before anything is opened or changed, a file that is not a CalfCoach SQLite database.

    Connecting would otherwise create a missing file (and its folder), or switch a foreign SQLite file to
    WAL before the schema check could refuse it. A missing file is allowed only when `create` is set.
    """
    if path.is_dir():
        raise InputError(N_("this is a folder, not a database file"), where=str(path), hint=NO_DATABASE_HINT)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        if create:
            return
        raise StoreError(
            N_("{path}: there is no database here; nothing was created ({hint})"),
            path=str(path),
            hint=Words(NO_DATABASE_HINT),
        ) from None
    except OSError as error:
        raise InputError(
            N_("cannot read the database file ({detail})"), where=str(path), detail=error.strerror
        ) from None
    if not header:
        return  # an empty file is a new SQLite database
    if header != SQLITE_HEADER:
        raise InputError(
            N_("this file is not a SQLite database; nothing was changed"),
            where=str(path),
            hint=N_("give a CalfCoach database with --db, or a new file name for `calfcoach init`"),
        )
    tables = _sqlite_tables(path)
    if tables and "alembic_version" not in tables:
        raise StoreError(
            FOREIGN_TABLES,
            path=str(path),
            tables=", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else ""),
        )


def _sqlite_tables(path: Path) -> set[str]:
    """The tables of a SQLite file, read through a plain connection that changes nothing."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):  # held past sqlite3's 5 s wait
            raise StoreBusyError(str(path)) from None
        raise StoreError(UNREADABLE, path=str(path), detail=str(error), damaged=Words(DAMAGED_HINT)) from None
    except sqlite3.DatabaseError as error:
        raise StoreError(UNREADABLE, path=str(path), detail=str(error), damaged=Words(DAMAGED_HINT)) from None
    return {str(name) for (name,) in rows}


def make_engine(url: URL, *, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> Engine:
    """Create the engine, with SQLite set up for safe concurrent use by several processes."""
    if url.get_backend_name() == "postgresql":
        # Waiting for another writer's row lock is bounded like SQLite's busy timeout, then "busy".
        # No parallel plans: a request reads tens to hundreds of rows through indexes, and a parallel plan
        # starts worker processes for it (on the clinic's 2 cores, the exercises-before-the-horizon read
        # of a cold "today" took 16-18 ms with two workers and 2-3 ms without), on the cores the app
        # servers need. A server's own setting would leave it to whoever installed PostgreSQL.
        options = f"-c lock_timeout={int(busy_timeout_s * 1000)} -c max_parallel_workers_per_gather=0"
        # Enough kept connections for the web app's worker threads and its event loop (web.app), so
        # none is opened and closed per request under load; a CLI run uses one.
        return create_engine(
            url, pool_pre_ping=True, pool_size=10, max_overflow=10, connect_args={"options": options}
        )
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    path = sqlite_path(url)
    kwargs: dict[str, Any] = {"connect_args": {"timeout": busy_timeout_s}}
    if path is None:
        # One shared connection, or every checkout would see a different empty in-memory database.
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    timeout_ms = int(busy_timeout_s * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take BEGIN away from the sqlite3 module so we can say BEGIN IMMEDIATE ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # The busy timeout first: switching to WAL waits for a lock when another process creates the file.
            cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
            if path is not None:
                _switch_to_wal(cursor, busy_timeout_s)
            cursor.execute("PRAGMA foreign_keys=ON")
            # FULL: a confirmed commit survives a power cut too, not only a killed process.
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the lock up front, so they wait (busy timeout) instead of failing mid-transaction.
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def is_busy(error: BaseException) -> bool:
    """Tell whether a database error means another process holds the lock."""
    if isinstance(error, OperationalError) and isinstance(error.orig, sqlite3.OperationalError):
        text = str(error.orig).lower()
        return "locked" in text or "busy" in text
    if isinstance(error, DBAPIError):
        return getattr(error.orig, "sqlstate", None) in _PG_BUSY_SQLSTATES
    return False


@contextmanager
def busy_as_store_error(location: str) -> Iterator[None]:
    """Turn "database is locked" (after the busy timeout) into a StoreBusyError a person can act on."""
    try:
        yield
    except DBAPIError as error:
        if is_busy(error):
            raise StoreBusyError(location) from error
        raise


def _switch_to_wal(cursor: sqlite3.Cursor, within_s: float) -> None:
    """Switch a file to WAL, waiting out another process that holds it meanwhile.

    Changing the journal mode needs the file to itself, and SQLite may answer "database is locked" at once
    rather than through the busy handler (seen when two processes create the same file while one is still
    migrating it), so the wait is done here, bounded by the same busy timeout.
    """
    deadline = time.monotonic() + within_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)
