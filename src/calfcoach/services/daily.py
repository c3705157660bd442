"""Today's answer for the local athlete of a database (`calfcoach today`, the home page)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from calfcoach.services.history import load_local
from calfcoach.services.today import today_view
from calfcoach.store.store import Store


def today_views(store: Store, days: list[dt.date]) -> dict[dt.date, dict[str, Any]]:
    """Load the local athlete's history once and return today_view() for each day."""
    athlete, history = load_local(store)
    who = {"id": athlete.id, "name": athlete.profile.name}
    return {day: {"athlete": who, **today_view(athlete.profile, history, day)} for day in days}


def today_for(store: Store, day: dt.date) -> dict[str, Any]:
    """today_view() of the local athlete for `day`."""
    return today_views(store, [day])[day]
