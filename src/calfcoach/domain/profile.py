"""The person being coached: when they can train, with what, and what they want."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, field_validator

from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Equipment


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


class Profile(Value):
    name: Annotated[str, Field(min_length=1, max_length=100)] = "me"
    start_date: dt.date
    weekdays: Annotated[frozenset[int], Field(min_length=1)]
    minutes_per_session: Annotated[int, Field(ge=10, le=180)] = 30
    equipment: frozenset[Equipment] = frozenset()
    level: Level = Level.BEGINNER
    goal: Goal = Goal.START_RUNNING
    birth_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    sex: Sex = Sex.UNSPECIFIED
    weight_kg: Annotated[float, Field(gt=20, lt=400)] | None = None
    program_id: str = "calf-foundations-to-running"

    @field_validator("weekdays", mode="before")
    @classmethod
    def _weekday_names(cls, value: object) -> object:
        """Accept 'mon'..'sun' as well as 0..6 (Monday is 0, as in datetime)."""
        if isinstance(value, (list, tuple, set, frozenset)):
            out: list[object] = []
            for day in value:
                if isinstance(day, str) and day.strip().lower()[:3] in WEEKDAY_NAMES:
                    out.append(WEEKDAY_NAMES.index(day.strip().lower()[:3]))
                else:
                    out.append(day)
            return frozenset(out)
        return value

    @field_validator("weekdays")
    @classmethod
    def _weekday_range(cls, value: frozenset[int]) -> frozenset[int]:
        bad = sorted(d for d in value if not 0 <= d <= 6)
        if bad:
            raise ValueError(f"weekdays must be 0 (Monday) to 6 (Sunday) or mon..sun, got {bad}")
        return value

    def age_on(self, day: dt.date) -> int | None:
        return None if self.birth_year is None else day.year - self.birth_year
