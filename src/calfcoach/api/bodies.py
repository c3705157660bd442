"""Request types shared by several routes, with schemas that say what the services will accept."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Query
from pydantic import AfterValidator, StrictBool, WithJsonSchema

from calfcoach.library.screening import load_questionnaire
from calfcoach.services.days import check_asked_day


def _screening_schema() -> dict[str, Any]:
    """Every screening question by id, each answered true (yes) or false: the services refuse less."""
    ids = [q.id for q in load_questionnaire().questions]
    return {
        "type": "object",
        "description": "the answer to every screening question (GET /screening), true = yes",
        "properties": {question: {"type": "boolean"} for question in ids},
        "required": ids,
        "additionalProperties": False,
    }


# Strict: an answer is true or false, never 1 or "yes" (which pydantic would otherwise read as true).
ScreeningAnswers = Annotated[dict[str, StrictBool], WithJsonSchema(_screening_schema(), mode="validation")]

Day = Annotated[
    dt.date | None,
    Query(description="the day (default: today), 2000-01-01 to 2100-12-31"),
    AfterValidator(check_asked_day),
]
