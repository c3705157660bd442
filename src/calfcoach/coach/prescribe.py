"""Prescribe the session for a day from the program, the person and what they actually did before.

Safety comes first (coach/safety.py): an urgent red flag means no session; a referral means relative rest;
a cautious start means beginner doses. Then each item gets its dose from its own activity's pain (a pain
flag holds the activity that provoked it, coach/pain.py), the general morning-pain rules, the effort of the
last time, breaks, the person's equipment and the program's caps, with the reason for every change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from calfcoach.coach.activity import activity_label, is_stretch, last_session_of, members
from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.changes import describe_changes, dose_changes
from calfcoach.coach.compliance import far_off_note
from calfcoach.coach.gates import check_gate, gate_open
from calfcoach.coach.pain import (
    PROGRESS,
    Action,
    Finding,
    PainStatus,
    activity_status,
    combine,
    general_status,
    most_severe,
    pain_pointed,
    pain_reaches,
)
from calfcoach.coach.performance import Performance, last_performance, latest_of, load_stepped_within
from calfcoach.coach.phases import PhaseState, phase_on, program_end
from calfcoach.coach.progression import (
    DEFAULT_BODY_MASS_KG,
    SAME_DOSE,
    Situation,
    as_done,
    next_step,
    reduce,
    starting_dose,
)
from calfcoach.coach.running import cap_running, longest_continuous_run_s, planned_running_s, running_budget
from calfcoach.coach.safety import SafetyStatus, safety_status
from calfcoach.coach.schedule import break_days, lay_out_week
from calfcoach.coach.stages import StageState, stage_state
from calfcoach.coach.timing import item_minutes
from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Category, Dose, Equipment, Exercise
from calfcoach.domain.log import History
from calfcoach.domain.messages import EMPTY, LIST_CODE, Kind, Message, Spec, define, joined, parts_of
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.domain.profile import Level, Profile
from calfcoach.domain.program import (
    Item,
    LoadWhenPainFree,
    Pace,
    Phase,
    Program,
    RepsThenLoad,
    Rule,
    Schedule,
    SessionTemplate,
    Stages,
)
from calfcoach.domain.screening import Questionnaire
from calfcoach.i18n import N_, N_plural
from calfcoach.library.screening import load_questionnaire


@dataclass(frozen=True)
class Coach:
    """The fixed inputs of every prescription for one person (the history changes between calls)."""

    program: Program
    catalog: ExerciseSource
    profile: Profile
    questionnaire: Questionnaire = field(default_factory=load_questionnaire)

    @property
    def has_weights(self) -> bool:
        return Equipment.WEIGHTS in self.profile.equipment


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


MIN_RUNNING_BOUT_S = 120

# The words of a prescription. Exercise and block names ({exercise}, {easier}, {walk}, {blocks}) are the
# library's own.
_UNLOCKS = define(
    "prescribe.unlocks_when",
    # TRANSLATORS: {unmet} lists the unlock criteria not met yet, separated by semicolons.
    N_("{exercise} unlocks when: {unmet}"),
    exercise=Kind.TEXT,
    unmet=Kind.MESSAGE,
)
_EASIER = define(
    "prescribe.walk_while_pain",
    N_("{easier} instead of {exercise} while the pain settles"),
    easier=Kind.TEXT,
    exercise=Kind.TEXT,
)
_VERY_HARD = define(
    "prescribe.effort_too_high",
    N_("last time felt very hard (effort {rpe}/10): a little less"),
    rpe=Kind.NUMBER,
)
_HARD = define(
    "prescribe.effort_high",
    # TRANSLATORS: {rpe} is the effort reported last time (0-10), {max_rpe} the highest that lets the
    # dose go up.
    N_("last time felt hard (effort {rpe}/10; it moves on at {max_rpe} or less): the same again"),
    rpe=Kind.NUMBER,
    max_rpe=Kind.NUMBER,
)
_STOPPED = define("prescribe.stopped_early", N_("the last session was stopped early: the same again"))()
_SETS_MISSED = define(
    "prescribe.sets_missed",
    N_plural(
        "{done} of {planned} set was done last time: the same again",
        "{done} of {planned} sets were done last time: the same again",
    ),
    counted="planned",
    done=Kind.COUNT,
    planned=Kind.COUNT,
)
_ANKLE_WEIGHTS = define(
    "prescribe.ankle_weights_added",
    N_("first walk with ankle weights: the pace of your last walk, the weights are the step up"),
)()
_START_CAUTIOUS = define(
    "prescribe.start.cautious",
    N_("starting dose (a cautious start: beginner doses until you are cleared)"),
)()
# TRANSLATORS: the starting dose for the person's level (beginner, intermediate, advanced).
_START = {
    Level.BEGINNER: define("prescribe.start.beginner", N_("starting dose (level: beginner)"))(),
    Level.INTERMEDIATE: define("prescribe.start.intermediate", N_("starting dose (level: intermediate)"))(),
    Level.ADVANCED: define("prescribe.start.advanced", N_("starting dose (level: advanced)"))(),
}
_CHANGED = define(
    "prescribe.changed",
    # TRANSLATORS: {changes} is the dose change ("reps 10 -> 11"), {cause} why.
    N_("{changes}: {cause}"),
    changes=Kind.MESSAGE,
    cause=Kind.MESSAGE,
)
_SAME = define("prescribe.same", N_("same as last time"))()
_SAME_BECAUSE = define("prescribe.same_because", N_("same as last time: {cause}"), cause=Kind.MESSAGE)
_BACK_GENTLER = define(
    "prescribe.back_after_break",
    N_plural(
        "back after {days} day without training: a gentler dose",
        "back after {days} days without training: a gentler dose",
    ),
    counted="days",
    days=Kind.COUNT,
)
_PAIN_NOTE = define("prescribe.pain_see_note", N_("pain (see the note above)"))()
_PAIN_WATCHED = define("prescribe.pain_watched", N_("pain is being watched (see above)"))()
_LAST_EFFORT = define("prescribe.last_effort", N_("last time was done at effort {rpe}/10"), rpe=Kind.NUMBER)
_NOT_PRESCRIBED_ITEM = define(
    "prescribe.not_prescribed.item",
    N_("{exercise} (needs equipment you do not have, or is not unlocked yet)"),
    exercise=Kind.TEXT,
)
_LEFT_OUT = define(
    "prescribe.left_out",
    # TRANSLATORS: {blocks} names the blocks of the session left out, separated by commas.
    N_("left out to fit {minutes} min: {blocks}"),
    minutes=Kind.COUNT,
    blocks=Kind.TEXT,
)
_NOT_PRESCRIBED = define("prescribe.not_prescribed", N_("not prescribed: {items}"), items=Kind.MESSAGE)
_TOO_LONG = define(
    "prescribe.too_long",
    N_("this session needs about {needed} min; you set {available}"),
    needed=Spec(Kind.NUMBER, digits=0),
    available=Kind.COUNT,
)
_DELOAD = define(
    "prescribe.deload",
    # TRANSLATORS: {share} is the percentage of the last doses given after a break ("70%").
    N_plural(
        "first session after {days} day off: doses at {share} of the last ones, and run/walk one stage "
        "back, to come back gently",
        "first session after {days} days off: doses at {share} of the last ones, and run/walk one stage "
        "back, to come back gently",
    ),
    counted="days",
    days=Kind.COUNT,
    share=Spec(Kind.PERCENT, digits=0),
)
_WALK_INSTEAD = define(
    "prescribe.walk_instead_of_run",
    N_("{walk} instead: this week's running time is used up (the weekly cap keeps increases gentle)"),
    walk=Kind.TEXT,
)
_WALK_INSTEAD_PAIN = define(
    "prescribe.walk_instead_of_run.pain",
    N_(
        "{walk} instead: this week's running time is used up (the weekly cap keeps increases gentle); "
        "pain (see the note above)"
    ),
    walk=Kind.TEXT,
)
_FIXED_DOSE = define("prescribe.relative_rest.item", N_("a fixed, easy dose"))()
_RELATIVE_REST = define(
    "prescribe.relative_rest",
    N_("Relative rest until a physiotherapist has seen you: gentle, never pushed, nothing gets harder."),
)()


@dataclass(frozen=True)
class _Today:
    """What holds for every item of the session being prescribed."""

    day: dt.date
    phase: PhaseState
    general: PainStatus
    safety: SafetyStatus
    gap_days: int | None
    deload_factor: float | None
    level: Level


def _gap_days(history: History, day: dt.date) -> int | None:
    last = history.last_session_before(day)
    return (day - last.day).days if last else None


def _deload_factor(program: Program, gap_days: int | None, weekdays: frozenset[int]) -> float | None:
    if gap_days is None:
        return None
    after, long_after = break_days(program.deload.after_days, program.deload.long_after_days, weekdays)
    if gap_days >= long_after:
        return program.deload.long_factor
    if gap_days >= after:
        return program.deload.factor
    return None


# --- Pain per activity -------------------------------------------------------------------------------------


def item_pain(exercise: Exercise, block_id: str, today: _Today, coach: Coach, history: History) -> PainStatus:
    """The pain findings that bear on this exercise today: its activity's own (in this block), and the
    general ones."""
    if is_stretch(coach.catalog, exercise.id):
        return PROGRESS
    ids = members(history, coach.catalog, exercise)
    last = last_session_of(history, ids, today.day, block_id)
    if last is not None:
        done = set(ids) & ({s.exercise_id for s in last.sets} | {c.exercise_id for c in last.cardio})
        if not pain_pointed(last, done, lambda x: is_stretch(coach.catalog, x)):
            last = None
    own = activity_status(history, today.day, coach.program.pain, last, activity_label(exercise))
    return combine(own, today.general)


# --- Choosing the exercise -----------------------------------------------------------------------------


class _Chosen(Value):
    exercise: Exercise
    pain: PainStatus
    notes: tuple[Message, ...]


def _walking_instead(exercise: Exercise, catalog: ExerciseSource) -> Exercise | None:
    """The first regression of a running exercise that is not itself running (a walk)."""
    for link in exercise.regressions:
        easier = catalog.get(link.exercise)
        if not easier.running:
            return easier
    return None


def _choose_exercise(
    item: Item, block_id: str, coach: Coach, history: History, today: _Today
) -> _Chosen | None:
    notes: list[Message] = []
    exercise_id = item.exercise
    if item.requires is not None and not gate_open(item.requires, history, today.day, today.phase.start):
        check = check_gate(item.requires, history, today.day, today.phase.start)
        if item.otherwise is None:
            return None
        locked = coach.catalog.get(item.exercise).name
        notes.append(_UNLOCKS(exercise=locked, unmet=joined(check.unmet)))
        exercise_id = item.otherwise
    exercise, swapped = coach.catalog.resolve_for_equipment(exercise_id, coach.profile.equipment)
    if swapped:
        notes.append(swapped)
    pain = item_pain(exercise, block_id, today, coach, history)
    if pain.action is Action.REDUCE and exercise.running:
        easier = _walking_instead(exercise, coach.catalog)
        if easier is not None:
            notes.append(_EASIER(easier=easier.name, exercise=exercise.name))
            exercise = easier
            pain = item_pain(exercise, block_id, today, coach, history)
    if not set(exercise.equipment) <= coach.profile.equipment:
        return None
    return _Chosen(exercise=exercise, pain=pain, notes=tuple(notes))


def _rule_for(item: Item, exercise: Exercise, catalog: ExerciseSource) -> Rule | None:
    """The item's rule, kept for a substitute of the same kind (a walk for a walk), so it still progresses."""
    rule = item.progress
    if rule is None or exercise.id == item.exercise:
        return rule
    if isinstance(rule, Stages):
        return rule if exercise.running else None
    original = catalog.get(item.exercise)
    return rule if original.category is exercise.category else None


