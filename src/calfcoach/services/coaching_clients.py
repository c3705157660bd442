"""A coach and their clients: invitations, the dashboard, and assigning a program."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from calfcoach.coach.pain import pain_status
from calfcoach.coach.safety import safety_status
from calfcoach.domain.errors import ConflictError, InputError, NotFoundError
from calfcoach.library.programs import get_program
from calfcoach.library.screening import load_questionnaire
from calfcoach.services.access import require_coach
from calfcoach.services.accounts import digest, new_secret
from calfcoach.services.mail import MailSettings, SendLimitError, checked_address, message, try_send
from calfcoach.services.safety import lookback_days, safety_view
from calfcoach.services.views import ClientClearance, ClientRow, InvitationView
from calfcoach.store.records import Athlete, User
from calfcoach.store.store import Store

INVITATION_DAYS = 14
ADHERENCE_DAYS = 28
# E-mailed invitations a coach may send in an hour: a clinic's intake, not a stolen account's spam run.
INVITATION_MAILS_PER_HOUR = 30
NO_MAIL = "this server sends no e-mail (no SMTP server is configured)"
MAIL_REFUSED = "the mail server did not take the e-mail just now"


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
                f"{recent} invitations were e-mailed in the last hour, the most allowed",
                where="email",
                hint="send more later, or make an invitation without an address and pass its link on",
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
        f"{coach.email} invites you to train with them in CalfCoach, a calf-strengthening and return-to-\n"
        "running program. As your coach they will see your plan, sessions, tests and pain reports.\n\n"
        "Open this link to create your account (or sign in) and accept; it works once, for "
        f"{INVITATION_DAYS} days:\n\n{link}\n\n"
        f"If you do not know {coach.email}, ignore this e-mail: nothing happens without the link.\n"
    )
    mail = message(
        settings,
        to=address,
        subject=f"{coach.email} invites you to CalfCoach",
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
            raise NotFoundError("this invitation code is not known; check it with your coach")
        if invitation.used_by_athlete_id is not None:
            raise ConflictError(
                "this invitation was already used", where="code", hint="ask your coach for a new one"
            )
        if invitation.expires_at <= now:
            raise InputError("this invitation has expired", where="code", hint="ask your coach for a new one")
        coach = uow.users.get(invitation.coach_user_id)
        if coach is None:
            raise InputError("the coach of this invitation no longer has an account", where="code")
        uow.coaching.link(coach.id, athlete_id)
        uow.invitations.use(key, athlete_id, now=now)
        uow.commit()
    return coach


def _adherence(weekdays: frozenset[int], start: dt.date, done: set[dt.date], today: dt.date) -> float | None:
    """Days trained over training days planned in the last 28 days, at most 1 (None before any is due).

    A session moved to another day still counts: what matters to a coach is the weekly dose.
    """
    first = max(start, today - dt.timedelta(days=ADHERENCE_DAYS - 1))
    planned = [
        first + dt.timedelta(days=i)
        for i in range((today - first).days + 1)
        if (first + dt.timedelta(days=i)).weekday() in weekdays
    ]
    if not planned:
        return None
    trained = [d for d in done if first <= d <= today]
    return round(min(1.0, len(trained) / len(planned)), 2)


def clients_overview(store: Store, coach: User, *, now: dt.datetime) -> list[ClientRow]:
    """Each client with adherence, pain flags, safety and last activity, for the coach's dashboard.

    Each client is seen on their own day: `now` in their time zone (the server's for a client without one),
    so a client in Auckland read by a coach in Berlin has their morning check-in counted.

    Session pain is flagged above the client's own program's `pain.flag_above` (by default its acceptable
    limit, so the dashboard and the engine agree). "safety" says who must not train (mode "stop"), who was
    referred (mode "relative_rest") and why, with the latest clearance the client recorded.
    """
    require_coach(coach)
    rows: list[ClientRow] = []
    questionnaire = load_questionnaire()
    with store.reader() as uow:
        for athlete in uow.coaching.clients(coach.id):
            profile = athlete.profile
            today = now.astimezone(profile.zone).date() if profile.zone is not None else now.date()
            limits = get_program(profile.program_id).pain
            days = max(ADHERENCE_DAYS + 14, lookback_days(limits))
            history = uow.history(athlete.id, since=today - dt.timedelta(days=days))
            last = uow.sessions.latest(athlete.id)
            latest_activity = uow.activities.since(athlete.id)
            pain = pain_status(history, today, limits)
            safety = safety_status(history, today, questionnaire, limits)
            recent = [s for s in history.sessions if s.day > today - dt.timedelta(days=14)]
            flags = list(pain.reasons)
            flags += [
                f"{s.day.isoformat()}: pain {max(s.pain_during, s.pain_after)}/10 in a session"
                for s in recent
                if max(s.pain_during, s.pain_after) > limits.dashboard_flag_above
            ]
            cleared = [c for c in history.clearances if c.day <= today]
            rows.append(
                ClientRow(
                    athlete_id=athlete.id,
                    name=profile.name,
                    program_id=profile.program_id,
                    adherence=_adherence(
                        profile.weekdays, profile.start_date, {s.day for s in history.sessions}, today
                    ),
                    pain_action=pain.action.value,
                    pain_flags=flags,
                    pain_flag_above=limits.dashboard_flag_above,
                    safety=safety_view(safety),
                    latest_clearance=None
                    if not cleared
                    else ClientClearance(day=cleared[-1].day, by=cleared[-1].by, note=cleared[-1].note),
                    last_session=None if last is None else last.day,
                    last_activity=None
                    if not latest_activity
                    else max(a.start_time for a in latest_activity).date(),
                )
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
            raise NotFoundError(f"no athlete with id {athlete_id}")
        profile = uow.athletes.profile(athlete_id)
        uow.athletes.update(athlete_id, profile.model_copy(update={"program_id": program_id}))
        uow.commit()
