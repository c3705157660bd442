"""Prescribe the session for a day from the program, the person and what they actually did before."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.gates import check_gate, gate_open
from calfcoach.coach.pain import Action, PainStatus, most_severe, pain_status
from calfcoach.coach.performance import Performance, last_performance
from calfcoach.coach.phases import PhaseState, phase_on
from calfcoach.coach.progression import (
    DEFAULT_BODY_MASS_KG,
    Situation,
    as_done,
    next_step,
    reduce,
    starting_dose,
)
from calfcoach.coach.running import cap_running, planned_running_s, running_budget
from calfcoach.coach.schedule import lay_out_week
from calfcoach.coach.timing import item_minutes
from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Dose, Equipment, Exercise
from calfcoach.domain.log import History
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.domain.profile import Profile
from calfcoach.domain.program import (
    Item,
    LoadWhenPainFree,
    Phase,
    Program,
    Rule,
    SessionTemplate,
    Stages,
)


@dataclass(frozen=True)
class Coach:
    """The fixed inputs of every prescription for one person (the history changes between calls)."""

    program: Program
    catalog: ExerciseSource
    profile: Profile


def _session_is_hard(template: SessionTemplate, catalog: ExerciseSource) -> bool:
    return any(catalog.get(item.exercise).hard for block in template.blocks for item in block.items)


def week_layout(phase: Phase, coach: Coach) -> dict[int, str]:
    """Weekday -> template id for this phase and this person's available days."""
    templates = tuple(phase.week)
    priorities = tuple(phase.session(t).priority for t in templates)
    hard = tuple(_session_is_hard(phase.session(t), coach.catalog) for t in templates)
    return lay_out_week(templates, priorities, hard, coach.profile.weekdays)


def adapt_dose(dose: Dose, exercise: Exercise) -> Dose:
    """Drop the parts of a dose an exercise cannot use (no incline on flat ground, no level off a machine)."""
    equipment = set(exercise.equipment)
    changes: dict[str, object] = {}
    if dose.grade_pct is not None and not equipment & {Equipment.TREADMILL, Equipment.HILL}:
        changes["grade_pct"] = None
    if dose.level is not None and not equipment & {Equipment.TREADMILL, Equipment.STAIR_CLIMBER}:
        changes["level"] = None
    if dose.speed_kmh is not None and equipment & {Equipment.STAIRS, Equipment.STAIR_CLIMBER}:
        changes["speed_kmh"] = None
    if equipment & {Equipment.TREADMILL} and dose.grade_pct is None and exercise.id.startswith("uphill"):
        changes["grade_pct"] = 2.0
    return dose.model_copy(update=changes) if changes else dose


def _effort_action(last: Performance, rule: Rule | None) -> tuple[Action, str]:
    max_rpe = getattr(rule, "max_rpe", None)
    rpe = last.session_rpe
    if rpe is None:
        return Action.PROGRESS, "no effort rating was logged last time"
    if rpe >= 9:
        return Action.REDUCE, f"last time felt very hard (RPE {rpe:g}/10): a little less today"
    if max_rpe is not None and rpe > max_rpe:
        return (
            Action.HOLD,
            f"last time felt hard (RPE {rpe:g}, progress comes at {max_rpe:g} or less): same again",
        )
    return Action.PROGRESS, f"last time was done at RPE {rpe:g}"


def _completion_action(last: Performance, dose: Dose, phase_id: str) -> tuple[Action, str]:
    if not last.completed:
        return Action.HOLD, "the last session was stopped early: same dose again"
    # Set counts change between phases, so only a shortfall within the same phase means sets were missed.
    if last.phase_id == phase_id and dose.sets is not None and last.sets and last.sets < dose.sets:
        return Action.HOLD, f"{last.sets} of {dose.sets} sets were done last time: same dose again"
    return Action.PROGRESS, ""


def _stage_index(
    rule: Stages,
    history: History,
    exercise_id: str,
    block_id: str,
    phase: PhaseState,
    day: dt.date,
    program: Program,
) -> int:
    """Replay the stages: a good session counts toward moving on, a painful one steps back.

    Stages belong to the block, not the venue: an outdoor and a treadmill run/walk in blocks of the same id
    move the person through one shared sequence of stages.
    """
    index = count = 0
    for session in history.sessions_between(phase.start, day):
        if not any(
            c.block == block_id or (c.block is None and c.exercise_id == exercise_id) for c in session.cardio
        ):
            continue
        worst = max(session.pain_during, session.pain_after)
        if worst > program.pain.acceptable_max:
            index, count = max(0, index - 1), 0
        elif session.completed and worst <= program.pain.safe_max and (session.rpe or 0) <= rule.max_rpe:
            count += 1
            if count >= rule.sessions_per_stage:
                index, count = min(index + 1, len(rule.stages) - 1), 0
    return index


