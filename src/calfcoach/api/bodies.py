"""Request types shared by several routes, with schemas that say what the services will accept."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import Query, Request
from pydantic import AfterValidator, Field, StrictBool, WithJsonSchema

from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_, SUPPORTED, is_supported
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


def _supported_language(value: str | None) -> str | None:
    if value is not None and not is_supported(value):
        raise ValueError(f"{value!r} is not a language CalfCoach speaks: use one of {', '.join(SUPPORTED)}")
    return value


# Strict: exactly one of the supported codes ("de", never "de-AT" or "German"), or null for none chosen.
Language = Annotated[
    str | None,
    Field(json_schema_extra={"enum": [*SUPPORTED, None]}),
    AfterValidator(_supported_language),
]

Day = Annotated[
    dt.date | None,
    Query(description="the day (default: today), 2000-01-01 to 2100-12-31"),
    AfterValidator(check_asked_day),
]


async def no_nul_characters(request: Request) -> None:
    """Refuse a JSON body with a NUL character (\\u0000) in any text: PostgreSQL cannot store one.

    The body is searched as bytes first (no second parse for the usual body without one).
    """
    if not request.headers.get("content-type", "").startswith("application/json"):
        return
    body = await request.body()
    if b"\\u0000" not in body:
        return
    try:
        place = _nul_place(json.loads(body), "")
    except (ValueError, RecursionError):
        return  # not JSON, or nested too deeply to walk: FastAPI answers that itself
    if place is not None:
        raise InputError(
            N_("the text contains a NUL character (\\u0000)"),
            where=place or None,
            hint="remove it and send again",
        )


def _nul_place(value: Any, place: str) -> str | None:
    """Where in a JSON value a text (or a key) holds a NUL character, or None."""
    if isinstance(value, str):
        return place if "\x00" in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        inner = f"{place}[{key}]" if isinstance(key, int) else (f"{place}.{key}" if place else str(key))
        if isinstance(key, str) and "\x00" in key:
            return inner
        found = _nul_place(item, inner)
        if found is not None:
            return found
    return None
