"""A coach's dashboard e-mails an invitation to an address (a real SMTP server here), or says it did not."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from calfcoach.services import coaching_clients
from tests.api.conftest import Person, other_client, sign_up
from tests.services.mailbox import Mailbox, text_of
from tests.web.test_pages import _csrf


@pytest.fixture
def coach(client: TestClient) -> Person:
    return sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)


def _invite(coach: Person, email: str, *, host: str | None = None) -> str:
    page = coach.client.get("/coach").text
    headers = {"host": host} if host else {}
    answer: str = coach.client.post(
        "/coach/invite", data={"email": email, "csrf_token": _csrf(page)}, headers=headers
    ).text
    return answer


def test_the_link_is_e_mailed_from_the_public_address_and_shown_too(
    client: TestClient, coach: Person, ada: Person, mailbox: Mailbox
) -> None:
    page = coach.client.get("/coach").text
    assert "the link is e-mailed to it" in page
    shown = _invite(coach, "new.client@example.org", host="evil.example")
    assert "The invitation was e-mailed to <strong>new.client@example.org</strong>" in shown
    (mail,) = mailbox.messages
    assert mail["To"] == "new.client@example.org"
    body = text_of(mail)
    assert "evil.example" not in body
    link = re.search(r"http://testserver(/join\?code=[\w-]+)", body)
    assert link is not None
    assert link.group(1) in shown
    joined = ada.client.post(
        "/join",
        data={"code": link.group(1).split("=")[1], "csrf_token": _csrf(ada.client.get(link.group(1)).text)},
        follow_redirects=False,
    )
    assert joined.status_code == 303
    assert "ada" in coach.client.get("/coach").text


def test_without_smtp_the_page_says_no_e_mail_was_sent_and_shows_the_link(
    coach: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CALFCOACH_SMTP_HOST", raising=False)
    assert "this server sends no e-mail, so you pass the link on yourself" in coach.client.get("/coach").text
    shown = _invite(coach, "new.client@example.org")
    assert "<strong>No e-mail was sent</strong> to new.client@example.org" in shown
    assert re.search(r'id="invite-link">http://testserver/join\?code=[\w-]+<', shown)


def test_a_german_coach_reads_why_no_e_mail_was_sent_in_german(
    coach: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CALFCOACH_SMTP_HOST", raising=False)
    page = coach.client.get("/coach", headers={"accept-language": "de"}).text
    answer = coach.client.post(
        "/coach/invite",
        data={"email": "neu@example.org", "csrf_token": _csrf(page)},
        headers={"accept-language": "de"},
    ).text
    assert "dieser Server versendet keine E-Mails (kein SMTP-Server eingerichtet)" in answer
    assert "no SMTP server" not in answer


def test_a_bad_address_and_the_hourly_limit_are_said_next_to_the_field(
    coach: Person, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = _invite(coach, "not an address")
    assert 'aria-invalid="true"' in refused
    assert "is not an e-mail address" in refused
    monkeypatch.setattr(coaching_clients, "INVITATION_MAILS_PER_HOUR", 1)
    _invite(coach, "one@example.org")
    limited = _invite(coach, "two@example.org")
    assert "were e-mailed in the last hour" in limited
    assert 'value="two@example.org"' in limited  # the address typed is kept in the field
    assert len(mailbox.messages) == 1
