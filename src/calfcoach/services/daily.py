"""Today's answer for the local athlete of a database (`calfcoach today`, the home page)."""

from __future__ import annotations

import datetime as dt

from calfcoach.services.history import load_local
from calfcoach.services.today import today_view
from calfcoach.services.views import AthleteRef, LocalTodayView
from calfcoach.store.store import Store


def today_views(store: Store, days: list[dt.date]) -> dict[dt.date, LocalTodayView]:
    """Load the local athlete's history once and return today_view() for each day, with whom it is for."""
    athlete, history = load_local(store)
    who = AthleteRef(id=athlete.id, name=athlete.profile.name)
    return {
        day: LocalTodayView(athlete=who, **dict(today_view(athlete.profile, history, day))) for day in days
    }


def today_for(store: Store, day: dt.date) -> LocalTodayView:
    """today_view() of the local athlete for `day`."""
    return today_views(store, [day])[day]
