"""Backups of a whole database and their restore: SQLite's online backup API, PostgreSQL's pg_dump.

A SQLite backup is a SQLite file, copied in one step of `sqlite3.Connection.backup` (one read snapshot:
consistent while servers write, which WAL lets them go on doing). A PostgreSQL backup is a pg_dump archive
in its custom format (pg_dump reads one snapshot too). A restore replaces the target database whole, in
one transaction where the backend allows (the backup API's copy; psql --single-transaction), refuses a
target that holds data unless forced, and refuses a file that is not a CalfCoach backup, or one from a
newer CalfCoach, before anything is changed. Passwords reach the PostgreSQL tools through their
environment, never their command line (which `ps` shows to everyone on the machine).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import URL

from calfcoach.domain.database_url import TODAY_CACHE_SUFFIX
from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_
from calfcoach.store.engine import SQLITE_HEADER, describe, resolve_url, sqlite_path
from calfcoach.store.errors import StoreError
from calfcoach.store.migrate import check_known, known_revisions

Format = Literal["sqlite", "pg_dump"]
PG_DUMP_HEADER = b"PGDMP"
FORCE_HINT = N_("add --force to replace what it holds with the backup")
NOT_OURS = N_(
    "this database holds tables but no CalfCoach schema; a restore would drop them, so nothing was changed"
)
NOT_OURS_HINT = N_("restore into an empty database or a CalfCoach one")
MADE_BY_BACKUP = N_("give a file made by `calfcoach backup`")
_QUERY_ENVIRONMENT = {  # libpq settings a URL may carry in its query, and the variables that set them
    "host": "PGHOST",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "application_name": "PGAPPNAME",
}


@dataclass(frozen=True)
class BackupMade:
    """A backup written: where, of which database, in which format, at which schema revision."""

    path: Path
    source: str
    format: Format
    revision: str | None
    size_bytes: int


@dataclass(frozen=True)
class Restored:
    """A restore done: into which database, from which file, its revision then and after the upgrade."""

    target: str
    path: Path
    format: Format
    revision: str
    upgraded_to: str


def backup_format(path: Path) -> Format:
    """Tell a SQLite backup from a pg_dump archive by its first bytes; refuse anything else."""
    if path.is_dir():
        raise InputError(N_("this is a folder, not a backup file"), where=str(path))
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise InputError(N_("there is no such file; nothing was changed"), where=str(path)) from None
    except OSError as error:
        raise InputError(
            N_("cannot read the file ({detail})"), where=str(path), detail=error.strerror
        ) from None
    if head == SQLITE_HEADER:
        return "sqlite"
    if head.startswith(PG_DUMP_HEADER):
        return "pg_dump"
    raise InputError(
        N_(
            "this file is not a CalfCoach backup (neither a SQLite database nor a pg_dump archive); "
            "nothing was changed"
        ),
        where=str(path),
        hint=MADE_BY_BACKUP,
    )


def _writable_target(target: Path, *, force: bool) -> Path:
    """The temporary file a backup is written to first, beside the target, once the target is checked."""
    if target.is_dir():
        raise InputError(N_("this is a folder; give a file name for the backup"), where=str(target))
    if target.exists() and not force:
        raise InputError(
            N_("a file with this name exists; nothing was written"),
            where=str(target),
            hint=N_("add --force to replace it"),
        )
    if not target.parent.is_dir():
        raise InputError(
            N_("the folder {folder} does not exist; nothing was written"),
            where=str(target),
            folder=str(target.parent),
        )
    partial = target.with_name(target.name + ".partial")
    try:
        partial.open("wb").close()
    except OSError as error:
        raise InputError(
            N_("cannot write here ({detail}); nothing was written"), where=str(target), detail=error.strerror
        ) from None
    return partial


def backup(url: str | None, target: Path, *, force: bool = False) -> BackupMade:
    """Write a consistent copy of the database to `target` (whole, or not at all)."""
    parsed = resolve_url(url)
    location = describe(parsed)
    source = sqlite_path(parsed)
    if source is None and parsed.get_backend_name() != "postgresql":
        raise InputError(N_("only a SQLite file or a PostgreSQL database can be backed up"), where=location)
    if source is not None and not source.is_file():
        raise InputError(N_("there is no database here; nothing was written"), where=location)
    partial = _writable_target(target, force=force)
    try:
        if source is not None:
            revision = _sqlite_backup(source, partial)
            kind: Format = "sqlite"
        else:
            _run_pg(
                "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"], parsed
            )
            revision = _pg_archive_revision(partial)
            kind = "pg_dump"
        if revision is None:
            raise StoreError(
                N_("{location}: this database has no CalfCoach schema yet; there is nothing to back up"),
                location=location,
            )
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupMade(target, location, kind, revision, target.stat().st_size)


def _sqlite_backup(source: Path, partial: Path) -> str | None:
    """Copy the database in one step (one read snapshot) and return the revision that copy holds."""
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    try:
        copy = sqlite3.connect(partial)
        try:
            reader.backup(copy)
            # A backup is one self-contained file: no WAL beside it for whoever copies it elsewhere.
            copy.execute("PRAGMA journal_mode=DELETE")
            return _sqlite_revision(copy)
        finally:
            copy.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(
            N_("{location}: the database cannot be read ({detail}); nothing was written"),
            location=str(source),
            detail=str(error),
        ) from None
    finally:
        reader.close()


def _sqlite_revision(connection: sqlite3.Connection) -> str | None:
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def _pg_environment(url: URL) -> dict[str, str]:
    """The libpq variables that name the URL's server, database and credentials (the password included)."""
    environment = dict(os.environ)
    for name, value in (
        ("PGHOST", url.host),
        ("PGPORT", url.port),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value is not None:
            environment[name] = str(value)
    for key, variable in _QUERY_ENVIRONMENT.items():
        setting = url.query.get(key)
        if isinstance(setting, str):
            environment[variable] = setting
    return environment


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise StoreError(
            N_(
                "{tool} is not installed or not on PATH; it is needed to back up or restore a PostgreSQL "
                "database (install the PostgreSQL client tools of the server's version, e.g. "
                "`apt-get install postgresql-client`)"
            ),
            tool=name,
        )
    return found


def _run_pg(tool: str, arguments: list[str], url: URL | None) -> bytes:
    """Run a PostgreSQL client tool; its error (never the password) becomes a StoreError."""
    environment = dict(os.environ) if url is None else _pg_environment(url)
    done = subprocess.run([_tool(tool), *arguments], capture_output=True, env=environment, check=False)
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip() or f"exit status {done.returncode}"
        raise StoreError(N_("{tool} failed: {detail}"), tool=tool, detail=message)
    return done.stdout


_COPY_REVISION = re.compile(rb"^COPY [^\n]*alembic_version[^\n]*FROM stdin;\n([^\n\\]+)\n", re.MULTILINE)


def _pg_archive_revision(path: Path) -> str | None:
    """The schema revision a pg_dump archive holds (read from its alembic_version data), or None."""
    try:
        text = _run_pg("pg_restore", ["--data-only", "--table=alembic_version", "--file=-", str(path)], None)
    except StoreError as error:
        raise InputError(
            N_("this file is not a readable pg_dump archive ({detail}); nothing was changed"),
            where=str(path),
            detail=str(error),
        ) from None
    found = _COPY_REVISION.search(text)
    return None if found is None else found.group(1).decode().strip()


def _checked_revision(revision: str | None, path: Path) -> str:
    """Refuse a backup with no CalfCoach schema, or from a newer CalfCoach."""
    if revision is None or revision not in known_revisions():
        check_known(revision, str(path))  # a newer CalfCoach's: say so
        raise InputError(
            N_("this file holds no CalfCoach database; nothing was changed"),
            where=str(path),
            hint=MADE_BY_BACKUP,
        )
    return revision


def restore(url: str | None, path: Path, *, force: bool = False) -> Restored:
    """Replace the database with a backup, then upgrade it to this version's schema if it is older."""
    from calfcoach.store.store import open_store

    kind = backup_format(path)
    parsed = resolve_url(url)
    location = describe(parsed)
    target = sqlite_path(parsed)
    if kind == "sqlite":
        if target is None:
            raise InputError(
                N_(
                    "this is a backup of a SQLite database; restore it into a SQLite file (--db sqlite:///FILE)"
                ),
                where=str(path),
                hint=N_("to move data between backends use `calfcoach export` and `calfcoach import-data`"),
            )
        revision = _checked_revision(_sqlite_file_revision(path), path)
        _restore_sqlite(path, target, force=force)
        _forget_today_cache(target)
    else:
        if parsed.get_backend_name() != "postgresql":
            raise InputError(
                N_(
                    "this is a pg_dump archive; restore it into a PostgreSQL database (--db postgresql://...)"
                ),
                where=str(path),
            )
        revision = _checked_revision(_pg_archive_revision(path), path)
        _restore_postgresql(path, parsed, location, force=force)
    with open_store(url) as store:  # migrates an older backup up to this version
        after = store.upgrade.after
    return Restored(location, path, kind, revision, after)


def _sqlite_file_revision(path: Path) -> str | None:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return _sqlite_revision(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise InputError(
            N_("the backup cannot be read ({detail}); nothing was changed"),
            where=str(path),
            detail=str(error),
        ) from None


def _sqlite_has_data(connection: sqlite3.Connection, where: str) -> bool:
    """Whether a CalfCoach database holds any row; a database of something else is refused outright."""
    tables = [
        str(name)
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not str(name).startswith("sqlite_")
    ]
    if tables and "alembic_version" not in tables:
        raise InputError(NOT_OURS, where=where, hint=NOT_OURS_HINT)
    return any(
        connection.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone()
        for name in tables
        if name != "alembic_version"
    )


def _restore_sqlite(path: Path, target: Path, *, force: bool) -> None:
    """Copy the backup over the target through the backup API: atomic, and safe beside its WAL."""
    if target.exists():
        with target.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise InputError(
                N_("the target is not a SQLite database; nothing was changed"), where=str(target)
            )
    else:
        if not target.parent.is_dir():
            raise InputError(
                N_("the folder {folder} does not exist; nothing was changed"),
                where=str(target),
                folder=str(target.parent),
            )
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            destination = sqlite3.connect(target, timeout=5.0)
        except sqlite3.Error as error:
            raise InputError(
                N_("cannot open the target ({detail}); nothing was changed"),
                where=str(target),
                detail=str(error),
            ) from None
        try:
            if _sqlite_has_data(destination, str(target)) and not force:
                raise InputError(
                    N_("this database holds data; nothing was changed"), where=str(target), hint=FORCE_HINT
                )
            source.backup(destination)
        except sqlite3.OperationalError as error:
            raise StoreError(
                N_("{location}: the restore could not be written ({detail}); nothing was changed"),
                location=str(target),
                detail=str(error),
            ) from None
        finally:
            destination.close()
    finally:
        source.close()


def _forget_today_cache(database: Path) -> None:
    """Drop `calfcoach today`'s cache: restored revisions may repeat numbers with other data behind them."""
    Path(f"{database}{TODAY_CACHE_SUFFIX}").unlink(missing_ok=True)


def _restore_postgresql(path: Path, url: URL, location: str, *, force: bool) -> None:
    """Drop what the database holds and load the archive, in one transaction (psql --single-transaction)."""
    from sqlalchemy import inspect, text

    from calfcoach.store.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            tables = list(inspect(connection).get_table_names())
            has_data = any(
                connection.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first() is not None
                for name in tables
                if name != "alembic_version"
            )
            functions = (
                connection.execute(
                    text(
                        "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                        "WHERE n.nspname = current_schema() AND p.proname LIKE 'calfcoach\\_%'"
                    )
                )
                .scalars()
                .all()
            )
            schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    finally:
        engine.dispose()
    if tables and "alembic_version" not in tables:
        raise InputError(NOT_OURS, where=location, hint=NOT_OURS_HINT)
    if has_data and not force:
        raise InputError(N_("this database holds data; nothing was changed"), where=location, hint=FORCE_HINT)
    drops = "".join(f'DROP TABLE IF EXISTS "{schema}"."{name}" CASCADE;\n' for name in tables)
    drops += "".join(f'DROP FUNCTION IF EXISTS "{schema}"."{name}"() CASCADE;\n' for name in functions)
    _load_archive(path, url, drops.encode())


def _load_archive(path: Path, url: URL, before: bytes) -> None:
    """Stream pg_restore's SQL into psql after `before`, all in one transaction that stops at an error."""
    loader = subprocess.Popen(
        [
            _tool("psql"),
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            "--file=-",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_pg_environment(url),
    )
    reader = subprocess.Popen(
        [_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert loader.stdin is not None
    assert reader.stdout is not None
    try:
        loader.stdin.write(before)
        shutil.copyfileobj(reader.stdout, loader.stdin, 1024 * 1024)
    except BrokenPipeError:
        pass  # psql stopped at an error: its message is read below
    finally:
        loader.stdin.close()
        reader_error = reader.stderr.read() if reader.stderr else b""
        loader_error = loader.stderr.read() if loader.stderr else b""
        reader.wait()
        loader.wait()
    for tool, process, error in (("pg_restore", reader, reader_error), ("psql", loader, loader_error)):
        if process.returncode != 0:
            message = error.decode(errors="replace").strip() or f"exit status {process.returncode}"
            raise StoreError(N_("{tool} failed, nothing was changed: {detail}"), tool=tool, detail=message)
