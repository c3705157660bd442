"""The OpenAPI contract: every answer and every error of every operation has a named schema."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import Person, sign_up

SUCCESS = {"200", "201"}


def _operations(client: TestClient) -> list[tuple[str, str, dict[str, Any]]]:
    paths = client.get("/openapi.json").json()["paths"]
    return [(method.upper(), path, op) for path, ops in paths.items() for method, op in ops.items()]


def _schema_of(answer: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = answer["content"]["application/json"]["schema"]
    return schema


def test_every_answer_has_a_named_schema(client: TestClient) -> None:
    unnamed = []
    for method, path, op in _operations(client):
        for status in SUCCESS & set(op["responses"]):
            content = op["responses"][status]["content"]
            if "application/json" not in content:  # a file (a watch's workout, a zip): bytes, said so
                assert all(c["schema"] == {"type": "string", "format": "binary"} for c in content.values()), (
                    path
                )
                continue
            schema = _schema_of(op["responses"][status])
            named = schema.get("$ref") or schema.get("items", {}).get("$ref")
            if not named:
                unnamed.append(f"{method} {path} {status}: {schema}")
    assert unnamed == []


def test_every_error_is_declared_with_the_error_body(client: TestClient) -> None:
    for method, path, op in _operations(client):
        errors = {status: answer for status, answer in op["responses"].items() if status >= "400"}
        # Nothing to refuse: public lists, and the liveness check, which answers whenever the process runs.
        if path not in ("/api/v1/screening", "/api/v1/exercises", "/api/v1/programs", "/healthz"):
            assert errors, f"{method} {path} declares no error"
        for status, answer in errors.items():
            # "Not ready" is an answer a monitor reads (its reason), not an error of the request.
            body = "Readiness" if (path, status) == ("/readyz", "503") else "ErrorBody"
            assert _schema_of(answer) == {"$ref": f"#/components/schemas/{body}"}, (method, path, status)


def test_routes_declare_the_errors_their_rules_raise(client: TestClient) -> None:
    declared = {(m, p): set(op["responses"]) for m, p, op in _operations(client)}
    assert {"401", "404", "400", "413", "422"} <= declared["PUT", "/api/v1/athletes/{athlete_id}"]
    assert "403" in declared["GET", "/api/v1/coach/clients"]
    assert "409" in declared["POST", "/api/v1/athletes/{athlete_id}/sessions"]
    assert "429" in declared["POST", "/api/v1/auth/login"]
    assert "401" not in declared["GET", "/api/v1/exercises"]  # the library is public


def test_a_second_profile_for_one_account_is_409(ada: Person) -> None:
    answer = ada.client.post(
        "/api/v1/me/athlete",
        json={"profile": {"start_date": "2026-01-05", "weekdays": [0]}, "screening": {}},
        headers=ada.headers,
    )
    assert answer.status_code == 409, answer.text
    assert answer.json()["error"]["code"] == "conflict"


def test_a_session_id_already_used_is_409(ada: Person) -> None:
    session = {
        "id": "s1",
        "day": "2026-01-07",
        "program_id": "calf-foundations-to-running",
        "phase_id": "p",
        "template_id": "t",
        "sets": [{"exercise_id": "calf-raise-step", "set_index": 0, "reps": 10}],
    }
    url = f"/api/v1/athletes/{ada.athlete_id}/sessions"
    assert ada.client.post(url, json=session, headers=ada.headers).status_code == 201
    again = ada.client.post(url, json=session, headers=ada.headers)
    assert again.status_code == 409, again.text
    assert "already stored" in again.json()["error"]["message"]


def test_an_unknown_invitation_is_404_and_a_used_one_409(client: TestClient, ada: Person) -> None:
    unknown = ada.client.post("/api/v1/invitations/accept", json={"code": "nope"}, headers=ada.headers)
    assert unknown.status_code == 404, unknown.text
    coach = sign_up(TestClient(client.app), "coach@example.org", role="coach", onboard=False)
    code = coach.client.post("/api/v1/coach/invitations", headers=coach.headers).json()["code"]
    assert ada.client.post("/api/v1/invitations/accept", json={"code": code}, headers=ada.headers).is_success
    used = ada.client.post("/api/v1/invitations/accept", json={"code": code}, headers=ada.headers)
    assert used.status_code == 409, used.text


def test_a_server_error_does_not_name_the_database() -> None:
    from calfcoach.api.errors import describe
    from calfcoach.store.errors import StoreError

    status, detail = describe(StoreError("postgresql+psycopg://calfcoach@db.internal/calfcoach: refused"))
    assert status == 500
    assert "db.internal" not in detail.message
