"""A coach's weekly summary by e-mail: each client's sessions done against planned this week, open pain
flags, and who needs attention.

A coach switches it on (dashboard, API); `calfcoach mail weekly-summary`, run by a timer, sends it. The week
is the Monday-to-Sunday week of the run's date. Each client is seen in their own days, as on the dashboard:
the days of that week up to their own today (in their time zone) count, so a client in Auckland read on a
Sunday evening in Berlin has their Monday counted. A week is recorded as sent per coach before its mail
goes out (one conditional UPDATE: a second run, or two at once, send nothing more) and given back when the
mail server refuses, so the next run tries again. The command says how many were sent, never to whom.

The mail is written in the coach's language: the one their own profile chose when they also train with
CalfCoach, else their account's, else the server's (the `LANG` of the process that sends it, as the CLI
reads it). A client's pain flags are quoted as the dashboard shows them.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from calfcoach.domain.errors import InputError
from calfcoach.domain.messages import Message
from calfcoach.i18n import N_, format_date, from_environment, translate
from calfcoach.services.access import require_coach
from calfcoach.services.coaching_clients import dashboard, flag_texts
from calfcoach.services.mail import ENV_PREFIX, MailSettings, message, try_send
from calfcoach.store.records import Role, User
from calfcoach.store.store import Store

ENV_HOST = f"{ENV_PREFIX}HOST"
SAFETY_WORDS = {
    "stop": N_("must not train"),
    "relative_rest": N_("referred: relative rest"),
    "caution": N_("train with caution"),
}
MAY_TRAIN = N_("may train")
PAIN_ACTIONS = {"progress": N_("progress"), "hold": N_("hold"), "reduce": N_("reduce")}  # as web/labels.py
# TRANSLATORS: a CLDR date pattern for the days of the week in the summary ("Monday 5 January 2026"):
# EEEE the weekday, d the day, MMMM the month, y the year; order and punctuate them as your language does.
DAY_PATTERN = N_("EEEE d MMMM y")
# TRANSLATORS: a CLDR date pattern for the week's Monday in the subject ("5 January"): d day, MMMM month.
SUBJECT_DAY_PATTERN = N_("d MMMM")


@dataclass(frozen=True)
class ClientWeek:
    """One client's week as the summary tells it."""

    name: str
    done: int  # days with a session completed, Monday to the client's today
    planned: int  # the client's training days in the same days, from their program's start
    pain_flags: tuple[Message, ...]  # as the dashboard lists them, said in the summary's language
    safety: str  # train, caution, relative_rest or stop
    pain_action: str = "progress"  # the pain check's action (progress, hold, reduce)

    @property
    def attention(self) -> tuple[str, ...]:
        """Why the coach should look, in English; empty: nothing to look at."""
        return self.attention_in(None)

    def attention_in(self, language: str | None) -> tuple[str, ...]:
        """Why the coach should look, in `language`."""
        found: list[str] = []
        if self.safety in ("stop", "relative_rest"):
            found.append(translate(language, SAFETY_WORDS[self.safety]))
        if self.pain_flags:
            action = translate(language, PAIN_ACTIONS.get(self.pain_action, self.pain_action))
            found.append(translate(language, N_("pain: {action}")).format(action=action))
        if self.done < self.planned:
            found.append(
                translate(language, N_("trained {done} of {planned} planned days")).format(
                    done=self.done, planned=self.planned
                )
            )
        return tuple(found)


@dataclass(frozen=True)
class CoachWeek:
    """A coach's summary of one week (`week` is its Monday)."""

    week: dt.date
    clients: tuple[ClientWeek, ...]

    @property
    def needing_attention(self) -> tuple[ClientWeek, ...]:
        return tuple(c for c in self.clients if c.attention)


@dataclass(frozen=True)
class WeeklyRun:
    """What one run did: the week, and how many summaries were sent, refused by the mail server, or would be
    sent (a dry run); coaches already sent this week's are not counted."""

    week: dt.date
    sent: int = 0
    failed: int = 0
    would_send: int = 0


def week_of(day: dt.date) -> dt.date:
    """The Monday of the week of `day`."""
    return day - dt.timedelta(days=day.weekday())


def is_enabled(store: Store, coach: User) -> bool:
    """Whether the coach gets the weekly summary."""
    require_coach(coach)
    with store.reader() as uow:
        return uow.weekly_summaries.is_enabled(coach.id)


