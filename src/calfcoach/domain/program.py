"""Programs: phases with entry gates, weekly session templates, doses and the rules that progress them.

The YAML language these models validate is documented in docs/programs.md.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Dose, Tempo
from calfcoach.domain.log import TestKind

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Rpe = Annotated[float, Field(ge=0, le=10)]


# --- Gates: criteria a person must meet to enter a phase or unlock an item -------------------------------


class SessionsCompleted(Value):
    """At least `min` sessions completed in the current phase."""

    type: Literal["sessions_completed"]
    min: Annotated[int, Field(ge=1, le=500)]


class WeeksInPhase(Value):
    """At least `min` weeks since the current phase began."""

    type: Literal["weeks_in_phase"]
    min: Annotated[int, Field(ge=1, le=104)]


class TestCriterion(Value):
    """The latest test of a kind meets a threshold on each side and, optionally, on limb symmetry."""

    __test__ = False

    type: Literal["test"]
    kind: TestKind
    min_each_side: Annotated[float, Field(ge=0)] | None = None
    max_each_side: Annotated[float, Field(ge=0)] | None = None
    min_symmetry_pct: Annotated[float, Field(ge=0, le=100)] | None = None
    within_days: Annotated[int, Field(ge=1, le=365)] = 42

    @model_validator(mode="after")
    def _has_threshold(self) -> TestCriterion:
        if self.min_each_side is None and self.max_each_side is None and self.min_symmetry_pct is None:
            raise ValueError("a test criterion needs min_each_side, max_each_side or min_symmetry_pct")
        return self


class PainFree(Value):
    """No session pain or morning pain above `max_pain` in the last `days` days (and at least one session)."""

    type: Literal["pain_free"]
    days: Annotated[int, Field(ge=1, le=90)]
    max_pain: Annotated[int, Field(ge=0, le=10)] = 2


class ExerciseReps(Value):
    """The last `sessions` sessions that included the exercise reached `reps` on every set."""

    type: Literal["exercise_reps"]
    exercise: Slug
    reps: Annotated[int, Field(ge=1, le=200)]
    sessions: Annotated[int, Field(ge=1, le=20)] = 2


class RunningTime(Value):
    """The last `sessions` performances of a running exercise each held `min_s` seconds of running.

    `continuous` (the default) counts only running without walk breaks: run/walk intervals whose runs add
    up to 25 minutes are not 25 minutes of continuous running.
    """

    type: Literal["running_time"]
    exercise: Slug
    min_s: Annotated[int, Field(ge=60, le=6 * 3600)]
    sessions: Annotated[int, Field(ge=1, le=20)] = 2
    continuous: bool = True


Criterion = Annotated[
    SessionsCompleted | WeeksInPhase | TestCriterion | PainFree | ExerciseReps | RunningTime,
    Field(discriminator="type"),
]


class Gate(Value):
    """All criteria must hold. `why` is shown to the person while the gate is closed."""

    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1)]
    why: str = ""


# --- Progression rules (a small vocabulary, in the spirit of wger's) ----------------------------------------


class RepsThenLoad(Value):
    """Double progression: add reps up to a ceiling, then add load and go back to the floor."""

    type: Literal["reps_then_load"]
    reps_step: Annotated[int, Field(ge=1, le=5)] = 1
    reps_ceiling: Annotated[int, Field(ge=1, le=100)]
    reps_floor: Annotated[int, Field(ge=1, le=100)] | None = None
    load_step_kg: Annotated[float, Field(gt=0, le=20)] | None = None
    max_load_kg: Annotated[float, Field(ge=0, le=200)] | None = None
    max_rpe: Rpe = 7

    @model_validator(mode="after")
    def _floor_below_ceiling(self) -> RepsThenLoad:
        if self.reps_floor is not None and self.reps_floor > self.reps_ceiling:
            raise ValueError("reps_floor must not be above reps_ceiling")
        return self


class Pace(Value):
    """Walk a little faster each completed session, as the article asks, up to a ceiling."""

    type: Literal["pace"]
    step_kmh: Annotated[float, Field(gt=0, le=1)] = 0.2
    max_kmh: Annotated[float, Field(gt=0, le=20)]
    max_rpe: Rpe = 5


class Duration(Value):
    """Lengthen the bout by `step_s` each completed session up to `max_s`."""

    type: Literal["duration"]
    step_s: Annotated[int, Field(gt=0, le=1800)]
    max_s: Annotated[int, Field(gt=0, le=6 * 3600)]
    max_rpe: Rpe = 6


class Grade(Value):
    """Steeper hills (or treadmill incline) once the current grade is comfortable."""

    type: Literal["grade"]
    step_pct: Annotated[float, Field(gt=0, le=5)] = 1.0
    max_pct: Annotated[float, Field(gt=0, le=30)]
    max_rpe: Rpe = 6


class MachineLevel(Value):
    """Raise a treadmill or stair-climber level as strength grows."""

    type: Literal["level"]
    step: Annotated[int, Field(ge=1, le=3)] = 1
    max_level: Annotated[int, Field(ge=1, le=30)]
    max_rpe: Rpe = 6


class Hold(Value):
    """Lengthen a stretch or an isometric hold."""

    type: Literal["hold"]
    step_s: Annotated[float, Field(gt=0, le=30)] = 5
    max_s: Annotated[float, Field(gt=0, le=600)]


class ScheduleStep(Value):
    weeks: Annotated[tuple[int, int], Field(description="first and last week of the phase, 1-based")]
    dose: Dose

    @model_validator(mode="after")
    def _ordered(self) -> ScheduleStep:
        if not 1 <= self.weeks[0] <= self.weeks[1]:
            raise ValueError("weeks must be [first, last] with 1 <= first <= last")
        return self


class Schedule(Value):
    """A fixed dose per week of the phase (heavy slow resistance), each set at a repetition maximum (RM).

    The load is the one the prescribed reps can just be done with: it rises when the logged reps reach the
    target with room to spare (effort at or below `add_at_rpe`, RIR-based RPE, Helms et al. 2016), holds at
    higher effort, and falls a step when the target reps were missed. Beyer 2015 raised loads "as tolerated"
    to keep the RM. `max_load_body_mass_pct` caps the added load relative to body mass.
    """

    type: Literal["schedule"]
    steps: Annotated[tuple[ScheduleStep, ...], Field(min_length=1)]
    load_step_kg: Annotated[float, Field(gt=0, le=20)] | None = None
    max_rpe: Rpe = 8
    add_at_rpe: Rpe = 8
    max_load_kg: Annotated[float, Field(ge=0, le=300)] | None = None
    max_load_body_mass_pct: Annotated[float, Field(gt=0, le=200)] | None = None


class Stages(Value):
    """Walk-to-run stages: move on after `sessions_per_stage` good sessions, otherwise repeat the stage."""

    type: Literal["stages"]
    stages: Annotated[tuple[Dose, ...], Field(min_length=2)]
    sessions_per_stage: Annotated[int, Field(ge=1, le=10)] = 3
    max_rpe: Rpe = 6


class LoadWhenPainFree(Value):
    """Alfredson: keep the dose; add load once the exercise itself is done without pain.

    The 1998 paper adds load when the drops become pain-free but gives no rate; one step at most every
    `caps.load_step_min_days` days is a cautious clinical convention (shared/EVIDENCE.md, "Safety").
    """

    type: Literal["load_when_pain_free"]
    load_step_kg: Annotated[float, Field(gt=0, le=20)]
    max_load_kg: Annotated[float, Field(ge=0, le=200)] | None = None


Rule = Annotated[
    RepsThenLoad | Pace | Duration | Grade | MachineLevel | Hold | Schedule | Stages | LoadWhenPainFree,
    Field(discriminator="type"),
]


# --- Sessions, phases, programs -------------------------------------------------------------------------


class Item(Value):
    exercise: Slug
    dose: Dose
    tempo: Tempo | None = None
    progress: Rule | None = None
    requires: Gate | None = None
    otherwise: Slug | None = None
    note: str = ""

    @model_validator(mode="after")
    def _otherwise_needs_requires(self) -> Item:
        if self.otherwise is not None and self.requires is None:
            raise ValueError("'otherwise' only makes sense with 'requires'")
        return self


class Block(Value):
    """A group of items. Priority 1 is never dropped; higher numbers go first when time is short."""

    id: Slug
    name: str
    priority: Annotated[int, Field(ge=1, le=5)] = 1
    items: Annotated[tuple[Item, ...], Field(min_length=1)]


class SessionTemplate(Value):
    id: Slug
    name: str
    priority: Annotated[int, Field(ge=1, le=5)] = 1
    blocks: Annotated[tuple[Block, ...], Field(min_length=1)]


class Phase(Value):
    id: Slug
    name: str
    goal: str
    entry: Gate | None = None
    week: Annotated[tuple[Slug, ...], Field(min_length=1, max_length=7)]
    sessions: Annotated[tuple[SessionTemplate, ...], Field(min_length=1)]
    running: bool = False
    weeks: Annotated[int, Field(ge=1, le=104, description="the phase ends after this many weeks")] | None = (
        None
    )

    @model_validator(mode="after")
    def _week_names_sessions(self) -> Phase:
        known = {s.id for s in self.sessions}
        missing = [name for name in self.week if name not in known]
        if missing:
            raise ValueError(f"week names sessions that this phase does not define: {missing}")
        if len(known) != len(self.sessions):
            raise ValueError("session ids must be unique within a phase")
        return self

    def session(self, template_id: str) -> SessionTemplate:
        return next(s for s in self.sessions if s.id == template_id)


class Referral(Value):
    """When the coach says "see a physiotherapist" and switches to relative rest.

    Relative rest holds until a clearance is recorded, or until none of the triggers has held for
    `hold_days` days (so a few better mornings under relative rest do not end it at once).

    Referral when pain stays above the acceptable level for about two weeks despite a reduced load is a
    clinical convention, not a study figure (shared/EVIDENCE.md, "Safety"); so are the counts here.
    """

    rising_weeks: Annotated[int, Field(ge=1, le=8)] = 2
    unsettled_sessions: Annotated[int, Field(ge=1, le=10)] = 2
    within_days: Annotated[int, Field(ge=3, le=56)] = 14
    above_acceptable_days: Annotated[int, Field(ge=3, le=56)] = 14
    min_checkins: Annotated[int, Field(ge=1, le=56)] = 4
    hold_days: Annotated[int, Field(ge=0, le=56)] = 14


class PainLimits(Value):
    """Silbernagel 2007 pain-monitoring model (thresholds as commonly taught; see docs/programs.md).

    safe_max and acceptable_max are the model's zones (0-2 safe, 3-5 acceptable, above 5 too much);
    reduce_factor scales a dose down when pain is too much; week_on_week_rise is the rise of the weekly
    mean of morning pain or stiffness (0-10 points) that counts as "rising"; baseline_days is how far back
    a person's usual morning level is read; flag_above is the pain at which the coach's dashboard flags a
    client (default: acceptable_max, so the dashboard and the engine agree).
    """

    safe_max: Annotated[int, Field(ge=0, le=10)] = 2
    acceptable_max: Annotated[int, Field(ge=0, le=10)] = 5
    reduce_factor: Annotated[float, Field(ge=0.3, lt=1)] = 0.8
    week_on_week_rise: Annotated[float, Field(gt=0, le=10)] = 1.0
    baseline_days: Annotated[int, Field(ge=1, le=28)] = 7
    flag_above: Annotated[int, Field(ge=0, le=10)] | None = None
    referral: Referral = Referral()

    @model_validator(mode="after")
    def _zones_in_order(self) -> PainLimits:
        if self.safe_max > self.acceptable_max:
            raise ValueError("safe_max must not be above acceptable_max")
        return self

    @property
    def dashboard_flag_above(self) -> int:
        return self.acceptable_max if self.flag_above is None else self.flag_above


class Effort(Value):
    """Effort rules over the session RPE (Borg CR10): at or above `reduce_at_rpe`, the next dose goes down."""

    reduce_at_rpe: Rpe = 9


class Floors(Value):
    """The least a reduced dose may be: below these a session stops being training (relative rest instead)."""

    reps: Annotated[int, Field(ge=1, le=50)] = 6
    hold_s: Annotated[float, Field(ge=1, le=120)] = 15
    cardio_s: Annotated[int, Field(ge=60, le=3600)] = 600


class Completion(Value):
    """What a program that ends offers: a retest, then a choice of what comes next."""

    retest: tuple[TestKind, ...] = (TestKind.HEEL_RAISE,)
    next_programs: tuple[Slug, ...] = ()
    advice: str = ""


class Caps(Value):
    """Limits on how fast doses may rise, whatever a rule asks for."""

    weekly_running_increase_pct: Annotated[float, Field(gt=0, le=100)] = 10
    weekly_running_min_step_s: Annotated[int, Field(ge=0, le=3600)] = 300
    weekly_running_start_s: Annotated[int, Field(ge=60, le=4 * 3600)] = 1500
    load_increase_pct: Annotated[float, Field(gt=0, le=50)] = 10
    load_step_min_days: Annotated[int, Field(ge=1, le=60)] = 7
    reps_increase: Annotated[int, Field(ge=1, le=10)] = 2


class Deload(Value):
    """Come back gently after a break: scale doses down after `after_days` without a session."""

    after_days: Annotated[int, Field(ge=2, le=60)] = 7
    factor: Annotated[float, Field(gt=0, lt=1)] = 0.8
    long_after_days: Annotated[int, Field(ge=3, le=120)] = 14
    long_factor: Annotated[float, Field(gt=0, lt=1)] = 0.6


class ProgramKind(StrEnum):
    STRENGTH = "strength"
    REHAB = "rehab"
    RUNNING = "running"


class Program(Value):
    id: Slug
    name: str
    kind: ProgramKind = ProgramKind.STRENGTH
    summary: str
    sources: Annotated[tuple[str, ...], Field(min_length=1)]
    pain: PainLimits = PainLimits()
    effort: Effort = Effort()
    floors: Floors = Floors()
    caps: Caps = Caps()
    deload: Deload = Deload()
    phases: Annotated[tuple[Phase, ...], Field(min_length=1)]
    relative_rest: Annotated[tuple[Item, ...], Field(description="what is still done while referred")] = ()
    completion: Completion | None = None

    @model_validator(mode="after")
    def _unique_phases(self) -> Program:
        ids = [p.id for p in self.phases]
        if len(set(ids)) != len(ids):
            raise ValueError(f"phase ids must be unique, got {ids}")
        ungated = [p.id for p in self.phases[1:] if p.entry is None]
        if ungated:
            raise ValueError(f"every phase after the first needs an entry gate; missing in {ungated}")
        timed = [p.id for p in self.phases[:-1] if p.weeks is not None]
        if timed:
            raise ValueError(f"only the last phase may set weeks (the program's end); set in {timed}")
        return self

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def exercise_ids(self) -> set[str]:
        ids: set[str] = set()
        for phase in self.phases:
            for session in phase.sessions:
                for block in session.blocks:
                    for item in block.items:
                        ids.add(item.exercise)
                        if item.otherwise:
                            ids.add(item.otherwise)
                        if item.requires:
                            ids.update(
                                c.exercise
                                for c in item.requires.criteria
                                if isinstance(c, ExerciseReps | RunningTime)
                            )
            if phase.entry:
                ids.update(
                    c.exercise for c in phase.entry.criteria if isinstance(c, ExerciseReps | RunningTime)
                )
        return ids
