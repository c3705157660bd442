"""Exercises: what is done, which muscles it trains, with what, and how much by default."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from calfcoach.domain.base import Value
from calfcoach.domain.units import METRIC, Units, load_text, speed_text
from calfcoach.i18n import N_, localize_decimals, translate


class Muscle(StrEnum):
    GASTROCNEMIUS = "gastrocnemius"
    SOLEUS = "soleus"
    TIBIALIS_ANTERIOR = "tibialis_anterior"
    TIBIALIS_POSTERIOR = "tibialis_posterior"
    FIBULARIS = "fibularis"
    FOOT_INTRINSICS = "foot_intrinsics"
    QUADRICEPS = "quadriceps"
    HAMSTRINGS = "hamstrings"
    GLUTEALS = "gluteals"
    HEART_AND_LUNGS = "heart_and_lungs"


class Category(StrEnum):
    STRENGTH = "strength"
    CARDIO = "cardio"
    STRETCH = "stretch"
    TEST = "test"


class KneePosition(StrEnum):
    """Straight knee loads the gastrocnemius most, bent knee (about 45°) shifts work to the soleus."""

    STRAIGHT = "straight"
    BENT = "bent"
    MOVING = "moving"


class Equipment(StrEnum):
    STEP = "step"
    WALL = "wall"
    CHAIR = "chair"
    STEP_BOX = "step_box"
    ANKLE_WEIGHTS = "ankle_weights"
    WEIGHTS = "weights"
    TREADMILL = "treadmill"
    STAIR_CLIMBER = "stair_climber"
    STAIRS = "stairs"
    HILL = "hill"
    METRONOME = "metronome"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Tempo(Value):
    """Seconds for each phase of one repetition: rise, hold at the top, lower, pause at the bottom."""

    up_s: Annotated[float, Field(ge=0, le=30)] = 1.0
    top_s: Annotated[float, Field(ge=0, le=120)] = 0.0
    down_s: Annotated[float, Field(ge=0, le=30)] = 1.0
    bottom_s: Annotated[float, Field(ge=0, le=120)] = 0.0

    @property
    def rep_s(self) -> float:
        return self.up_s + self.top_s + self.down_s + self.bottom_s

    def describe(self, language: str | None = None) -> str:
        """Say the tempo: 'up 1 s, hold 1 s, down 2 s' (in `language`; English when None)."""

        def said(template: str, seconds: float) -> str:
            return translate(language, template).format(seconds=localize_decimals(f"{seconds:g}", language))

        parts = [said(N_("up {seconds} s"), self.up_s)]
        if self.top_s:
            parts.append(said(N_("hold {seconds} s"), self.top_s))
        parts.append(said(N_("down {seconds} s"), self.down_s))
        if self.bottom_s:
            parts.append(said(N_("pause {seconds} s"), self.bottom_s))
        return ", ".join(parts)


class Dose(Value):
    """How much of an exercise: sets of reps or holds for strength and stretches, time and pace for cardio.

    Only the fields that apply are set. `reps_max` turns `reps` into a range (the article's 12-15).
    """

    sets: Annotated[int, Field(ge=1, le=20)] | None = None
    reps: Annotated[int, Field(ge=1, le=200)] | None = None
    reps_max: Annotated[int, Field(ge=1, le=200)] | None = None
    hold_s: Annotated[float, Field(gt=0, le=600)] | None = None
    per_side: bool = False
    load_kg: Annotated[float, Field(ge=0, le=300)] = 0.0
    rest_s: Annotated[int, Field(ge=0, le=900)] | None = None
    duration_s: Annotated[int, Field(gt=0, le=6 * 3600)] | None = None
    speed_kmh: Annotated[float, Field(gt=0, le=30)] | None = None
    grade_pct: Annotated[float, Field(ge=-30, le=45)] | None = None
    level: Annotated[int, Field(ge=1, le=30)] | None = None
    run_s: Annotated[int, Field(gt=0, le=3600)] | None = None
    walk_s: Annotated[int, Field(gt=0, le=3600)] | None = None
    warmup_s: Annotated[int, Field(ge=0, le=1800)] | None = None

    @model_validator(mode="after")
    def _coherent(self) -> Dose:
        if self.reps_max is not None and (self.reps is None or self.reps_max < self.reps):
            raise ValueError("reps_max needs reps and must be at least reps")
        if self.reps is not None and self.hold_s is not None:
            raise ValueError("a dose counts either reps or hold_s, not both")
        if (self.run_s is None) != (self.walk_s is None):
            raise ValueError("run/walk intervals need both run_s and walk_s")
        if self.reps is None and self.hold_s is None and self.duration_s is None:
            raise ValueError("a dose needs reps, hold_s or duration_s")
        return self

    @property
    def is_cardio(self) -> bool:
        return self.duration_s is not None and self.reps is None and self.hold_s is None

    def describe(self, units: Units = METRIC, language: str | None = None) -> str:
        """Say the dose as a coach would, in the person's units and language (English when None):
        '3 × 12-15 each side, +5 kg, rest 60 s'."""

        def _(template: str) -> str:
            return translate(language, template)

        def number(value: float) -> str:
            return localize_decimals(f"{value:g}", language)

        parts: list[str] = []
        if self.reps is not None:
            reps = (
                f"{self.reps}-{self.reps_max}"
                if self.reps_max and self.reps_max != self.reps
                else str(self.reps)
            )
            parts.append(f"{self.sets or 1} × {reps}")
        elif self.hold_s is not None:
            parts.append(
                _("{sets} × {seconds} s hold").format(sets=self.sets or 1, seconds=number(self.hold_s))
            )
        if self.per_side:
            parts.append(_("each side"))
        if self.load_kg:
            parts.append(f"+{localize_decimals(load_text(self.load_kg, units), language)}")
        if self.duration_s is not None and self.reps is None and self.hold_s is None:
            parts.append(_("{minutes} min").format(minutes=number(self.duration_s / 60)))
        if self.run_s is not None and self.walk_s is not None:
            parts.append(_("run {run} s / walk {walk} s").format(run=self.run_s, walk=self.walk_s))
        if self.warmup_s:
            parts.append(_("after a {minutes} min brisk walk").format(minutes=number(self.warmup_s / 60)))
        if self.speed_kmh is not None:
            speed = localize_decimals(speed_text(self.speed_kmh, units), language)
            parts.append(_("at {speed}").format(speed=speed))
        if self.grade_pct:
            # The percent sign goes with the figure: "% g" in a message reads to gettext as a printf field.
            parts.append(_("{grade} grade").format(grade=f"{number(self.grade_pct)}%"))
        if self.level is not None:
            parts.append(_("level {level}").format(level=self.level))
        if self.rest_s:
            parts.append(_("rest {seconds} s").format(seconds=self.rest_s))
        return ", ".join(parts)


class Link(Value):
    """A step to another exercise (a progression or regression), with when to take it."""

    exercise: str
    when: str


class Substitute(Value):
    """The exercise to use instead when a piece of equipment is missing."""

    when_missing: Equipment
    use: str


class Exercise(Value):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    name: str
    category: Category
    primary_muscles: Annotated[tuple[Muscle, ...], Field(min_length=1)]
    secondary_muscles: tuple[Muscle, ...] = ()
    knee: KneePosition
    equipment: tuple[Equipment, ...] = ()
    hard: bool = False
    running: bool = False
    summary: str
    setup: tuple[str, ...] = ()
    steps: Annotated[tuple[str, ...], Field(min_length=1)]
    cues: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    safety: tuple[str, ...] = ()
    default_dose: Dose
    tempo: Tempo | None = None
    progressions: tuple[Link, ...] = ()
    regressions: tuple[Link, ...] = ()
    substitutes: tuple[Substitute, ...] = ()
    minutes_per_set: Annotated[float, Field(gt=0, le=60)] | None = None
    met: Annotated[float, Field(gt=0, le=25)] | None = None
    met_source: str | None = None
    sources: Annotated[tuple[str, ...], Field(min_length=1)]

    @property
    def trains_straight_knee(self) -> bool:
        return self.knee is KneePosition.STRAIGHT and Muscle.GASTROCNEMIUS in self.primary_muscles

    @property
    def trains_bent_knee(self) -> bool:
        return self.knee is KneePosition.BENT and Muscle.SOLEUS in self.primary_muscles
