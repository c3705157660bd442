"""The plan as a calendar: weeks of seven days from Monday, and an iCalendar feed a phone can read."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from calfcoach.domain.log import History
from calfcoach.domain.profile import Profile
from calfcoach.services.calendar_feed import FEED_WEEKS, calendar_view, ical_feed
from calfcoach.services.coaching import plan_for

PROFILE = Profile(name="Ada", start_date=dt.date(2026, 1, 5), weekdays=frozenset({0, 2, 4}))
TODAY = dt.date(2026, 1, 7)


def test_the_calendar_has_weeks_of_seven_days_starting_on_monday() -> None:
    view = calendar_view(PROFILE, History(), today=TODAY, weeks=3)
    assert [len(week) for week in view.weeks] == [7, 7, 7]
    assert view.weeks[0][0].day == dt.date(2026, 1, 5)
    assert [d.day for w in view.weeks for d in w if d.today] == [TODAY]
    planned = {d.day for w in view.weeks for d in w if d.session}
    assert {d.weekday() for d in planned} <= {0, 2, 4}


def test_the_feed_has_one_event_per_planned_session() -> None:
    now = dt.datetime(2026, 1, 7, 9, tzinfo=dt.UTC)
    feed = Calendar.from_ical(ical_feed(1, PROFILE, History(), today=TODAY, now=now))
    events = feed.events
    sessions = plan_for(PROFILE, History(), weeks=FEED_WEEKS, start=TODAY).sessions
    assert len(events) == len(sessions) > 0
    assert str(events[0]["summary"]).startswith("CalfCoach: ")
    assert events[0].start == sessions[0].day
