"""Activities: the unit a pain flag belongs to, and the last time a person did one.

Running exercises share one activity (a run outdoors and a run on the treadmill load the calves alike), and
so do walks (brisk, treadmill, ankle weights, uphill) and stair work; each strength exercise is its own.
"""

from __future__ import annotations

import datetime as dt

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.exercise import Category, Equipment, Exercise
from calfcoach.domain.log import CardioLog, History, PerformedSession, SetLog
from calfcoach.domain.messages import Message, define, verbatim
from calfcoach.i18n import N_

_STAIR_EQUIPMENT = frozenset({Equipment.STAIRS, Equipment.STAIR_CLIMBER})
# TRANSLATORS: the activities a pain finding names at the start of a reason ("running: pain 6/10 ...").
_GROUP_LABELS = {
    "running": define("activity.running", N_("running")),
    "walking": define("activity.walking", N_("walking")),
    "stairs": define("activity.stairs", N_("stair work")),
}


def activity_of(exercise: Exercise) -> str:
    """The activity an exercise belongs to: 'running', 'walking', 'stairs', or its own id."""
    if exercise.running:
        return "running"
    if exercise.category is Category.CARDIO:
        return "stairs" if set(exercise.equipment) & _STAIR_EQUIPMENT else "walking"
    return exercise.id


def activity_label(exercise: Exercise) -> Message:
    """The activity in words, for reasons: 'running', 'walking', or the exercise's name."""
    group = _GROUP_LABELS.get(activity_of(exercise))
    return group() if group is not None else verbatim(exercise.name)


def is_stretch(catalog: ExerciseSource, exercise_id: str) -> bool:
    """Stretches do not carry pain: they are never what a session's pain is laid on unless named."""
    try:
        return catalog.get(exercise_id).category in (Category.STRETCH, Category.TEST)
    except NotFoundError:
        return False


def members(history: History, catalog: ExerciseSource, exercise: Exercise) -> tuple[str, ...]:
    """The ids of the exercises in the history that belong to the same activity as `exercise`."""
    group = activity_of(exercise)
    if group == exercise.id:
        return (exercise.id,)
    found = [exercise.id]
    for exercise_id in history.logged_exercise_ids:
        if exercise_id == exercise.id:
            continue
        try:
            other = catalog.get(exercise_id)
        except NotFoundError:
            continue
        if activity_of(other) == group:
            found.append(exercise_id)
    return tuple(found)


def _in_block(session: PerformedSession, ids: tuple[str, ...], block: str | None) -> bool:
    logs: list[SetLog | CardioLog] = [*session.sets, *session.cardio]
    return any(log.exercise_id in ids and (block is None or log.block in (None, block)) for log in logs)


def last_session_of(
    history: History, ids: tuple[str, ...], day: dt.date, block: str | None = None
) -> PerformedSession | None:
    """The latest session before `day` that included any of the exercises `ids` (in `block`, when given:
    a five-minute warm-up walk is not the walk that hurt)."""
    latest: PerformedSession | None = None
    for exercise_id in ids:
        for session in reversed(history.sessions_with(exercise_id, day)):
            if latest is not None and session.day <= latest.day:
                break
            if _in_block(session, ids, block):
                latest = session
                break
    return latest
