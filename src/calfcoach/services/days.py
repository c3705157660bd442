"""The dates every log is checked against: not in the future (one day of slack), not before 2000."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.errors import InputError

EARLIEST = dt.date(2000, 1, 1)


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
