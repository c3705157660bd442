"""A forgotten password reset by e-mail, through a real SMTP server run in the test process."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from calfcoach.domain.errors import InputError
from calfcoach.services import accounts
from calfcoach.services.mail import MailSettings, mail_settings
from calfcoach.services.recovery import (
    LINK_LIFETIME,
    ONE_LINK_EVERY,
    MailUnavailableError,
    link_is_usable,
    reset_with_link,
    send_reset_link,
)
from calfcoach.store.store import Store
from tests.services.mailbox import Mailbox, free_port, smtp_server, subject_of

NOW = dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC)
OLD, NEW = "the old password", "a brand new password"


@pytest.fixture
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiny argon2 parameters: the same code path, a fraction of the time."""
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, MailSettings]]:
    with smtp_server() as running:
        yield running


def _link(token: str) -> str:
    return f"https://calfcoach.example/password/reset?token={token}"


def _token(box: Mailbox) -> str:
    body = box.messages[-1].get_payload(decode=True)
    assert isinstance(body, bytes)
    found = re.search(r"token=([\w-]+)", body.decode())
    assert found is not None
    return found.group(1)


def test_a_link_arrives_works_once_and_signs_the_account_out_everywhere(
    store: Store, smtp: tuple[Mailbox, MailSettings], cheap_hashes: None
) -> None:
    box, settings = smtp
    user = accounts.register(store, "ada@example.org", OLD, now=NOW)
    _, session = accounts.sign_in(store, "ada@example.org", OLD, now=NOW)
    _, api_token = accounts.create_api_token(store, user, "watch sync", now=NOW)
    send_reset_link(store, settings, "Ada@Example.org", link_for=_link, now=NOW)
    (mail,) = box.messages
    assert mail["To"] == "ada@example.org"
    assert mail["Subject"] == "Reset your CalfCoach password"
    token = _token(box)
    assert link_is_usable(store, token, now=NOW)
    reset_with_link(store, token, NEW, now=NOW + dt.timedelta(minutes=10))
    assert accounts.user_for_session(store, session, now=NOW) is None
    assert accounts.user_for_api_token(store, api_token) is None
    assert accounts.sign_in(store, "ada@example.org", NEW, now=NOW)[0].id == user.id
    with pytest.raises(InputError, match="expired or was already used"):
        reset_with_link(store, token, "yet another password", now=NOW + dt.timedelta(minutes=11))


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    send_reset_link(store, settings, "nobody@example.org", link_for=_link, now=NOW)
    assert box.messages == []


def test_one_link_every_few_minutes_and_a_link_expires(
    store: Store, smtp: tuple[Mailbox, MailSettings], cheap_hashes: None
) -> None:
    box, settings = smtp
    accounts.register(store, "bea@example.org", OLD, now=NOW)
    send_reset_link(store, settings, "bea@example.org", link_for=_link, now=NOW)
    send_reset_link(store, settings, "bea@example.org", link_for=_link, now=NOW + dt.timedelta(minutes=1))
    assert len(box.messages) == 1  # a stranger asking again fills no inbox
    first = _token(box)
    later = NOW + ONE_LINK_EVERY
    send_reset_link(store, settings, "bea@example.org", link_for=_link, now=later)
    assert len(box.messages) == 2
    assert not link_is_usable(store, first, now=NOW + LINK_LIFETIME)
    with pytest.raises(InputError, match="expired"):
        reset_with_link(store, first, NEW, now=NOW + LINK_LIFETIME)
    reset_with_link(store, _token(box), NEW, now=later + dt.timedelta(minutes=1))


def test_a_server_without_mail_or_whose_mail_server_is_down_says_so(store: Store, cheap_hashes: None) -> None:
    accounts.register(store, "cy@example.org", OLD, now=NOW)
    with pytest.raises(MailUnavailableError, match="cannot send e-mail"):
        send_reset_link(store, None, "cy@example.org", link_for=_link, now=NOW)
    down = MailSettings(host="127.0.0.1", port=free_port(), security="none", sender="c@clinic.example")
    with pytest.raises(MailUnavailableError, match="could not be sent"):
        send_reset_link(store, down, "cy@example.org", link_for=_link, now=NOW)


def test_the_settings_come_from_the_environment_and_bad_ones_are_named() -> None:
    assert mail_settings({}) is None
    found = mail_settings({"CALFCOACH_SMTP_HOST": "mail.example", "CALFCOACH_SMTP_FROM": "c@clinic.example"})
    assert found == MailSettings(
        host="mail.example", port=587, security="starttls", sender="c@clinic.example"
    )
    with pytest.raises(InputError, match="not a port") as bad_port:
        mail_settings({"CALFCOACH_SMTP_HOST": "m", "CALFCOACH_SMTP_FROM": "c@x", "CALFCOACH_SMTP_PORT": "x"})
    assert bad_port.value.where == "CALFCOACH_SMTP_PORT"
    with pytest.raises(InputError, match="sender"):
        mail_settings({"CALFCOACH_SMTP_HOST": "m"})


def test_a_reset_asked_for_on_a_german_page_is_written_in_german(
    store: Store, smtp: tuple[Mailbox, MailSettings], cheap_hashes: None
) -> None:
    box, settings = smtp
    accounts.register(store, "dora@example.org", OLD, now=NOW)
    send_reset_link(store, settings, "dora@example.org", link_for=_link, now=NOW, language="de")
    (mail,) = box.messages
    assert subject_of(mail) == "Ihr CalfCoach-Passwort zurücksetzen"
    body = mail.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert "der Link funktioniert einmal, 60 Minuten lang" in body.decode()


def test_a_reset_for_an_account_that_reads_german_is_in_german_whatever_page_asked(
    store: Store, smtp: tuple[Mailbox, MailSettings], cheap_hashes: None
) -> None:
    box, settings = smtp
    accounts.register(store, "dora@example.org", OLD, now=NOW, language="de")
    send_reset_link(store, settings, "dora@example.org", link_for=_link, now=NOW, language="en")
    (mail,) = box.messages
    assert subject_of(mail) == "Ihr CalfCoach-Passwort zurücksetzen"
