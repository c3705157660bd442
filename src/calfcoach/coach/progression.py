"""Progression rules: the next dose of one item from what was last done, with the reason in plain words.

Load caps follow the ACSM position stand on progression models in resistance training (Med Sci Sports Exerc
2009;41:687-708): raise load by 2-10 % once the target is exceeded. This app applies the 10 % to the total
load a calf lifts (body weight plus added load), since body weight is most of what a calf raise moves.
"""

from __future__ import annotations

import math

from calfcoach.coach.pain import Action
from calfcoach.coach.performance import Performance
from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Dose
from calfcoach.domain.profile import Level
from calfcoach.domain.program import (
    Caps,
    Duration,
    Grade,
    Hold,
    LoadWhenPainFree,
    MachineLevel,
    Pace,
    RepsThenLoad,
    Rule,
    Schedule,
    Stages,
)

DEFAULT_BODY_MASS_KG = 70.0
REDUCE_FACTOR = 0.8


class Step(Value):
    """The dose chosen for an item and why."""

    dose: Dose
    reason: str


class Situation(Value):
    """Everything outside the item's own numbers that a rule needs to decide."""

    action: Action
    why: str
    caps: Caps
    body_mass_kg: float = DEFAULT_BODY_MASS_KG
    week_in_phase: int = 1
    stage_index: int = 0


