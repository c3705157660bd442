"""A cache of `calfcoach today` next to a SQLite database, so the answer comes without loading the history.

Replaying ten years of history costs seconds; the answer only changes when the athlete's data does. The
database raises an athlete's revision number (store revision 0007) on every change to what the coach reads
of them, whichever process writes: this CLI, a server sharing the file, a hand-written SQL fix. The cache
file (`<database>-today.json`) holds the views of a few days with the athlete's id and the revision read
*before* the history was, and the version of the code that computed them; a hit needs the same athlete at
the same revision and the same code. The revision is read through the standard library's sqlite3 module
(read-only), so a hit costs milliseconds and never loads the ORM. Only SQLite files are cached (a server
database cannot be opened this cheaply).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from calfcoach.domain.database_url import TODAY_CACHE_SUFFIX, sqlite_file

SUFFIX = TODAY_CACHE_SUFFIX
MAX_ENTRIES = 8


def _query(database: Path, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]] | None:
    """Rows of a query on the database opened read-only, or None when it cannot be read that way.

    None covers a missing file, a file that is not SQLite and a schema without revisions (before its
    upgrade): the answer is then computed the ordinary way, which reports or repairs what is wrong.
    """
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError):
        return None
    try:
        return connection.execute(sql, parameters).fetchall()
    except sqlite3.Error:
        return None
    finally:
        connection.close()


# What an athlete's cached answer depends on in the database: their revision, and also when the row was
# created (SQLite reuses the id of a deleted row, and a new athlete's revision can reach the old one's)
# and the schema revision (a database upgraded, or from a newer CalfCoach, must reach the store's checks).
_COLUMNS = "a.id, a.revision, a.created_at, (SELECT group_concat(version_num) FROM alembic_version)"
_STATE = f"SELECT {_COLUMNS} FROM athletes a"


def _states(rows: list[tuple[Any, ...]]) -> dict[int, list[Any]]:
    return {int(row[0]): [int(row[1]), str(row[2]), str(row[3])] for row in rows}


def revisions(database: Path) -> dict[int, list[Any]] | None:
    """Every athlete's state (revision, creation, schema revision) by id, or None when the database cannot
    be read without the store."""
    rows = _query(database, _STATE)
    return None if rows is None else _states(rows)


def _athlete_row(database: Path, athlete: str | None, columns: str) -> tuple[Any, ...] | None:
    """`columns` of the one athlete `--athlete` names (None: the only one), as the store picks them;
    None when that is not exactly one athlete or the file cannot be read this way."""
    wanted = (athlete or "").strip()
    select = f"SELECT {columns} FROM athletes a"
    if not wanted:
        rows = _query(database, f"{select} LIMIT 2")
    elif wanted.isdigit():
        try:
            number = int(wanted)
        except ValueError:
            return None
        rows = _query(database, f"{select} WHERE a.id = ?", (number,))
    elif "@" in wanted:
        rows = _query(
            database, f"{select} JOIN users u ON u.id = a.user_id WHERE u.email = ?", (wanted.lower(),)
        )
    else:
        named = _query(database, f"SELECT {columns}, a.name FROM athletes a")
        rows = (
            None if named is None else [r[:-1] for r in named if str(r[-1]).casefold() == wanted.casefold()]
        )
    if rows is None or len(rows) != 1:
        return None
    return rows[0]


def athlete_revision(database: Path, athlete: str | None) -> tuple[int, list[Any]] | None:
    """The id and state of the athlete `--athlete` names (None: the only one), as the store picks them.

    None when that is not exactly one athlete: the ordinary path then asks or says what is wrong.
    """
    row = _athlete_row(database, athlete, _COLUMNS)
    if row is None:
        return None
    ((found, state),) = _states([row]).items()
    return found, state


def athlete_zone(database: Path, athlete: str | None) -> tuple[str | None] | None:
    """The time zone stored for the athlete `--athlete` names (None: the only one), read without the
    store: `(name,)`, `(None,)` when they chose none, None when it cannot be told this way (no such
    single athlete, or a database before its upgrade)."""
    row = _athlete_row(database, athlete, "a.time_zone")
    return None if row is None else (None if row[0] is None else str(row[0]),)


def athlete_language(database: Path, athlete: str | None) -> str | None:
    """The language stored for the athlete `--athlete` names (None: the only one), read without the store;
    None when they chose none or it cannot be told this way (for help, which must not open the store)."""
    row = _athlete_row(database, athlete, "a.language")
    return None if row is None or row[0] is None else str(row[0])


def _version() -> str:
    from calfcoach import __version__

    return __version__


def _entry_key(athlete: str | None) -> str:
    """Where the views for `--athlete` as given are kept in the file ("" for none given), for the machine's
    language when it is not English (an athlete without a language of their own is answered in it)."""
    from calfcoach.i18n import DEFAULT, from_environment

    spoken = from_environment()
    named = "" if athlete is None else f"={athlete}"
    return named if spoken == DEFAULT else f"{spoken}{named}"


def _read(target: Path) -> dict[str, Any]:
    """The cache file's entries if this code wrote it, else none."""
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _version():
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def cached_view(database: Path, day: dt.date, athlete: str | None = None) -> dict[str, Any] | None:
    """The stored view of `day` for the athlete named (None: the only one) if it was computed by this code
    from the athlete's data at its current revision, else None."""
    entry = _read(Path(f"{database}{SUFFIX}")).get(_entry_key(athlete))
    if not isinstance(entry, dict):
        return None
    current = athlete_revision(database, athlete)
    if current is None or [entry.get("id"), entry.get("revision")] != list(current):
        return None
    views = entry.get("views")
    view = views.get(day.isoformat()) if isinstance(views, dict) else None
    # A view without its language was written before the views said it: computed again.
    return view if isinstance(view, dict) and isinstance(view.get("language"), str) else None


