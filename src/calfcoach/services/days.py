"""The dates every log is checked against (not in the future, one day of slack; not before 2000), and the
range of days anyone may ask about."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.errors import InputError

EARLIEST = dt.date(2000, 1, 1)
# The last day a plan or "today" may be asked for: the engine looks weeks past it, which must stay a date.
LATEST = dt.date(2100, 12, 31)


def check_day(day: dt.date, today: dt.date, what: str) -> None:
    """Refuse a day after tomorrow or before 2000, naming what was dated (e.g. "the check-in")."""
    # One day of slack: a person east of the server's time zone may already be in tomorrow.
    if day > today + dt.timedelta(days=1):
        raise InputError(
            f"{what} is dated {day.isoformat()}, in the future",
            where="day",
            hint="log what was done, not planned",
        )
    if day < EARLIEST:
        raise InputError(f"{what} is dated {day.isoformat()}, before {EARLIEST.year}", where="day")


def check_asked_day(day: dt.date | None) -> dt.date | None:
    """Refuse a day asked about (a plan's start, "today" on another day) before 2000 or after 2100."""
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValueError(f"{day.isoformat()} is not between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return day
