"""A cache of `calfcoach today` next to a SQLite database, so the answer comes without loading the history.

Replaying ten years of history costs seconds; the answer only changes when the database does. The cache
file (`<database>-today.json`) holds the views of a few days together with the size and modification time
of the database and its write-ahead log, taken *before* the history was read: any later write changes them,
and the cache is ignored. This module imports only the standard library, so a hit costs milliseconds.
Only SQLite files are cached (a server database cannot be checked this cheaply).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

ENV_URL = "CALFCOACH_DATABASE_URL"
SUFFIX = "-today.json"


def default_database_path() -> Path:
    """The default SQLite file, as calfcoach.store.engine.default_database_path() says (a test checks)."""
    from platformdirs import user_data_path

    return user_data_path("calfcoach", appauthor=False) / "calfcoach.db"


def sqlite_file(url: str | None) -> Path | None:
    """The SQLite file a URL names (as the store resolves it), or None for anything else."""
    text = url or os.environ.get(ENV_URL)
    if not text:
        return default_database_path()
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if text.startswith(prefix):
            rest = text[len(prefix) :]
            if not rest or "?" in rest or rest == ":memory:":
                return None
            return Path(rest)
    return None


def stamp(database: Path) -> list[int] | None:
    """Size and modification time of the database and its write-ahead log (None if there is no database)."""
    parts: list[int] = []
    for path in (database, Path(f"{database}-wal")):
        try:
            found = path.stat()
        except FileNotFoundError:
            if path == database:
                return None
            parts += [-1, -1]
            continue
        parts += [found.st_mtime_ns, found.st_size]
    return parts


def _version() -> str:
    from calfcoach import __version__

    return __version__


def cached_view(database: Path, day: dt.date, athlete: str | None = None) -> dict[str, Any] | None:
    """The stored view of `day` for the athlete named (None: the only one) if the database has not changed
    since it was computed, else None."""
    current = stamp(database)
    if current is None:
        return None
    try:
        data = json.loads(Path(f"{database}{SUFFIX}").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not _same(data, current, athlete):
        return None
    view = data.get("views", {}).get(day.isoformat())
    return view if isinstance(view, dict) else None


def _same(data: dict[str, Any], taken: list[int], athlete: str | None) -> bool:
    """Whether cached data was computed from this database state, by this version, for this athlete."""
    return data.get("stamp") == taken and data.get("version") == _version() and data.get("athlete") == athlete


def save_views(
    database: Path,
    taken: list[int] | None,
    views: dict[dt.date, dict[str, Any]],
    athlete: str | None = None,
) -> None:
    """Store views computed from the database as it was at `taken`, for the athlete named (None: the only
    one); failures only mean no cache."""
    if taken is None:
        return
    target = Path(f"{database}{SUFFIX}")
    merged = {d.isoformat(): v for d, v in views.items()}
    try:
        earlier = json.loads(target.read_text(encoding="utf-8"))
        if _same(earlier, taken, athlete):
            # Same database state: keep the days already computed (today and tomorrow after a write).
            merged = {**earlier.get("views", {}), **merged}
    except (OSError, ValueError, AttributeError):
        pass
    content = json.dumps(
        {"version": _version(), "stamp": taken, "athlete": athlete, "views": merged}, default=str
    )
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
    from calfcoach.services.daily import today_views
    from calfcoach.store.store import open_store

    taken = stamp(database)
    with open_store(url) as store:
        views = today_views(store, days)
    save_views(database, taken, views, athlete)
