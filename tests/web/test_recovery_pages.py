"""The forgotten-password pages: ask for a link, get it by e-mail (a real SMTP server here), use it once."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, Person
from tests.services.mailbox import Mailbox

NEW = "a brand new password"


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _ask(client: TestClient, email: str) -> str:
    page = client.get("/password/forgot").text
    answer: str = client.post("/password/forgot", data={"email": email, "csrf_token": _csrf(page)}).text
    return answer


def test_a_person_resets_a_forgotten_password_with_the_link_they_get(
    client: TestClient, ada: Person, mailbox: Mailbox
) -> None:
    assert "Forgotten your password?" in client.get("/login").text
    said = _ask(client, ada.email)
    assert "an e-mail with a link is on its way" in said
    body = mailbox.messages[-1].get_payload(decode=True)
    assert isinstance(body, bytes)
    link = re.search(r"(/password/reset\?token=[\w-]+)", body.decode())
    assert link is not None
    form = client.get(link.group(1)).text
    assert "Choose a new password" in form
    token = link.group(1).split("=", 1)[1]
    done = client.post(
        "/password/reset",
        data={"token": token, "password": NEW, "csrf_token": _csrf(form)},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/login?reset=1"
    signed_out = ada.client.get("/today", follow_redirects=False)  # the old session is gone
    assert signed_out.headers["location"].startswith("/login")
    signed = client.post("/api/v1/auth/login", json={"email": ada.email, "password": NEW})
    assert signed.status_code == 200
    again = client.get(link.group(1)).text
    assert "expired or was already used" in again


def test_an_unknown_address_reads_the_same_and_gets_nothing(client: TestClient, mailbox: Mailbox) -> None:
    assert "an e-mail with a link is on its way" in _ask(client, "nobody@example.org")
    assert mailbox.messages == []


def test_a_short_password_is_refused_next_to_the_field_and_the_link_still_works(
    client: TestClient, ada: Person, mailbox: Mailbox
) -> None:
    _ask(client, ada.email)
    body = mailbox.messages[-1].get_payload(decode=True)
    assert isinstance(body, bytes)
    token = re.search(r"token=([\w-]+)", body.decode())
    assert token is not None
    form = client.get(f"/password/reset?token={token.group(1)}").text
    refused = client.post(
        "/password/reset", data={"token": token.group(1), "password": "short", "csrf_token": _csrf(form)}
    )
    assert 'aria-invalid="true"' in refused.text
    assert "Choose a new password" in refused.text
    assert (
        client.post("/api/v1/auth/login", json={"email": ada.email, "password": PASSWORD}).status_code == 200
    )


def test_a_server_without_mail_says_whom_to_ask(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALFCOACH_SMTP_HOST", raising=False)
    page = client.get("/password/forgot").text
    assert "This server cannot send e-mail" in page
    assert "calfcoach admin reset-password" in page
