"""A coach's weekly summary by e-mail, through a real SMTP server run in the test process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from calfcoach.domain.errors import InputError
from calfcoach.domain.log import PerformedSession, SetLog
from calfcoach.domain.profile import Profile
from calfcoach.services import coaching_clients, weekly_summary
from calfcoach.services.athletes import create_athlete, questionnaire
from calfcoach.services.mail import MailSettings
from calfcoach.services.weekly_summary import coach_week, send_weekly_summaries, week_of
from calfcoach.store import Role, Store, User
from tests.services.mailbox import Mailbox, free_port, smtp_server, text_of

# Wednesday 20:00 UTC: already Thursday 10:00 on Kiritimati (UTC+14).
NOW = dt.datetime(2026, 1, 7, 20, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
WEEK = dt.date(2026, 1, 5)
NO = {q.id: False for q in questionnaire().questions}


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, MailSettings]]:
    with smtp_server() as running:
        yield running


def _coach(store: Store, email: str = "coach@example.org") -> User:
    with store.unit_of_work() as uow:
        coach = uow.users.add(email, Role.COACH)
        uow.commit()
    return coach


def _client(store: Store, coach: User, name: str, weekdays: set[int], zone: str | None = None) -> int:
    profile = Profile(name=name, start_date=WEEK, weekdays=frozenset(weekdays), time_zone=zone)
    athlete_id, _ = create_athlete(store, profile, NO, now=NOW)
    code = coaching_clients.invite(store, coach, now=NOW)
    coaching_clients.accept_invitation(store, code, athlete_id, now=NOW)
    return athlete_id


def _session(store: Store, athlete_id: int, day: dt.date, pain: int = 0) -> None:
    with store.unit_of_work() as uow:
        uow.sessions.add(
            athlete_id,
            PerformedSession(
                id=f"s-{athlete_id}-{day.isoformat()}",
                day=day,
                program_id="calf-foundations-to-running",
                phase_id="foundations",
                template_id="strength-a",
                sets=(SetLog(exercise_id="calf-raise-step", set_index=0, reps=12),),
                pain_during=pain,
            ),
        )
        uow.commit()


def _two_clients(store: Store) -> User:
    """Ada (the server's days) trained Monday in pain and missed Wednesday; Kiri (UTC+14) trained every
    training day up to her Thursday."""
    coach = _coach(store)
    ada = _client(store, coach, "Ada", {0, 2, 4})
    _session(store, ada, WEEK, pain=7)
    kiri = _client(store, coach, "Kiri", {0, 2, 3}, zone="Pacific/Kiritimati")
    for day in (WEEK, WEEK + dt.timedelta(days=2), WEEK + dt.timedelta(days=3)):
        _session(store, kiri, day)
    return coach


def test_each_client_is_counted_in_their_own_days_and_who_needs_attention_comes_first(store: Store) -> None:
    coach = _two_clients(store)
    summary = coach_week(store, coach, week=week_of(TODAY), now=NOW)
    assert summary.week == WEEK
    ada, kiri = summary.clients
    assert (ada.name, ada.done, ada.planned) == ("Ada", 1, 2)  # Monday and Wednesday were due
    assert "trained 1 of 2 planned days" in ada.attention
    assert any(reason.startswith("pain") for reason in ada.attention)
    assert ada.pain_flags
    # Her Thursday is a training day and already hers: three planned, three done (the server's day: two).
    assert (kiri.name, kiri.done, kiri.planned, kiri.attention) == ("Kiri", 3, 3, ())
    assert summary.needing_attention == (ada,)


def test_the_summary_arrives_once_a_week_with_a_text_and_an_html_part(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    coach = _two_clients(store)
    _coach(store, "quiet@example.org")  # never switched it on
    weekly_summary.set_enabled(store, coach, True)
    run = send_weekly_summaries(store, settings, now=NOW, today=TODAY, dashboard="https://c.example/coach")
    assert (run.week, run.sent, run.failed) == (WEEK, 1, 0)
    (mail,) = box.messages
    assert mail["To"] == "coach@example.org"
    text = text_of(mail)
    assert "Needing attention: 1 of 2" in text
    assert "trained 1 of 2 planned days" in text
    assert "- Kiri: 3 of 3 planned days trained" in text
    assert "2026-01-05: pain 7/10 in a session" in text
    assert "https://c.example/coach" in text
    page = text_of(mail, "html")
    assert "<table" in page
    assert "<td>Kiri</td><td>3 of 3</td>" in page
    # Run again the same week (twice a day by a timer, or after switching off and on): nothing more.
    assert send_weekly_summaries(store, settings, now=NOW, today=TODAY, dashboard=None).sent == 0
    weekly_summary.set_enabled(store, coach, False)
    weekly_summary.set_enabled(store, coach, True)
    assert (
        send_weekly_summaries(
            store, settings, now=NOW, today=TODAY + dt.timedelta(days=4), dashboard=None
        ).sent
        == 0
    )
    assert len(box.messages) == 1
    next_week = send_weekly_summaries(
        store, settings, now=NOW + dt.timedelta(days=7), today=TODAY + dt.timedelta(days=7), dashboard=None
    )
    assert (next_week.week, next_week.sent) == (WEEK + dt.timedelta(days=7), 1)
    weekly_summary.set_enabled(store, coach, False)
    later = TODAY + dt.timedelta(days=14)
    assert send_weekly_summaries(store, settings, now=NOW, today=later, dashboard=None).sent == 0
    assert len(box.messages) == 2


def test_a_names_markup_is_escaped_in_the_html_part(store: Store, smtp: tuple[Mailbox, MailSettings]) -> None:
    box, settings = smtp
    coach = _coach(store)
    _client(store, coach, "<b>Al</b> & co", {0})
    weekly_summary.set_enabled(store, coach, True)
    send_weekly_summaries(store, settings, now=NOW, today=TODAY, dashboard=None)
    page = text_of(box.messages[0], "html")
    assert "&lt;b&gt;Al&lt;/b&gt; &amp; co" in page
    assert "<b>Al</b>" not in page


def test_a_refused_summary_is_tried_again_at_the_next_run(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    coach = _two_clients(store)
    weekly_summary.set_enabled(store, coach, True)
    down = MailSettings(host="127.0.0.1", port=free_port(), security="none", sender="c@clinic.example")
    refused = send_weekly_summaries(store, down, now=NOW, today=TODAY, dashboard=None)
    assert (refused.sent, refused.failed) == (0, 1)
    again = send_weekly_summaries(store, settings, now=NOW, today=TODAY, dashboard=None)
    assert (again.sent, again.failed) == (1, 0)
    assert len(box.messages) == 1


def test_a_dry_run_sends_and_records_nothing_and_a_real_one_needs_a_mail_server(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    coach = _two_clients(store)
    weekly_summary.set_enabled(store, coach, True)
    dry = send_weekly_summaries(store, None, now=NOW, today=TODAY, dashboard=None, dry_run=True)
    assert (dry.would_send, dry.sent) == (1, 0)
    with pytest.raises(InputError, match="sends no e-mail") as refused:
        send_weekly_summaries(store, None, now=NOW, today=TODAY, dashboard=None)
    assert refused.value.where == "CALFCOACH_SMTP_HOST"
    assert box.messages == []
    assert send_weekly_summaries(store, settings, now=NOW, today=TODAY, dashboard=None).sent == 1


def test_only_coaches_switch_it_on(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete = uow.users.add("a@example.org", Role.ATHLETE)
        uow.commit()
    from calfcoach.services.access import RoleError

    with pytest.raises(RoleError):
        weekly_summary.set_enabled(store, athlete, True)
    coach = _coach(store)
    assert not weekly_summary.is_enabled(store, coach)
    weekly_summary.set_enabled(store, coach, True)
    assert weekly_summary.is_enabled(store, coach)


def _german_coach(store: Store) -> User:
    """A coach who trains with CalfCoach too, and reads it in German."""
    coach = _two_clients(store)
    with store.unit_of_work() as uow:
        own = Profile(name="Greta", start_date=WEEK, weekdays=frozenset({0}), language="de")
        uow.athletes.add(own, user_id=coach.id)
        uow.commit()
    return coach


def test_a_coach_who_reads_german_gets_the_summary_in_german(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    coach = _german_coach(store)
    weekly_summary.set_enabled(store, coach, True)
    run = send_weekly_summaries(store, settings, now=NOW, today=TODAY, dashboard=None, language="en")
    assert run.sent == 1
    (mail,) = box.messages
    assert mail["Subject"] == "CalfCoach: die Woche Ihrer Klienten ab 5. Januar"
    text = text_of(mail)
    assert "Ihre CalfCoach-Klienten, Montag, 5. Januar 2026 bis Sonntag, 11. Januar 2026." in text
    assert "Brauchen Aufmerksamkeit: 1 von 2" in text
    assert "an 1 von 2 geplanten Tagen trainiert" in text
    assert "- Kiri: an 3 von 3 geplanten Tagen trainiert, darf trainieren, keine Schmerzhinweise" in text
    assert "planned days" not in text
    page = text_of(mail, "html")
    assert '<html lang="de">' in page
    assert "<td>Kiri</td><td>3 von 3</td>" in page
    assert '<th scope="col">Schmerzhinweise</th>' in page
    assert "05.01.2026: Schmerz 7/10 in einer Einheit" in text
    assert "05.01.2026: Schmerz 7/10 in einer Einheit" in page


def test_a_coach_without_a_language_of_their_own_gets_the_servers(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    coach = _two_clients(store)
    assert weekly_summary.coach_language(store, coach, "de") == "de"
    weekly_summary.set_enabled(store, coach, True)
    send_weekly_summaries(store, settings, now=NOW, today=TODAY, dashboard=None, language="de")
    assert "Brauchen Aufmerksamkeit: 1 von 2" in text_of(box.messages[0])
    # The clients read English; their flags are quoted in the summary's language.
    assert "05.01.2026: Schmerz 7/10 in einer Einheit" in text_of(box.messages[0])


def test_a_coach_without_a_profile_gets_the_summary_in_their_accounts_language(
    store: Store, smtp: tuple[Mailbox, MailSettings]
) -> None:
    box, settings = smtp
    coach = _two_clients(store)
    with store.unit_of_work() as uow:
        uow.users.set_language(coach.id, "de")
        uow.commit()
    weekly_summary.set_enabled(store, coach, True)
    run = send_weekly_summaries(store, settings, now=NOW, today=TODAY, dashboard=None, language="en")
    assert run.sent == 1
    (mail,) = box.messages
    assert mail["Subject"] == "CalfCoach: die Woche Ihrer Klienten ab 5. Januar"
    assert "Brauchen Aufmerksamkeit: 1 von 2" in text_of(mail)
    assert '<html lang="de">' in text_of(mail, "html")


def test_a_coachs_own_profile_language_comes_before_their_accounts(store: Store) -> None:
    coach = _german_coach(store)
    with store.unit_of_work() as uow:
        uow.users.set_language(coach.id, "en")
        uow.commit()
        coach = uow.users.get(coach.id) or coach
    assert coach.language == "en"
    assert weekly_summary.coach_language(store, coach, "en") == "de"
