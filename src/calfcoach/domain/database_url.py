"""Which database a command or the server uses, in the standard library only.

The store (store/engine.py) parses the chosen URL with SQLAlchemy to connect; `calfcoach today`'s cache
(cli/today_cache.py) must find the same SQLite file without importing SQLAlchemy, which costs more start-up
time than the whole cached answer. Both take the choice from here, so they cannot disagree about it.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

ENV_URL = "CALFCOACH_DATABASE_URL"
IN_MEMORY = ":memory:"
# `calfcoach today`'s cache beside a SQLite file (cli/today_cache.py); a restore or an erasure removes it.
TODAY_CACHE_SUFFIX = "-today.json"


def default_database_path() -> Path:
    """Return the SQLite file in the platform's data folder (e.g. ~/.local/share/calfcoach on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("calfcoach", appauthor=False) / "calfcoach.db"


def url_from_environment(url: str | None) -> bool:
    """Whether the URL in use comes from CALFCOACH_DATABASE_URL (so an error can name the variable)."""
    return not url and bool(os.environ.get(ENV_URL))


def chosen_url(url: str | None) -> str:
    """Pick the database: the argument, else CALFCOACH_DATABASE_URL, else SQLite in the data folder."""
    return url or os.environ.get(ENV_URL) or f"sqlite:///{default_database_path()}"


def sqlite_file(url: str | None) -> Path | None:
    """The file of the SQLite database `chosen_url(url)` names, as SQLAlchemy reads the URL; None for other
    backends and in-memory databases."""
    text = chosen_url(url)
    scheme, separator, rest = text.partition("://")
    if not separator or scheme.split("+", 1)[0] != "sqlite":
        return None
    # sqlite://<host>/<database>: SQLite has no host, so the database is everything after the third slash.
    host, slash, database = rest.partition("/")
    if host or not slash:
        return None
    database = unquote(database.split("?", 1)[0])
    if database in ("", IN_MEMORY):
        return None
    return Path(database)