def _last_done(
    rule: Rule | None, exercise: Exercise, block_id: str, coach: Coach, history: History, day: dt.date
) -> Performance | None:
    """The last performance the rule reads: any walk for a walking pace (so it carries over phases and
    substitutes), otherwise this exercise in this block."""
    own = last_performance(history, exercise.id, day, block_id)
    if isinstance(rule, Pace) and exercise.category is Category.CARDIO and not exercise.running:
        # Other walks count only when logged in this very block (an imported hike, logged with no block,
        # is not the steady walk whose pace this rule moves).
        others = [
            last_performance(history, i, day, block_id)
            for i in members(history, coach.catalog, exercise)
            if i != exercise.id
        ]
        in_block = [p for p in others if p is not None and _logged_in_block(history, p, block_id)]
        return latest_of([own, *in_block])
    return own


def _from_latest_load(
    basis: Dose, last: Performance, exercise: Exercise, history: History, day: dt.date
) -> Dose:
    """The load carried over is never above what the tendon last lifted in this exercise, in any block.

    The block's own last performance may be older than another one (a session of relative rest after a
    clearance, another template) done at less load: starting again from the block's old load would be a
    jump of several steps at once. From the latest load, the rule steps up as usual, one step at a time.
    """
    if not basis.load_kg:
        return basis
    latest = last_performance(history, exercise.id, day)
    if latest is None or latest.day <= last.day or latest.load_kg >= basis.load_kg:
        return basis
    return basis.model_copy(update={"load_kg": latest.load_kg})


