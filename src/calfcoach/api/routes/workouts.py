"""The planned cardio as FIT workout files: one day's, or the week's as a zip of one file per session."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response
from pydantic import AfterValidator

from calfcoach.api.deps import Ctx, VisibleAthlete
from calfcoach.services.access import history_of
from calfcoach.services.days import check_asked_day
from calfcoach.services.workouts import MEDIA_TYPE, fit_file, week_files, week_zip, workout_on

router = APIRouter(prefix="/athletes/{athlete_id}/workouts", tags=["workouts"])

WorkoutDay = Annotated[
    dt.date,
    Path(description="the day, YYYY-MM-DD: today (or yesterday) up to 8 weeks ahead"),
    AfterValidator(check_asked_day),
]


def _binary(media_type: str, what: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {
            "description": what,
            "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
        }
    }


@router.get(
    "/{day}.fit",
    response_class=Response,
    responses=_binary(
        MEDIA_TYPE,
        "the day's walk, run or stairs as a FIT workout file (404 on a day without one: rest, strength only)",
    ),
)
def workout(day: WorkoutDay, athlete: VisibleAthlete, ctx: Ctx) -> Response:
    """Return the day's planned cardio as a FIT workout for a watch (strength work is left out)."""
    found = workout_on(
        athlete.profile, history_of(ctx.store, athlete.id), day, today=ctx.clock_for(athlete).today()
    )
    file = fit_file(found, now=ctx.clock.now())
    return Response(file.content, media_type=MEDIA_TYPE, headers=_attachment(file.name))


@router.get(
    "/week-{day}.zip",
    response_class=Response,
    responses=_binary(
        "application/zip",
        "one FIT workout file per session with cardio in the seven days from `day` (404 when none has)",
    ),
)
def week(day: WorkoutDay, athlete: VisibleAthlete, ctx: Ctx) -> Response:
    """Return the week's planned cardio from `day` as a zip of FIT workouts, one per session."""
    history = history_of(ctx.store, athlete.id)
    files = week_files(
        athlete.profile, history, day, today=ctx.clock_for(athlete).today(), now=ctx.clock.now()
    )
    name = f"calfcoach-workouts-{day.isoformat()}.zip"
    return Response(week_zip(files), media_type="application/zip", headers=_attachment(name))


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