def set_enabled(store: Store, coach: User, enabled: bool) -> None:
    """Switch the coach's weekly summary on or off."""
    require_coach(coach)
    with store.unit_of_work() as uow:
        uow.weekly_summaries.set_enabled(coach.id, enabled)
        uow.commit()


def _planned(weekdays: frozenset[int], first: dt.date, last: dt.date) -> int:
    return sum(
        1 for i in range((last - first).days + 1) if (first + dt.timedelta(days=i)).weekday() in weekdays
    )


def coach_week(store: Store, coach: User, *, week: dt.date, now: dt.datetime) -> CoachWeek:
    """The summary of `week` (a Monday) for a coach: every client, those needing attention first."""
    overview = {facts.athlete_id: facts for facts in dashboard(store, coach, now=now).facts()}
    found: list[ClientWeek] = []
    with store.reader() as uow:
        for athlete in uow.coaching.clients(coach.id):
            row = overview.get(athlete.id)
            if row is None:  # became a client between the two reads: next week's summary has them
                continue
            profile = athlete.profile
            today = now.astimezone(profile.zone).date() if profile.zone is not None else now.date()
            last = min(week + dt.timedelta(days=6), today)
            first = max(week, profile.start_date)
            sessions = uow.history(athlete.id, since=week).sessions
            done = len({s.day for s in sessions if s.completed and week <= s.day <= last})
            planned = _planned(profile.weekdays, first, last) if first <= last else 0
            found.append(
                ClientWeek(
                    name=profile.name,
                    done=done,
                    planned=planned,
                    pain_flags=row.pain_flags,
                    safety=row.safety.mode,
                    pain_action=row.pain_action,
                )
            )
    found.sort(key=lambda c: (not c.attention, c.name.lower()))
    return CoachWeek(week=week, clients=tuple(found))


def _days(week: dt.date, language: str | None) -> str:
    pattern = translate(language, DAY_PATTERN)
    monday, sunday = (format_date(d, language, pattern) for d in (week, week + dt.timedelta(days=6)))
    return translate(language, N_("{monday} to {sunday}")).format(monday=monday, sunday=sunday)


def _line(client: ClientWeek, language: str | None) -> str:
    def say(message: str, **values: object) -> str:
        return translate(language, message).format(**values)

    parts = [say(N_("{done} of {planned} planned days trained"), done=client.done, planned=client.planned)]
    parts.append(say(SAFETY_WORDS.get(client.safety, MAY_TRAIN)))
    flags = "; ".join(flag_texts(client.pain_flags, language))
    parts.append(say(N_("no pain flags")) if not flags else say(N_("pain flags: {flags}"), flags=flags))
    return f"- {client.name}: " + ", ".join(parts)


def summary_text(summary: CoachWeek, *, dashboard: str | None, language: str | None = None) -> str:
    """The plain-text part of a coach's summary, in `language`."""

    def say(message: str, **values: object) -> str:
        return translate(language, message).format(**values)

    lines = [say(_YOUR_CLIENTS, days=_days(summary.week, language)), ""]
    if not summary.clients:
        lines += [say(_NO_CLIENTS), ""]
    else:
        attention = summary.needing_attention
        lines.append(say(_NEEDING, count=len(attention), total=len(summary.clients)))
        lines += [f"- {c.name}: " + "; ".join(c.attention_in(language)) for c in attention] or [
            "- " + say(N_("nobody"))
        ]
        lines += ["", say(N_("Everyone:"))]
        lines += [_line(c, language) for c in summary.clients]
        lines += ["", say(_OWN_DAYS), ""]
    if dashboard is not None:
        lines += [say(N_("Your dashboard: {address}"), address=dashboard), ""]
    lines.append(say(_WHY_SENT))
    return "\n".join(lines) + "\n"


_OWN_DAYS = N_(
    "Each client's days are their own (their time zone); days after their today are not counted yet."
)
_WHY_SENT = N_("You get this because you switched the weekly summary on; switch it off on your dashboard.")


_YOUR_CLIENTS = N_("Your CalfCoach clients, {days}.")
_NO_CLIENTS = N_("You have no clients yet.")
_NEEDING = N_("Needing attention: {count} of {total}")
_NOBODY = N_("Nobody.")
_DONE_OF = N_("{done} of {planned}")
_NONE = N_("none")
_DASHBOARD = N_("Your dashboard")
_HEADS = (N_("Client"), N_("Days trained of planned"), N_("Safety"), N_("Pain flags"))


