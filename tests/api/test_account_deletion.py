"""A person downloads their data, then deletes their account over the API; their coach sees them gone."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, Person, other_client, sign_up


def _coached(client: TestClient, athlete: Person) -> Person:
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    code = coach.client.post("/api/v1/coach/invitations", headers=coach.headers).json()["code"]
    accepted = athlete.client.post("/api/v1/invitations/accept", json={"code": code}, headers=athlete.headers)
    assert accepted.status_code == 200, accepted.text
    return coach


def test_the_export_downloads_everything_recorded_for_the_account(ada: Person) -> None:
    logged = ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/checkins",
        json={"day": "2026-01-07", "morning_pain": 1, "stiffness": 2},
        headers=ada.headers,
    )
    assert logged.status_code == 201, logged.text
    answer = ada.client.get("/api/v1/me/export")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="calfcoach-export.json"'
    document = json.loads(answer.content)
    assert (document["format"], document["profile"]["name"]) == ("calfcoach-export", "ada")
    assert [c["morning_pain"] for c in document["checkins"]] == [1]


def test_an_account_without_a_profile_has_no_export(client: TestClient) -> None:
    coach = sign_up(client, "coach@example.org", role="coach", onboard=False)
    assert coach.client.get("/api/v1/me/export").status_code == 404


def test_a_wrong_password_deletes_nothing(ada: Person) -> None:
    refused = ada.client.request(
        "DELETE", "/api/v1/me", json={"password": "not my password"}, headers=ada.headers
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["where"] == "password"
    assert ada.client.get("/api/v1/me").json()["athlete_id"] == ada.athlete_id


def test_deleting_the_account_signs_it_out_and_the_coach_sees_the_client_gone(
    client: TestClient, ada: Person, bob: Person
) -> None:
    coach = _coached(client, ada)
    _coached_bob = coach.client.post("/api/v1/coach/invitations", headers=coach.headers).json()["code"]
    bob.client.post("/api/v1/invitations/accept", json={"code": _coached_bob}, headers=bob.headers)
    clients = coach.client.get("/api/v1/coach/clients").json()
    assert sorted(c["name"] for c in clients) == ["ada", "bob"]
    token = ada.client.post("/api/v1/auth/tokens", json={"name": "script"}, headers=ada.headers).json()[
        "token"
    ]

    kept = client.app.state.context.clients  # type: ignore[attr-defined]
    assert kept._entries.keys() >= {ada.athlete_id, bob.athlete_id}

    deleted = ada.client.request("DELETE", "/api/v1/me", json={"password": PASSWORD}, headers=ada.headers)

    assert deleted.status_code == 204
    assert ada.athlete_id not in kept._entries  # nothing of hers stays in this server's memory
    assert ada.client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"authorization": f"Bearer {token}"}).status_code == 401
    assert [c["name"] for c in coach.client.get("/api/v1/coach/clients").json()] == ["bob"]
    assert coach.client.get(f"/api/v1/athletes/{ada.athlete_id}/sessions").status_code == 404
    signed_in = other_client(client).post(
        "/api/v1/auth/login", json={"email": ada.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 401
    # The address is free again: a new account with it starts from nothing.
    again = sign_up(other_client(client), ada.email)
    assert again.client.get(f"/api/v1/athletes/{again.athlete_id}/sessions").json() == []
