"""Today's answer for the local athlete of a database (`calfcoach today`, the home page)."""

from __future__ import annotations

import datetime as dt

from calfcoach.i18n import normalize
from calfcoach.services.history import load_local
from calfcoach.services.today import today_view
from calfcoach.services.views import AthleteRef, LocalTodayView
from calfcoach.store.store import Store


def today_views(
    store: Store, days: list[dt.date], language: str | None = None
) -> dict[dt.date, LocalTodayView]:
    """Load the local athlete's history once and return today_view() for each day, with whom it is for.

    The texts are in the athlete's language, else in `language` (the CLI's: the machine's locale).
    """
    athlete, history = load_local(store)
    who = AthleteRef(id=athlete.id, name=athlete.profile.name)
    spoken = normalize(athlete.profile.language or language)
    profile = athlete.profile.model_copy(update={"language": spoken})
    return {
        day: LocalTodayView(athlete=who, language=spoken, **dict(today_view(profile, history, day)))
        for day in days
    }


def today_for(store: Store, day: dt.date) -> LocalTodayView:
    """today_view() of the local athlete for `day`."""
    return today_views(store, [day])[day]
