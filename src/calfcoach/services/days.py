"""The dates every log is checked against (not in the future, one day of slack; not before 2000), and the
range of days anyone may ask about."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.errors import InputError, Words
from calfcoach.i18n import N_

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
            N_("{what} is dated {day}, in the future"),
            where="day",
            hint=N_("date it {today} (today) or earlier")
            if ahead_days == 0
            else N_("log what was done, not planned"),
            what=Words(what),
            day=day,
            today=today,
        )
    if day < EARLIEST:
        raise InputError(
            N_("{what} is dated {day}, before {year}"),
            where="day",
            what=Words(what),
            day=day,
            year=EARLIEST.year,
        )


def check_asked_day(day: dt.date | None) -> dt.date | None:
    """Refuse a day asked about (a plan's start, "today" on another day) before 2000 or after 2100."""
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValueError(f"{day.isoformat()} is not between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return day