class _Chosen(Value):
    exercise: Exercise
    notes: tuple[str, ...]


def _choose_exercise(
    item: Item, coach: Coach, history: History, day: dt.date, phase: PhaseState, pain: PainStatus
) -> _Chosen | None:
    notes: list[str] = []
    exercise_id = item.exercise
    if item.requires is not None and not gate_open(item.requires, history, day, phase.start):
        check = check_gate(item.requires, history, day, phase.start)
        if item.otherwise is None:
            return None
        locked = coach.catalog.get(item.exercise).name
        notes.append(f"{locked} unlocks when: {'; '.join(check.unmet)}")
        exercise_id = item.otherwise
    exercise, swapped = coach.catalog.resolve_for_equipment(exercise_id, coach.profile.equipment)
    if swapped:
        notes.append(swapped)
    if pain.action is Action.REDUCE and exercise.running and exercise.regressions:
        easier = coach.catalog.get(exercise.regressions[0].exercise)
        notes.append(f"{easier.name} instead of {exercise.name} while pain settles")
        exercise = easier
    if not set(exercise.equipment) <= coach.profile.equipment:
        return None
    return _Chosen(exercise=exercise, notes=tuple(notes))


MIN_RUNNING_BOUT_S = 120


def _walking_instead(exercise: Exercise, catalog: ExerciseSource) -> Exercise | None:
    """The first regression of a running exercise that is not itself running (a walk)."""
    for link in exercise.regressions:
        easier = catalog.get(link.exercise)
        if not easier.running:
            return easier
    return None


def _gap_days(history: History, day: dt.date) -> int | None:
    earlier = history.sessions_between(dt.date.min, day)
    return (day - earlier[-1].day).days if earlier else None


@dataclass(frozen=True)
class _Today:
    """What holds for every item of the session being prescribed."""

    day: dt.date
    phase: PhaseState
    pain: PainStatus
    gap_days: int | None
    deload_factor: float | None


def _deload_factor(program: Program, gap_days: int | None) -> float | None:
    if gap_days is None:
        return None
    if gap_days >= program.deload.long_after_days:
        return program.deload.long_factor
    if gap_days >= program.deload.after_days:
        return program.deload.factor
    return None


def _decide(
    rule: Rule | None, base: Dose, last: Performance | None, today: _Today, level: str
) -> tuple[Dose, Action, str]:
    """The dose to start from, whether it may progress, and the words for why."""
    pain = today.pain
    if last is None:
        if pain.action is Action.REDUCE:
            return base, Action.REDUCE, "; ".join(pain.reasons)
        return base, Action.HOLD, f"starting dose for a {level}"
    actions = [
        (pain.action, "; ".join(pain.reasons)),
        _effort_action(last, rule),
        _completion_action(last, base, today.phase.phase.id),
    ]
    if isinstance(rule, LoadWhenPainFree) and last.pain_during > 0:
        actions.append(
            (
                Action.HOLD,
                f"pain during it last time ({last.pain_during}/10) is accepted "
                "in this protocol; load is added once it is pain-free",
            )
        )
    action = most_severe(a for a, _ in actions)
    if action is Action.PROGRESS:
        why = "; ".join(t for a, t in actions if t and a is Action.PROGRESS) or "last time went well"
    else:
        why = next((text for a, text in actions if a is action and text), "")
    return as_done(base, last, rule), action, why


def _within_running_budget(
    item: Item, exercise: Exercise, dose: Dose, remaining_s: float, coach: Coach
) -> tuple[Exercise, Dose, str | None]:
    """Shorten a run to what this week's cap leaves, or walk instead when too little is left."""
    dose, capped = cap_running(dose, exercise, remaining_s)
    if capped and planned_running_s(dose, exercise) < MIN_RUNNING_BOUT_S:
        walk = _walking_instead(exercise, coach.catalog)
        if walk is not None and set(walk.equipment) <= coach.profile.equipment:
            walking = item.dose.model_copy(update={"run_s": None, "walk_s": None, "speed_kmh": None})
            return (
                walk,
                adapt_dose(walking, walk),
                f"{walk.name} instead: this week's running time is used up "
                "(the weekly cap keeps increases gentle)",
            )
    return exercise, dose, capped


