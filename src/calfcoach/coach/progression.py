"""Progression rules: the next dose of one item from what was last done, and the cause of the change.

Load caps follow the ACSM position stand on progression models in resistance training (Med Sci Sports Exerc
2009;41:687-708): raise load by 2-10 % once the target is exceeded. This app applies the 10 % to the total
load a calf lifts (body weight plus added load), since body weight is most of what a calf raise moves, and
allows one load step per exercise every `caps.load_step_min_days` days (a cautious convention: a tendon
adapts over weeks, not sessions).

A rule returns the dose and the cause in words; the numbers of the change are written from the doses
themselves (coach/changes.py), so a reason can never state a change that did not happen.
"""

from __future__ import annotations

import math

from calfcoach.coach.pain import Action
from calfcoach.coach.performance import Performance
from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Dose, Tempo
from calfcoach.domain.messages import Kind, Message, define
from calfcoach.domain.profile import Level
from calfcoach.domain.program import (
    Caps,
    Duration,
    Floors,
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
from calfcoach.i18n import N_, N_plural

DEFAULT_BODY_MASS_KG = 70.0
# Without weights, a strength exercise at its top reps is made harder by the tempo instead: a slower
# lowering and a pause at the bottom ("range, tempo or pause", the no-equipment progressions).
HARDER_TEMPO = Tempo(up_s=1, top_s=1, down_s=4, bottom_s=2)


_NO_WEIGHTS = define("progression.no_weights", N_("you have no weights listed"))()
_LOAD_WAIT = define(
    "progression.load_step_wait",
    N_plural("load goes up at most once a day", "load goes up at most once every {days} days"),
    counted="days",
    days=Kind.COUNT,
)
_TOP_REPS = define(
    "progression.top_reps",
    N_plural("at the top of {reps} rep: keep it", "at the top of {reps} reps: keep it"),
    counted="reps",
    reps=Kind.COUNT,
)
_TOP_REPS_NO_WEIGHTS = define(
    "progression.top_reps.no_weights",
    N_plural(
        "at the top of {reps} rep and you have no weights listed: lower over 4 s and pause 2 s "
        "at the bottom instead",
        "at the top of {reps} reps and you have no weights listed: lower over 4 s and pause 2 s "
        "at the bottom instead",
    ),
    counted="reps",
    reps=Kind.COUNT,
)
_TOP_LOAD_REPS = define(
    "progression.top_load_reps",
    N_plural(
        "at the top load of {load} and {reps} rep: keep it",
        "at the top load of {load} and {reps} reps: keep it",
    ),
    counted="reps",
    load=Kind.LOAD,
    reps=Kind.COUNT,
)
_TOP_REPS_BLOCKED = define(
    "progression.top_reps.blocked",
    # TRANSLATORS: {blocked} says why load cannot go up now ("load goes up at most once every 7 days").
    N_plural("at the top of {reps} rep; {blocked}: keep it", "at the top of {reps} reps; {blocked}: keep it"),
    counted="reps",
    reps=Kind.COUNT,
    blocked=Kind.MESSAGE,
)
_MORE_LOAD = define(
    "progression.reps_reached",
    N_plural("{reps} rep reached: more load, fewer reps", "{reps} reps reached: more load, fewer reps"),
    counted="reps",
    reps=Kind.COUNT,
)
SAME_DOSE = define("progression.same_dose", N_("same dose"))()
_CEILING = define("progression.ceiling", N_("at its ceiling: keep it"))()
_WHERE = define(
    "progression.schedule.week",
    # TRANSLATORS: heavy slow resistance: {dose} is the week's sets and reps ("3 × 15, rest 150 s"), {rm}
    # the repetition maximum the sets are done at.
    N_("week {week} of the schedule: {dose} at a {rm}RM"),
    week=Kind.COUNT,
    dose=Kind.DOSE,
    rm=Kind.COUNT,
)
_BODY_WEIGHT = define(
    "progression.schedule.body_weight",
    N_("{where}; with no weights listed, body weight at 3 s up and 3 s down"),
    where=Kind.MESSAGE,
)
_LIGHTER = define(
    "progression.schedule.lighter",
    N_plural(
        "{where}; {done} of {target} rep last time: a lighter load to keep the RM",
        "{where}; {done} of {target} reps last time: a lighter load to keep the RM",
    ),
    counted="target",
    where=Kind.MESSAGE,
    done=Kind.COUNT,
    target=Kind.COUNT,
)
_FEWER_REPS = define(
    "progression.schedule.fewer_reps",
    N_("{where}; fewer reps this week ({before} -> {after}): more load"),
    where=Kind.MESSAGE,
    before=Kind.COUNT,
    after=Kind.COUNT,
)
_ROOM = define(
    "progression.schedule.room",
    N_plural(
        "{where}; {reps} rep at effort {rpe}/10 left room: more load",
        "{where}; {reps} reps at effort {rpe}/10 left room: more load",
    ),
    counted="reps",
    where=Kind.MESSAGE,
    reps=Kind.COUNT,
    rpe=Kind.NUMBER,
)
_SAME_LOAD_BLOCKED = define(
    "progression.schedule.blocked",
    N_("{where}; {blocked}: same load"),
    where=Kind.MESSAGE,
    blocked=Kind.MESSAGE,
)
_AT_RM = define(
    "progression.schedule.at_rm",
    N_("{where}; effort {rpe}/10 is at the RM: same load"),
    where=Kind.MESSAGE,
    rpe=Kind.NUMBER,
)
_TOWARD_REPS = define(
    "progression.toward_reps",
    N_plural("back toward {reps} rep", "back toward {reps} reps"),
    counted="reps",
    reps=Kind.COUNT,
)
_NOT_PAIN_FREE = define(
    "progression.not_pain_free", N_("load is added only once the exercise is pain-free")
)()
_TOP_LOAD = define("progression.top_load", N_("at the top load of {load}: keep it"), load=Kind.LOAD)
_PAIN_FREE_BLOCKED = define(
    "progression.pain_free.blocked",
    N_("pain-free last time, but {blocked}: same dose"),
    blocked=Kind.MESSAGE,
)
_BACKPACK = define("progression.pain_free", N_("pain-free last time: add load in a backpack"))()
_WAITS = define("progression.schedule.waits", N_("the schedule waits until this settles"))()
PROGRAM_DOSE = define("progression.program_dose", N_("the program's dose"))()


class Step(Value):
    """The dose chosen for an item, the tempo if the rule changed it, and the cause in words."""

    dose: Dose
    cause: Message
    tempo: Tempo | None = None


class Situation(Value):
    """Everything outside the item's own numbers that a rule needs to decide."""

    action: Action
    why: Message
    caps: Caps = Caps()
    floors: Floors = Floors()
    reduce_factor: float = 0.8
    body_mass_kg: float = DEFAULT_BODY_MASS_KG
    week_in_phase: int = 1
    stage_index: int = 0
    has_weights: bool = True
    load_step_due: bool = True
    pain_free: bool = True
    last_reps: int | None = None
    last_rpe: float | None = None
    last_week: int | None = None
    target_reps: int | None = None


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


def load_ceiling(rule: Rule | None, body_mass_kg: float) -> float | None:
    """The most load a rule allows: its own maximum and, for RM loading, its share of body mass."""
    ceilings = [c for c in (getattr(rule, "max_load_kg", None),) if c is not None]
    share = getattr(rule, "max_load_body_mass_pct", None)
    if share is not None:
        ceilings.append(math.floor(body_mass_kg * share / 100 * 2) / 2)
    return min(ceilings) if ceilings else None


def as_done(
    dose: Dose, last: Performance, rule: Rule | None, *, has_weights: bool, body_mass_kg: float
) -> Dose:
    """The planned dose with the quantity the rule moves replaced by what was actually done last time.

    Only that quantity (and the load for strength work) carries over, and never past the rule's ceiling:
    a walk logged at 9 km/h continues at the rule's top pace, not at 9. The rest of the dose is the
    program's, so a new phase's sets, durations and rests take effect at once. Without weights, no load.
    """
    changes: dict[str, object] = {}
    if isinstance(rule, RepsThenLoad) and dose.reps is not None and last.reps_min:
        reps = min(last.reps_min, rule.reps_ceiling)
        changes["reps"] = reps
        if dose.reps_max is not None:
            changes["reps_max"] = max(dose.reps_max, reps)
    if isinstance(rule, LoadWhenPainFree) and dose.reps is not None and last.reps_min:
        changes["reps"] = min(dose.reps, last.reps_min)  # fewer done than the protocol's: from those
    if isinstance(rule, Schedule) and last.sets and last.reps_min:
        # The week's sets and reps as done, so a held schedule keeps them rather than moving on.
        changes["sets"] = min(last.sets, 20)
        changes["reps"] = last.reps_min
    if isinstance(rule, RepsThenLoad | Schedule | LoadWhenPainFree | Hold):
        ceiling = load_ceiling(rule, body_mass_kg)
        load = last.load_kg if ceiling is None else min(last.load_kg, ceiling)
        changes["load_kg"] = load if has_weights else 0.0
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


def _floored(value: float, factor: float, floor: float) -> float:
    """Scale down, but never below the floor, and never up (a dose already under the floor stays)."""
    return min(value, max(floor, value * factor))


def reduce(dose: Dose, factor: float, rule: Rule | None, floors: Floors | None = None) -> Dose:
    """Scale a dose down: fewer reps, shorter holds and bouts, less load, a gentler grade or level.

    Never below the program's floors: under them a session stops being training. Pain that keeps a dose
    at its floor leads, through the referral triggers (coach/pain.py), to relative rest.
    """
    floors = floors or Floors()
    changes: dict[str, object] = {}
    if dose.reps is not None:
        reps = int(_floored(dose.reps, factor, floors.reps) // 1)
        changes["reps"] = max(1, reps)
        if dose.reps_max is not None:
            changes["reps_max"] = max(changes["reps"], math.floor(dose.reps_max * factor))  # type: ignore[call-overload]
    if dose.hold_s is not None:
        changes["hold_s"] = float(round(_floored(dose.hold_s, factor, floors.hold_s)))
    if dose.load_kg:
        step = getattr(rule, "load_step_kg", None) or 0.0
        lighter = min(dose.load_kg - step, dose.load_kg * factor) if step else dose.load_kg * factor
        changes["load_kg"] = max(0.0, round(lighter * 2) / 2)
    if dose.duration_s is not None and dose.is_cardio:
        shorter = _floored(dose.duration_s, factor, floors.cardio_s)
        changes["duration_s"] = max(60, min(dose.duration_s, round(shorter / 60) * 60))
    if dose.grade_pct:
        step_pct = rule.step_pct if isinstance(rule, Grade) else 1.0
        changes["grade_pct"] = max(0.0, dose.grade_pct - step_pct)
    if dose.level is not None and dose.level > 1:
        changes["level"] = max(1, dose.level - (rule.step if isinstance(rule, MachineLevel) else 1))
    return dose.model_copy(update=changes)


def _max_load_increase(load_kg: float, situation: Situation) -> float:
    return (situation.body_mass_kg + load_kg) * situation.caps.load_increase_pct / 100


def _load_step(rule_step: float, load_kg: float, ceiling: float | None, situation: Situation) -> float:
    """The load to add now: the rule's step, within the cap on total load and the rule's ceiling."""
    step = min(rule_step, _max_load_increase(load_kg, situation))
    if ceiling is not None:
        step = min(step, ceiling - load_kg)
    return max(0.0, math.floor(step * 2) / 2)


def _no_load_possible(situation: Situation) -> Message | None:
    """Why load cannot be added now, or None when it can."""
    if not situation.has_weights:
        return _NO_WEIGHTS
    if not situation.load_step_due:
        return _LOAD_WAIT(days=situation.caps.load_step_min_days)
    return None


def _reps_then_load(rule: RepsThenLoad, dose: Dose, situation: Situation) -> Step:
    reps = dose.reps or 1
    if reps < rule.reps_ceiling:
        new = min(rule.reps_ceiling, reps + min(rule.reps_step, situation.caps.reps_increase))
        changes: dict[str, object] = {"reps": new}
        if dose.reps_max is not None:
            changes["reps_max"] = max(dose.reps_max, new)
        return Step(dose=dose.model_copy(update=changes), cause=situation.why)
    if rule.load_step_kg is None:
        return Step(dose=dose, cause=_TOP_REPS(reps=rule.reps_ceiling))
    blocked = _no_load_possible(situation)
    if blocked == _NO_WEIGHTS:
        return Step(dose=dose, tempo=HARDER_TEMPO, cause=_TOP_REPS_NO_WEIGHTS(reps=rule.reps_ceiling))
    ceiling = load_ceiling(rule, situation.body_mass_kg)
    if ceiling is not None and dose.load_kg >= ceiling:
        return Step(dose=dose, cause=_TOP_LOAD_REPS(load=ceiling, reps=reps))
    if blocked is not None:
        return Step(dose=dose, cause=_TOP_REPS_BLOCKED(reps=rule.reps_ceiling, blocked=blocked))
    step = _load_step(rule.load_step_kg, dose.load_kg, ceiling, situation)
    if step <= 0:
        return Step(dose=dose, cause=_TOP_REPS(reps=rule.reps_ceiling))
    floor = rule.reps_floor or reps
    changes = {"load_kg": dose.load_kg + step, "reps": floor}
    if dose.reps_max is not None:
        changes["reps_max"] = max(floor, dose.reps_max)
    return Step(dose=dose.model_copy(update=changes), cause=_MORE_LOAD(reps=reps))


def _cardio_step(dose: Dose, field: str, step: float, ceiling: float, situation: Situation) -> Step:
    current = getattr(dose, field)
    if current is None:
        return Step(dose=dose, cause=SAME_DOSE)
    new = min(ceiling, round(current + step, 1))
    if new <= current:
        return Step(dose=dose, cause=_CEILING)
    return Step(
        dose=dose.model_copy(update={field: new if field != "level" else int(new)}), cause=situation.why
    )


def _schedule(rule: Schedule, dose: Dose, situation: Situation) -> Step:
    """Heavy slow resistance: the week's sets and reps, each set at the RM (see Schedule's docstring)."""
    week = situation.week_in_phase
    chosen = next((s for s in rule.steps if s.weeks[0] <= week <= s.weeks[1]), rule.steps[-1])
    target = chosen.dose.reps
    planned = chosen.dose.model_copy(update={"load_kg": dose.load_kg if situation.has_weights else 0.0})
    where = _WHERE(week=week, dose=chosen.dose, rm=target)
    if not situation.has_weights or rule.load_step_kg is None:
        return Step(dose=planned, cause=_BODY_WEIGHT(where=where) if not situation.has_weights else where)
    last_week = situation.last_week
    last_target = (
        next((s.dose.reps for s in rule.steps if s.weeks[0] <= last_week <= s.weeks[1]), None)
        if last_week is not None
        else None
    )
    ceiling = load_ceiling(rule, situation.body_mass_kg)
    missed = last_target is not None and situation.last_reps is not None and situation.last_reps < last_target
    if missed and dose.load_kg > 0:
        lighter = max(0.0, dose.load_kg - rule.load_step_kg)
        return Step(
            dose=planned.model_copy(update={"load_kg": lighter}),
            cause=_LIGHTER(where=where, done=situation.last_reps, target=last_target),
        )
    fewer_reps = last_target is not None and target is not None and target < last_target
    room = (
        last_target is not None
        and situation.last_reps is not None
        and situation.last_reps >= last_target
        and situation.last_rpe is not None
        and situation.last_rpe <= rule.add_at_rpe
    )
    if situation.action is Action.PROGRESS and (fewer_reps or room):
        blocked = _no_load_possible(situation)
        step = 0.0 if blocked else _load_step(rule.load_step_kg, dose.load_kg, ceiling, situation)
        if step > 0:
            why = (
                _FEWER_REPS(where=where, before=last_target, after=target)
                if fewer_reps
                else _ROOM(where=where, reps=situation.last_reps, rpe=situation.last_rpe)
            )
            return Step(dose=planned.model_copy(update={"load_kg": dose.load_kg + step}), cause=why)
        if blocked:
            return Step(dose=planned, cause=_SAME_LOAD_BLOCKED(where=where, blocked=blocked))
    if situation.last_rpe is not None and situation.last_rpe > rule.add_at_rpe and not missed:
        return Step(dose=planned, cause=_AT_RM(where=where, rpe=situation.last_rpe))
    return Step(dose=planned, cause=where)


def _load_when_pain_free(rule: LoadWhenPainFree, dose: Dose, situation: Situation) -> Step:
    target = situation.target_reps
    if target is not None and dose.reps is not None and dose.reps < target:
        # Back toward the protocol's reps before any load: fewer were done last time.
        reps = min(target, dose.reps + situation.caps.reps_increase)
        return Step(dose=dose.model_copy(update={"reps": reps}), cause=_TOWARD_REPS(reps=target))
    if not situation.pain_free:
        return Step(dose=dose, cause=_NOT_PAIN_FREE)
    if rule.max_load_kg is not None and dose.load_kg >= rule.max_load_kg:
        return Step(dose=dose, cause=_TOP_LOAD(load=rule.max_load_kg))
    blocked = _no_load_possible(situation)
    if blocked is not None:
        return Step(dose=dose, cause=_PAIN_FREE_BLOCKED(blocked=blocked))
    load = dose.load_kg + rule.load_step_kg
    if rule.max_load_kg is not None:
        load = min(load, rule.max_load_kg)
    return Step(
        dose=dose.model_copy(update={"load_kg": load}),
        cause=_BACKPACK,
    )


def next_step(rule: Rule | None, dose: Dose, situation: Situation) -> Step:
    """Apply one rule to the current dose under the situation's permission to progress."""
    if isinstance(rule, Stages):
        index = min(situation.stage_index, len(rule.stages) - 1)
        return Step(dose=rule.stages[index], cause=situation.why)
    if isinstance(rule, Schedule):
        # While pain holds or reduces the exercise, the schedule waits: no more sets, no more load.
        if situation.action is Action.REDUCE:
            return Step(
                dose=reduce(dose, situation.reduce_factor, rule, situation.floors), cause=situation.why
            )
        if situation.action is Action.HOLD and situation.last_week is not None:
            return Step(dose=dose, cause=situation.why or _WAITS)
        return _schedule(rule, dose, situation)
    if situation.action is Action.REDUCE:
        return Step(dose=reduce(dose, situation.reduce_factor, rule, situation.floors), cause=situation.why)
    if situation.action is Action.HOLD or rule is None:
        return Step(dose=dose, cause=situation.why if rule is not None else PROGRAM_DOSE)
    if isinstance(rule, RepsThenLoad):
        return _reps_then_load(rule, dose, situation)
    if isinstance(rule, Pace):
        return _cardio_step(dose, "speed_kmh", rule.step_kmh, rule.max_kmh, situation)
    if isinstance(rule, Duration):
        if dose.duration_s is None:
            return Step(dose=dose, cause=SAME_DOSE)
        step = min(rule.step_s, max(60, round(dose.duration_s * 0.1 / 60) * 60))
        new = min(rule.max_s, dose.duration_s + step)
        if new <= dose.duration_s:
            return Step(dose=dose, cause=_CEILING)
        return Step(dose=dose.model_copy(update={"duration_s": new}), cause=situation.why)
    if isinstance(rule, Grade):
        return _cardio_step(dose, "grade_pct", rule.step_pct, rule.max_pct, situation)
    if isinstance(rule, MachineLevel):
        return _cardio_step(dose, "level", rule.step, rule.max_level, situation)
    if isinstance(rule, Hold):
        return _cardio_step(dose, "hold_s", rule.step_s, rule.max_s, situation)
    if isinstance(rule, LoadWhenPainFree):
        return _load_when_pain_free(rule, dose, situation)
    raise AssertionError(f"unhandled rule {rule!r}")
