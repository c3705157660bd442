"""A coach's weekly summary by e-mail: each client's sessions done against planned this week, open pain
flags, and who needs attention.

A coach switches it on (dashboard, API); `calfcoach mail weekly-summary`, run by a timer, sends it. The week
is the Monday-to-Sunday week of the run's date. Each client is seen in their own days, as on the dashboard:
the days of that week up to their own today (in their time zone) count, so a client in Auckland read on a
Sunday evening in Berlin has their Monday counted. A week is recorded as sent per coach before its mail
goes out (one conditional UPDATE: a second run, or two at once, send nothing more) and given back when the
mail server refuses, so the next run tries again. The command says how many were sent, never to whom.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from calfcoach.domain.errors import InputError
from calfcoach.services.access import require_coach
from calfcoach.services.coaching_clients import clients_overview
from calfcoach.services.mail import ENV_PREFIX, MailSettings, message, try_send
from calfcoach.store.records import Role, User
from calfcoach.store.store import Store

ENV_HOST = f"{ENV_PREFIX}HOST"
SAFETY_WORDS = {
    "stop": "must not train",
    "relative_rest": "referred: relative rest",
    "caution": "train with caution",
}


@dataclass(frozen=True)
class ClientWeek:
    """One client's week as the summary tells it."""

    name: str
    done: int  # days with a session completed, Monday to the client's today
    planned: int  # the client's training days in the same days, from their program's start
    pain_flags: tuple[str, ...]
    safety: str  # train, caution, relative_rest or stop
    attention: tuple[str, ...]  # why the coach should look; empty: nothing to look at


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
    overview = {row.athlete_id: row for row in clients_overview(store, coach, now=now)}
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
            attention: list[str] = []
            if row.safety.mode in ("stop", "relative_rest"):
                attention.append(SAFETY_WORDS[row.safety.mode])
            if row.pain_flags:
                attention.append(f"pain: {row.pain_action}")
            if done < planned:
                attention.append(f"trained {done} of {planned} planned days")
            found.append(
                ClientWeek(
                    name=profile.name,
                    done=done,
                    planned=planned,
                    pain_flags=tuple(row.pain_flags),
                    safety=row.safety.mode,
                    attention=tuple(attention),
                )
            )
    found.sort(key=lambda c: (not c.attention, c.name.lower()))
    return CoachWeek(week=week, clients=tuple(found))


def _days(week: dt.date) -> str:
    end = week + dt.timedelta(days=6)
    return f"Monday {week.day} {week:%B %Y} to Sunday {end.day} {end:%B %Y}"


def _line(client: ClientWeek) -> str:
    parts = [f"{client.done} of {client.planned} planned days trained"]
    parts.append(SAFETY_WORDS.get(client.safety, "may train"))
    parts.append("no pain flags" if not client.pain_flags else "pain flags: " + "; ".join(client.pain_flags))
    return f"- {client.name}: " + ", ".join(parts)


def summary_text(summary: CoachWeek, *, dashboard: str | None) -> str:
    """The plain-text part of a coach's summary."""
    lines = [f"Your CalfCoach clients, {_days(summary.week)}.", ""]
    if not summary.clients:
        lines += ["You have no clients yet.", ""]
    else:
        attention = summary.needing_attention
        lines.append(f"Needing attention: {len(attention)} of {len(summary.clients)}")
        lines += [f"- {c.name}: " + "; ".join(c.attention) for c in attention] or ["- nobody"]
        lines += ["", "Everyone:"]
        lines += [_line(c) for c in summary.clients]
        lines += [
            "",
            "Each client's days are their own (their time zone); days after their today are not counted yet.",
            "",
        ]
    if dashboard is not None:
        lines += [f"Your dashboard: {dashboard}", ""]
    lines.append("You get this because you switched the weekly summary on; switch it off on your dashboard.")
    return "\n".join(lines) + "\n"


def summary_html(summary: CoachWeek, *, dashboard: str | None) -> str:
    """The simple HTML part: the same content, a table of clients (every value escaped)."""
    e = html.escape
    parts = [f"<p>Your CalfCoach clients, {e(_days(summary.week))}.</p>"]
    if not summary.clients:
        parts.append("<p>You have no clients yet.</p>")
    else:
        attention = summary.needing_attention
        parts.append(f"<h2>Needing attention: {len(attention)} of {len(summary.clients)}</h2>")
        if attention:
            items = "".join(
                f"<li><strong>{e(c.name)}</strong>: {e('; '.join(c.attention))}</li>" for c in attention
            )
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>Nobody.</p>")
        rows = "".join(
            f"<tr><td>{e(c.name)}</td><td>{c.done} of {c.planned}</td>"
            f"<td>{e(SAFETY_WORDS.get(c.safety, 'may train'))}</td>"
            f"<td>{e('; '.join(c.pain_flags)) or 'none'}</td></tr>"
            for c in summary.clients
        )
        parts.append(
            '<table border="1" cellpadding="4" cellspacing="0"><thead><tr><th scope="col">Client</th>'
            '<th scope="col">Days trained of planned</th><th scope="col">Safety</th>'
            f'<th scope="col">Pain flags</th></tr></thead><tbody>{rows}</tbody></table>'
        )
        parts.append(
            "<p>Each client's days are their own (their time zone); "
            "days after their today are not counted yet.</p>"
        )
    if dashboard is not None:
        parts.append(f'<p><a href="{e(dashboard)}">Your dashboard</a></p>')
    parts.append(
        "<p>You get this because you switched the weekly summary on; switch it off on your dashboard.</p>"
    )
    return "<!DOCTYPE html><html><body>" + "".join(parts) + "</body></html>"


def send_weekly_summaries(
    store: Store,
    settings: MailSettings | None,
    *,
    now: dt.datetime,
    today: dt.date,
    dashboard: str | None,
    dry_run: bool = False,
) -> WeeklyRun:
    """E-mail this week's summary to each coach who switched it on and was not yet sent it.

    `today` (the server's day) picks the week; `now` places each client in their own day. A dry run sends
    and records nothing, and needs no mail server.
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
        mail = message(
            settings,
            to=coach.email,
            subject=f"CalfCoach: your clients' week of {week.day} {week:%B}",
            text=summary_text(summary, dashboard=dashboard),
            html=summary_html(summary, dashboard=dashboard),
        )
        if try_send(settings, mail, what="a weekly summary"):
            sent += 1
            continue
        failed += 1
        with store.unit_of_work() as uow:
            uow.weekly_summaries.release(coach_id, week, previous)
            uow.commit()
    return WeeklyRun(week=week, sent=sent, failed=failed, would_send=would_send)