def _logged_in_block(history: History, perf: Performance, block_id: str) -> bool:
    session = history.sessions_with(perf.exercise_id, perf.day + dt.timedelta(days=1))[-1]
    return any(c.exercise_id == perf.exercise_id and c.block == block_id for c in session.cardio)


# --- Deciding whether to progress ---------------------------------------------------------------------------


def _effort(last: Performance, rule: Rule | None, coach: Coach) -> Finding | None:
    rpe = last.session_rpe
    if rpe is None or isinstance(rule, Schedule):
        # Sets at a repetition maximum end near effort 9-10 by design: the RM rule reads effort itself.
        return None
    if rpe >= coach.program.effort.reduce_at_rpe:
        return Finding(
            action=Action.REDUCE,
            code="effort_too_high",
            text=_VERY_HARD(rpe=rpe),
        )
    max_rpe = getattr(rule, "max_rpe", None)
    if max_rpe is not None and rpe > max_rpe and not isinstance(rule, Schedule):
        return Finding(
            action=Action.HOLD,
            code="effort_high",
            text=_HARD(rpe=rpe, max_rpe=max_rpe),
        )
    return None


def _completion(last: Performance, dose: Dose, phase_id: str) -> Finding | None:
    if not last.completed:
        return Finding(
            action=Action.HOLD,
            code="stopped_early",
            text=_STOPPED,
        )
    # Set counts change between phases, so only a shortfall within the same phase means sets were missed.
    if last.phase_id == phase_id and dose.sets is not None and last.sets and last.sets < dose.sets:
        return Finding(
            action=Action.HOLD,
            code="sets_missed",
            text=_SETS_MISSED(done=last.sets, planned=dose.sets),
        )
    return None


