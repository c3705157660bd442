"""Request bodies whose schema states what the services accept: the screening names every question, and a
boolean is true or false, never 1 or "yes"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, get_args, get_origin

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel, Strict

from calfcoach.api.router import api_router
from calfcoach.services.athletes import questionnaire
from tests.api.conftest import Person, other_client, sign_up

QUESTIONS = [q.id for q in questionnaire().questions]
WEEKLY = "/api/v1/coach/weekly-summary"


def test_the_screening_schema_requires_every_question_and_no_other(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for body in ("Onboarding", "Rescreening"):
        screening = schemas[body]["properties"]["screening"]
        assert screening["required"] == QUESTIONS
        assert set(screening["properties"]) == set(QUESTIONS)
        assert screening["additionalProperties"] is False


def test_a_screening_without_every_answer_is_still_refused_by_its_rule(ada: Person) -> None:
    partial = {QUESTIONS[0]: False}
    answer = ada.client.post("/api/v1/me/screening", json={"screening": partial}, headers=ada.headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["where"] == "screening"
    assert QUESTIONS[1] in answer.json()["error"]["message"]


def test_a_day_asked_about_beyond_2100_or_before_2000_is_422(ada: Person) -> None:
    base = f"/api/v1/athletes/{ada.athlete_id}"
    for url in (
        f"{base}/plan?start=9999-12-25",
        f"{base}/today?day=9999-12-31",
        f"{base}/safety?day=1999-12-31",
    ):
        answer = ada.client.get(url)
        assert answer.status_code == 422, (url, answer.text)
        assert answer.json()["error"]["where"] in ("start", "day")
        assert "2100-12-31" in answer.json()["error"]["message"]
    assert ada.client.get(f"{base}/plan?start=2100-12-31").status_code == 200


def test_a_screening_answer_that_is_not_true_or_false_is_refused(ada: Person) -> None:
    for answer in (1, "yes", None):
        screening: dict[str, object] = dict.fromkeys(QUESTIONS, False)
        screening[QUESTIONS[0]] = answer
        sent = ada.client.post("/api/v1/me/screening", json={"screening": screening}, headers=ada.headers)
        assert sent.status_code == 422, (answer, sent.text)
        assert sent.json()["error"]["where"] == f"screening.{QUESTIONS[0]}"


def test_a_text_with_a_nul_character_is_422_on_every_database(client: TestClient, ada: Person) -> None:
    """PostgreSQL cannot store one: it was a 500 there, whose message named the database."""
    fresh = client.post("/api/v1/auth/register", json={"email": "a\u0000@example.org", "password": "x" * 12})
    assert fresh.status_code == 422, fresh.text
    assert fresh.json()["error"]["where"] == "email"
    note = {"day": "2026-01-07", "morning_pain": 1, "notes": "ok\u0000"}
    sent = ada.client.post(f"/api/v1/athletes/{ada.athlete_id}/checkins", json=note, headers=ada.headers)
    assert sent.status_code == 422, sent.text
    assert sent.json()["error"]["where"] == "notes"
    assert "NUL" in sent.json()["error"]["message"]


def _lax_booleans(annotation: Any, place: str, seen: set[type]) -> list[str]:
    """Where a boolean inside a request type would take 1 or "yes" for true (it lacks pydantic's Strict)."""
    if annotation is bool:
        return [place]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen or annotation.model_config.get("strict"):
            return []
        seen.add(annotation)
        found = []
        for name, info in annotation.model_fields.items():
            strict = any(isinstance(m, Strict) and m.strict for m in info.metadata)
            if not strict:
                found += _lax_booleans(info.annotation, f"{place}.{name}", seen)
        return found
    if get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        if any(isinstance(m, Strict) and m.strict for m in metadata):
            return []
        return _lax_booleans(base, place, seen)
    return [hit for arg in get_args(annotation) for hit in _lax_booleans(arg, place, seen)]


def _api_routes(routes: Iterable[Any]) -> list[APIRoute]:
    """Every API route, those of included routers too (FastAPI keeps those behind the router it included)."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found += _api_routes(route.original_router.routes)
    return found


def test_no_boolean_in_any_request_takes_a_number_or_a_word() -> None:
    """Regression (issue 13): `PUT /coach/weekly-summary` took `{"enabled": 1}` as true.

    The API's routes only: a page's form sends its checkbox as text, which its own handler reads."""
    routes = _api_routes(api_router().routes)
    assert any(route.path.endswith("/coach/weekly-summary") for route in routes)
    lax: list[str] = []
    for route in routes:
        for param in (*route.dependant.body_params, *route.dependant.query_params):
            lax += _lax_booleans(param.field_info.annotation, f"{route.path} {param.name}", set())
    assert lax == []


def test_the_weekly_summary_switch_takes_only_true_or_false(client: TestClient) -> None:
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    for wrong in (1, 0, "true", "yes"):
        answer = coach.client.put(WEEKLY, json={"enabled": wrong}, headers=coach.headers)
        assert answer.status_code == 422, wrong
        assert answer.json()["error"]["where"] == "enabled"
    assert coach.client.get(WEEKLY).json() == {"enabled": False}
