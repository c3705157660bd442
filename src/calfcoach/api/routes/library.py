"""The exercise library and the programs (public reference data: no sign-in needed)."""

from __future__ import annotations

from fastapi import APIRouter

from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.exercise import Exercise
from calfcoach.domain.program import Program
from calfcoach.i18n import N_
from calfcoach.library.catalog import load_catalog
from calfcoach.library.programs import get_program, load_programs
from calfcoach.services.views import ProgramSummary

router = APIRouter(tags=["library"])


@router.get("/exercises")
def exercises() -> list[Exercise]:
    """Return every exercise of the library."""
    return list(load_catalog())


@router.get("/exercises/{exercise_id}")
def exercise(exercise_id: str) -> Exercise:
    """Return one exercise with its steps, cues, dose and sources."""
    catalog = load_catalog()
    if exercise_id not in catalog:
        raise NotFoundError(N_("no exercise {id} in the library"), id=repr(exercise_id))
    return catalog.get(exercise_id)


@router.get("/programs")
def programs() -> list[ProgramSummary]:
    """Return the programs (id, name, summary)."""
    return [
        ProgramSummary(id=p.id, name=p.name, kind=p.kind.value, summary=p.summary)
        for p in load_programs().values()
    ]


@router.get("/programs/{program_id}")
def program(program_id: str) -> Program:
    """Return one program in full."""
    if program_id not in load_programs():
        raise NotFoundError(N_("no program {id}"), id=repr(program_id))
    return get_program(program_id)
