"""The one place the services ask what day and time it is, so tests can pass a fixed clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Clock:
    """Now, in the person's local time zone (the machine's unless one is given)."""

    tz: dt.tzinfo | None = None

    def now(self) -> dt.datetime:
        return dt.datetime.now(self.tz).astimezone(self.tz)

    def today(self) -> dt.date:
        return self.now().date()


@dataclass(frozen=True)
class FixedClock(Clock):
    at: dt.datetime = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        return self.at
