"""Request-body types shared by several routes, with schemas that say what the services will accept."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import WithJsonSchema

from calfcoach.library.screening import load_questionnaire


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


ScreeningAnswers = Annotated[dict[str, bool], WithJsonSchema(_screening_schema(), mode="validation")]
