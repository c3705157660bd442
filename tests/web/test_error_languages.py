"""A service's refusal on a page, in the page's language: sign-in, a used reset link, the safety stop; the
API's error says it in the request's language too (`said`), its `message` staying English."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, SCREENING_NO, Person, other_client, profile_json
from tests.web.test_forms import _message

GERMAN = {"accept-language": "de-DE,de;q=0.9,en;q=0.5"}
TODAY = "2026-01-07"  # the fixed clock's day


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the form has no CSRF field"
    return found.group(1)


def _german_athlete(client: TestClient, email: str) -> Person:
    created = client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    assert created.status_code == 201, created.text
    csrf = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}).json()["csrf_token"]
    made = client.post(
        "/api/v1/me/athlete",
        json={"profile": profile_json("Greta") | {"language": "de"}, "screening": SCREENING_NO},
        headers={"x-csrf-token": csrf},
    )
    assert made.status_code == 201, made.text
    return Person(client, email, created.json()["id"], made.json()["athlete_id"], csrf)


def test_a_wrong_password_is_said_in_german_on_a_german_sign_in_page(client: TestClient, ada: Person) -> None:
    visitor = other_client(client)
    page = visitor.get("/login", headers=GERMAN).text
    answer = visitor.post(
        "/login",
        data={"email": ada.email, "password": "not the password", "csrf_token": _csrf(page)},
        headers=GERMAN,
    )
    assert answer.status_code == 401
    assert "alsche E-Mail-Adresse oder falsches Passwort" in answer.text
    assert "wrong e-mail address" not in answer.text


def test_a_used_or_unknown_reset_link_is_said_in_german(client: TestClient) -> None:
    visitor = other_client(client)
    page = visitor.get("/login", headers=GERMAN).text  # any form gives the CSRF token
    answer = visitor.post(
        "/password/reset",
        data={"token": "no-such-token", "password": "a brand new password", "csrf_token": _csrf(page)},
        headers=GERMAN,
    )
    assert answer.status_code == 422
    assert "Dieser Link ist abgelaufen oder wurde schon verwendet." in answer.text
    assert "expired or was already used" not in answer.text


def test_a_short_password_is_said_in_german_on_the_german_register_page(client: TestClient) -> None:
    visitor = other_client(client)
    page = visitor.get("/register", headers=GERMAN).text
    answer = visitor.post(
        "/register",
        data={"email": "kurt@example.org", "password": "short", "role": "athlete", "csrf_token": _csrf(page)},
        headers=GERMAN,
    )
    assert answer.status_code == 422
    assert "as Passwort hat 5 Zeichen, weniger als 10" in answer.text
    assert "fewer than" not in answer.text


def test_a_session_logged_while_stopped_names_the_open_flag_in_german(client: TestClient) -> None:
    greta = _german_athlete(client, "greta@example.org")
    page = greta.client.get("/log").text
    checked = greta.client.post(
        "/log/checkin",
        data={
            "day": TODAY,
            "morning_pain": 1,
            "stiffness": 0,
            "symptoms": ["calf-swelling"],
            "csrf_token": _csrf(page),
        },
    )
    assert checked.status_code == 200, checked.text
    page = greta.client.get("/log").text
    form = {"day": TODAY, "exercise_id": "calf-raise-step", "sets": 3, "reps": 12, "csrf_token": _csrf(page)}
    answer = greta.client.post("/log/session", data=form, headers={"hx-request": "true"})
    assert answer.status_code == 422
    text = " ".join(answer.text.split())
    assert "as Training ist gestoppt, bis eine Ärztin oder ein Arzt Sie gesehen hat" in text
    assert "calf-swelling (bei der Morgenabfrage vom 07.01.2026)" in text
    assert "Lassen Sie sich noch heute ärztlich untersuchen" in text
    assert "Ich wurde untersucht und freigegeben" in text
    assert "training is stopped" not in text.lower()
    assert "see a doctor" not in text


def test_the_api_says_its_error_in_the_requests_language_and_keeps_its_message_english(
    client: TestClient, ada: Person
) -> None:
    wrong = {"email": ada.email, "password": "not the password"}
    german = other_client(client).post("/api/v1/auth/login", json=wrong, headers=GERMAN).json()["error"]
    assert german["message"] == "wrong e-mail address or password"
    assert german["said"] == "falsche E-Mail-Adresse oder falsches Passwort"
    english = other_client(client).post("/api/v1/auth/login", json=wrong).json()["error"]
    assert english["said"] == english["message"]


def test_the_log_forms_own_load_and_speed_checks_are_said_in_german(client: TestClient) -> None:
    greta = _german_athlete(client, "greta@example.org")
    page = greta.client.get("/log").text
    base = {"day": TODAY, "csrf_token": _csrf(page)}
    walk = {**base, "exercise_id": "brisk-walk", "sets": "0", "minutes": "20"}
    refused = greta.client.post("/log/session", data={**walk, "speed": "schnell"})
    assert refused.status_code == 422
    assert (
        _message(refused.text, "s-speed") == "Geben Sie eine Zahl in km/h ein, oder lassen Sie das Feld leer."
    )
    too_fast = greta.client.post("/log/session", data={**walk, "speed": "45,5"})
    assert _message(too_fast.text, "s-speed") == "Geben Sie mehr als 0 und höchstens 40 km/h ein."
    raises = {**base, "exercise_id": "calf-raise-step", "sets": "2", "reps": "12", "load": "700"}
    too_heavy = greta.client.post("/log/session", data=raises)
    assert _message(too_heavy.text, "s-load") == "Geben Sie 300 kg oder weniger ein."


def test_the_apis_own_refusals_are_said_in_the_requests_language(client: TestClient, ada: Person) -> None:
    unknown = ada.client.get("/api/v1/exercises/nope", headers=GERMAN).json()["error"]
    assert unknown["message"] == "no exercise 'nope' in the library"
    assert unknown["said"] == "keine Übung 'nope' in der Bibliothek"
    session = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/sessions/none", headers=GERMAN).json()[
        "error"
    ]
    assert session["said"] == "keine Einheit mit der ID 'none'"
    signed_out = other_client(client).get("/api/v1/me", headers=GERMAN).json()["error"]
    assert signed_out["said"].startswith("melden Sie sich zuerst an")
