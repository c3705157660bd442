"""Opening the store: find the database, bring its schema up to date, hand out units of work."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.exc import ArgumentError, DatabaseError, DataError, DBAPIError, IntegrityError, StatementError
from sqlalchemy.orm import Session

from calfcoach.domain.errors import InputError, Words
from calfcoach.i18n import N_
from calfcoach.store.checkpoints import CHECKPOINT_INTERVAL_S, Checkpointer
from calfcoach.store.engine import (
    DAMAGED_HINT,
    DEFAULT_BUSY_TIMEOUT_S,
    WRITE_OPTION,
    busy_as_store_error,
    check_sqlite_file,
    describe,
    make_engine,
    resolve_url,
    sqlite_path,
)
from calfcoach.store.errors import StoreError
from calfcoach.store.migrate import (
    Upgrade,
    current_revision,
    ensure_schema,
    head_revision,
    known_revisions,
)
from calfcoach.store.uow import UnitOfWork

READ_ONLY = "this unit of work is read-only; open store.unit_of_work() to write"
READ_ONLY_OPTION = "calfcoach_read_only"


def _refuse_writes(
    connection: Connection,
    _cursor: object,
    _sql: str,
    _params: object,
    context: DefaultExecutionContext,
    _many: bool,
) -> None:
    """Refuse an INSERT, UPDATE or DELETE on a reader's or lookup's connection, before it is sent.

    A lookup on PostgreSQL runs in autocommit, where a write would be permanent at once; readers get the
    same guard so that a mistaken write fails loudly instead of being quietly rolled back. Checked on the
    connection, it holds for ORM flushes and Core statements alike.
    """
    writes = context.isinsert or context.isupdate or context.isdelete
    if writes and connection.get_execution_options().get(READ_ONLY_OPTION):
        raise StoreError(READ_ONLY)


@dataclass(frozen=True)
class StoreInfo:
    """What `doctor` shows: where the database is, its schema revision, its health and its size."""

    backend: str
    location: str
    revision: str | None
    head: str
    problems: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)
    size_bytes: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.revision == self.head

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary (stable keys, for `doctor --json`)."""
        return {**asdict(self), "problems": list(self.problems), "ok": self.ok}


