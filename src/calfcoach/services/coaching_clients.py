"""A coach and their clients: invitations, the dashboard, and assigning a program."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from calfcoach.coach.pain import pain_status
from calfcoach.coach.safety import SafetyStatus, safety_status
from calfcoach.domain.errors import ConflictError, InputError, NotFoundError
from calfcoach.domain.messages import Kind, Message, define, in_coach_voice
from calfcoach.domain.profile import zone_named
from calfcoach.domain.units import Units
from calfcoach.i18n import N_, normalize, translate
from calfcoach.library.programs import get_program
from calfcoach.library.screening import load_questionnaire
from calfcoach.services.access import require_coach
from calfcoach.services.accounts import digest, new_secret
from calfcoach.services.kept import KeptByRevision
from calfcoach.services.mail import MailSettings, SendLimitError, checked_address, message, try_send
from calfcoach.services.render import all_said
from calfcoach.services.safety import lookback_days, safety_view
from calfcoach.services.views import ClientClearance, ClientRow, InvitationView
from calfcoach.store.records import Athlete, ClientKey, User
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


_SESSION_PAIN = define(
    "dashboard.session_pain",
    N_("{day}: pain {pain}/10 in a session"),
    day=Kind.DATE,
    pain=Kind.COUNT,
)


@dataclass(frozen=True)
class ClientFacts:
    """A client's dashboard row as computed, in no language yet: the pain flags and safety as the coach's
    messages (in the coach's words: "above their usual 1/10"), said in the viewer's language when shown."""

    athlete_id: int
    name: str
    program_id: str
    adherence: float | None
    pain_action: str
    pain_flags: tuple[Message, ...]
    pain_flag_above: int
    safety: SafetyStatus
    units: Units
    latest_clearance: ClientClearance | None
    last_session: dt.date | None

    def row_in(self, language: str) -> ClientRow:
        """The row in `language`, its last activity None (read afresh on every view)."""
        return ClientRow(
            athlete_id=self.athlete_id,
            name=self.name,
            program_id=self.program_id,
            adherence=self.adherence,
            pain_action=self.pain_action,
            pain_flags=flag_texts(self.pain_flags, language),
            pain_flag_above=self.pain_flag_above,
            safety=safety_view(self.safety, self.units, language, coach=True),
            latest_clearance=self.latest_clearance,
            last_session=self.last_session,
            last_activity=None,
        )


class KeptClient:
    """A client's facts as a server keeps them between dashboards: pickled, with each language's row as JSON
    made the first time a viewer reads it, so a dashboard whose clients did not change validates and
    serializes nothing.

    Bytes, not objects: kept as facts and rows (pydantic models with their dicts and sets), two thousand
    clients were tens of thousands of objects that every full garbage collection walked with the GIL held,
    40-70 ms in which no request on that server moved (benchmarks/clinic_load.py). The garbage collector
    does not walk bytes, nor a dict holding only strings and bytes.
    """

    __slots__ = ("_facts", "_said")

    def __init__(self, facts: ClientFacts) -> None:
        self._facts = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
        self._said: dict[str, bytes] = {}

    def facts(self) -> ClientFacts:
        """The facts (a new copy on every call)."""
        found: ClientFacts = pickle.loads(self._facts)  # this process's own bytes only
        return found

    def json_in(self, language: str) -> bytes:
        """The row's JSON in `language` up to its last activity's value (the API splices that in)."""
        found = self._said.get(language)
        if found is None:
            data = self.facts().row_in(language).model_dump_json().encode()
            if not data.endswith(_NO_ACTIVITY):
                raise AssertionError("a client row's JSON must end with its last activity")
            found = data[: -len(b"null}")]
            self._said[language] = found  # two threads may both make it: the same value
        return found


_NO_ACTIVITY = b'"last_activity":null}'


def flag_texts(flags: Iterable[Message], language: str | None) -> list[str]:
    """A client's pain flags as the dashboard lists them (and the weekly summary quotes them), in the
    reader's language. Their figures are counts and dates, the same in every system of units."""
    return all_said(flags, language=language)


@dataclass(frozen=True)
class Dashboard:
    """A coach's clients with their latest activity, in `language` (the coach's)."""

    language: str
    clients: tuple[tuple[KeptClient, dt.date | None], ...]

    def rows(self) -> list[ClientRow]:
        """Each client's row, for the pages and the services (read back from the API's JSON)."""
        return [ClientRow.model_validate_json(part) for part in self._parts()]

    def json(self) -> bytes:
        """The rows as the API's JSON (the same bytes as serializing `rows()`), from each row's kept JSON."""
        return b"[" + b",".join(self._parts()) + b"]"

    def facts(self) -> list[ClientFacts]:
        """Each client's facts, in no language."""
        return [kept.facts() for kept, _ in self.clients]

    def _parts(self) -> list[bytes]:
        return [
            kept.json_in(self.language)
            + (b"null}" if last is None else b'"' + last.isoformat().encode() + b'"}')
            for kept, last in self.clients
        ]


class ClientRowCache(KeptByRevision[KeptClient]):
    """Each client's dashboard facts as last computed, kept while their revision number and their day stay
    the same, as TodayCache keeps "today" (services/kept.py).

    The revision rises on every change to the client's profile, sessions, check-ins, tests, screenings and
    clearances, so the client list read for the dashboard says for free which kept rows are still right.
    Recordings do not raise it: the latest activity is read afresh on every view.
    """

    def __init__(self, size: int = 8192) -> None:
        super().__init__(size)


def dashboard(
    store: Store,
    coach: User,
    *,
    now: dt.datetime,
    language: str | None = None,
    cache: ClientRowCache | None = None,
) -> Dashboard:
    """Each client with adherence, pain flags, safety and last activity, for the coach's dashboard.

    Said in the coach's language: their own athlete profile's when they train with CalfCoach too and chose
    one, else their account's, else `language` (the page's or the request's; English when None).

    Each client is seen on their own day: `now` in their time zone (the server's for a client without one),
    so a client in Auckland read by a coach in Berlin has their morning check-in counted.

    Session pain is flagged above the client's own program's `pain.flag_above` (by default its acceptable
    limit, so the dashboard and the engine agree). "safety" says who must not train (mode "stop"), who was
    referred (mode "relative_rest") and why, with the latest clearance the client recorded.

    One statement reads every client's revision, day and latest recording; with a `cache`, only the clients
    changed since their facts were kept are read (a fixed number of queries for all of them, each reading
    only recent rows: store recent_histories) and computed again, so the dashboard costs the same after
    years of history as after weeks.
    """
    require_coach(coach)
    if cache is None:
        with store.reader() as uow:  # the clients and their histories from one snapshot
            own, keys = uow.coaching.dashboard_keys(coach.id)
            todays, kept = _kept(keys, now, None)
            made = _client_facts(uow, list(uow.athletes.many(k.id for k in keys).values()), todays)
    else:
        with store.lookup() as uow:  # one statement: no transaction around it
            own, keys = uow.coaching.dashboard_keys(coach.id)
        todays, kept = _kept(keys, now, cache)
        changed = [k.id for k in keys if k.id not in kept]
        made = {}
        if changed:
            # A snapshot taken after the revisions were read: what is computed is as new as the revision
            # it is kept under, or newer (then the next view, reading the newer revision, computes it
            # again), never older.
            with store.reader() as uow:
                made = _client_facts(uow, list(uow.athletes.many(changed).values()), todays)
    clients: list[tuple[KeptClient, dt.date | None]] = []
    for key in keys:
        client = kept.get(key.id) or made.get(key.id)
        if client is None:
            continue  # deleted between the two reads
        if cache is not None and key.id in made:
            cache.keep(key, key.revision, todays[key.id], client)
        start = key.latest_start
        clients.append((client, None if start is None else start.date()))
    return Dashboard(language=normalize(own or coach.language or language), clients=tuple(clients))


def clients_overview(
    store: Store,
    coach: User,
    *,
    now: dt.datetime,
    language: str | None = None,
    cache: ClientRowCache | None = None,
) -> list[ClientRow]:
    """The dashboard's rows (`dashboard`)."""
    return dashboard(store, coach, now=now, language=language, cache=cache).rows()


def _kept(
    keys: list[ClientKey], now: dt.datetime, cache: ClientRowCache | None
) -> tuple[dict[int, dt.date], dict[int, KeptClient]]:
    """Each client's today, and the facts kept for those whose revision and day are unchanged."""
    todays = {k.id: _today(now, k.time_zone) for k in keys}
    if cache is None:
        return todays, {}
    found = ((k.id, cache.kept(k, todays[k.id])) for k in keys)
    return todays, {athlete_id: facts for athlete_id, facts in found if facts is not None}


def _today(now: dt.datetime, time_zone: str | None) -> dt.date:
    return now.date() if time_zone is None else now.astimezone(zone_named(time_zone)).date()


def _client_facts(
    uow: UnitOfWork, athletes: list[Athlete], todays: dict[int, dt.date]
) -> dict[int, KeptClient]:
    """The dashboard facts of these athletes (without the latest activity), from one snapshot."""
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
    # The latest session is the history's when it holds one; only the others' is looked up.
    unseen = [a.id for a in athletes if not histories[a.id].sessions]
    last_days = uow.sessions.latest_days(unseen) if unseen else {}
    made: dict[int, KeptClient] = {}
    for athlete in athletes:
        profile, today, pain_limits = athlete.profile, todays[athlete.id], limits[athlete.id]
        history = histories[athlete.id]
        pain = pain_status(history, today, pain_limits)
        safety = safety_status(history, today, questionnaire, pain_limits)
        recent = [s for s in history.sessions if s.day > today - dt.timedelta(days=14)]
        flags = [in_coach_voice(m) for m in pain.reasons]
        flags += [
            _SESSION_PAIN(day=s.day, pain=max(s.pain_during, s.pain_after))
            for s in recent
            if max(s.pain_during, s.pain_after) > pain_limits.dashboard_flag_above
        ]
        cleared = [c for c in history.clearances if c.day <= today]
        made[athlete.id] = KeptClient(
            ClientFacts(
                athlete_id=athlete.id,
                name=profile.name,
                program_id=profile.program_id,
                adherence=_adherence(
                    profile.weekdays, profile.start_date, {s.day for s in history.sessions}, today
                ),
                pain_action=pain.action.value,
                pain_flags=tuple(flags),
                pain_flag_above=pain_limits.dashboard_flag_above,
                safety=safety,
                units=profile.preferred_units,
                latest_clearance=None
                if not cleared
                else ClientClearance(day=cleared[-1].day, by=cleared[-1].by, note=cleared[-1].note),
                last_session=max((s.day for s in history.sessions), default=last_days.get(athlete.id)),
            )
        )
    return made


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
