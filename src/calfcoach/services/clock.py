"""The one place the services ask what day and time it is, so tests can pass a fixed clock.

It is also the one place that reads CALFCOACH_TODAY, which runs the coach as of another date (to try a plan
forward, or replay a person's months): `clock_from_environment()` for the CLI, `clock_for_server()` for the
web app, which refuses a moved date unless CALFCOACH_ALLOW_CLOCK_OVERRIDE=1 says it is meant (docs/cli.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass

from calfcoach.i18n import N_

ENV_TODAY = "CALFCOACH_TODAY"
ENV_ALLOW_OVERRIDE = "CALFCOACH_ALLOW_CLOCK_OVERRIDE"
TODAY_FORMAT = N_("use YYYY-MM-DD, or an ISO datetime with its offset such as 2027-02-01T09:30:00+01:00")
SERVER_REFUSAL = N_(
    "the server does not start with its date moved: it would accept logs dated in the real future and "
    "show every user the wrong day"
)
SERVER_ALLOW_HINT = N_(
    "unset {variable}, or for a trial server allow it with `calfcoach serve --allow-clock-override` "
    "or {allow}=1"
)
_YES = frozenset({"1", "true", "yes", "on"})


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
        return self.at if self.tz is None else self.at.astimezone(self.tz)


def in_zone(clock: Clock, tz: dt.tzinfo | None) -> Clock:
    """The same clock read in a person's time zone (None: leave it in its own)."""
    return clock if tz is None else dataclasses.replace(clock, tz=tz)


@dataclass(frozen=True, kw_only=True)
class ShiftedClock(Clock):
    """The clock moved to another date (CALFCOACH_TODAY).

    Given a day, it reports that day with the real local time of day, so things logged one after the other
    still come in order. The day never advances: past real midnight the time of day starts again from 00:00
    on the same day. Given an exact instant (`at`), time stands still there (for tests that need exact times).
    `real` is where the time of day comes from: the real clock unless a test passes a fixed one.
    """

    day: dt.date
    at: dt.datetime | None = None
    real: Clock | None = None

    def now(self) -> dt.datetime:
        if self.at is not None:
            return self.at.astimezone(self.tz)
        real = (self.real or Clock(self.tz)).now().astimezone(self.tz)
        wall = dt.datetime.combine(self.day, real.time())  # naive: the real time of day, on the moved day
        # The offset of the moved day, not today's (the two differ across a daylight-saving change).
        return wall.astimezone() if self.tz is None else wall.replace(tzinfo=self.tz)

    def today(self) -> dt.date:
        return self.day if self.at is None else self.now().date()

    def describe(self) -> str:
        """What the clock is moved to, as a person would read it: the day, or the exact instant."""
        return self.day.isoformat() if self.at is None else self.now().isoformat()


def parse_today(text: str, *, tz: dt.tzinfo | None = None) -> ShiftedClock:
    """Read a CALFCOACH_TODAY value: YYYY-MM-DD, or an ISO datetime with an offset; else an InputError."""
    from calfcoach.domain.errors import InputError

    value = text.strip()
    try:
        if "T" not in value.upper() and " " not in value:
            return ShiftedClock(tz=tz, day=dt.date.fromisoformat(value))
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            N_("{text} is not a date"), where=ENV_TODAY, hint=TODAY_FORMAT, text=repr(text)
        ) from None
    if at.utcoffset() is None:
        raise InputError(N_("{text} has no UTC offset"), where=ENV_TODAY, hint=TODAY_FORMAT, text=repr(text))
    return ShiftedClock(tz=tz, day=at.astimezone(tz).date(), at=at)


def clock_from_environment(environ: Mapping[str, str] | None = None, *, tz: dt.tzinfo | None = None) -> Clock:
    """The real clock, or a ShiftedClock when CALFCOACH_TODAY is set (empty counts as unset)."""
    text = (os.environ if environ is None else environ).get(ENV_TODAY, "")
    return parse_today(text, tz=tz) if text.strip() else Clock(tz=tz)


def override_allowed(environ: Mapping[str, str] | None = None) -> bool:
    """Whether CALFCOACH_ALLOW_CLOCK_OVERRIDE says yes (1, true, yes or on)."""
    text = (os.environ if environ is None else environ).get(ENV_ALLOW_OVERRIDE, "")
    return text.strip().lower() in _YES


def clock_for_server(environ: Mapping[str, str] | None = None, *, allow_override: bool = False) -> Clock:
    """The server's clock: a moved date is refused (an InputError) unless allowed by flag or environment."""
    from calfcoach.domain.errors import InputError

    clock = clock_from_environment(environ)
    if isinstance(clock, ShiftedClock) and not (allow_override or override_allowed(environ)):
        raise InputError(
            SERVER_REFUSAL,
            where=ENV_TODAY,
            hint=SERVER_ALLOW_HINT,
            variable=ENV_TODAY,
            allow=ENV_ALLOW_OVERRIDE,
        )
    return clock


def moved_notice(clock: Clock) -> str | None:
    """The one line that says the date is moved ('as of 2027-02-01 (CALFCOACH_TODAY)'), or None."""
    if isinstance(clock, ShiftedClock):
        return f"as of {clock.describe()} ({ENV_TODAY})"
    return None
