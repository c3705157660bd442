"""A signed-up person for service tests: trains Monday, Wednesday and Friday; has a step, wall and chair."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.exercise import Equipment
from calfcoach.domain.profile import Profile
from calfcoach.services.athletes import create_athlete, questionnaire
from calfcoach.store.store import Store

MONDAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 7, 30, tzinfo=dt.UTC)
PROFILE = Profile(
    name="Ada",
    start_date=MONDAY,
    weekdays=frozenset({0, 2, 4}),
    equipment=frozenset({Equipment.STEP, Equipment.WALL, Equipment.CHAIR}),
)


def sign_up(store: Store) -> int:
    athlete_id, _ = create_athlete(store, PROFILE, {q.id: False for q in questionnaire().questions}, now=NOW)
    return athlete_id
