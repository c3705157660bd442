"""Weekly running volume and its cap.

The "10 % rule" is a rule of thumb, not a finding: Buist et al. (Br J Sports Med 2008; 532 novices) found
a graded program following it no safer (20.8 % vs 20.3 % injured), while Nielsen et al. (JOSPT 2014;
873 novices) linked weekly increases above 30 % to more distance-related injuries. The app uses it as a
cap, says so, and allows a small absolute step (default 5 min) so that short beginner weeks can grow at all.
"""

from __future__ import annotations

import datetime as dt

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.domain.base import Value
from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.exercise import Dose, Exercise
from calfcoach.domain.log import History, PerformedSession
from calfcoach.domain.messages import Kind, Message, define
from calfcoach.domain.program import Caps
from calfcoach.i18n import N_


class RunningBudget(Value):
    allowed_s: float
    used_s: float
    last_week_s: float

    @property
    def remaining_s(self) -> float:
        return max(0.0, self.allowed_s - self.used_s)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def session_running_s(session: PerformedSession, catalog: ExerciseSource | None = None) -> float:
    """Seconds run in a session; a run logged without its running time counts in full (a typed
    `steady-jog:30min` is 30 minutes of running), when the catalog can tell it is a run."""
    total = 0.0
    for log in session.cardio:
        if log.running_s is not None:
            total += log.running_s
        elif catalog is not None and is_running(catalog, log.exercise_id):
            total += log.duration_s
    return total


def is_running(catalog: ExerciseSource, exercise_id: str) -> bool:
    """Whether an exercise is a run; one no longer in the library counts as not running."""
    try:
        return catalog.get(exercise_id).running
    except NotFoundError:
        return False


def planned_running_s(dose: Dose, exercise: Exercise) -> float:
    """Seconds of running in a dose: the run share of run/walk intervals, all of a run or jog."""
    if dose.run_s is not None and dose.walk_s is not None and dose.duration_s is not None:
        return dose.duration_s * dose.run_s / (dose.run_s + dose.walk_s)
    if exercise.running and dose.duration_s is not None:
        return float(dose.duration_s)
    return 0.0


def allowed_weekly_increase(last_week_s: float, caps: Caps) -> float:
    """The most running this week may hold, given last week's running time."""
    if last_week_s <= 0:
        return float(caps.weekly_running_start_s)
    return max(
        last_week_s * (1 + caps.weekly_running_increase_pct / 100),
        last_week_s + caps.weekly_running_min_step_s,
    )


def running_budget(
    history: History, day: dt.date, caps: Caps, catalog: ExerciseSource | None = None
) -> RunningBudget:
    this_week = week_start(day)
    last_week = this_week - dt.timedelta(days=7)
    used = sum(session_running_s(s, catalog) for s in history.sessions_between(this_week, day))
    before = sum(session_running_s(s, catalog) for s in history.sessions_between(last_week, this_week))
    return RunningBudget(allowed_s=allowed_weekly_increase(before, caps), used_s=used, last_week_s=before)


_SHORTENED = define(
    "running.weekly_cap",
    N_("shortened to {time} to keep this week's running within the weekly cap"),
    time=Kind.DURATION,
)


def cap_running(dose: Dose, exercise: Exercise, remaining_s: float) -> tuple[Dose, Message | None]:
    """Shorten a running dose to fit what is left of this week's running budget."""
    planned = planned_running_s(dose, exercise)
    if planned <= remaining_s or dose.duration_s is None:
        return dose, None
    share = planned / dose.duration_s
    new_duration = int(remaining_s / share // 60 * 60)
    return (
        dose.model_copy(update={"duration_s": max(60, new_duration)}),
        _SHORTENED(time=max(60, new_duration)),
    )


CONTINUOUS_SHARE = 0.95  # a run counts as continuous when running fills 95 % of its time
RECENT_DAYS = 28


def continuous_running_s(log_duration_s: float, running_s: float | None, *, running: bool) -> float:
    """Seconds of one unbroken run in a cardio log: all of it when running filled the time, else 0
    (a run/walk session's bouts are not continuous running, whatever their total)."""
    if not running:
        return 0.0
    if running_s is None:
        return log_duration_s
    return running_s if running_s >= CONTINUOUS_SHARE * log_duration_s else 0.0


def longest_continuous_run_s(history: History, catalog: ExerciseSource, day: dt.date) -> float:
    """The longest continuous run of the last four weeks before `day` (0 if none)."""
    longest = 0.0
    for session in history.sessions_between(day - dt.timedelta(days=RECENT_DAYS), day):
        for log in session.cardio:
            running = is_running(catalog, log.exercise_id)
            longest = max(longest, continuous_running_s(log.duration_s, log.running_s, running=running))
    return longest
