"""The register page on a server that sends e-mail: the same "check your e-mail" for a new or a taken
address, a confirmation link that makes the account, then sign in (a real SMTP server here)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, Person, other_client
from tests.services.mailbox import Mailbox, text_of
from tests.web.test_pages import _csrf


def _register(client: TestClient, email: str, *, code: str = "", role: str = "athlete") -> str:
    page = client.get(f"/register?code={code}").text
    answer = client.post(
        "/register",
        data={"email": email, "password": PASSWORD, "role": role, "code": code, "csrf_token": _csrf(page)},
        follow_redirects=False,
    )
    assert answer.status_code == 200, answer.status_code
    text: str = answer.text
    return text


def _confirm_link(box: Mailbox) -> str:
    found = re.search(r"http://testserver(/register/confirm\?\S+)", text_of(box.messages[-1]))
    assert found is not None
    return found.group(1)


def test_a_taken_and_a_new_address_read_the_same(client: TestClient, ada: Person, mailbox: Mailbox) -> None:
    assert "We e-mail you a link to confirm your address" in client.get("/register").text
    taken = _register(other_client(client), ada.email)
    new = _register(other_client(client), "newcomer@example.org")
    assert "Check your e-mail." in new

    def alike(page: str, address: str) -> str:  # the address, and the CSRF meta tag (each browser's own)
        token = re.search(r'content="([\w-]{40,})"', page)
        assert token is not None
        return page.replace(address, "ADDRESS").replace(token.group(1), "TOKEN")

    assert alike(taken, ada.email) == alike(new, "newcomer@example.org")
    notice, confirmation = mailbox.messages
    assert notice["To"] == ada.email
    assert "already has one" in text_of(notice)
    assert confirmation["To"] == "newcomer@example.org"
    assert "/register/confirm?token=" in text_of(confirmation)


def test_the_link_makes_the_account_and_sign_in_goes_on_with_the_invitation(
    client: TestClient, mailbox: Mailbox
) -> None:
    browser = other_client(client)
    _register(browser, "newcomer@example.org", code="the-code")
    refused = browser.post("/api/v1/auth/login", json={"email": "newcomer@example.org", "password": PASSWORD})
    assert refused.status_code == 401  # not before the link is opened
    opened = browser.get(_confirm_link(mailbox), follow_redirects=False)
    assert opened.status_code == 303
    assert opened.headers["location"] == "/login?confirmed=1&next=%2Fonboarding%3Fcode%3Dthe-code"
    login = browser.get(opened.headers["location"]).text
    assert "Your e-mail address is confirmed." in login
    signed = browser.post(
        "/login",
        data={
            "email": "newcomer@example.org",
            "password": PASSWORD,
            "next": "/onboarding?code=the-code",
            "csrf_token": _csrf(login),
        },
        follow_redirects=False,
    )
    assert signed.headers["location"] == "/onboarding?code=the-code"
    again = browser.get(_confirm_link(mailbox)).text
    assert "This confirmation link has expired or was already used." in again


def test_a_coach_confirmed_goes_to_the_dashboard_after_signing_in(
    client: TestClient, mailbox: Mailbox
) -> None:
    browser = other_client(client)
    _register(browser, "coach@example.org", role="coach")
    opened = browser.get(_confirm_link(mailbox), follow_redirects=False)
    assert opened.headers["location"].endswith("next=%2Fcoach")


def test_without_smtp_registering_signs_in_at_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CALFCOACH_SMTP_HOST", raising=False)
    page = client.get("/register").text
    assert "We e-mail you a link" not in page
    made = client.post(
        "/register",
        data={"email": "solo@example.org", "password": PASSWORD, "csrf_token": _csrf(page)},
        follow_redirects=False,
    )
    assert made.headers["location"] == "/onboarding"


def test_a_coach_registering_on_a_german_page_reads_german_once_confirmed(
    client: TestClient, mailbox: Mailbox
) -> None:
    german = {"accept-language": "de-DE,de;q=0.9"}
    browser = other_client(client)
    page = browser.get("/register", headers=german).text
    answer = browser.post(
        "/register",
        data={"email": "greta@example.org", "password": PASSWORD, "role": "coach", "csrf_token": _csrf(page)},
        headers=german,
    )
    assert "Sehen Sie in Ihre E-Mails." in answer.text
    browser.get(_confirm_link(mailbox))  # opened on a phone that asks for no language
    signed = browser.post("/api/v1/auth/login", json={"email": "greta@example.org", "password": PASSWORD})
    assert signed.json()["user"]["language"] == "de"
    assert '<html lang="de">' in browser.get("/coach").text
