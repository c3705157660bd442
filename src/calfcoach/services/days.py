"""The dates every log is checked against (not in the future, one day of slack; not before 2000), and the
range of days anyone may ask about."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.errors import InputError

EARLIEST = dt.date(2000, 1, 1)
# The last day a plan or "today" may be asked for: the engine looks weeks past it, which must stay a date.
LATEST = dt.date(2100, 12, 31)


def check_day(day: dt.date, today: dt.date, what: str, *, ahead_days: int = 1) -> None:
    """Refuse a day more than `ahead_days` after today, or before 2000, naming what was dated (e.g. "the
    session").

    One day of slack by default: a person east of the server's time zone may already be in tomorrow. A
    report of how a morning was (a check-in) passes 0: it cannot be about a morning still to come.
    """
    if day > today + dt.timedelta(days=ahead_days):
        raise InputError(
            f"{what} is dated {day.isoformat()}, in the future",
            where="day",
            hint=f"date it {today.isoformat()} (today) or earlier"
            if ahead_days == 0
            else "log what was done, not planned",
        )
    if day < EARLIEST:
        raise InputError(f"{what} is dated {day.isoformat()}, before {EARLIEST.year}", where="day")


def check_asked_day(day: dt.date | None) -> dt.date | None:
    """Refuse a day asked about (a plan's start, "today" on another day) before 2000 or after 2100."""
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValueError(f"{day.isoformat()} is not between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return day
