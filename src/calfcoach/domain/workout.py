"""A structured workout for a watch: timed steps with speed targets, and repeats over steps."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from calfcoach.domain.base import Value


class Intensity(StrEnum):
    """What a step is for; watches show warm-up and cool-down apart and treat recovery as the easy part."""

    WARMUP = "warmup"
    ACTIVE = "active"
    RECOVERY = "recovery"
    COOLDOWN = "cooldown"


class Sport(StrEnum):
    WALKING = "walking"
    RUNNING = "running"
    STAIR_CLIMBING = "stair_climbing"


class WorkoutStep(Value):
    """One timed step. A speed target is a range (what the watch holds the person to), with its centre."""

    name: Annotated[str, Field(min_length=1)]
    intensity: Intensity
    duration_s: Annotated[int, Field(gt=0)]
    speed_kmh: Annotated[float, Field(gt=0)] | None = None
    speed_low_kmh: Annotated[float, Field(gt=0)] | None = None
    speed_high_kmh: Annotated[float, Field(gt=0)] | None = None
    notes: str = ""
    # What a recording is scored against (coach/compliance.py): the gait the step asks for, and the grade
    # of a hill or incline step (a watch cannot hold a grade, so the file says it in `notes`).
    running: bool = False
    grade_pct: Annotated[float, Field(ge=-30, le=45)] | None = None

    @model_validator(mode="after")
    def _range(self) -> WorkoutStep:
        bounds = (self.speed_kmh, self.speed_low_kmh, self.speed_high_kmh)
        if any(b is None for b in bounds) != all(b is None for b in bounds):
            raise ValueError("a speed target needs its centre, low and high together")
        if self.speed_low_kmh is not None and not (
            self.speed_low_kmh <= (self.speed_kmh or 0) <= (self.speed_high_kmh or 0)
        ):
            raise ValueError("a speed target's centre must lie between its low and high")
        return self


class WorkoutRepeat(Value):
    """Its steps done `count` times in a row (run, walk, run, walk, ...)."""

    count: Annotated[int, Field(ge=1)]
    steps: tuple[WorkoutStep, ...] = Field(min_length=1)

    @property
    def duration_s(self) -> int:
        return self.count * sum(step.duration_s for step in self.steps)


class Workout(Value):
    """The cardio of one planned session, in the order it is done. `left_out` names the session's items
    that are not on the watch (strength and stretches), so the person knows the file is not all of it."""

    day: dt.date
    name: Annotated[str, Field(min_length=1)]
    sport: Sport
    treadmill: bool = False
    steps: tuple[WorkoutStep | WorkoutRepeat, ...] = Field(min_length=1)
    left_out: tuple[str, ...] = ()

    @property
    def duration_s(self) -> int:
        return sum(step.duration_s for step in self.steps)
