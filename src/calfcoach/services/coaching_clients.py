"""A coach and their clients: invitations, the dashboard, and assigning a program."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from calfcoach.coach.pain import pain_status
from calfcoach.coach.safety import safety_status
from calfcoach.domain.errors import ConflictError, InputError, NotFoundError
from calfcoach.i18n import DEFAULT, N_, format_date, normalize, translate
from calfcoach.library.programs import get_program
from calfcoach.library.screening import load_questionnaire
from calfcoach.services.access import require_coach
from calfcoach.services.accounts import digest, new_secret
from calfcoach.services.kept import KeptByRevision
from calfcoach.services.mail import MailSettings, SendLimitError, checked_address, message, try_send
from calfcoach.services.render import all_said
from calfcoach.services.safety import lookback_days, safety_view
from calfcoach.services.views import ClientClearance, ClientRow, InvitationView
from calfcoach.store.records import Athlete, User
from calfcoach.store.store import Store
from calfcoach.store.uow import UnitOfWork

INVITATION_DAYS = 14
ADHERENCE_DAYS = 28
# E-mailed invitations a coach may send in an hour: a clinic's intake, not a stolen account's spam run.
INVITATION_MAILS_PER_HOUR = 30
# Marked, not translated: the coach's page says them in its language (the API in English).
NO_MAIL = N_("this server sends no e-mail (no SMTP server is configured)")
MAIL_REFUSED = N_("the mail server did not take the e-mail just now")


def invite(store: Store, coach: User, *, now: dt.datetime) -> str:
    """Make an invitation code for a new client; it works once, for 14 days."""
    require_coach(coach)
    code = new_secret()
    with store.unit_of_work() as uow:
        uow.invitations.add(
            digest(code), coach.id, now=now, expires_at=now + dt.timedelta(days=INVITATION_DAYS)
        )
        uow.commit()
    return code


def invite_by_email(
    store: Store,
    settings: MailSettings | None,
    coach: User,
    email: str,
    *,
    link_for: Callable[[str], str],
    now: dt.datetime,
    language: str | None = None,
) -> InvitationView:
    """Make an invitation and e-mail its link to `email`; the answer says whether it went out.

    Without an SMTP server, or when it refuses the message, the invitation is still made and its link
    returned with the reason (`not_sent`), for the coach to pass on by hand. Only the time of an e-mailed
    invitation is kept, not the address: it counts towards INVITATION_MAILS_PER_HOUR (SendLimitError).
    """
    require_coach(coach)
    address = checked_address(email)
    if settings is None:
        code = invite(store, coach, now=now)
        return InvitationView(code=code, url=link_for(code), email=address, sent=False, not_sent=NO_MAIL)
    code = new_secret()
    with store.unit_of_work() as uow:
        recent = uow.invitations.emailed_since(coach.id, now - dt.timedelta(hours=1))
        if recent >= INVITATION_MAILS_PER_HOUR:
            raise SendLimitError(
                N_("{recent} invitations were e-mailed in the last hour, the most allowed"),
                where="email",
                hint=N_("send more later, or make an invitation without an address and pass its link on"),
                recent=recent,
            )
        uow.invitations.add(
            digest(code),
            coach.id,
            now=now,
            expires_at=now + dt.timedelta(days=INVITATION_DAYS),
            emailed=True,
        )
        uow.commit()
    link = link_for(code)
    text = (
        translate(
            language,
            "{coach} invites you to train with them in CalfCoach, a calf-strengthening and return-to-running"
            " program. As your coach they will see your plan, sessions, tests and pain reports.",
        ).format(coach=coach.email)
        + "\n\n"
        + translate(
            language,
            "Open this link to create your account (or sign in) and accept; it works once, for {days} days:",
        ).format(days=INVITATION_DAYS)
        + f"\n\n{link}\n\n"
        + translate(
            language, "If you do not know {coach}, ignore this e-mail: nothing happens without the link."
        ).format(coach=coach.email)
        + "\n"
    )
    mail = message(
        settings,
        to=address,
        subject=translate(language, "{coach} invites you to CalfCoach").format(coach=coach.email),
        text=text,
        reply_to=coach.email,
    )
    sent = try_send(settings, mail, what="an invitation e-mail")
    return InvitationView(
        code=code, url=link, email=address, sent=sent, not_sent=None if sent else MAIL_REFUSED
    )


def accept_invitation(store: Store, code: str, athlete_id: int, *, now: dt.datetime) -> User:
    """Let the coach who made this code follow the athlete; return the coach."""
    key = digest(code.strip())
    with store.unit_of_work() as uow:
        invitation = uow.invitations.get(key)
        if invitation is None:
            raise NotFoundError(N_("this invitation code is not known; check it with your coach"))
        if invitation.used_by_athlete_id is not None:
            raise ConflictError(
                N_("this invitation was already used"), where="code", hint=N_("ask your coach for a new one")
            )
        if invitation.expires_at <= now:
            raise InputError(
                N_("this invitation has expired"), where="code", hint=N_("ask your coach for a new one")
            )
        coach = uow.users.get(invitation.coach_user_id)
        if coach is None:
            raise InputError(N_("the coach of this invitation no longer has an account"), where="code")
        uow.coaching.link(coach.id, athlete_id)
        uow.invitations.use(key, athlete_id, now=now)
        uow.commit()
    return coach


def _adherence(weekdays: frozenset[int], start: dt.date, done: set[dt.date], today: dt.date) -> float | None:
    """Days trained over training days due in the last 28 days, at most 1 (None before any is due).

    A session moved to another day still counts: what matters to a coach is the weekly dose. Today is due
    only once trained: a client who trains in the evening is not behind in the morning (a client who
    started today showed 0 %).
    """
    first = max(start, today - dt.timedelta(days=ADHERENCE_DAYS - 1))
    days = [first + dt.timedelta(days=i) for i in range((today - first).days + 1)]
    planned = [d for d in days if d.weekday() in weekdays and (d < today or d in done)]
    if not planned:
        return None
    trained = [d for d in done if first <= d <= today]
    return round(min(1.0, len(trained) / len(planned)), 2)


class ClientRowCache(KeptByRevision[ClientRow]):
    """Each client's dashboard row as last computed, kept while their revision number and their day stay
    the same, as TodayCache keeps "today" (services/kept.py).

    The revision rises on every change to the client's profile, sessions, check-ins, tests, screenings and
    clearances, so the client list read for the dashboard says for free which kept rows are still right.
    Recordings do not raise it: the latest activity is read afresh on every view.
    """

    def __init__(self, size: int = 8192) -> None:
        super().__init__(size)


def clients_overview(
    store: Store, coach: User, *, now: dt.datetime, cache: ClientRowCache | None = None
) -> list[ClientRow]:
    """Each client with adherence, pain flags, safety and last activity, for the coach's dashboard.

    Each client is seen on their own day: `now` in their time zone (the server's for a client without one),
    so a client in Auckland read by a coach in Berlin has their morning check-in counted.

    Session pain is flagged above the client's own program's `pain.flag_above` (by default its acceptable
    limit, so the dashboard and the engine agree). "safety" says who must not train (mode "stop"), who was
    referred (mode "relative_rest") and why, with the latest clearance the client recorded.

    A fixed number of queries for all clients, each reading only recent rows (store: recent_histories), so
    the dashboard costs the same after years of history as after weeks; with a `cache`, only the clients
    changed since their row was kept are read and computed again.
    """
    require_coach(coach)
    with store.reader() as uow:  # the revisions and the histories from one snapshot
        athletes = uow.coaching.clients(coach.id)
        todays = {
            a.id: now.astimezone(a.profile.zone).date() if a.profile.zone is not None else now.date()
            for a in athletes
        }
        kept = {a.id: cache.kept(a, todays[a.id]) for a in athletes} if cache is not None else {}
        changed = [a for a in athletes if kept.get(a.id) is None]
        made = _client_rows(uow, changed, todays)
        last_starts = uow.activities.latest_starts(todays)
    rows: list[ClientRow] = []
    for athlete in athletes:
        row = kept.get(athlete.id)
        if row is None:
            row = made[athlete.id]
            if cache is not None:
                cache.keep(athlete, athlete.revision, todays[athlete.id], row)
        start = last_starts.get(athlete.id)
        rows.append(row.model_copy(update={"last_activity": None if start is None else start.date()}))
    return rows


def _client_rows(
    uow: UnitOfWork, athletes: list[Athlete], todays: dict[int, dt.date]
) -> dict[int, ClientRow]:
    """The dashboard rows of these athletes (without the latest activity), from one snapshot."""
    if not athletes:
        return {}
    questionnaire = load_questionnaire()
    limits = {a.id: get_program(a.profile.program_id).pain for a in athletes}
    histories = uow.recent_histories(
        {
            a.id: todays[a.id] - dt.timedelta(days=max(ADHERENCE_DAYS + 14, lookback_days(limits[a.id])))
            for a in athletes
        }
    )
    last_days = uow.sessions.latest_days(a.id for a in athletes)
    rows: dict[int, ClientRow] = {}
    for athlete in athletes:
        profile, today, pain_limits = athlete.profile, todays[athlete.id], limits[athlete.id]
        history = histories[athlete.id]
        pain = pain_status(history, today, pain_limits)
        safety = safety_status(history, today, questionnaire, pain_limits)
        recent = [s for s in history.sessions if s.day > today - dt.timedelta(days=14)]
        flags = all_said(pain.reasons, profile.preferred_units, profile.language)
        flags += [
            _session_pain(s.day, max(s.pain_during, s.pain_after), profile.language)
            for s in recent
            if max(s.pain_during, s.pain_after) > pain_limits.dashboard_flag_above
        ]
        cleared = [c for c in history.clearances if c.day <= today]
        rows[athlete.id] = ClientRow(
            athlete_id=athlete.id,
            name=profile.name,
            program_id=profile.program_id,
            adherence=_adherence(
                profile.weekdays, profile.start_date, {s.day for s in history.sessions}, today
            ),
            pain_action=pain.action.value,
            pain_flags=flags,
            pain_flag_above=pain_limits.dashboard_flag_above,
            safety=safety_view(safety, profile.preferred_units, profile.language),
            latest_clearance=None
            if not cleared
            else ClientClearance(day=cleared[-1].day, by=cleared[-1].by, note=cleared[-1].note),
            last_session=last_days.get(athlete.id),
            last_activity=None,
        )
    return rows


def clients(store: Store, coach: User) -> list[Athlete]:
    """The athletes a coach follows, in the order they joined (no history read: for lists of links)."""
    require_coach(coach)
    with store.reader() as uow:
        return uow.coaching.clients(coach.id)


def assign_program(store: Store, coach: User, athlete_id: int, program_id: str) -> None:
    """Put a client on another program (the coach must follow them)."""
    require_coach(coach)
    get_program(program_id)
    with store.unit_of_work() as uow:
        if not uow.coaching.follows(coach.id, athlete_id):
            raise NotFoundError(N_("no athlete with id {id}"), id=athlete_id)
        profile = uow.athletes.profile(athlete_id)
        uow.athletes.update(athlete_id, profile.model_copy(update={"program_id": program_id}))
        uow.commit()


def _session_pain(day: dt.date, pain: int, language: str | None) -> str:
    """A session's pain as the dashboard flags it, in the client's language (as their other flags)."""
    said = day.isoformat() if normalize(language) == DEFAULT else format_date(day, language)
    return translate(language, N_("{day}: pain {pain}/10 in a session")).format(day=said, pain=pain)
