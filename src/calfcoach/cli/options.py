"""Small parsers commands share: dates given on the command line, and today's date."""

from __future__ import annotations

import datetime as dt


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
