"""Request-body types shared by several routes, with schemas that say what the services will accept."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from calfcoach.domain.errors import InputError
from calfcoach.domain.profile import Profile
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


def _weekdays_are_days(value: Any) -> Any:
    """Refuse weekdays that are neither day numbers nor day names before the profile reads them.

    Profile's own reading of names puts every item in a set, which fails with a TypeError (a server
    error) on a list or an object. An InputError, unlike a ValueError, keeps its place and its hint.
    """
    days = value.get("weekdays") if isinstance(value, dict) else None
    if days is None:
        return value
    listed = isinstance(days, list | tuple)
    bad = [d for d in days if isinstance(d, bool) or not isinstance(d, int | str)] if listed else [days]
    if bad:
        raise InputError(
            "weekdays must be a list of days, 0 (Monday) to 6 (Sunday) or mon..sun; "
            f"got {json.dumps(bad)[:100]}",
            where="weekdays",
            hint='e.g. [0, 2, 4] or ["mon", "wed", "fri"]',
        )
    return value


ProfileBody = Annotated[Profile, BeforeValidator(_weekdays_are_days)]