def summary_html(summary: CoachWeek, *, dashboard: str | None, language: str | None = None) -> str:
    """The simple HTML part: the same content, a table of clients (every value escaped), in `language`."""
    e = html.escape

    def say(message: str, **values: object) -> str:
        return e(translate(language, message).format(**values))

    parts = [f"<p>{say(_YOUR_CLIENTS, days=_days(summary.week, language))}</p>"]
    if not summary.clients:
        parts.append(f"<p>{say(_NO_CLIENTS)}</p>")
    else:
        attention = summary.needing_attention
        parts.append(f"<h2>{say(_NEEDING, count=len(attention), total=len(summary.clients))}</h2>")
        if attention:
            items = "".join(
                f"<li><strong>{e(c.name)}</strong>: {e('; '.join(c.attention_in(language)))}</li>"
                for c in attention
            )
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{say(_NOBODY)}</p>")
        rows = "".join(
            f"<tr><td>{e(c.name)}</td><td>{say(_DONE_OF, done=c.done, planned=c.planned)}</td>"
            f"<td>{say(SAFETY_WORDS.get(c.safety, MAY_TRAIN))}</td>"
            f"<td>{e('; '.join(flag_texts(c.pain_flags, language))) or say(_NONE)}</td></tr>"
            for c in summary.clients
        )
        heads = "".join(f'<th scope="col">{say(head)}</th>' for head in _HEADS)
        parts.append(
            '<table border="1" cellpadding="4" cellspacing="0">'
            f"<thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"
        )
        parts.append(f"<p>{say(_OWN_DAYS)}</p>")
    if dashboard is not None:
        parts.append(f'<p><a href="{e(dashboard)}">{say(_DASHBOARD)}</a></p>')
    parts.append(f"<p>{say(_WHY_SENT)}</p>")
    return f'<!DOCTYPE html><html lang="{e(language or "en")}"><body>' + "".join(parts) + "</body></html>"


def coach_language(store: Store, coach: User, default: str | None = None) -> str:
    """The language a coach's e-mail is written in: their own profile's when they train with CalfCoach too
    and chose one, else their account's, else `default` (None: the server's, from the sending process's
    `LANG`)."""
    with store.reader() as uow:
        own = uow.athletes.by_user(coach.id)
    if own is not None and own.profile.language:
        return own.profile.language
    return coach.language or default or from_environment()


def send_weekly_summaries(
    store: Store,
    settings: MailSettings | None,
    *,
    now: dt.datetime,
    today: dt.date,
    dashboard: str | None,
    dry_run: bool = False,
    language: str | None = None,
) -> WeeklyRun:
    """E-mail this week's summary to each coach who switched it on and was not yet sent it.

    `today` (the server's day) picks the week; `now` places each client in their own day. Each mail is in
    its coach's language (`coach_language`; `language` is the server's, None: from the environment). A dry
    run sends and records nothing, and needs no mail server.
    """
    if settings is None and not dry_run:
        raise InputError(
            "this server sends no e-mail, so no summary can be sent",
            where=ENV_HOST,
            hint="set the CALFCOACH_SMTP_* settings (docs/deploy.md); --dry-run shows what would be sent",
        )
    week = week_of(today)
    with store.reader() as uow:
        due = uow.weekly_summaries.due(week)
    sent = failed = would_send = 0
    for coach_id in due:
        with store.unit_of_work() as uow:
            coach = uow.users.get(coach_id)
            if coach is None or coach.role is Role.ATHLETE:
                continue  # the account is gone, or no longer a coach's
            previous = None
            if not dry_run:
                previous = uow.weekly_summaries.last_week(coach_id)
                if not uow.weekly_summaries.claim(coach_id, week):
                    continue  # another run took it
                uow.commit()
        summary = coach_week(store, coach, week=week, now=now)
        if dry_run or settings is None:  # settings is None only in a dry run (refused above otherwise)
            would_send += 1
            continue
        said_in = coach_language(store, coach, language)
        week_day = format_date(week, said_in, translate(said_in, SUBJECT_DAY_PATTERN))
        mail = message(
            settings,
            to=coach.email,
            subject=translate(said_in, N_("CalfCoach: your clients' week of {day}")).format(day=week_day),
            text=summary_text(summary, dashboard=dashboard, language=said_in),
            html=summary_html(summary, dashboard=dashboard, language=said_in),
        )
        if try_send(settings, mail, what="a weekly summary"):
            sent += 1
            continue
        failed += 1
        with store.unit_of_work() as uow:
            uow.weekly_summaries.release(coach_id, week, previous)
            uow.commit()
    return WeeklyRun(week=week, sent=sent, failed=failed, would_send=would_send)
