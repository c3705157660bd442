"""The exercise library and the programs (public reference data: no sign-in needed)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from calfcoach.domain.errors import NotFoundError
from calfcoach.library.catalog import load_catalog
from calfcoach.library.programs import get_program, load_programs

router = APIRouter(tags=["library"])


@router.get("/exercises")
def exercises() -> list[dict[str, Any]]:
    """Return every exercise of the library."""
    return [e.model_dump(mode="json") for e in load_catalog()]


@router.get("/exercises/{exercise_id}")
def exercise(exercise_id: str) -> dict[str, Any]:
    """Return one exercise with its steps, cues, dose and sources."""
    catalog = load_catalog()
    if exercise_id not in catalog:
        raise NotFoundError(f"no exercise {exercise_id!r} in the library")
    return catalog.get(exercise_id).model_dump(mode="json")


@router.get("/programs")
def programs() -> list[dict[str, Any]]:
    """Return the programs (id, name, summary)."""
    return [
        {"id": p.id, "name": p.name, "kind": p.kind.value, "summary": p.summary}
        for p in load_programs().values()
    ]


@router.get("/programs/{program_id}")
def program(program_id: str) -> dict[str, Any]:
    """Return one program in full."""
    if program_id not in load_programs():
        raise NotFoundError(f"no program {program_id!r}")
    return get_program(program_id).model_dump(mode="json")
