"""Accounts over the API: register, sign in and out, CSRF on cookie requests, API tokens, one error shape."""

from __future__ import annotations

from fastapi.testclient import TestClient

from calfcoach.services.accounts import NOT_REGISTERED, PER_CLIENT_ON_ACCOUNT, reset_password
from calfcoach.services.clock import FixedClock
from calfcoach.store import Store, open_store
from calfcoach.web.app import create_app
from tests.api.conftest import NOW, PASSWORD, Person, other_client, sign_up


def test_the_first_account_is_an_admin_and_setup_closes_after_it(client: TestClient) -> None:
    csrf = client.get("/api/v1/exercises").cookies.get("calfcoach_csrf") or client.cookies["calfcoach_csrf"]
    first = client.post(
        "/api/v1/auth/setup",
        json={"email": "root@example.org", "password": PASSWORD},
        headers={"x-csrf-token": csrf},
    )
    assert first.status_code == 201
    assert first.json()["role"] == "admin"
    again = client.post(
        "/api/v1/auth/setup",
        json={"email": "x@example.org", "password": PASSWORD},
        headers={"x-csrf-token": csrf},
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_set_up"


def test_a_wrong_password_is_refused_with_the_common_error_shape(client: TestClient, ada: Person) -> None:
    answer = other_client(client).post(
        "/api/v1/auth/login", json={"email": ada.email, "password": "wrong password!"}
    )
    assert answer.status_code == 401
    assert answer.json() == {
        "error": {
            "code": "unauthorized",
            "message": "wrong e-mail address or password",
            "where": None,
            "hint": None,
            "said": "wrong e-mail address or password",
        }
    }


def test_wrong_passwords_sent_to_one_worker_make_another_worker_answer_429(
    client: TestClient, ada: Person, database_url: str
) -> None:
    """Two apps on two stores of one database stand for two uvicorn workers."""
    worker = open_store(database_url)
    try:
        with TestClient(create_app(worker, clock=FixedClock(at=NOW))) as second:
            for _ in range(PER_CLIENT_ON_ACCOUNT.free):
                wrong = second.post(
                    "/api/v1/auth/login", json={"email": ada.email, "password": "wrong password!"}
                )
                assert wrong.status_code == 401
        answer = other_client(client).post(
            "/api/v1/auth/login", json={"email": ada.email, "password": PASSWORD}
        )
    finally:
        worker.close()
    assert answer.status_code == 429
    assert answer.json()["error"]["code"] == "too_many_attempts"
    assert "try again in 1 second" in answer.json()["error"]["message"]
    assert answer.headers["retry-after"] == "1"


def test_an_unknown_address_is_refused_like_a_wrong_password(client: TestClient) -> None:
    answer = client.post("/api/v1/auth/login", json={"email": "nobody@example.org", "password": PASSWORD})
    assert answer.status_code == 401
    assert answer.json()["error"]["message"] == "wrong e-mail address or password"


def test_a_short_password_is_refused_saying_the_rule(client: TestClient) -> None:
    answer = client.post("/api/v1/auth/register", json={"email": "c@example.org", "password": "short"})
    assert answer.status_code == 422
    assert answer.json()["error"]["where"] == "password"


def test_nobody_registers_as_admin(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/auth/register", json={"email": "c@example.org", "password": PASSWORD, "role": "admin"}
    )
    assert answer.status_code == 422


def test_registering_a_taken_address_does_not_say_it_is_taken(client: TestClient, ada: Person) -> None:
    stranger = other_client(client)
    answer = stranger.post(
        "/api/v1/auth/register", json={"email": "ADA@example.org", "password": "guessing it"}
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["message"] == NOT_REGISTERED
    assert "exists" not in answer.text
    assert "ada@example.org" not in answer.text.lower()
    # Its owner, who forgot having an account, gets it back as if just registered.
    again = stranger.post("/api/v1/auth/register", json={"email": "ada@example.org", "password": PASSWORD})
    assert again.status_code == 201
    assert again.json()["id"] == ada.user_id


def test_the_accounts_usual_client_signs_in_while_a_stranger_is_told_to_wait(
    client: TestClient, ada: Person
) -> None:
    stranger = TestClient(client.app, client=("203.0.113.9", 40000))
    wrong = {"email": ada.email, "password": "wrong password!"}
    answers = [stranger.post("/api/v1/auth/login", json=wrong).status_code for _ in range(8)]
    assert answers == [401] * PER_CLIENT_ON_ACCOUNT.free + [429] * 3
    # ada signed in from this client (the fixture's "testclient"): her password still works at once.
    right = other_client(client).post("/api/v1/auth/login", json={"email": ada.email, "password": PASSWORD})
    assert right.status_code == 200


def test_the_session_cookie_is_httponly_and_samesite_lax(client: TestClient) -> None:
    client.post("/api/v1/auth/register", json={"email": "c@example.org", "password": PASSWORD})
    answer = client.post("/api/v1/auth/login", json={"email": "c@example.org", "password": PASSWORD})
    cookie = next(
        v for k, v in answer.headers.multi_items() if k == "set-cookie" and "calfcoach_session" in v
    )
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http on 127.0.0.1; https adds it


def test_a_cookie_request_that_changes_something_needs_the_csrf_token(ada: Person) -> None:
    body = {"day": "2026-01-07", "morning_pain": 1}
    refused = ada.client.post(f"/api/v1/athletes/{ada.athlete_id}/checkins", json=body)
    assert refused.status_code == 401
    assert "reload" in refused.json()["error"]["message"]
    accepted = ada.client.post(f"/api/v1/athletes/{ada.athlete_id}/checkins", json=body, headers=ada.headers)
    assert accepted.status_code == 201


def test_a_script_uses_an_api_token_without_cookies_until_it_is_revoked(
    client: TestClient, ada: Person
) -> None:
    made = ada.client.post("/api/v1/auth/tokens", json={"name": "laptop"}, headers=ada.headers)
    assert made.status_code == 201
    token = made.json()["token"]
    script = other_client(client)
    bearer = {"authorization": f"Bearer {token}"}
    assert script.get("/api/v1/me", headers=bearer).json()["athlete_id"] == ada.athlete_id
    logged = script.post(
        f"/api/v1/athletes/{ada.athlete_id}/checkins",
        json={"day": "2026-01-07", "morning_pain": 0},
        headers=bearer,
    )
    assert logged.status_code == 201
    listed = ada.client.get("/api/v1/auth/tokens").json()
    assert [t["name"] for t in listed] == ["laptop"]
    assert "token" not in listed[0]
    assert (
        ada.client.delete(f"/api/v1/auth/tokens/{made.json()['id']}", headers=ada.headers).status_code == 204
    )
    assert script.get("/api/v1/me", headers=bearer).status_code == 401


def test_logging_out_ends_the_session(ada: Person) -> None:
    assert ada.client.post("/api/v1/auth/logout", headers=ada.headers).status_code == 204
    assert ada.client.get("/api/v1/me").status_code == 401


def test_nobody_signed_in_gets_401(client: TestClient) -> None:
    answer = client.get("/api/v1/me")
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"


def test_a_coach_account_has_the_coach_role(client: TestClient) -> None:
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    assert coach.client.get("/api/v1/me").json() == {
        "user": {**coach.client.get("/api/v1/me").json()["user"], "role": "coach"},
        "athlete_id": None,
    }


def test_a_json_body_sent_as_plain_text_is_refused_so_no_other_site_can_post_one(client: TestClient) -> None:
    # A cross-site HTML form can send text/plain without a preflight; the API reads only application/json.
    body = b'{"email": "a@example.org", "password": "correct horse battery"}'
    answer = client.post("/api/v1/auth/register", content=body, headers={"content-type": "text/plain"})
    assert answer.status_code == 422
    assert (
        client.post("/api/v1/auth/login", json={"email": "a@example.org", "password": PASSWORD}).status_code
        == 401
    )


def test_after_a_password_reset_the_api_token_and_session_get_401(
    client: TestClient, ada: Person, store: Store
) -> None:
    made = ada.client.post("/api/v1/auth/tokens", json={"name": "laptop"}, headers=ada.headers)
    bearer = {"authorization": f"Bearer {made.json()['token']}"}
    script = other_client(client)
    assert script.get("/api/v1/me", headers=bearer).status_code == 200
    reset_password(store, ada.email, "a brand new passphrase")
    assert script.get(f"/api/v1/athletes/{ada.athlete_id}/today", headers=bearer).status_code == 401
    assert script.get("/api/v1/me", headers=bearer).status_code == 401
    assert ada.client.get("/api/v1/me").status_code == 401


def test_signing_in_and_out_replaces_the_csrf_token_given_before(client: TestClient) -> None:
    client.post("/api/v1/auth/register", json={"email": "c@example.org", "password": PASSWORD})
    client.get("/api/v1/exercises")
    planted = client.cookies["calfcoach_csrf"]  # known before the sign-in, e.g. to whoever set it
    signed = client.post("/api/v1/auth/login", json={"email": "c@example.org", "password": PASSWORD})
    fresh = signed.json()["csrf_token"]
    assert fresh != planted
    assert client.cookies["calfcoach_csrf"] == fresh
    stale = client.post("/api/v1/auth/tokens", json={"name": "x"}, headers={"x-csrf-token": planted})
    assert stale.status_code == 401
    assert (
        client.post("/api/v1/auth/tokens", json={"name": "x"}, headers={"x-csrf-token": fresh}).status_code
        == 201
    )
    assert client.post("/api/v1/auth/logout", headers={"x-csrf-token": fresh}).status_code == 204
    assert client.cookies["calfcoach_csrf"] not in (planted, fresh)
