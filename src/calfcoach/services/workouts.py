"""The planned cardio as FIT workout files for a watch: one day's, or a week's (one file per session)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from calfcoach.activities.fit_workout import workout_fit
from calfcoach.coach.plan import build_plan
from calfcoach.coach.workout import workout_of
from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.domain.log import History
from calfcoach.domain.profile import Profile
from calfcoach.domain.workout import Workout
from calfcoach.i18n import N_
from calfcoach.services.coaching import coach_for
from calfcoach.services.history import load_local
from calfcoach.store.exchange import write_bytes_atomically
from calfcoach.store.store import Store

# How far ahead a workout may be asked for: later doses are projections that grow less certain (the plan
# page shows four weeks), and each day ahead costs a replay of the engine.
MAX_DAYS_AHEAD = 56
MEDIA_TYPE = "application/vnd.ant.fit"


@dataclass(frozen=True)
class WorkoutFile:
    name: str
    workout: Workout
    content: bytes


def workouts_between(
    profile: Profile, history: History, first: dt.date, days: int, *, today: dt.date
) -> list[Workout]:
    """The workouts of the sessions planned from `first` for `days` days, as the plan page shows them:
    the days after today assume the days before them are done as prescribed."""
    if first < today - dt.timedelta(days=1):
        raise InputError(
            N_("{day} is in the past"),
            where="day",
            hint=N_("ask for today or a day ahead; what was done is in the history"),
            day=first,
        )
    if first > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise InputError(
            N_("{day} is more than {weeks} weeks ahead"),
            where="day",
            hint=N_("ask for a day up to {last}"),
            day=first,
            weeks=MAX_DAYS_AHEAD // 7,
            last=today + dt.timedelta(days=MAX_DAYS_AHEAD),
        )
    coach = coach_for(profile)
    start = min(first, today)
    last = first + dt.timedelta(days=days - 1)
    plan = build_plan(coach, history, start, weeks=(last - start).days // 7 + 1)
    found = (workout_of(s, coach.catalog) for s in plan.sessions if first <= s.day <= last)
    return [w for w in found if w is not None]


def workout_on(profile: Profile, history: History, day: dt.date, *, today: dt.date) -> Workout:
    """The day's workout; NotFoundError, saying why, on a day without cardio."""
    found = workouts_between(profile, history, day, 1, today=today)
    if not found:
        raise NotFoundError(
            N_(
                "no walk, run or stair session is planned on {day}: nothing to put on a watch "
                "(a rest day, a strength day, or training is stopped; see Today)"
            ),
            day=day,
        )
    return found[0]


def fit_file(workout: Workout, *, now: dt.datetime) -> WorkoutFile:
    slug = re.sub(r"[^a-z0-9]+", "-", workout.name.lower()).strip("-") or "workout"
    name = f"calfcoach-{workout.day.isoformat()}-{slug}.fit"
    return WorkoutFile(name=name, workout=workout, content=workout_fit(workout, created=now))


def week_zip(files: list[WorkoutFile]) -> bytes:
    """One .fit per session in a zip: a Garmin watch loads one workout per file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.writestr(file.name, file.content)
    return buffer.getvalue()


def week_files(
    profile: Profile, history: History, first: dt.date, *, today: dt.date, now: dt.datetime
) -> list[WorkoutFile]:
    """The workouts of the seven days from `first`; NotFoundError when none of them has cardio."""
    workouts = workouts_between(profile, history, first, 7, today=today)
    if not workouts:
        last = first + dt.timedelta(days=6)
        raise NotFoundError(
            N_("no walk, run or stair session is planned from {first} to {last}: nothing to put on a watch"),
            first=first,
            last=last,
        )
    return [fit_file(w, now=now) for w in workouts]


def write_workout(store: Store, path: Path, day: dt.date, *, today: dt.date, now: dt.datetime) -> WorkoutFile:
    """Write the local athlete's workout of `day` to `path` (atomically)."""
    athlete, history = load_local(store)
    file = fit_file(workout_on(athlete.profile, history, day, today=today), now=now)
    write_bytes_atomically(path, file.content)
    return file


def write_week(store: Store, path: Path, first: dt.date, *, today: dt.date, now: dt.datetime) -> list[Path]:
    """Write the week's workouts from `first`: into one zip when `path` ends in .zip, else one .fit per
    session into the folder `path` (ready to copy to a watch's NewFiles folder). Returns what was written."""
    athlete, history = load_local(store)
    files = week_files(athlete.profile, history, first, today=today, now=now)
    if path.suffix.lower() == ".zip":
        write_bytes_atomically(path, week_zip(files))
        return [path]
    written = []
    for file in files:
        write_bytes_atomically(path / file.name, file.content)
        written.append(path / file.name)
    return written
