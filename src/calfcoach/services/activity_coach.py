"""Feed an imported activity to the coach: which library exercise it was, and which planned item it did.

A recording becomes one PerformedSession. When the plan of that day (in the person's time zone) has a cardio
item of a compatible kind, the session counts that item as done: same exercise id and block, the plan's phase
and template, so the item's progression reads the pace actually walked (grade-adjusted, Minetti 2002, see
calfcoach.activities.summary.to_cardio_log) and the grade actually climbed. Otherwise it is an extra session
whose cardio log has block None (it then matches any block of that exercise).

A recording that counts for a planned item is also scored against it (activities/intervals.py finds its
run, walk and stop intervals; coach/compliance.py lines them up with the item's watch steps): the log then
carries the verdict and its reason, its running time is the time run inside the run steps (so a stage
moves on only when the runs were run), and its pace is the one held in the main part of the walk (the
grade-adjusted share kept), not the average with a warm-up or a stroll to the start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from calfcoach.activities.classify import HIKE_CLIMB_M_PER_KM, Sport
from calfcoach.activities.intervals import detect, lap_starts_s
from calfcoach.activities.model import Activity as Recording
from calfcoach.activities.summary import ActivitySummary, to_cardio_log
from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.compliance import flat_steps, score
from calfcoach.coach.phases import phase_on
from calfcoach.coach.workout import workout_of
from calfcoach.domain.compliance import Score
from calfcoach.domain.log import CardioLog, History, PerformedSession
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.domain.profile import Profile
from calfcoach.i18n import translate
from calfcoach.library.catalog import load_catalog
from calfcoach.library.programs import get_program
from calfcoach.library.translations import catalog_in
from calfcoach.services.coaching import session_for

# Kinds of cardio work: an activity counts for a planned item of the same kind.
WALK, UPHILL_WALK, RUN, UPHILL_RUN, STAIRS = "walk", "uphill-walk", "run", "uphill-run", "stairs"
KIND_OF_EXERCISE = {
    "brisk-walk": WALK,
    "treadmill-walk": WALK,
    "ankle-weight-walk": WALK,
    "uphill-walk": UPHILL_WALK,
    "steady-jog": RUN,
    "treadmill-run": RUN,
    "run-walk-intervals": RUN,
    "uphill-jog": UPHILL_RUN,
    "stair-climb": STAIRS,
    "stair-climber": STAIRS,
}
# A hill walk or hill run does not count for a level item: on steep ground the grade-adjusted speed (the
# level speed of the same effort) runs far past any walking pace, and would set the next level walk to it.
# Gentler hills stay walks and runs (under 50 m of climb per km), credited at their grade-adjusted pace.
SATISFIES = {
    WALK: {WALK},
    UPHILL_WALK: {UPHILL_WALK},
    RUN: {RUN},
    UPHILL_RUN: {UPHILL_RUN},
    STAIRS: {STAIRS},
}
# A walk with at least this much running in it (a run/walk session recorded as one) counts for a run plan.
RUN_WALK_MIN_RUNNING_S = 60.0
SESSION_ID_PREFIX = "activity-"


def exercise_for(summary: ActivitySummary) -> str | None:
    """Name the library exercise an activity was, or None when it is not calf work the coach follows."""
    climbing = summary.distance_m > 0 and (
        summary.elevation_gain_m / (summary.distance_m / 1000.0) >= HIKE_CLIMB_M_PER_KM
    )
    if summary.sport is Sport.STAIRS:
        return "stair-climb"
    if summary.sport is Sport.HIKE:
        return "uphill-walk"
    if summary.sport is Sport.WALK:
        if summary.is_treadmill:
            return "treadmill-walk"
        return "uphill-walk" if climbing else "brisk-walk"
    if summary.sport in (Sport.JOG, Sport.RUN):
        if summary.is_treadmill:
            return "treadmill-run"
        return "uphill-jog" if climbing else "steady-jog"
    return None


def session_id(activity_id: str) -> str:
    """The id of the session logged from an activity: the same activity always gives the same session."""
    return SESSION_ID_PREFIX + activity_id


def local_day(instant: dt.datetime, tz: dt.tzinfo | None) -> dt.date:
    """The calendar day of an instant where the person lives (the machine's zone when tz is None)."""
    return instant.astimezone(tz).date()


def _kinds_done(exercise_id: str, summary: ActivitySummary) -> set[str]:
    kinds = set(SATISFIES[KIND_OF_EXERCISE[exercise_id]])
    if WALK in kinds and summary.running_s >= RUN_WALK_MIN_RUNNING_S:
        kinds.add(RUN)
    return kinds


def _planned_item(
    exercise_id: str, summary: ActivitySummary, items: tuple[PlannedItem, ...], done_blocks: set[str]
) -> PlannedItem | None:
    """The compatible cardio item not yet done that day; the longest one (the main bout, not a warm-up)."""
    kinds = _kinds_done(exercise_id, summary)
    candidates = [
        item
        for item in items
        if KIND_OF_EXERCISE.get(item.exercise_id) in kinds
        and item.dose.is_cardio
        and item.block not in done_blocks
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda item: item.dose.duration_s or 0)


def session_from_activity(
    summary: ActivitySummary,
    activity_id: str,
    profile: Profile,
    history: History,
    tz: dt.tzinfo | None,
) -> PerformedSession | None:
    """Log an activity as done: the planned cardio item of that day if one fits, else an extra session.

    Returns None for an activity the coach does not follow (cycling, swimming, ...) or one dated before the
    program's start. Raises InputError when the recording cannot be a log (no duration, longer than a day).
    """
    return logged_activity(summary, activity_id, profile, history, tz)[0]


def score_against(
    item: PlannedItem, planned: PlannedSession, recording: Recording, catalog: ExerciseSource
) -> Score | None:
    """The recording scored against the watch steps of one planned cardio item; None when the item is
    not a workout (a warm-up walk), the recording has no intervals (no times, too short), or a run/walk's
    gaits cannot be told apart (activities/intervals.py Detection.gait_known), and for stair work."""
    if KIND_OF_EXERCISE.get(item.exercise_id) == STAIRS:
        return None  # stair work is climbed, not walked at a pace: no run or walk intervals to score
    workout = workout_of(planned.model_copy(update={"items": (item,)}), catalog)
    if workout is None:
        return None
    found = detect(recording.track, lap_starts_s(recording))
    steps = flat_steps(workout)
    if not found.intervals or (not found.gait_known and any(step.running for step in steps)):
        # Run and walk not told apart (a steady 6-8 km/h without cadence): no score rather than a wrong
        # one; the log keeps the recording's own running time, as before recordings were scored.
        return None
    return score(steps, found.intervals)


def scored_log(log: CardioLog, found: Score, summary: ActivitySummary) -> CardioLog:
    """The log as the coach should read it once its recording is scored (see the module's docstring)."""
    update: dict[str, object] = {
        "plan_verdict": found.verdict,
        "plan_reason": found.reason[:500],
        "plan_why": found.why,
    }
    if found.run_planned_s > 0:
        update["running_s"] = found.run_done_s
    elif found.main_speed_kmh is not None:
        # The grade-adjusted share of the whole recording carried over to its main part (Minetti 2002).
        ratio = (
            summary.gap_speed_mps / summary.avg_speed_mps
            if summary.gap_speed_mps is not None and summary.avg_speed_mps
            else 1.0
        )
        speed = found.main_speed_kmh * ratio
        if 0 < speed <= 40:
            update["avg_speed_kmh"] = round(speed, 2)
    return log.model_copy(update=update)


def logged_activity(
    summary: ActivitySummary,
    activity_id: str,
    profile: Profile,
    history: History,
    tz: dt.tzinfo | None,
    recording: Recording | None = None,
) -> tuple[PerformedSession | None, Score | None]:
    """session_from_activity, and with the recording, its score against the planned item it counts for
    (None when it counts for no planned item)."""
    exercise_id = exercise_for(summary)
    if exercise_id is None or summary.start_time is None:
        return None, None
    day = local_day(summary.start_time, tz)
    if day < profile.start_date:
        return None, None
    done_blocks = {
        c.block
        for s in history.sessions_between(day, day + dt.timedelta(days=1))
        for c in s.cardio
        if c.block is not None
    }
    planned = session_for(profile, history, day)
    item = _planned_item(exercise_id, summary, planned.items, done_blocks) if planned is not None else None
    name = PurePath(summary.source_file.split("!")[-1]).name
    if planned is not None and item is not None:
        log = to_cardio_log(summary, item.exercise_id).model_copy(update={"block": item.block})
        if KIND_OF_EXERCISE[item.exercise_id] in (RUN, UPHILL_RUN) and log.running_s is None:
            # A run/walk recorded as one walk: its running time still counts toward the weekly cap.
            log = log.model_copy(update={"running_s": summary.running_s})
        found = score_against(item, planned, recording, load_catalog()) if recording is not None else None
        if found is not None:
            log = scored_log(log, found, summary)
        session = _session(
            summary,
            activity_id,
            log,
            day=day,
            program_id=planned.program_id,
            phase_id=planned.phase_id,
            template_id=planned.template_id,
            planned_for=day,
            notes=translate(
                profile.language, "imported from {file}: counts as the planned {exercise}"
            ).format(file=name, exercise=catalog_in(profile.language).get(item.exercise_id).name),
        )
        return session, found
    program = get_program(profile.program_id)
    phase = phase_on(program, history, day, profile.start_date).phase
    extra = _session(
        summary,
        activity_id,
        to_cardio_log(summary, exercise_id),
        day=day,
        program_id=program.id,
        phase_id=phase.id,
        template_id="extra",
        planned_for=None,
        # Written in the person's language when it is stored, as a note they wrote would be.
        notes=translate(
            profile.language, "imported from {file}: {exercise}, not in the plan of that day"
        ).format(file=name, exercise=catalog_in(profile.language).get(exercise_id).name),
    )
    return extra, None


def _session(
    summary: ActivitySummary,
    activity_id: str,
    log: CardioLog,
    *,
    day: dt.date,
    program_id: str,
    phase_id: str,
    template_id: str,
    planned_for: dt.date | None,
    notes: str,
) -> PerformedSession:
    return PerformedSession(
        id=session_id(activity_id),
        day=day,
        started_at=summary.start_time,
        program_id=program_id,
        phase_id=phase_id,
        template_id=template_id,
        planned_for=planned_for,
        cardio=(log.model_copy(update={"activity_id": activity_id}),),
        completed=True,
        notes=notes,
    )
