"""Small parsers commands share: dates and numbers given on the command line, and today's date."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import typer


def finite(low: float | None = None, high: float | None = None) -> Callable[[str], float]:
    """A parser for a number option that refuses nan, inf and text like -1e999 (a plain float takes them)."""

    def parse(text: str) -> float:
        from calfcoach.cli.words import _

        try:
            number = float(text)
        except ValueError:
            raise typer.BadParameter(_("{text} is not a number", text=repr(text))) from None
        if not math.isfinite(number):
            raise typer.BadParameter(_("{text} is not a finite number", text=repr(text)))
        if (low is not None and number < low) or (high is not None and number > high):
            raise typer.BadParameter(_range(text, low, high))
        return number

    return parse


def _range(text: str, low: float | None, high: float | None) -> str:
    from calfcoach.cli.words import _, number

    given = repr(text)
    if low is not None and high is not None:
        return _("{text} is not between {low} and {high}", text=given, low=number(low), high=number(high))
    if low is not None:
        return _("{text} is not at least {low}", text=given, low=number(low))
    return _("{text} is not at most {high}", text=given, high=number(high or 0))


def today() -> dt.date:
    """Today in the person's time zone: their profile's when they chose one, else the machine's (the day
    CALFCOACH_TODAY gives, when set), as the web app and the API count it."""
    from calfcoach.services.clock import clock_from_environment

    return clock_from_environment(tz=person_zone()).today()


def now() -> dt.datetime:
    """Now, timezone-aware, in the person's time zone (as `today`; on CALFCOACH_TODAY's day, when set)."""
    from calfcoach.services.clock import clock_from_environment

    return clock_from_environment(tz=person_zone()).now()


def person_zone() -> dt.tzinfo | None:
    """The time zone of the athlete the command is for, from their profile; None for the machine's (no
    zone chosen, no profile yet, or a database that cannot be read).

    A SQLite file is read without the store (milliseconds, as `today`'s cache does); any other database,
    or a file naming no single athlete, through the store, which picks or asks as the command will.
    """
    from calfcoach.cli.database import chosen_athlete, chosen_url, open_db
    from calfcoach.cli.today_cache import athlete_zone
    from calfcoach.domain.database_url import sqlite_file
    from calfcoach.domain.errors import CalfCoachError
    from calfcoach.domain.profile import zone_named

    database = sqlite_file(chosen_url())
    if database is not None:
        if not database.exists():
            return None  # before `calfcoach init`: the machine's day
        found = athlete_zone(database, chosen_athlete())
        if found is not None:
            try:
                return None if found[0] is None else zone_named(found[0])
            except ValueError:
                return None  # a zone this machine's tz database lacks: the store path would refuse it too
    from calfcoach.services.athletes import local_athlete

    try:
        with open_db() as store, store.reader() as uow:
            return local_athlete(uow).profile.zone
    except (CalfCoachError, ValueError):
        return None  # the command itself reports what is wrong with the database or the athlete


def parse_day(text: str | None, flag: str) -> dt.date:
    """Read YYYY-MM-DD, 'today' or 'yesterday' (None: today); bad text is an InputError naming the flag."""
    from calfcoach.cli.words import _
    from calfcoach.domain.errors import InputError

    if text is None or text.strip().lower() == "today":
        return today()
    if text.strip().lower() == "yesterday":
        return today() - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            _("{text} is not a date", text=repr(text)), where=flag, hint=_("use YYYY-MM-DD")
        ) from None
