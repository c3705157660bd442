"""Invitations e-mailed to a client's address, through a real SMTP server run in the test process."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest

from calfcoach.domain.errors import InputError
from calfcoach.domain.profile import Profile
from calfcoach.services import coaching_clients
from calfcoach.services.access import RoleError
from calfcoach.services.athletes import create_athlete, questionnaire
from calfcoach.services.mail import MailSettings, SendLimitError
from calfcoach.store import Role, Store, User
from tests.services.mailbox import Mailbox, free_port, smtp_server, subject_of, text_of

NOW = dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, MailSettings]]:
    with smtp_server() as running:
        yield running


def _user(store: Store, email: str, role: Role = Role.COACH) -> User:
    with store.unit_of_work() as uow:
        user = uow.users.add(email, role)
        uow.commit()
    return user


def _link(code: str) -> str:
    return f"https://calfcoach.example/join?code={code}"


def _athlete(store: Store) -> int:
    profile = Profile(name="Ada", start_date=dt.date(2026, 1, 5), weekdays=frozenset({0, 2, 4}))
    athlete_id, _ = create_athlete(store, profile, {q.id: False for q in questionnaire().questions}, now=NOW)
    return athlete_id


def test_the_invitation_arrives_at_the_address_and_its_link_works(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    coach = _user(store, "coach@example.org")
    sent = coaching_clients.invite_by_email(
        store, settings, coach, " Ada@Example.org ", link_for=_link, now=NOW
    )
    assert sent.sent
    assert sent.not_sent is None
    assert sent.email == "ada@example.org"
    (mail,) = box.messages
    assert mail["To"] == "ada@example.org"
    assert mail["Reply-To"] == "coach@example.org"
    assert "coach@example.org" in mail["Subject"]
    body = text_of(mail)
    assert sent.url in body
    assert "14 days" in body
    code = re.search(r"code=([\w-]+)", body)
    assert code is not None
    assert code.group(1) == sent.code
    athlete_id = _athlete(store)
    assert coaching_clients.accept_invitation(store, code.group(1), athlete_id, now=NOW).id == coach.id


def test_without_smtp_the_invitation_is_made_and_says_no_mail_was_sent(store: Store) -> None:
    coach = _user(store, "coach@example.org")
    made = coaching_clients.invite_by_email(store, None, coach, "ada@example.org", link_for=_link, now=NOW)
    assert not made.sent
    assert made.not_sent is not None
    assert "sends no e-mail" in made.not_sent
    assert made.url == _link(made.code)
    assert coaching_clients.accept_invitation(store, made.code, _athlete(store), now=NOW).id == coach.id


def test_a_mail_server_that_is_down_leaves_a_working_link_and_says_so(store: Store) -> None:
    coach = _user(store, "coach@example.org")
    down = MailSettings(host="127.0.0.1", port=free_port(), security="none", sender="c@clinic.example")
    made = coaching_clients.invite_by_email(store, down, coach, "ada@example.org", link_for=_link, now=NOW)
    assert not made.sent
    assert made.not_sent == coaching_clients.MAIL_REFUSED
    assert coaching_clients.accept_invitation(store, made.code, _athlete(store), now=NOW).id == coach.id


def test_a_coach_sends_at_most_so_many_an_hour_and_others_are_not_held_back(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    coach, other = _user(store, "coach@example.org"), _user(store, "other@example.org")
    limit = coaching_clients.INVITATION_MAILS_PER_HOUR
    for i in range(limit):
        at = NOW + dt.timedelta(seconds=i)
        coaching_clients.invite_by_email(store, settings, coach, f"c{i}@example.org", link_for=_link, now=at)
    coaching_clients.invite(store, coach, now=NOW)  # a link made by hand is not an e-mail: not counted
    with pytest.raises(SendLimitError, match="in the last hour") as refused:
        coaching_clients.invite_by_email(store, settings, coach, "late@example.org", link_for=_link, now=NOW)
    assert refused.value.where == "email"
    assert len(box.messages) == limit
    coaching_clients.invite_by_email(store, settings, other, "o@example.org", link_for=_link, now=NOW)
    later = NOW + dt.timedelta(hours=1)  # the first one sent is then an hour old
    assert coaching_clients.invite_by_email(
        store, settings, coach, "late@example.org", link_for=_link, now=later
    ).sent
    assert len(box.messages) == limit + 2


def test_a_bad_address_or_an_athlete_is_refused_and_nothing_is_sent(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    coach = _user(store, "coach@example.org")
    for bad in ("ada", "ada@example", "a b@example.org", "x" * 320 + "@example.org"):
        with pytest.raises(InputError, match="is not an e-mail address"):
            coaching_clients.invite_by_email(store, settings, coach, bad, link_for=_link, now=NOW)
    athlete = _user(store, "ath@example.org", Role.ATHLETE)
    with pytest.raises(RoleError):
        coaching_clients.invite_by_email(store, settings, athlete, "a@example.org", link_for=_link, now=NOW)
    assert box.messages == []


def test_an_invitation_from_a_german_page_is_written_in_german(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    coach = _user(store, "coach@example.org")
    sent = coaching_clients.invite_by_email(
        store, settings, coach, "ada@example.org", link_for=_link, now=NOW, language="de"
    )
    (mail,) = box.messages
    assert subject_of(mail) == "coach@example.org lädt Sie zu CalfCoach ein"
    body = text_of(mail)
    assert "14 Tage lang" in body
    assert sent.url in body
    assert "invites you" not in body