class Store:
    """A database ready to use. Make one with `open_store()`; close it (or use `with`) when done."""

    def __init__(
        self,
        engine: Engine,
        *,
        location: str,
        sqlite_file: Path | None,
        upgrade: Upgrade,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    ) -> None:
        self.engine = engine
        self.location = location
        self.sqlite_file = sqlite_file
        self.upgrade = upgrade
        self._busy_timeout_s = busy_timeout_s
        self._checkpointer: Checkpointer | None = None
        if sqlite_file is not None:
            event.listen(engine, "connect", self._on_sqlite_connect)
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        # SQLite has one writer at a time. Threads of this process queue here, in order, instead of at
        # the file lock, where SQLite's busy handler polls with sleeps growing to 100 ms: under load that
        # polling made most of a write's latency. Other processes still wait at the file lock.
        self._write_turn: AbstractContextManager[object] = (
            threading.RLock() if engine.dialect.name == "sqlite" else nullcontext()
        )
        # A reader's several queries must see one snapshot (SQLite's transactions already do).
        event.listen(engine, "before_cursor_execute", _refuse_writes)
        read_only = {READ_ONLY_OPTION: True}
        self._reader = (
            engine.execution_options(isolation_level="REPEATABLE READ", **read_only)
            if engine.dialect.name == "postgresql"
            else engine.execution_options(**read_only)
        )
        # A lone read needs no snapshot. On PostgreSQL, autocommit spares the BEGIN and ROLLBACK round
        # trips every request pays for its sign-in and access checks; SQLite's BEGIN costs nothing.
        self._lookup = (
            engine.execution_options(isolation_level="AUTOCOMMIT", **read_only)
            if engine.dialect.name == "postgresql"
            else self._reader
        )

    @contextmanager
    def background_checkpoints(self, interval_s: float = CHECKPOINT_INTERVAL_S) -> Iterator[None]:
        """While inside, SQLite's WAL is checkpointed by a thread, never by a commit (store/checkpoints.py).

        For a long-running server: its commits then never stop to copy the log into the database. Nothing
        to do on PostgreSQL, whose own checkpointer already works apart from commits.
        """
        if self.sqlite_file is None or self._checkpointer is not None:
            yield
            return
        # The store's own connect arguments: a `file:` URI stays a URI.
        (database,), options = self.engine.dialect.create_connect_args(self.engine.url)
        checkpointer = Checkpointer(
            self.location,
            lambda: sqlite3.connect(database, **{**options, "isolation_level": None}),
            interval_s=interval_s,
            busy_timeout_s=self._busy_timeout_s,
        )
        self._checkpointer = checkpointer
        self.engine.dispose()  # pooled connections still checkpoint on commit: open new ones
        checkpointer.start()
        try:
            yield
        finally:
            checkpointer.stop()
            if self._checkpointer is checkpointer:  # not closed meanwhile
                self._checkpointer = None
                self.engine.dispose()

    def _on_sqlite_connect(self, dbapi_connection: sqlite3.Connection, _record: object) -> None:
        if self._checkpointer is not None:
            dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """Open a write transaction (SQLite: BEGIN IMMEDIATE); only `uow.commit()` makes it permanent."""
        with self._write_turn, self._session(self._writer, writable=True) as uow:
            yield uow

    @contextmanager
    def reader(self) -> Iterator[UnitOfWork]:
        """Open a read-only transaction: a consistent view that never waits for writers."""
        with self._session(self._reader, writable=False) as uow:
            yield uow

    @contextmanager
    def lookup(self) -> Iterator[UnitOfWork]:
        """Open a read-only unit of work for reads that need not agree with each other (e.g. one query)."""
        with self._session(self._lookup, writable=False) as uow:
            yield uow

    @contextmanager
    def _session(self, bind: Engine, *, writable: bool) -> Iterator[UnitOfWork]:
        db = Session(bind=bind, expire_on_commit=False, autoflush=False)
        try:
            with busy_as_store_error(self.location):
                yield UnitOfWork(db, location=self.location, writable=writable)
        except (IntegrityError, DataError) as error:
            raise StoreError(
                N_("{location}: the database refused the change ({detail}); nothing was written"),
                location=self.location,
                detail=str(error.orig),
            ) from error
        except DatabaseError as error:  # busy was reported above; a disk, file or server fault, or damage
            raise StoreError(
                N_("{location}: the database could not be used ({detail}); nothing was written"),
                location=self.location,
                detail=str(error.orig).strip(),
            ) from error
        except (UnicodeEncodeError, StatementError) as error:
            cause = error.orig if isinstance(error, StatementError) else error
            if not isinstance(cause, UnicodeEncodeError):
                raise
            raise InputError(
                N_(
                    "the text {text} holds a character that cannot be saved (an unpaired surrogate); "
                    "nothing was written"
                ),
                hint=N_("remove or retype that character"),
                text=repr(cause.object[max(0, cause.start - 20) : cause.end + 20]),
            ) from None
        finally:
            db.close()  # rolls back whatever was not committed

    def info(self) -> StoreInfo:
        """Check the database and describe it (location, revision, integrity, row counts)."""
        from calfcoach.store.health import find_problems

        with busy_as_store_error(self.location), self.engine.connect() as connection:
            revision = current_revision(connection)
            problems = find_problems(connection)
            connection.rollback()
        with self.reader() as uow:
            counts = uow.counts()
        size = None
        if self.sqlite_file is not None and self.sqlite_file.exists():
            size = sum(
                p.stat().st_size for p in (self.sqlite_file, Path(f"{self.sqlite_file}-wal")) if p.exists()
            )
        elif self.engine.dialect.name == "postgresql":
            with self.engine.connect() as connection:
                size = connection.scalar(text("SELECT pg_database_size(current_database())"))
        return StoreInfo(
            backend=self.engine.dialect.name,
            location=self.location,
            revision=revision,
            head=head_revision(),
            problems=tuple(problems),
            counts=counts,
            size_bytes=size,
        )

    def readiness(self) -> str | None:
        """Return why the database cannot serve requests now (unreachable, schema not at this version's
        head), or None when it can: one short query, for a load balancer's readiness probe."""
        head = self.upgrade.after
        try:
            with self._lookup.connect() as connection:
                found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                connection.rollback()
        except DBAPIError as error:
            said = str(error.orig).strip().splitlines()
            cause = said[0] if said else type(error.orig).__name__
            return f"database {self.location} not reachable or without a schema ({cause})"
        if found == head:
            return None
        if found in known_revisions():
            return (
                f"database schema at revision {found}, older than this CalfCoach's {head}: "
                "`calfcoach doctor` or a restart of `calfcoach serve` upgrades it"
            )
        return f"database schema at revision {found}, made by a newer CalfCoach: upgrade this server"

    def close(self) -> None:
        """Release every connection (and stop background checkpoints)."""
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _trace: TracebackType | None
    ) -> None:
        self.close()