def save_views(
    database: Path,
    taken: dict[int, list[Any]] | None,
    views: dict[dt.date, dict[str, Any]],
    athlete: str | None = None,
) -> None:
    """Store views computed after the revisions `taken` were read, for the athlete named (None: the only
    one); failures only mean no cache.

    The revisions are read before the history, so a write in between leaves a revision older than the data:
    the next read sees a newer one and computes again, rather than trusting views that may miss the write.
    Each way of naming an athlete has its own entry, so a write for one athlete keeps another's answer.
    """
    if taken is None or not views:
        return
    ids = {view.get("athlete", {}).get("id") for view in views.values()}
    athlete_id = ids.pop() if len(ids) == 1 else None
    if not isinstance(athlete_id, int) or athlete_id not in taken:
        return
    target = Path(f"{database}{SUFFIX}")
    entries = _read(target)
    key = _entry_key(athlete)
    merged = {d.isoformat(): v for d, v in views.items()}
    earlier = entries.pop(key, None)
    if isinstance(earlier, dict) and [earlier.get("id"), earlier.get("revision")] == [
        athlete_id,
        taken[athlete_id],
    ]:
        # Same athlete at the same revision: keep the days already computed (today and tomorrow).
        merged = {**earlier.get("views", {}), **merged}
    # Newest last; a few entries at most, so a shared database's file stays small.
    kept = dict(list(entries.items())[-(MAX_ENTRIES - 1) :])
    kept[key] = {"id": athlete_id, "revision": taken[athlete_id], "views": merged}
    content = json.dumps({"version": _version(), "entries": kept}, default=str)
    import tempfile  # only on a miss: a hit never writes

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(temporary, target)
    except OSError:
        return


def refresh(url: str | None, days: list[dt.date], athlete: str | None = None) -> None:
    """Recompute and store the views of `days` (after a write), so the next `today` is instant."""
    database = sqlite_file(url)
    if database is None:
        return
    from calfcoach.i18n import from_environment
    from calfcoach.services.daily import today_views
    from calfcoach.store.store import open_store

    taken = revisions(database)
    with open_store(url) as store:
        views = today_views(store, days, from_environment())
    save_views(database, taken, {d: view.model_dump(mode="json") for d, view in views.items()}, athlete)
