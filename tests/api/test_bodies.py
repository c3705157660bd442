"""Request bodies whose schema states what the services accept: the screening names every question."""

from __future__ import annotations

from fastapi.testclient import TestClient

from calfcoach.services.athletes import questionnaire
from tests.api.conftest import Person

QUESTIONS = [q.id for q in questionnaire().questions]


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
