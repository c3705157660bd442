"""Registering on a server that sends e-mail: a confirmation link for a new address, a notice for a taken
one, the same answer either way (through a real SMTP server run in the test process)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from calfcoach.domain.errors import InputError
from calfcoach.services import accounts, registration
from calfcoach.services.mail import MailSettings
from calfcoach.services.recovery import MailUnavailableError
from calfcoach.store import Role, Store
from tests.services.mailbox import Mailbox, free_port, smtp_server, subject_of, text_of

NOW = dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC)
PASSWORD, OTHER = "correct horse battery", "a stranger's password"
LINKS = registration.Links(
    confirm=lambda token: f"https://calfcoach.example/register/confirm?token={token}",
    sign_in="https://calfcoach.example/login",
    forgot="https://calfcoach.example/password/forgot",
)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, MailSettings]]:
    with smtp_server() as running:
        yield running


def _token(box: Mailbox) -> str:
    found = re.search(r"token=([\w-]+)", text_of(box.messages[-1]))
    assert found is not None
    return found.group(1)


def _register(
    settings: MailSettings, store: Store, email: str, password: str = PASSWORD, role: Role = Role.ATHLETE
) -> str:
    return registration.register_by_email(store, settings, email, password, role=role, links=LINKS, now=NOW)


def test_a_new_address_gets_a_link_and_the_account_signs_in_once_confirmed(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    assert _register(settings, store, " Ada@Example.org ", role=Role.COACH) == "ada@example.org"
    (mail,) = box.messages
    assert mail["To"] == "ada@example.org"
    assert mail["Subject"] == "Confirm your CalfCoach account"
    with pytest.raises(accounts.AuthError):  # no account before the link is opened
        accounts.sign_in(store, "ada@example.org", PASSWORD, now=NOW)
    user = registration.confirm(store, _token(box), now=NOW + dt.timedelta(hours=23))
    assert (user.email, user.role) == ("ada@example.org", Role.COACH)
    assert accounts.sign_in(store, "ada@example.org", PASSWORD, now=NOW)[0].id == user.id
    with pytest.raises(InputError, match="expired or was already used"):
        registration.confirm(store, _token(box), now=NOW)


def test_a_taken_address_gets_the_same_answer_and_its_owner_a_notice(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    owner = accounts.register(store, "bea@example.org", PASSWORD)
    assert _register(settings, store, "bea@example.org", OTHER) == "bea@example.org"
    (mail,) = box.messages
    assert mail["To"] == "bea@example.org"
    assert mail["Subject"] == "Someone tried to register with your address"
    text = text_of(mail)
    assert LINKS.sign_in in text
    assert LINKS.forgot in text
    assert "token=" not in text  # nothing to confirm: no second account
    assert accounts.sign_in(store, "bea@example.org", PASSWORD, now=NOW)[0].id == owner.id
    with pytest.raises(accounts.AuthError):
        accounts.sign_in(store, "bea@example.org", OTHER, now=NOW)


def test_one_mail_every_few_minutes_to_an_address_and_a_link_expires(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    _register(settings, store, "cy@example.org")
    first = _token(box)
    assert _register(settings, store, "cy@example.org") == "cy@example.org"  # the same answer, no mail
    assert len(box.messages) == 1
    later = NOW + registration.ONE_MAIL_EVERY
    registration.register_by_email(store, settings, "cy@example.org", OTHER, links=LINKS, now=later)
    assert len(box.messages) == 2
    second = _token(box)
    with pytest.raises(InputError, match="expired"):
        registration.confirm(store, first, now=NOW + registration.LINK_LIFETIME)
    registration.confirm(store, second, now=later + dt.timedelta(minutes=1))
    assert accounts.sign_in(store, "cy@example.org", OTHER, now=later)[0].email == "cy@example.org"
    with pytest.raises(InputError, match="expired or was already used"):  # one account, whichever link
        registration.confirm(store, first, now=later)


def test_a_refused_mail_says_so_and_the_next_try_may_send_at_once(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    down = MailSettings(host="127.0.0.1", port=free_port(), security="none", sender="c@clinic.example")
    with pytest.raises(MailUnavailableError, match="could not be sent"):
        _register(down, store, "di@example.org")
    _register(settings, store, "di@example.org")
    assert len(box.messages) == 1


def test_bad_registrations_are_refused_before_any_mail(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    with pytest.raises(InputError, match="fewer than"):
        _register(settings, store, "ed@example.org", "short")
    with pytest.raises(InputError, match="admin"):
        _register(settings, store, "ed@example.org", role=Role.ADMIN)
    with pytest.raises(InputError, match="not an e-mail address"):
        _register(settings, store, "ed")
    assert box.messages == []


def test_the_mails_of_registering_from_a_german_page_are_in_german(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    registration.register_by_email(
        store, settings, "ada@example.org", PASSWORD, links=LINKS, now=NOW, language="de"
    )
    registration.confirm(store, _token(box), now=NOW)
    later = NOW + dt.timedelta(hours=1)
    registration.register_by_email(
        store, settings, "ada@example.org", PASSWORD, links=LINKS, now=later, language="de"
    )
    confirmation, notice = box.messages
    assert subject_of(confirmation) == "Bestätigen Sie Ihr CalfCoach-Konto"
    assert "innerhalb von 24 Stunden" in text_of(confirmation)
    assert subject_of(notice) == "Jemand hat versucht, sich mit Ihrer Adresse zu registrieren"
    assert "Passwort vergessen?" in text_of(notice)


def test_the_account_made_by_the_link_keeps_the_registration_pages_language(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    registration.register_by_email(
        store,
        settings,
        "coach@example.org",
        PASSWORD,
        role=Role.COACH,
        links=LINKS,
        now=NOW,
        language="de",
        account_language="de",
    )
    user = registration.confirm(store, _token(box), now=NOW)
    assert user.language == "de"
    with store.reader() as uow:
        stored = uow.users.by_email("coach@example.org")
    assert stored is not None
    assert stored.language == "de"


def test_a_language_it_does_not_speak_is_refused_before_any_mail(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    with pytest.raises(InputError, match="'xx' is not a language CalfCoach speaks") as refused:
        registration.register_by_email(
            store, settings, "a@example.org", PASSWORD, links=LINKS, now=NOW, account_language="xx"
        )
    assert refused.value.where == "language"
    assert box.messages == []


def test_the_notice_to_an_owner_who_reads_german_is_in_german_from_an_english_page(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    accounts.register(store, "greta@example.org", PASSWORD, now=NOW, language="de")
    registration.register_by_email(
        store, settings, "greta@example.org", OTHER, links=LINKS, now=NOW, language="en"
    )
    (notice,) = box.messages
    assert subject_of(notice) == "Jemand hat versucht, sich mit Ihrer Adresse zu registrieren"