def _new_weight(exercise: Exercise, last: Performance, catalog: ExerciseSource) -> Finding | None:
    """Adding ankle weights to a walk holds the pace: the weights are the step up."""
    if last.exercise_id == exercise.id or Equipment.ANKLE_WEIGHTS not in exercise.equipment:
        return None
    if Equipment.ANKLE_WEIGHTS in catalog.get(last.exercise_id).equipment:
        return None
    return Finding(
        action=Action.HOLD,
        code="ankle_weights_added",
        text=_ANKLE_WEIGHTS,
    )


def _findings(
    rule: Rule | None,
    base: Dose,
    last: Performance | None,
    chosen: _Chosen,
    today: _Today,
    coach: Coach,
) -> list[Finding]:
    findings = list(chosen.pain.findings)
    if last is None:
        return findings
    findings += [
        f
        for f in (
            _effort(last, rule, coach),
            _completion(last, base, today.phase.phase.id),
            _new_weight(chosen.exercise, last, coach.catalog),
        )
        if f is not None
    ]
    return findings


def _pain_free(last: Performance | None, exercise_id: str, history: History, coach: Coach) -> bool:
    """Alfredson's condition for load: the exercise itself was done without pain, and the morning after it
    was no worse than usual."""
    if last is None:
        return False
    session = history.sessions_with(exercise_id, last.day + dt.timedelta(days=1))[-1]
    reached = pain_reaches(session, exercise_id, lambda x: is_stretch(coach.catalog, x))
    if reached and max(session.pain_during, session.pain_after) > 0:
        return False
    verdict = activity_status(history, last.day + dt.timedelta(days=3), coach.program.pain, session, EMPTY)
    return not reached or verdict.action is Action.PROGRESS


