"""The plan as an iCalendar file: one all-day event per session, doses in the description, stable UIDs."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from calfcoach import MEDICAL_DISCLAIMER, i18n
from calfcoach.coach.catalog import ExerciseSource
from calfcoach.domain.plan import Plan, PlannedSession
from calfcoach.domain.units import METRIC, Units
from calfcoach.i18n import N_
from calfcoach.library.catalog import load_catalog
from calfcoach.services.coaching import plan_for
from calfcoach.services.history import load_local
from calfcoach.services.render import all_said
from calfcoach.store.exchange import write_text_atomically
from calfcoach.store.store import Store

PRODID = "-//CalfCoach//calfcoach plan//EN"
# English, translated when a calendar is written.
CALENDAR_NAME = N_("CalfCoach plan")
EVENT_SUMMARY = N_("CalfCoach: {session} (about {minutes} min)")


def event_uid(athlete_key: str, session: PlannedSession) -> str:
    """A UID that stays the same when the plan is exported again, so calendars update instead of doubling."""
    digest = hashlib.sha256(f"{athlete_key}|{session.program_id}".encode()).hexdigest()[:12]
    return f"{session.day.isoformat()}-{digest}@calfcoach"


def describe(
    session: PlannedSession, catalog: ExerciseSource, units: Units = METRIC, language: str | None = None
) -> str:
    """The session's items, one line each with dose (in the person's units) and tempo, then its notes and
    the disclaimer (in the person's language)."""
    lines = []
    for item in session.items:
        tempo = f" ({item.tempo.describe()})" if item.tempo else ""
        lines.append(f"- {catalog.get(item.exercise_id).name}: {item.dose.describe(units)}{tempo}")
    lines.extend(all_said(session.notes, units))
    lines.append(i18n.translate(language, MEDICAL_DISCLAIMER))
    return "\n".join(lines)


def plan_to_ics(
    plan: Plan,
    catalog: ExerciseSource,
    *,
    athlete_key: str,
    stamp: dt.datetime,
    units: Units = METRIC,
    language: str | None = None,
) -> bytes:
    """Render a plan as iCalendar bytes (RFC 5545), its words in `language` (English when None)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", i18n.translate(language, CALENDAR_NAME))
    for session in plan.sessions:
        event = Event()
        event.add("uid", event_uid(athlete_key, session))
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", session.day)
        event.add("dtend", session.day + dt.timedelta(days=1))
        minutes = i18n.format_decimal(round(session.minutes), language)
        summary = i18n.translate(language, EVENT_SUMMARY)
        event.add("summary", summary.format(session=session.name, minutes=minutes))
        event.add("description", describe(session, catalog, units, language))
        event.add("categories", ["CalfCoach"])
        calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content


def write_plan_calendar(store: Store, path: Path, *, weeks: int, today: dt.date, now: dt.datetime) -> int:
    """Write the local athlete's next `weeks` of plan to `path` (atomically); return the number of events."""
    athlete, history = load_local(store)
    plan = plan_for(athlete.profile, history, weeks=weeks, start=max(today, athlete.profile.start_date))
    content = plan_to_ics(
        plan,
        load_catalog(),
        athlete_key=str(athlete.id),
        stamp=now,
        units=athlete.profile.preferred_units,
        language=athlete.profile.language or i18n.from_environment(),
    )
    write_text_atomically(path, content.decode("utf-8"))
    return len(plan.sessions)
