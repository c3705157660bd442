"""POST /coach/invitations with an address: the link goes out by e-mail (a real SMTP server here)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from calfcoach.services import coaching_clients
from tests.api.conftest import Person, other_client, sign_up
from tests.services.mailbox import Mailbox, text_of


@pytest.fixture
def coach(client: TestClient) -> Person:
    return sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)


def test_an_invitation_with_an_address_is_e_mailed_and_one_without_is_not(
    coach: Person, mailbox: Mailbox
) -> None:
    sent = coach.client.post(
        "/api/v1/coach/invitations", json={"email": "Client@Example.org"}, headers=coach.headers
    )
    assert sent.status_code == 201, sent.text
    made = sent.json()
    assert made["email"] == "client@example.org"
    assert made["sent"] is True
    assert made["not_sent"] is None
    assert made["url"] in text_of(mailbox.messages[-1])
    plain = coach.client.post("/api/v1/coach/invitations", headers=coach.headers)
    assert plain.status_code == 201
    assert plain.json()["email"] is None
    assert plain.json()["sent"] is False
    assert len(mailbox.messages) == 1


def test_without_smtp_the_answer_says_why_nothing_was_sent(
    coach: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CALFCOACH_SMTP_HOST", raising=False)
    made = coach.client.post(
        "/api/v1/coach/invitations", json={"email": "client@example.org"}, headers=coach.headers
    ).json()
    assert made["sent"] is False
    assert "sends no e-mail" in made["not_sent"]
    assert made["url"].startswith("http://testserver/join?code=")


def test_past_the_hourly_limit_the_answer_is_429_and_a_bad_address_422(
    coach: Person, ada: Person, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coaching_clients, "INVITATION_MAILS_PER_HOUR", 1)
    url = "/api/v1/coach/invitations"
    assert coach.client.post(url, json={"email": "a@example.org"}, headers=coach.headers).status_code == 201
    limited = coach.client.post(url, json={"email": "b@example.org"}, headers=coach.headers)
    assert limited.status_code == 429
    assert limited.json()["error"]["where"] == "email"
    bad = coach.client.post(url, json={"email": "nobody"}, headers=coach.headers)
    assert bad.status_code == 422
    athlete = ada.client.post(url, json={"email": "c@example.org"}, headers=ada.headers)
    assert athlete.status_code == 403
    assert len(mailbox.messages) == 1
