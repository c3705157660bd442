"""POST /auth/register on a server that sends e-mail: 202 and the same body for a new or a taken address."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, Person
from tests.services.mailbox import Mailbox, text_of


def test_202_alike_for_a_new_and_a_taken_address_and_the_link_makes_the_account(
    client: TestClient, ada: Person, mailbox: Mailbox
) -> None:
    taken = client.post("/api/v1/auth/register", json={"email": ada.email, "password": "another password"})
    new = client.post("/api/v1/auth/register", json={"email": "New@Example.org", "password": PASSWORD})
    assert taken.status_code == new.status_code == 202
    assert taken.json() == {"email": ada.email, "status": "check your e-mail"}
    assert new.json() == {"email": "new@example.org", "status": "check your e-mail"}
    login = {"email": "new@example.org", "password": PASSWORD}
    assert client.post("/api/v1/auth/login", json=login).status_code == 401
    link = re.search(r"http://testserver(/register/confirm\?token=[\w-]+)", text_of(mailbox.messages[-1]))
    assert link is not None
    assert client.get(link.group(1), follow_redirects=False).status_code == 303
    assert client.post("/api/v1/auth/login", json=login).status_code == 200
    assert (
        client.post("/api/v1/auth/login", json={"email": ada.email, "password": PASSWORD}).status_code == 200
    )
