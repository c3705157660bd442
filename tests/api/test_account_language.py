"""An account's own language over the API: shown with the account, set strictly, given at registration."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, Person, other_client, sign_up


@pytest.fixture
def coach(client: TestClient) -> Person:
    return sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)


def test_the_account_shows_its_language_null_until_one_is_chosen(coach: Person) -> None:
    me = coach.client.get("/api/v1/me").json()
    assert me["user"]["language"] is None
    assert me["athlete_id"] is None


def test_a_coach_sets_their_language_and_the_account_shows_it(coach: Person) -> None:
    answer = coach.client.put("/api/v1/me/language", json={"language": "de"}, headers=coach.headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["user"]["language"] == "de"
    assert coach.client.get("/api/v1/me").json()["user"]["language"] == "de"
    cleared = coach.client.put("/api/v1/me/language", json={"language": None}, headers=coach.headers)
    assert cleared.json()["user"]["language"] is None


@pytest.mark.parametrize("language", ["xx", "de-AT", "German", "", 7])
def test_a_language_it_does_not_speak_is_a_422_naming_the_field(coach: Person, language: object) -> None:
    answer = coach.client.put("/api/v1/me/language", json={"language": language}, headers=coach.headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["where"].startswith("language")
    assert coach.client.get("/api/v1/me").json()["user"]["language"] is None


def test_an_athletes_choice_is_their_profiles_too(ada: Person) -> None:
    answer = ada.client.put("/api/v1/me/language", json={"language": "de"}, headers=ada.headers)
    assert answer.json()["athlete_id"] == ada.athlete_id
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]
    assert profile["language"] == "de"


def test_registering_with_a_language_keeps_it_and_without_one_keeps_none(client: TestClient) -> None:
    made = client.post(
        "/api/v1/auth/register",
        json={"email": "greta@example.org", "password": PASSWORD, "role": "coach", "language": "de"},
        headers={"accept-language": "en"},
    )
    assert made.status_code == 201, made.text
    assert made.json()["language"] == "de"
    plain = client.post(
        "/api/v1/auth/register",
        json={"email": "noor@example.org", "password": PASSWORD},
        headers={"accept-language": "de"},
    )
    assert plain.json()["language"] is None  # a script's Accept-Language is no choice
    refused = client.post(
        "/api/v1/auth/register", json={"email": "x@example.org", "password": PASSWORD, "language": "xx"}
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["where"] == "language"
