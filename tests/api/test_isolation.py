"""Nobody sees anyone else's data: every athlete route answers 404 for another person's athlete."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import SCREENING_NO, Person, other_client, profile_json, sign_up

BODIES: dict[str, object] = {
    "/api/v1/athletes/{athlete_id}": profile_json(),
    "/api/v1/athletes/{athlete_id}/sessions": {
        "id": "s2",
        "day": "2026-01-07",
        "program_id": "calf-foundations-to-running",
        "phase_id": "foundations",
        "template_id": "t",
        "sets": [{"exercise_id": "calf-raise-step", "set_index": 0, "reps": 10}],
    },
    "/api/v1/athletes/{athlete_id}/checkins": {"day": "2026-01-07", "morning_pain": 1},
    "/api/v1/athletes/{athlete_id}/tests": {
        "day": "2026-01-07",
        "kind": "heel_raise",
        "left": 20,
        "right": 21,
    },
    "/api/v1/athletes/{athlete_id}/clearances": {"day": "2026-01-07", "by": "GP"},
    "/api/v1/athletes/{athlete_id}/screenings": {"screening": SCREENING_NO},
}


UPLOAD = {"file": ("walk.gpx", b"<gpx></gpx>", "application/gpx+xml")}


def _athlete_routes(client: TestClient) -> list[tuple[str, str]]:
    schema = client.get("/openapi.json").json()
    return [
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/athletes/{athlete_id}")
        for method in operations
    ]


def test_the_schema_lists_the_athlete_routes(client: TestClient) -> None:
    routes = _athlete_routes(client)
    assert len(routes) >= 14
    assert ("PUT", "/api/v1/athletes/{athlete_id}/sessions/{session_id}") in routes


def test_every_athlete_route_answers_404_for_another_persons_athlete(ada: Person, bob: Person) -> None:
    session = {**BODIES["/api/v1/athletes/{athlete_id}/sessions"], "id": "s1"}  # type: ignore[dict-item]
    BODIES["/api/v1/athletes/{athlete_id}/sessions/{session_id}"] = session
    ada.client.put(f"/api/v1/athletes/{ada.athlete_id}/sessions/s1", json=session, headers=ada.headers)
    for method, path in _athlete_routes(ada.client):
        url = path.format(athlete_id=ada.athlete_id, session_id="s1", activity_id="none", day="2026-01-07")
        body = BODIES.get(path) if method in ("POST", "PUT") else None
        files = UPLOAD if path.endswith("/activities") and method == "POST" else None
        answer = bob.client.request(method, url, json=body, files=files, headers=bob.headers)
        assert answer.status_code == 404, (method, path, answer.text)
        assert answer.json()["error"]["code"] == "not_found"
        if "{activity_id}" in path:
            continue  # ada has no activity "none" either; the upload test reads a real one
        own = ada.client.request(method, url, json=body, files=files, headers=ada.headers)
        assert own.status_code < 400, (method, path, own.text)


@pytest.mark.parametrize(("athlete_id", "status"), [(999_999, 404), (0, 422), (2**63, 422)])
def test_an_athlete_that_does_not_exist_is_404_and_an_impossible_id_422(
    ada: Person, athlete_id: int, status: int
) -> None:
    assert ada.client.get(f"/api/v1/athletes/{athlete_id}/today").status_code == status


def test_a_coach_sees_only_clients_who_accepted_an_invitation(
    client: TestClient, ada: Person, bob: Person
) -> None:
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    assert coach.client.get(f"/api/v1/athletes/{ada.athlete_id}/sessions").status_code == 404
    code = coach.client.post("/api/v1/coach/invitations", headers=coach.headers).json()["code"]
    assert (
        ada.client.post("/api/v1/invitations/accept", json={"code": code}, headers=ada.headers).status_code
        == 200
    )
    assert coach.client.get(f"/api/v1/athletes/{ada.athlete_id}/sessions").status_code == 200
    assert coach.client.get(f"/api/v1/athletes/{bob.athlete_id}/sessions").status_code == 404
    assigned = coach.client.put(
        f"/api/v1/coach/clients/{bob.athlete_id}/program",
        json={"program_id": "heavy-slow-resistance"},
        headers=coach.headers,
    )
    assert assigned.status_code == 404


def test_an_athlete_cannot_see_their_coachs_other_clients(
    client: TestClient, ada: Person, bob: Person
) -> None:
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    for person in (ada, bob):
        code = coach.client.post("/api/v1/coach/invitations", headers=coach.headers).json()["code"]
        person.client.post("/api/v1/invitations/accept", json={"code": code}, headers=person.headers)
    assert ada.client.get(f"/api/v1/athletes/{bob.athlete_id}").status_code == 404
    assert ada.client.get("/api/v1/coach/clients").status_code == 403
