"""The plan as a calendar: weeks of days for the page, and a private iCalendar feed a phone subscribes to."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.log import History
from calfcoach.domain.profile import Profile
from calfcoach.library.translations import catalog_in
from calfcoach.services.accounts import digest, new_secret
from calfcoach.services.calendar import plan_to_ics
from calfcoach.services.coaching import plan_for
from calfcoach.services.render import all_said, session_view
from calfcoach.services.views import CalendarDay, CalendarView
from calfcoach.store.store import Store

FEED_WEEKS = 8


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def calendar_view(profile: Profile, history: History, *, today: dt.date, weeks: int = 4) -> CalendarView:
    """The plan from this week's Monday, as weeks of seven days with the session of each day (or none)."""
    start = _monday(today)
    plan = plan_for(profile, history, weeks=weeks, start=max(start, profile.start_date))
    catalog = catalog_in(profile.language)
    units, language = profile.preferred_units, profile.language
    by_day = {s.day: session_view(s, catalog, units, language) for s in plan.sessions}
    done = {s.day for s in history.sessions}
    return CalendarView(
        program_id=plan.program_id,
        notes=all_said(plan.notes, units, language),
        weeks=[
            [
                CalendarDay(
                    day=(day := start + dt.timedelta(days=7 * w + d)),
                    today=day == today,
                    done=day in done,
                    session=by_day.get(day),
                )
                for d in range(7)
            ]
            for w in range(weeks)
        ],
    )


def new_feed_token(store: Store, athlete_id: int, *, now: dt.datetime) -> str:
    """Make (or replace) the athlete's private feed token; the old URL stops working."""
    token = new_secret()
    with store.unit_of_work() as uow:
        uow.calendar_feeds.replace(athlete_id, digest(token), now=now)
        uow.commit()
    return token


def athlete_for_feed(store: Store, token: str) -> int | None:
    """Return whose feed a token opens, or None."""
    with store.reader() as uow:
        return uow.calendar_feeds.athlete_id(digest(token))


def ical_feed(
    athlete_id: int, profile: Profile, history: History, *, today: dt.date, now: dt.datetime
) -> bytes:
    """The next weeks of the plan as an iCalendar file (the same events as `calfcoach calendar`)."""
    plan = plan_for(profile, history, weeks=FEED_WEEKS, start=max(today, profile.start_date))
    return plan_to_ics(
        plan,
        catalog_in(profile.language),
        athlete_key=str(athlete_id),
        stamp=now,
        units=profile.preferred_units,
        language=profile.language,
    )
