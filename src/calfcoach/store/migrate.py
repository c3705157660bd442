"""Bring a database to the schema this version knows: create it, or back it up and upgrade it in place."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from calfcoach.store.engine import FOREIGN_TABLES, WRITE_OPTION, busy_as_store_error
from calfcoach.store.errors import StoreError, StoreVersionError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any fixed number: it names the lock that keeps two PostgreSQL clients from migrating at once.
_PG_MIGRATION_LOCK = 720_331_001


@dataclass(frozen=True)
class Upgrade:
    """What `ensure_schema` did: the revisions before and after, and the backup it made first (if any)."""

    before: str | None
    after: str
    backup: Path | None


def alembic_config() -> Config:
    """Return an Alembic configuration pointing at the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> dict[str, str | None]:
    """Return every revision this version ships, mapped to the one it revises.

    Read from the revision files' text rather than through Alembic, whose import would cost a tenth of a
    second on every start; a test checks this agrees with Alembic.
    """
    chain: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("r*.py")):
        source = path.read_text(encoding="utf-8")
        revision = re.search(r'^revision = "([^"]+)"', source, re.MULTILINE)
        down = re.search(r'^down_revision = (?:"([^"]+)"|None)', source, re.MULTILINE)
        if revision is None or down is None:  # pragma: no cover - guarded by a test over the shipped files
            raise StoreError(f"{path.name}: not a migration file; reinstall CalfCoach")
        chain[revision.group(1)] = down.group(1)
    return chain


def head_revision() -> str:
    """Return the newest schema revision this version of CalfCoach knows."""
    chain = known_revisions()
    heads = set(chain) - {down for down in chain.values() if down is not None}
    if len(heads) != 1:  # pragma: no cover - guarded by a test over the shipped files
        raise StoreError(f"the package ships {len(heads)} schema heads; reinstall CalfCoach")
    return heads.pop()


def current_revision(connection: Connection) -> str | None:
    """Return the revision recorded in the database, or None when it has none yet."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_known(revision: str | None, location: str) -> None:
    """Refuse a database written by a newer version: its revision is not among ours."""
    if revision is not None and revision not in known_revisions():
        raise StoreVersionError(location, revision, head_revision())


def _foreign_tables(connection: Connection) -> list[str]:
    return sorted(name for name in inspect(connection).get_table_names() if name != "alembic_version")


def backup_sqlite(path: Path, revision: str, *, now: dt.datetime | None = None) -> Path:
    """Copy a SQLite database (consistently, WAL included) beside it, named with its revision and the time."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.backup-rev{revision}-{stamp}{path.suffix or '.db'}")
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
        partial.replace(target)  # a backup either exists whole or not at all
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return target


def upgrade_to(engine: Engine, location: str, revision: str = "head") -> str | None:
    """Run the migrations up to `revision` in one write transaction; return the revision found before."""
    with (
        busy_as_store_error(location),
        engine.connect().execution_options(**{WRITE_OPTION: True}) as connection,
        connection.begin(),
    ):
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        before = current_revision(connection)  # read again under the lock: another process may have won
        check_known(before, location)
        if before is None and _foreign_tables(connection):
            raise StoreError(FOREIGN_TABLES, path=location, tables=", ".join(_foreign_tables(connection)))
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return before


def ensure_schema(engine: Engine, location: str, sqlite_file: Path | None) -> Upgrade:
    """Create the schema in an empty database, or back up and upgrade an older one; refuse a newer one."""
    head = head_revision()
    with busy_as_store_error(location), engine.connect() as connection:
        found = current_revision(connection)
        connection.rollback()
    check_known(found, location)
    if found == head:
        return Upgrade(before=found, after=head, backup=None)
    backup = None
    if found is not None and sqlite_file is not None:
        backup = backup_sqlite(sqlite_file, found)
    before = upgrade_to(engine, location, head)
    return Upgrade(before=before, after=head, backup=backup)
