"""The person being coached: when they can train, with what, and what they want."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from enum import StrEnum
from typing import Annotated

from pydantic import Field, Strict, field_serializer, field_validator

from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Equipment
from calfcoach.domain.units import LoadUnit, Units, UnitSystem
from calfcoach.i18n import SUPPORTED, is_supported


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNSPECIFIED = "unspecified"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Goal(StrEnum):
    STRONGER_CALVES = "stronger_calves"
    START_RUNNING = "start_running"
    ACHILLES_REHAB = "achilles_rehab"


WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAYS_RULE = "0 (Monday) to 6 (Sunday) or mon..sun"

# Strict: true, 1.0 or [1] are not days; a lax int would take the first two and crash on the last.
Weekday = Annotated[int, Strict()]


class Profile(Value):
    name: Annotated[str, Field(min_length=1, max_length=100)] = "me"
    start_date: dt.date
    weekdays: Annotated[frozenset[Weekday], Field(min_length=1)]
    minutes_per_session: Annotated[int, Field(ge=10, le=180)] = 30
    equipment: frozenset[Equipment] = frozenset()
    level: Level = Level.BEGINNER
    goal: Goal = Goal.START_RUNNING
    birth_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    sex: Sex = Sex.UNSPECIFIED
    weight_kg: Annotated[float, Field(gt=20, lt=400)] | None = None
    program_id: str = "calf-foundations-to-running"
    units: UnitSystem = UnitSystem.METRIC
    load_units: LoadUnit | None = None  # None: loads follow `units`; kg with miles is common

    @property
    def preferred_units(self) -> Units:
        """The units this person reads and types figures in."""
        return Units.chosen(self.units, self.load_units)

    # The person's IANA time zone ("Europe/Berlin"): it decides which day is their today, the day a walk
    # counts for and when the calendar's days fall. None: the zone of the machine running the coach.
    time_zone: Annotated[str, Field(min_length=1, max_length=64)] | None = None

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            zone_named(value)
        return value

    @property
    def zone(self) -> zoneinfo.ZoneInfo | None:
        """The person's time zone, or None for the machine's."""
        return None if self.time_zone is None else zone_named(self.time_zone)

    # The language the person reads ("en", "de"; calfcoach.i18n.SUPPORTED). None: not chosen, so the
    # browser's (web) or the machine's (CLI) decides.
    language: str | None = None

    @field_validator("language")
    @classmethod
    def _supported_language(cls, value: str | None) -> str | None:
        if value is not None and not is_supported(value):
            raise ValueError(
                f"{value!r} is not a language CalfCoach speaks: use one of {', '.join(SUPPORTED)}"
            )
        return value

    # Sets are written sorted, so the same profile always gives the same JSON (exports, diffs, tests).
    @field_serializer("weekdays", when_used="json")
    def _weekdays_sorted(self, value: frozenset[int]) -> list[int]:
        return sorted(value)

    @field_serializer("equipment", when_used="json")
    def _equipment_sorted(self, value: frozenset[Equipment]) -> list[Equipment]:
        return sorted(value)

    @field_validator("weekdays", mode="before")
    @classmethod
    def _weekday_names(cls, value: object) -> object:
        """Accept 'mon'..'sun' (and '0'..'6' as typed on a command line) as well as 0..6, Monday 0."""
        if isinstance(value, str):
            raise ValueError(f"weekdays must be a list of days, {WEEKDAYS_RULE}; got the text {value!r}")
        if not isinstance(value, (list, tuple, set, frozenset)):
            return value  # pydantic names the type it expected
        return [_day_number(day) for day in value]

    @field_validator("weekdays")
    @classmethod
    def _weekday_range(cls, value: frozenset[int]) -> frozenset[int]:
        bad = sorted(d for d in value if not 0 <= d <= 6)
        if bad:
            raise ValueError(f"weekdays must be {WEEKDAYS_RULE}, got {bad}")
        return value

    def age_on(self, day: dt.date) -> int | None:
        return None if self.birth_year is None else day.year - self.birth_year


@functools.cache
def time_zone_names() -> tuple[str, ...]:
    """Every IANA time zone name this machine knows, sorted (for a form's suggestions)."""
    return tuple(sorted(zoneinfo.available_timezones()))


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The IANA time zone called `name`; a ValueError that says what is expected for any other text."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{name!r} is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC"
        ) from None


def _day_number(day: object) -> object:
    """A day's number for a weekday name or a digit; anything else is left for the strict check to refuse."""
    if isinstance(day, str):
        text = day.strip().lower()
        if text[:3] in WEEKDAY_NAMES:
            return WEEKDAY_NAMES.index(text[:3])
        if text.isdigit() and len(text) == 1:
            return int(text)
    return day
