"""The database a command works on: `--db URL`, else CALFCOACH_DATABASE_URL, else the default SQLite file."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calfcoach.store.store import Store

_chosen: dict[str, str | None] = {"url": None}


def choose(url: str | None) -> None:
    """Remember the `--db` URL given before the command (None: the environment or the default)."""
    _chosen["url"] = url


def chosen_url() -> str | None:
    return _chosen["url"]


def after_write() -> None:
    """Refresh the cached answer of `calfcoach today` for today and tomorrow, so it stays instant."""
    import datetime as dt

    from calfcoach.cli.options import today
    from calfcoach.cli.today_cache import refresh
    from calfcoach.domain.errors import CalfCoachError

    day = today()
    try:
        refresh(_chosen["url"], [day, day + dt.timedelta(days=1)])
    except CalfCoachError:
        return  # only the cache is missing; the next `today` computes the answer itself


def open_db() -> Store:
    """Open (and if needed create or upgrade) the chosen database."""
    from calfcoach.store.store import open_store

    return open_store(_chosen["url"])
