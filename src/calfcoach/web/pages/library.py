"""The exercise library: every exercise with its steps, cues, safety notes and sources."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from calfcoach.domain.errors import NotFoundError
from calfcoach.library.catalog import load_catalog
from calfcoach.web.templating import render

router = APIRouter()


@router.get("/exercises")
def exercises(request: Request) -> Response:
    catalog = load_catalog()
    return render(
        request, "exercises.html", exercises=sorted(catalog, key=lambda e: (e.category.value, e.name))
    )


@router.get("/exercises/{exercise_id}")
def exercise(request: Request, exercise_id: str) -> Response:
    catalog = load_catalog()
    if exercise_id not in catalog:
        raise NotFoundError(f"no exercise {exercise_id!r} in the library")
    return render(request, "exercise.html", exercise=catalog.get(exercise_id))
