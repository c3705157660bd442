"""Small parsers commands share: dates and numbers given on the command line, and today's date."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import typer


def finite(low: float | None = None, high: float | None = None) -> Callable[[str], float]:
    """A parser for a number option that refuses nan, inf and text like -1e999 (a plain float takes them)."""

    def parse(text: str) -> float:
        try:
            number = float(text)
        except ValueError:
            raise typer.BadParameter(f"{text!r} is not a number") from None
        if not math.isfinite(number):
            raise typer.BadParameter(f"{text!r} is not a finite number")
        if (low is not None and number < low) or (high is not None and number > high):
            raise typer.BadParameter(f"{text!r} is not {_range(low, high)}")
        return number

    return parse


def _range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"between {low:g} and {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"


def today() -> dt.date:
    """Today in the machine's local time zone (the day CALFCOACH_TODAY gives, when set)."""
    from calfcoach.services.clock import clock_from_environment

    return clock_from_environment().today()


def now() -> dt.datetime:
    """Now, timezone-aware, in the machine's local time zone (moved to CALFCOACH_TODAY's day, when set)."""
    from calfcoach.services.clock import clock_from_environment

    return clock_from_environment().now()


def parse_day(text: str | None, flag: str) -> dt.date:
    """Read YYYY-MM-DD, 'today' or 'yesterday' (None: today); bad text is an InputError naming the flag."""
    from calfcoach.domain.errors import InputError

    if text is None or text.strip().lower() == "today":
        return today()
    if text.strip().lower() == "yesterday":
        return today() - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{text!r} is not a date", where=flag, hint="use YYYY-MM-DD") from None
