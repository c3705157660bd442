"""Today's answer for the local athlete of a database (`calfcoach today`, the home page)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from calfcoach.services.history import load_local
from calfcoach.services.today import today_view
from calfcoach.store.store import Store


def today_for(store: Store, day: dt.date) -> dict[str, Any]:
    """Load the local athlete's history and return today_view() for `day`."""
    athlete, history = load_local(store)
    return {
        "athlete": {"id": athlete.id, "name": athlete.profile.name},
        **today_view(athlete.profile, history, day),
    }