# --- One item ------------------------------------------------------------------------------------------


class _Prescribed(Value):
    item: PlannedItem
    findings: tuple[Finding, ...]


def _starting_words(level: Level, caution: bool) -> Message:
    return _START_CAUTIOUS if caution else _START[level]


def _first_run_cap(exercise: Exercise, dose: Dose, history: History, today: _Today, coach: Coach) -> Dose:
    """The first continuous run of a phase is never more than the caps above the longest run done lately."""
    if not exercise.running or dose.run_s is not None or dose.duration_s is None:
        return dose
    longest = longest_continuous_run_s(history, coach.catalog, today.day)
    if longest <= 0:
        return dose
    caps = coach.program.caps
    allowed = max(
        longest * (1 + caps.weekly_running_increase_pct / 100), longest + caps.weekly_running_min_step_s
    )
    allowed_s = int(allowed // 60 * 60)
    return dose if dose.duration_s <= allowed_s else dose.model_copy(update={"duration_s": allowed_s})


def _prescribe_item(
    block_id: str, item: Item, chosen: _Chosen, today: _Today, coach: Coach, history: History
) -> _Prescribed:
    program, profile = coach.program, coach.profile
    exercise = chosen.exercise
    rule = _rule_for(item, exercise, coach.catalog)
    base = starting_dose(adapt_dose(item.dose, exercise), rule, today.level)
    if not exercise.running and coach.catalog.get(item.exercise).running:
        # A walk given instead of a run: no run/walk intervals, no running pace.
        base = base.model_copy(update={"run_s": None, "walk_s": None, "speed_kmh": None})
    if not coach.has_weights and base.load_kg and exercise.category is Category.STRENGTH:
        base = base.model_copy(update={"load_kg": 0.0})
    last = _last_done(rule, exercise, block_id, coach, history, today.day)
    findings = _findings(rule, base, last, chosen, today, coach)
    if last is None:
        basis = _first_run_cap(exercise, base, history, today, coach)
    else:
        basis = as_done(base, last, rule, has_weights=coach.has_weights, body_mass_kg=_body_mass(profile))
        basis = _from_latest_load(basis, last, exercise, history, today.day)
    action = most_severe(f.action for f in findings)
    if last is None and action is Action.PROGRESS and not isinstance(rule, Stages):
        action = Action.HOLD  # the first time: the starting dose, nothing to progress from
    stage: StageState | None = None
    if isinstance(rule, Stages):
        stage = stage_state(
            rule,
            history,
            exercise,
            block_id,
            today.phase,
            today.day,
            program,
            coach.catalog,
            profile.weekdays,
        )
    if stage is not None and isinstance(rule, Stages) and stage.last_done is not None:
        basis = rule.stages[stage.last_done]  # the change is measured from the stage last done
    dose_in = basis
    deloaded = False
    if today.deload_factor is not None and not isinstance(rule, Stages) and last is not None:
        dose_in = reduce(basis, today.deload_factor, rule, program.floors)
        deloaded = True
        if action is Action.PROGRESS:
            action = Action.HOLD
    stage_index = 0
    if stage is not None:
        stage_index = stage.prescribed(reduce=action is Action.REDUCE, hold=action is Action.HOLD)
    load_due = True
    if last is not None and isinstance(rule, RepsThenLoad | LoadWhenPainFree | Schedule):
        load_due = not load_stepped_within(history, exercise.id, today.day, program.caps.load_step_min_days)
    situation = Situation(
        action=action,
        why=EMPTY,
        caps=program.caps,
        floors=program.floors,
        reduce_factor=program.pain.reduce_factor,
        body_mass_kg=_body_mass(profile),
        week_in_phase=_training_week(history, exercise.id, today.phase, today.day)
        if isinstance(rule, Schedule)
        else today.phase.week_on(today.day),
        stage_index=stage_index,
        has_weights=coach.has_weights,
        load_step_due=load_due,
        pain_free=isinstance(rule, LoadWhenPainFree) and _pain_free(last, exercise.id, history, coach),
        last_reps=None if last is None else last.reps_min,
        last_rpe=None if last is None else (last.set_rpe if last.set_rpe is not None else last.session_rpe),
        # Only a schedule reads the week of the last session (counting that reads the whole phase).
        last_week=None
        if last is None or last.day < today.phase.start or not isinstance(rule, Schedule)
        else _training_week(history, exercise.id, today.phase, last.day),
        target_reps=base.reps if isinstance(rule, LoadWhenPainFree) else None,
    )
    step = next_step(rule, dose_in, situation)
    dose = step.dose
    if isinstance(rule, Stages) and today.deload_factor is not None:
        deloaded = False  # a stage stepped back is the gentle return; its dose is not also scaled
    changes = dose_changes(basis, dose)
    cause = _cause(stage_index, step.cause, findings, action, last, today, deloaded, stage, rule)
    shown = describe_changes(changes)
    if last is None and not changes:
        reason = joined([_starting_words(today.level, today.safety.caution), cause])
    elif changes:
        reason = _CHANGED(changes=shown, cause=cause) if cause else shown
    else:
        reason = _SAME_BECAUSE(cause=cause) if cause else _SAME
    reasons = [*chosen.notes, reason]
    if last is not None:
        reasons.append(far_off_note(history, last.exercise_id, last.day) or EMPTY)
    return _Prescribed(
        item=PlannedItem(
            exercise_id=exercise.id,
            block=block_id,
            dose=dose,
            tempo=step.tempo or item.tempo or exercise.tempo,
            reason=joined(reasons),
            note=item.note,
            basis=basis,
            changes=changes,
            action=action.value,
        ),
        findings=tuple(findings),
    )


def _training_week(history: History, exercise_id: str, phase: PhaseState, day: dt.date) -> int:
    """Which week of a schedule a day is: one more than the weeks of the phase before it in which the
    exercise was done, so a stop or a break pauses the schedule instead of skipping its weeks."""
    current = (day - phase.start).days // 7
    done = {
        (s.day - phase.start).days // 7
        for s in history.sessions_with(exercise_id, day)
        if s.day >= phase.start and (s.day - phase.start).days // 7 < current
    }
    return len(done) + 1


def _body_mass(profile: Profile) -> float:
    return profile.weight_kg or DEFAULT_BODY_MASS_KG


def _cause(
    stage_index: int,
    rule_cause: Message,
    findings: list[Finding],
    action: Action,
    last: Performance | None,
    today: _Today,
    deloaded: bool,
    stage: StageState | None,
    rule: Rule | None,
) -> Message:
    """The cause of an item's dose in words. Pain findings are said once, in the session's notes."""
    parts: list[Message] = []
    if stage is not None:
        parts.append(stage.describe(stage_index))
    if deloaded:
        parts.append(_BACK_GENTLER(days=today.gap_days))
    pain = [f for f in findings if f.code.startswith(("activity_", "morning_"))]
    other = [f for f in findings if f not in pain and f.action is action]
    if action is not Action.PROGRESS and pain and any(f.action is action for f in pain):
        parts.append(_PAIN_NOTE if action is Action.REDUCE else _PAIN_WATCHED)
    parts += [f.text for f in other]
    if action is Action.PROGRESS and last is not None and rule_cause:
        parts.append(rule_cause)
    elif action is Action.PROGRESS and last is not None and last.session_rpe is not None and not rule_cause:
        parts.append(_LAST_EFFORT(rpe=last.session_rpe))
    elif rule_cause and action is not Action.PROGRESS and not isinstance(rule, Stages):
        said_elsewhere = rule is None and last is None  # "starting dose" already says it
        if rule_cause not in parts and rule_cause != SAME_DOSE and not said_elsewhere:
            parts.append(rule_cause)
    elif rule_cause and isinstance(rule, Schedule | RepsThenLoad | LoadWhenPainFree):
        parts.append(rule_cause)
    return joined(dict.fromkeys(p for p in parts if p))


def without_pain_pointer(reason: Message) -> tuple[Message, bool]:
    """An item's reason without its pointer to the pain note ("pain (see the note above)"), for a page
    that says the pain once above the session; and whether it had one."""
    if reason in (_PAIN_NOTE, _PAIN_WATCHED):
        return EMPTY, True
    if reason.code == LIST_CODE:
        kept = [without_pain_pointer(p) for p in parts_of(reason)]
        return joined(m for m, _ in kept), any(pointed for _, pointed in kept)
    if reason.code == _WALK_INSTEAD_PAIN.code:
        return _WALK_INSTEAD(walk=reason.arg("walk").value), True
    if reason.code in (_CHANGED.code, _SAME_BECAUSE.code):
        cause, pointed = without_pain_pointer(reason.arg("cause").parts[0])
        if not pointed:
            return reason, False
        if reason.code == _SAME_BECAUSE.code:
            return (_SAME_BECAUSE(cause=cause) if cause else _SAME), True
        changes = reason.arg("changes").parts[0]
        return (_CHANGED(changes=changes, cause=cause) if cause else changes), True
    return reason, False


# --- Whole sessions ------------------------------------------------------------------------------------


def _today(day: dt.date, coach: Coach, history: History, phase: PhaseState, safety: SafetyStatus) -> _Today:
    gap = _gap_days(history, day)
    return _Today(
        day=day,
        phase=phase,
        general=general_status(history, day, coach.program.pain, since=dt.date.min),
        safety=safety,
        gap_days=gap,
        deload_factor=_deload_factor(coach.program, gap, coach.profile.weekdays),
        level=Level.BEGINNER if safety.caution else coach.profile.level,
    )


def prescribe_template(
    template: SessionTemplate,
    day: dt.date,
    coach: Coach,
    history: History,
    phase: PhaseState,
    safety: SafetyStatus | None = None,
) -> PlannedSession:
    """Every item of the template, each with its dose for today and the reason for it."""
    program, profile = coach.program, coach.profile
    safety = safety or safety_status(history, day, coach.questionnaire, program.pain)
    today = _today(day, coach, history, phase, safety)
    remaining_run_s = running_budget(history, day, program.caps, coach.catalog).remaining_s
    items: list[PlannedItem] = []
    findings: dict[Message, Finding] = {}
    skipped: list[Message] = []
    minutes_by_block: dict[str, float] = {}
    for block in template.blocks:
        for item in block.items:
            chosen = _choose_exercise(item, block.id, coach, history, today)
            if chosen is None:
                name = coach.catalog.get(item.exercise).name
                skipped.append(_NOT_PRESCRIBED_ITEM(exercise=name))
                continue
            done = _prescribe_item(block.id, item, chosen, today, coach, history)
            planned = done.item
            for finding in done.findings:
                if finding.code.startswith(("activity_", "morning_")):
                    findings.setdefault(finding.text, finding)
            exercise = coach.catalog.get(planned.exercise_id)
            if planned_running_s(planned.dose, exercise) > 0:
                planned = _within_running_budget(
                    item, planned, exercise, remaining_run_s, coach, today, history
                )
                remaining_run_s -= planned_running_s(planned.dose, coach.catalog.get(planned.exercise_id))
            items.append(planned)
            minutes_by_block[block.id] = minutes_by_block.get(block.id, 0.0) + item_minutes(
                planned.dose, planned.tempo
            )
    notes = _session_notes(today, findings, safety)
    priorities = {block.id: block.priority for block in template.blocks}
    items, dropped = _fit_minutes(items, minutes_by_block, priorities, profile.minutes_per_session)
    if dropped:
        names = {b.id: b.name for b in template.blocks}
        notes.append(
            _LEFT_OUT(minutes=profile.minutes_per_session, blocks=", ".join(names[d] for d in dropped))
        )
    if skipped:
        notes.append(_NOT_PRESCRIBED(items=joined(skipped)))
    total = sum(minutes_by_block[b] for b in {i.block for i in items})
    if total > profile.minutes_per_session * 1.1:
        notes.append(_TOO_LONG(needed=total, available=profile.minutes_per_session))
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
        mode=safety.mode,
    )