def _fmt(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def starting_dose(dose: Dose, rule: Rule | None, level: Level) -> Dose:
    """Scale a program's beginner dose for intermediate and advanced people (this app's convention)."""
    if level is Level.BEGINNER or not isinstance(rule, RepsThenLoad | Duration | Pace | Hold):
        return dose
    factor = 1.25 if level is Level.INTERMEDIATE else 1.5
    changes: dict[str, object] = {}
    if isinstance(rule, RepsThenLoad) and dose.reps is not None:
        reps = min(rule.reps_ceiling, math.ceil(dose.reps * factor))
        changes["reps"] = reps
        if dose.reps_max is not None:
            changes["reps_max"] = max(dose.reps_max, reps)
    if isinstance(rule, Duration) and dose.duration_s is not None:
        changes["duration_s"] = min(rule.max_s, round(dose.duration_s * factor))
    if isinstance(rule, Pace) and dose.speed_kmh is not None:
        changes["speed_kmh"] = min(
            rule.max_kmh, dose.speed_kmh + (0.5 if level is Level.INTERMEDIATE else 1.0)
        )
    if isinstance(rule, Hold) and dose.hold_s is not None:
        changes["hold_s"] = min(rule.max_s, dose.hold_s * factor)
    return dose.model_copy(update=changes)


def as_done(dose: Dose, last: Performance, rule: Rule | None) -> Dose:
    """The planned dose with the quantity the rule moves replaced by what was actually done last time.

    Only that quantity (and the load for strength work) carries over, and never past the rule's ceiling:
    a walk logged at 9 km/h continues at the rule's top pace, not at 9. The rest of the dose is the
    program's, so a new phase's sets, durations and rests take effect at once.
    """
    changes: dict[str, object] = {}
    if isinstance(rule, RepsThenLoad) and dose.reps is not None and last.reps_min:
        reps = min(last.reps_min, rule.reps_ceiling)
        changes["reps"] = reps
        if dose.reps_max is not None:
            changes["reps_max"] = max(dose.reps_max, reps)
    if isinstance(rule, RepsThenLoad | Schedule | LoadWhenPainFree | Hold):
        ceiling = getattr(rule, "max_load_kg", None)
        changes["load_kg"] = last.load_kg if ceiling is None else min(last.load_kg, ceiling)
    if isinstance(rule, Hold) and dose.hold_s is not None and last.hold_s:
        changes["hold_s"] = min(last.hold_s, rule.max_s)
    if isinstance(rule, Duration) and dose.duration_s is not None and last.duration_s:
        changes["duration_s"] = min(max(60, round(last.duration_s)), rule.max_s)
    if isinstance(rule, Pace) and dose.speed_kmh is not None and last.speed_kmh:
        changes["speed_kmh"] = min(round(last.speed_kmh, 1), rule.max_kmh)
    if isinstance(rule, Grade) and dose.grade_pct is not None and last.grade_pct is not None:
        changes["grade_pct"] = min(last.grade_pct, rule.max_pct)
    if isinstance(rule, MachineLevel) and dose.level is not None and last.level is not None:
        changes["level"] = min(last.level, rule.max_level)
    return dose.model_copy(update=changes)


def reduce(dose: Dose, factor: float, rule: Rule | None) -> Dose:
    """Scale a dose down: fewer reps, shorter holds and bouts, less load, a gentler grade or level."""
    changes: dict[str, object] = {}
    if dose.reps is not None:
        reps = max(1, math.floor(dose.reps * factor))
        changes["reps"] = reps
        if dose.reps_max is not None:
            changes["reps_max"] = max(reps, math.floor(dose.reps_max * factor))
    if dose.hold_s is not None:
        changes["hold_s"] = max(5.0, round(dose.hold_s * factor))
    if dose.load_kg:
        step = getattr(rule, "load_step_kg", None) or 0.0
        lighter = min(dose.load_kg - step, dose.load_kg * factor) if step else dose.load_kg * factor
        changes["load_kg"] = max(0.0, round(lighter * 2) / 2)
    if dose.duration_s is not None and dose.is_cardio:
        changes["duration_s"] = max(60, round(dose.duration_s * factor / 60) * 60)
    if dose.grade_pct:
        step_pct = rule.step_pct if isinstance(rule, Grade) else 1.0
        changes["grade_pct"] = max(0.0, dose.grade_pct - step_pct)
    if dose.level is not None and dose.level > 1:
        changes["level"] = dose.level - (rule.step if isinstance(rule, MachineLevel) else 1)
    return dose.model_copy(update=changes)


def _max_load_increase(load_kg: float, situation: Situation) -> float:
    return (situation.body_mass_kg + load_kg) * situation.caps.load_increase_pct / 100


def _reps_then_load(rule: RepsThenLoad, dose: Dose, situation: Situation) -> Step:
    reps = dose.reps or 1
    if reps < rule.reps_ceiling:
        new = min(rule.reps_ceiling, reps + min(rule.reps_step, situation.caps.reps_increase))
        changes: dict[str, object] = {"reps": new}
        if dose.reps_max is not None:
            changes["reps_max"] = max(dose.reps_max, new)
        return Step(
            dose=dose.model_copy(update=changes),
            reason=f"+{new - reps} rep ({reps} -> {new}): {situation.why}",
        )
    if rule.load_step_kg is None:
        return Step(dose=dose, reason=f"at the ceiling of {rule.reps_ceiling} reps: keep it, {situation.why}")
    if rule.max_load_kg is not None and dose.load_kg >= rule.max_load_kg:
        return Step(
            dose=dose, reason=f"at the top load of {_fmt(rule.max_load_kg)} kg and {reps} reps: keep it"
        )
    step = min(rule.load_step_kg, _max_load_increase(dose.load_kg, situation))
    if rule.max_load_kg is not None:
        step = min(step, rule.max_load_kg - dose.load_kg)
    step = math.floor(step * 2) / 2 or 0.5
    floor = rule.reps_floor or reps
    new_load = dose.load_kg + step
    changes = {"load_kg": new_load, "reps": floor}
    if dose.reps_max is not None:
        changes["reps_max"] = max(floor, dose.reps_max)
    return Step(
        dose=dose.model_copy(update=changes),
        reason=f"{reps} reps reached: add {_fmt(step)} kg (now {_fmt(new_load)} kg), "
        f"back to {floor} reps; {situation.why}",
    )


def _cardio_step(
    dose: Dose, field: str, step: float, ceiling: float, unit: str, label: str, situation: Situation
) -> Step:
    current = getattr(dose, field)
    if current is None:
        return Step(dose=dose, reason=f"{label} not part of this exercise: same dose")
    new = min(ceiling, round(current + step, 1))
    if new <= current:
        return Step(dose=dose, reason=f"{label} at its ceiling of {_fmt(ceiling)}{unit}: keep it")
    return Step(
        dose=dose.model_copy(update={field: new if field != "level" else int(new)}),
        reason=f"{label} {_fmt(new)}{unit} (+{_fmt(new - current)}): {situation.why}",
    )


def _schedule(rule: Schedule, dose: Dose, situation: Situation) -> Step:
    week = situation.week_in_phase
    chosen = next((s for s in rule.steps if s.weeks[0] <= week <= s.weeks[1]), rule.steps[-1])
    planned = chosen.dose.model_copy(update={"load_kg": dose.load_kg})
    lo, hi = chosen.weeks
    where = f"week {week} of the schedule (weeks {lo}-{hi}: {chosen.dose.describe()})"
    if situation.action is Action.PROGRESS and rule.load_step_kg and dose.load_kg >= 0:
        if planned.reps is not None and dose.reps is not None and planned.reps < dose.reps:
            step = min(rule.load_step_kg, _max_load_increase(dose.load_kg, situation))
            step = math.floor(step * 2) / 2 or 0.5
            return Step(
                dose=planned.model_copy(update={"load_kg": dose.load_kg + step}),
                reason=f"{where}: fewer reps, so add {_fmt(step)} kg",
            )
        return Step(
            dose=planned, reason=f"{where}; use a load you can lift for no more than {planned.reps} reps"
        )
    return Step(dose=planned, reason=where)


def next_step(rule: Rule | None, dose: Dose, situation: Situation) -> Step:
    """Apply one rule to the current dose under the situation's permission to progress."""
    if isinstance(rule, Stages):
        index = min(situation.stage_index, len(rule.stages) - 1)
        return Step(
            dose=rule.stages[index],
            reason=f"stage {index + 1} of {len(rule.stages)}: {situation.why}",
        )
    if isinstance(rule, Schedule):
        scheduled = _schedule(rule, dose, situation)
        if situation.action is Action.REDUCE:
            return Step(dose=reduce(scheduled.dose, REDUCE_FACTOR, rule), reason=situation.why)
        return scheduled
    if situation.action is Action.REDUCE:
        return Step(dose=reduce(dose, REDUCE_FACTOR, rule), reason=situation.why)
    if situation.action is Action.HOLD or rule is None:
        return Step(dose=dose, reason=situation.why if rule is not None else "the program's dose")
    if isinstance(rule, RepsThenLoad):
        return _reps_then_load(rule, dose, situation)
    if isinstance(rule, Pace):
        return _cardio_step(dose, "speed_kmh", rule.step_kmh, rule.max_kmh, " km/h", "pace", situation)
    if isinstance(rule, Duration):
        if dose.duration_s is None:
            return Step(dose=dose, reason="same dose")
        step = min(rule.step_s, max(60, round(dose.duration_s * 0.1 / 60) * 60))
        new = min(rule.max_s, dose.duration_s + step)
        if new <= dose.duration_s:
            return Step(dose=dose, reason=f"at the ceiling of {rule.max_s / 60:g} min: keep it")
        return Step(
            dose=dose.model_copy(update={"duration_s": new}),
            reason=f"{new / 60:g} min (+{(new - dose.duration_s) / 60:g}): {situation.why}",
        )
    if isinstance(rule, Grade):
        return _cardio_step(dose, "grade_pct", rule.step_pct, rule.max_pct, "%", "grade", situation)
    if isinstance(rule, MachineLevel):
        return _cardio_step(dose, "level", rule.step, rule.max_level, "", "level", situation)
    if isinstance(rule, Hold):
        return _cardio_step(dose, "hold_s", rule.step_s, rule.max_s, " s", "hold", situation)
    if isinstance(rule, LoadWhenPainFree):
        if rule.max_load_kg is not None and dose.load_kg >= rule.max_load_kg:
            return Step(dose=dose, reason=f"at the top load of {_fmt(rule.max_load_kg)} kg: keep it")
        load = dose.load_kg + rule.load_step_kg
        if rule.max_load_kg is not None:
            load = min(load, rule.max_load_kg)
        return Step(
            dose=dose.model_copy(update={"load_kg": load}),
            reason=f"the exercise was pain-free last time: add load (now {_fmt(load)} kg in a backpack)",
        )
    raise AssertionError(f"unhandled rule {rule!r}")