def open_store(
    url: str | None = None,
    *,
    busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    upgrade: bool = True,
    create: bool = True,
) -> Store:
    """Open the database (argument, else CALFCOACH_DATABASE_URL, else SQLite in the data folder).

    An empty database gets the schema; an older one is copied to a backup (SQLite) and upgraded in
    place; one from a newer CalfCoach is refused untouched (StoreVersionError). With `upgrade=False`
    an out-of-date database is refused instead of upgraded. With `create=False` a missing SQLite file
    is refused rather than created. A SQLite file that is not a database, or holds other tables than
    CalfCoach's, is refused before anything in it changes.
    """
    parsed = resolve_url(url)
    location = describe(parsed)
    path = sqlite_path(parsed)
    if path is not None and not parsed.query.get("uri"):  # a file: URI is the caller's own business
        check_sqlite_file(path, create=create)
    try:
        engine = make_engine(parsed, busy_timeout_s=busy_timeout_s)
    except (ArgumentError, ImportError, OSError) as error:
        raise InputError(
            N_("cannot use this database ({detail})"),
            where=location,
            hint=N_("CalfCoach supports sqlite:///FILE and postgresql://USER@HOST/DATABASE"),
            detail=str(error),
        ) from None
    try:
        if upgrade:
            done = ensure_schema(engine, location, sqlite_path(parsed))
        else:
            done = _check_only(engine, location)
    except DatabaseError as error:
        engine.dispose()
        damaged = "malformed" in str(error.orig)
        raise StoreError(
            N_("{location}: cannot open the database ({detail}); nothing was changed. {damaged}")
            if damaged
            else N_("{location}: cannot open the database ({detail}); nothing was changed"),
            location=location,
            detail=str(error.orig).strip(),
            damaged=Words(DAMAGED_HINT),
        ) from error
    except BaseException:
        engine.dispose()
        raise
    return Store(
        engine,
        location=location,
        sqlite_file=sqlite_path(parsed),
        upgrade=done,
        busy_timeout_s=busy_timeout_s,
    )


def _check_only(engine: Engine, location: str) -> Upgrade:
    from calfcoach.store.migrate import check_known

    with busy_as_store_error(location), engine.connect() as connection:
        found = current_revision(connection)
        connection.rollback()
    check_known(found, location)
    head = head_revision()
    if found != head:
        raise StoreError(
            N_(
                "{location}: the database is at schema revision {found}, this CalfCoach needs {head}; "
                "open it with upgrading allowed (a backup is made first)"
            ),
            location=location,
            found=repr(found),
            head=repr(head),
        )
    return Upgrade(before=found, after=head, backup=None)