def _session_notes(today: _Today, findings: dict[Message, Finding], safety: SafetyStatus) -> list[Message]:
    notes: list[Message] = []
    if safety.caution:
        notes += list(safety.advice)
    notes += [f.text for f in findings.values()]
    if today.deload_factor is not None:
        notes.append(_DELOAD(days=today.gap_days, share=today.deload_factor * 100))
    return notes


def _within_running_budget(
    item: Item,
    planned: PlannedItem,
    exercise: Exercise,
    remaining_s: float,
    coach: Coach,
    today: _Today,
    history: History,
) -> PlannedItem:
    """Shorten a run to what this week's cap leaves, or walk instead when too little is left."""
    dose, capped = cap_running(planned.dose, exercise, remaining_s)
    if not capped:
        return planned
    if planned_running_s(dose, exercise) < MIN_RUNNING_BOUT_S:
        walk = _walking_instead(exercise, coach.catalog)
        if walk is not None and set(walk.equipment) <= coach.profile.equipment:
            walking = adapt_dose(
                item.dose.model_copy(update={"run_s": None, "walk_s": None, "speed_kmh": None}), walk
            )
            # The walk has its own pain flag: a walk that hurt last time is reduced here too.
            pain = item_pain(walk, planned.block, today, coach, history)
            basis = walking
            action = Action.HOLD if pain.action is Action.PROGRESS else pain.action
            if pain.action is Action.REDUCE:
                walking = reduce(walking, coach.program.pain.reduce_factor, None, coach.program.floors)
            changes = dose_changes(basis, walking)
            instead = (_WALK_INSTEAD_PAIN if pain.flagged else _WALK_INSTEAD)(walk=walk.name)
            return planned.model_copy(
                update={
                    "exercise_id": walk.id,
                    "dose": walking,
                    "basis": basis,
                    "changes": changes,
                    "action": action.value,
                    "reason": _CHANGED(changes=describe_changes(changes), cause=instead)
                    if changes
                    else instead,
                }
            )
    basis = planned.basis or planned.dose
    changes = dose_changes(basis, dose)
    return planned.model_copy(
        update={
            "dose": dose,
            "changes": changes,
            "reason": _CHANGED(changes=describe_changes(changes), cause=capped),
        }
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


def relative_rest(
    template: SessionTemplate, day: dt.date, coach: Coach, phase: PhaseState, safety: SafetyStatus
) -> PlannedSession:
    """While referred: the program's relative-rest items (or, without any, the day's stretches), at their
    fixed doses. Nothing progresses; nothing is reduced below what a clinician would still allow."""
    chosen = list(coach.program.relative_rest) or [
        item
        for block in template.blocks
        for item in block.items
        if coach.catalog.get(item.exercise).category is Category.STRETCH
    ]
    items: list[PlannedItem] = []
    for item in chosen:
        exercise, _ = coach.catalog.resolve_for_equipment(item.exercise, coach.profile.equipment)
        if not set(exercise.equipment) <= coach.profile.equipment:
            continue
        dose = adapt_dose(item.dose, exercise)
        items.append(
            PlannedItem(
                exercise_id=exercise.id,
                block="relative-rest",
                dose=dose,
                tempo=item.tempo or exercise.tempo,
                reason=_FIXED_DOSE,
                note=item.note,
                basis=dose,
                action=Action.HOLD.value,
            )
        )
    return PlannedSession(
        day=day,
        program_id=coach.program.id,
        phase_id=phase.phase.id,
        template_id="relative-rest",
        name="Relative rest",
        items=tuple(items),
        minutes=round(sum(item_minutes(i.dose, i.tempo) for i in items), 1),
        hard=False,
        # The referral's reasons and advice are the safety block's to show, once, above the session.
        notes=(_RELATIVE_REST,),
        mode=safety.mode,
    )


def prescribe(
    day: dt.date,
    coach: Coach,
    history: History,
    *,
    phase: PhaseState | None = None,
    safety: SafetyStatus | None = None,
) -> PlannedSession | None:
    """The session for `day`, or None when there is none: not a training day, the program has ended, or
    an urgent red flag is open (then nothing is prescribed until a clearance is recorded).

    `phase` may pass the phase state already replayed for this history up to an earlier day.
    """
    if day < coach.profile.start_date:
        return None
    safety = safety or safety_status(history, day, coach.questionnaire, coach.program.pain)
    if safety.stop:
        return None
    phase = phase_on(coach.program, history, day, coach.profile.start_date, resume=phase)
    end = program_end(coach.program, phase)
    if end is not None and day >= end:
        return None
    layout = week_layout(phase.phase, coach)
    template_id = layout.get(day.weekday())
    if template_id is None:
        return None
    template = phase.phase.session(template_id)
    if safety.refer:
        return relative_rest(template, day, coach, phase, safety)
    return prescribe_template(template, day, coach, history, phase, safety)
