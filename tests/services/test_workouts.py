"""Which workout a day gets, the week's files, and the days that have none."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import fitdecode
import pytest

from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.domain.log import History
from calfcoach.domain.workout import WorkoutStep
from calfcoach.services.coaching import plan_for
from calfcoach.services.workouts import MAX_DAYS_AHEAD, week_files, week_zip, workout_on, workouts_between
from tests.services.helpers import MONDAY, NOW, PROFILE

WEDNESDAY = MONDAY + dt.timedelta(days=2)  # the program's walk day for a Monday-Wednesday-Friday week


def test_the_walk_day_has_the_walk_the_plan_shows() -> None:
    found = workout_on(PROFILE, History(), WEDNESDAY, today=MONDAY)
    planned = next(
        s for s in plan_for(PROFILE, History(), weeks=1, start=MONDAY).sessions if s.day == WEDNESDAY
    )
    walk = next(i for i in planned.items if i.exercise_id == "brisk-walk")
    (step,) = found.steps
    assert isinstance(step, WorkoutStep)
    assert (found.day, step.duration_s, step.speed_kmh) == (
        WEDNESDAY,
        walk.dose.duration_s,
        walk.dose.speed_kmh,
    )


def test_a_later_walk_assumes_the_walks_before_it_are_done_as_the_plan_page_does() -> None:
    later = WEDNESDAY + dt.timedelta(days=14)
    found = workout_on(PROFILE, History(), later, today=MONDAY)
    planned = next(s for s in plan_for(PROFILE, History(), weeks=3, start=MONDAY).sessions if s.day == later)
    step = found.steps[0]
    assert isinstance(step, WorkoutStep)
    assert step.speed_kmh == planned.items[0].dose.speed_kmh
    first = workout_on(PROFILE, History(), WEDNESDAY, today=MONDAY).steps[0]
    assert isinstance(first, WorkoutStep)
    assert step.speed_kmh is not None
    assert first.speed_kmh is not None
    assert step.speed_kmh > first.speed_kmh


@pytest.mark.parametrize(
    ("day", "why"), [(MONDAY, "strength day"), (MONDAY + dt.timedelta(days=1), "rest day")]
)
def test_a_day_without_cardio_says_so(day: dt.date, why: str) -> None:
    with pytest.raises(NotFoundError, match=f"no walk, run or stair session is planned on {day.isoformat()}"):
        workout_on(PROFILE, History(), day, today=MONDAY)


def test_days_in_the_past_or_too_far_ahead_are_refused_with_the_range() -> None:
    with pytest.raises(InputError, match="in the past"):
        workouts_between(PROFILE, History(), MONDAY - dt.timedelta(days=2), 1, today=MONDAY)
    too_far = MONDAY + dt.timedelta(days=MAX_DAYS_AHEAD + 1)
    with pytest.raises(InputError, match="8 weeks ahead"):
        workouts_between(PROFILE, History(), too_far, 1, today=MONDAY)


def test_the_week_is_one_fit_file_per_cardio_session_in_a_zip() -> None:
    files = week_files(PROFILE, History(), MONDAY, today=MONDAY, now=NOW)
    assert [f.name for f in files] == ["calfcoach-2026-03-04-brisk-walk.fit"]
    with zipfile.ZipFile(io.BytesIO(week_zip(files))) as archive:
        assert archive.namelist() == [files[0].name]
        content = archive.read(files[0].name)
    with fitdecode.FitReader(io.BytesIO(content), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        names = [f.name for f in reader if isinstance(f, fitdecode.FitDataMessage)]
    assert names == ["file_id", "workout", "workout_step"]


def test_a_week_without_cardio_says_so() -> None:
    only_mondays = PROFILE.model_copy(update={"weekdays": frozenset({0})})
    with pytest.raises(NotFoundError, match="from 2026-03-02 to 2026-03-08"):
        week_files(only_mondays, History(), MONDAY, today=MONDAY, now=NOW)
