"""The database a command works on: `--db URL`, else CALFCOACH_DATABASE_URL, else the default SQLite file.

And the athlete it acts for: `--athlete`, else CALFCOACH_ATHLETE, else the only one; with several and none
given, the person is asked (or, with no terminal to answer on, told how to choose).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calfcoach.services.athletes import AthleteChoice, AthleteEntry
    from calfcoach.store.store import Store

_chosen: dict[str, str | None] = {"url": None, "athlete": None}
_acting: dict[str, AthleteChoice | None] = {"choice": None}
_spoken: dict[str, str | None] = {"language": None}


def choose(url: str | None, athlete: str | None = None) -> None:
    """Remember the `--db` URL and `--athlete` given before the command (None: the environment or default)."""
    _chosen["url"] = url
    _chosen["athlete"] = athlete
    _acting["choice"] = None
    _spoken["language"] = None


def chosen_url() -> str | None:
    return _chosen["url"]


def chosen_athlete() -> str | None:
    """The athlete named by `--athlete` or CALFCOACH_ATHLETE, as given (None: not named)."""
    return _chosen["athlete"]


def acting_language() -> str | None:
    """The language the athlete this command acts for has chosen, once the command has read them."""
    choice = _acting["choice"]
    return (None if choice is None else choice.language) or _spoken["language"]


def speak(language: str) -> None:
    """Speak `language` for the rest of this command (an answer read from the cache says whose it is)."""
    _spoken["language"] = language


def athlete_was_asked() -> bool:
    """Whether this command asked the person which athlete (its answer is not the database's default)."""
    choice = _acting["choice"]
    return choice is not None and choice.asked


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask_athlete(entries: list[AthleteEntry]) -> int:
    """Ask which of several athletes, until the answer names one of them."""
    import typer

    from calfcoach.cli.common import error_console
    from calfcoach.cli.words import _

    out = error_console()  # stdout stays clean for --json
    out.print(_("This database holds {count} athletes:", count=len(entries)))
    for entry in entries:
        out.print(f"  {entry.label()}")
    while True:
        answer = str(typer.prompt(_("Which one (id, name or e-mail)"), err=True)).strip().casefold()
        found = [e for e in entries if answer in (str(e.id), e.name.casefold(), (e.email or "").casefold())]
        if len(found) == 1:
            return found[0].id
        out.print(
            _("Give one of the ids above.") if found else _("{answer} is none of them.", answer=repr(answer))
        )


def after_write() -> None:
    """Refresh the cached answer of `calfcoach today` for today and tomorrow, so it stays instant."""
    import datetime as dt

    from calfcoach.cli.options import today
    from calfcoach.cli.today_cache import refresh
    from calfcoach.domain.errors import CalfCoachError

    if athlete_was_asked():
        return  # the cache answers for the athlete named (or the only one), not for one picked by asking
    day = today()
    try:
        refresh(_chosen["url"], [day, day + dt.timedelta(days=1)], athlete=_chosen["athlete"])
    except CalfCoachError:
        return  # only the cache is missing; the next `today` computes the answer itself


def open_db(*, create: bool = False) -> Store:
    """Open (and if needed upgrade) the chosen database; only commands that set one up may `create` it."""
    from calfcoach.services.athletes import AthleteChoice, act_for
    from calfcoach.store.store import open_store

    if _acting["choice"] is None:
        ask = _ask_athlete if _interactive() else None
        _acting["choice"] = AthleteChoice(wanted=_chosen["athlete"], ask=ask)
    act_for(_acting["choice"])
    return open_store(_chosen["url"], create=create)
