"""What the activity page says an activity did for the plan: the item it counted as, and the next one."""

from __future__ import annotations

import datetime as dt

import pytest

from calfcoach.domain.profile import Profile
from calfcoach.services.activities import import_paths
from calfcoach.services.activity_page import activity_page
from calfcoach.services.coaching import session_for
from calfcoach.store import Store
from tests.services.test_activities import (
    CYCLING,
    NEXT_WALK_DAY,
    PROFILE,
    WALK,
    WALK_DAY,
    add_athlete,
    history_of,
)


@pytest.fixture
def athlete(store: Store) -> int:
    return add_athlete(store)


def _import(store: Store, athlete: int, path: object) -> str:
    report = import_paths(store, athlete, [path])  # type: ignore[list-item]
    return str(report.imported[0].id)


def test_a_walk_on_the_walk_day_shows_the_planned_walk_it_counted_as_and_the_next_walk_it_set(
    store: Store, athlete: int
) -> None:
    before = history_of(store, athlete)
    planned_then = session_for(PROFILE, before, WALK_DAY)
    assert planned_then is not None
    walk = next(i for i in planned_then.items if i.exercise_id == "brisk-walk")

    page = activity_page(store, athlete, _import(store, athlete, WALK))

    counted = page.counted
    assert counted is not None
    assert counted.day == WALK_DAY
    assert counted.matched is not None
    assert counted.matched.exercise == "Brisk walk"
    assert counted.matched.dose == walk.dose.describe()  # as prescribed before the walk was done
    assert counted.credited.exercise_id == "brisk-walk"
    after = session_for(PROFILE, history_of(store, athlete), NEXT_WALK_DAY)
    assert after is not None
    next_walk = next(i for i in after.items if i.exercise_id == "brisk-walk")
    assert counted.then is not None
    assert counted.then.day == NEXT_WALK_DAY
    assert (counted.then.dose, counted.then.reason) == (next_walk.dose.describe(), str(next_walk.reason))
    assert page.not_counted is None


def test_a_ride_says_it_was_not_counted_and_why(store: Store, athlete: int) -> None:
    page = activity_page(store, athlete, _import(store, athlete, CYCLING))
    assert page.counted is None
    assert page.not_counted is not None
    assert "not a walk, run, hike or stair session" in page.not_counted


def test_a_walk_before_the_program_started_says_so_with_both_days(store: Store) -> None:
    later = Profile(start_date=dt.date(2017, 7, 1), weekdays=frozenset({0, 6}))
    athlete = add_athlete(store, later)
    page = activity_page(store, athlete, _import(store, athlete, WALK))
    assert page.counted is None
    assert page.not_counted == (
        "it was done on Jun 11, 2017, before the program started on Jul 1, 2017: it is stored, not counted"
        " as a session"
    )


def test_why_it_was_not_counted_is_said_in_the_persons_language(store: Store) -> None:
    """Regression: a German page read "Nicht für den Plan gezählt: it was done on 2015-08-15, ..."."""
    later = Profile(start_date=dt.date(2017, 7, 1), weekdays=frozenset({0, 6}), language="de")
    athlete = add_athlete(store, later)
    page = activity_page(store, athlete, _import(store, athlete, WALK))
    assert page.not_counted == (
        "es fand am 11.06.2017 statt, vor dem Programmstart am 01.07.2017: es ist gespeichert, zählt aber"
        " nicht als Einheit"
    )
    ride = activity_page(store, athlete, _import(store, athlete, CYCLING))
    assert ride.not_counted is not None
    assert ride.not_counted.startswith("es war weder Gehen noch Laufen")


def test_the_day_it_says_is_the_day_where_the_person_lives(store: Store) -> None:
    # 14:32 UTC on Sunday 11 June is 02:32 on Monday 12 June in Auckland.
    kiwi = Profile(start_date=dt.date(2017, 7, 1), weekdays=frozenset({0, 6}), time_zone="Pacific/Auckland")
    athlete = add_athlete(store, kiwi)
    page = activity_page(store, athlete, _import(store, athlete, WALK))
    assert page.not_counted is not None
    assert page.not_counted.startswith("it was done on Jun 12, 2017, before the program started")