def _prescribe_item(
    block_id: str, item: Item, chosen: _Chosen, today: _Today, coach: Coach, history: History
) -> tuple[Exercise, Dose, list[str]]:
    program, profile = coach.program, coach.profile
    exercise = chosen.exercise
    rule = item.progress if exercise.id == item.exercise else None
    base = starting_dose(adapt_dose(item.dose, exercise), rule, profile.level)
    last = last_performance(history, exercise.id, today.day, block_id)
    dose, action, why = _decide(rule, base, last, today, profile.level.value)
    if today.deload_factor is not None:
        dose = reduce(dose, today.deload_factor, rule)
        action = Action.HOLD
        why = f"back after {today.gap_days} days: {today.deload_factor:.0%} of the last dose"
    stage = 0
    if isinstance(rule, Stages):
        stage = _stage_index(rule, history, exercise.id, block_id, today.phase, today.day, program)
        if action is Action.REDUCE:
            stage = max(0, stage - 1)
    situation = Situation(
        action=action,
        why=why,
        caps=program.caps,
        body_mass_kg=profile.weight_kg or DEFAULT_BODY_MASS_KG,
        week_in_phase=today.phase.week_on(today.day),
        stage_index=stage,
    )
    step = next_step(rule, dose, situation)
    return exercise, step.dose, [*chosen.notes, step.reason]


def prescribe_template(
    template: SessionTemplate, day: dt.date, coach: Coach, history: History, phase: PhaseState
) -> PlannedSession:
    """Every item of the template, each with its dose for today and the reason for it."""
    program, profile = coach.program, coach.profile
    gap = _gap_days(history, day)
    today = _Today(
        day=day,
        phase=phase,
        pain=pain_status(history, day, program.pain),
        gap_days=gap,
        deload_factor=_deload_factor(program, gap),
    )
    remaining_run_s = running_budget(history, day, program.caps).remaining_s
    items: list[PlannedItem] = []
    notes: list[str] = list(today.pain.reasons)
    if today.deload_factor is not None:
        notes.append(
            f"first session after {gap} days off: doses at {today.deload_factor:.0%} to come back gently"
        )
    skipped: list[str] = []
    minutes_by_block: dict[str, float] = {}
    for block in template.blocks:
        for item in block.items:
            chosen = _choose_exercise(item, coach, history, day, phase, today.pain)
            if chosen is None:
                skipped.append(f"{item.exercise} (needs equipment you do not have, or is not unlocked yet)")
                continue
            exercise, dose, reasons = _prescribe_item(block.id, item, chosen, today, coach, history)
            if planned_running_s(dose, exercise) > 0:
                exercise, dose, capped = _within_running_budget(item, exercise, dose, remaining_run_s, coach)
                if capped:
                    reasons.append(capped)
                remaining_run_s -= planned_running_s(dose, exercise)
            tempo = item.tempo or exercise.tempo
            items.append(
                PlannedItem(
                    exercise_id=exercise.id,
                    block=block.id,
                    dose=dose,
                    tempo=tempo,
                    reason="; ".join(r for r in reasons if r),
                    note=item.note,
                )
            )
            minutes_by_block[block.id] = minutes_by_block.get(block.id, 0.0) + item_minutes(dose, tempo)
    priorities = {block.id: block.priority for block in template.blocks}
    items, dropped = _fit_minutes(items, minutes_by_block, priorities, profile.minutes_per_session)
    if dropped:
        notes.append(f"left out to fit {profile.minutes_per_session} min: {', '.join(dropped)}")
    if skipped:
        notes.append("not prescribed: " + "; ".join(skipped))
    total = sum(minutes_by_block[b] for b in {i.block for i in items})
    if total > profile.minutes_per_session * 1.1:
        notes.append(f"this session needs about {total:.0f} min; you set {profile.minutes_per_session}")
    return PlannedSession(
        day=day,
        program_id=program.id,
        phase_id=phase.phase.id,
        template_id=template.id,
        name=template.name,
        items=tuple(items),
        minutes=round(total, 1),
        hard=any(coach.catalog.get(i.exercise_id).hard for i in items),
        notes=tuple(notes),
    )


def _fit_minutes(
    items: list[PlannedItem], minutes: dict[str, float], priorities: dict[str, int], available: int
) -> tuple[list[PlannedItem], list[str]]:
    """Drop whole blocks, lowest priority (highest number) and latest first, until the session fits."""
    kept = list(dict.fromkeys(i.block for i in items))
    dropped: list[str] = []
    while sum(minutes[b] for b in kept) > available:
        candidates = [b for b in kept if priorities[b] > 1]
        if not candidates:
            break
        drop = max(candidates, key=lambda b: (priorities[b], kept.index(b)))
        kept.remove(drop)
        dropped.append(drop)
    return [i for i in items if i.block in kept], dropped


def prescribe(
    day: dt.date, coach: Coach, history: History, *, phase: PhaseState | None = None
) -> PlannedSession | None:
    """The session for `day`, or None when the person's week has no session that day.

    `phase` may pass the phase state already replayed for this history up to an earlier day.
    """
    if day < coach.profile.start_date:
        return None
    phase = phase_on(coach.program, history, day, coach.profile.start_date, resume=phase)
    layout = week_layout(phase.phase, coach)
    template_id = layout.get(day.weekday())
    if template_id is None:
        return None
    return prescribe_template(phase.phase.session(template_id), day, coach, history, phase)
