"""The kept "today" answers: the same answer while nothing changes, a fresh one as soon as anything does."""

import datetime as dt
import json

from calfcoach.domain.log import CheckIn, SetLog
from calfcoach.services.checkins import morning_check_in
from calfcoach.services.entries import log_done
from calfcoach.services.today import TodayCache, today_view
from calfcoach.store.records import Athlete
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, sign_up


def _athlete(store: Store, athlete_id: int) -> Athlete:
    with store.reader() as uow:
        found = uow.athletes.get(athlete_id)
    assert found is not None
    return found


def test_asking_again_without_a_change_returns_the_kept_answer(store: Store) -> None:
    athlete_id = sign_up(store)
    cache = TodayCache()
    first = cache.answer(store, _athlete(store, athlete_id), MONDAY)
    assert cache.answer(store, _athlete(store, athlete_id), MONDAY) is first
    with store.reader() as uow:
        fresh = today_view(uow.athletes.profile(athlete_id), uow.history(athlete_id), MONDAY)
    assert first.view == fresh
    assert json.loads(first.body) == first.data == fresh.model_dump(mode="json")


def test_a_logged_session_or_check_in_is_seen_at_once(store: Store) -> None:
    athlete_id = sign_up(store)
    cache = TodayCache()
    before = cache.answer(store, _athlete(store, athlete_id), MONDAY)
    assert before.data["done_today"] == []
    done = [SetLog(exercise_id="calf-raise-step", set_index=0, reps=12)]
    log_done(store, day=MONDAY, sets=done, cardio=[], today=MONDAY)
    after = cache.answer(store, _athlete(store, athlete_id), MONDAY)
    assert len(after.data["done_today"]) == 1
    tuesday = MONDAY + dt.timedelta(days=1)
    calm = cache.answer(store, _athlete(store, athlete_id), tuesday)
    morning_check_in(store, CheckIn(day=tuesday, morning_pain=8), today=tuesday)
    sore = cache.answer(store, _athlete(store, athlete_id), tuesday)
    assert calm.data["pain"]["action"] == "progress"
    assert sore.data["pain"]["action"] != "progress"


def test_another_day_gets_its_own_answer(store: Store) -> None:
    athlete_id = sign_up(store)
    cache = TodayCache()
    athlete = _athlete(store, athlete_id)
    monday = cache.answer(store, athlete, MONDAY)
    tuesday = cache.answer(store, athlete, MONDAY + dt.timedelta(days=1))
    assert monday.data["day"] != tuesday.data["day"]
    assert tuesday.data["session"] is None


def test_a_request_holding_an_older_read_never_puts_back_an_older_answer(store: Store) -> None:
    athlete_id = sign_up(store)
    cache = TodayCache()
    stale = _athlete(store, athlete_id)
    log_done(
        store,
        day=MONDAY,
        sets=[SetLog(exercise_id="calf-raise-step", set_index=0, reps=12)],
        cardio=[],
        today=MONDAY,
    )
    newer = cache.answer(store, _athlete(store, athlete_id), MONDAY)
    late = cache.answer(store, stale, MONDAY)  # read before the session was logged
    assert late.data["done_today"] == newer.data["done_today"]  # computed from the database as it is now
    assert cache.answer(store, _athlete(store, athlete_id), MONDAY) in (newer, late)


def test_the_cache_keeps_at_most_its_size(store: Store) -> None:
    first, second = sign_up(store), sign_up(store)
    cache = TodayCache(size=1)
    kept = cache.answer(store, _athlete(store, first), MONDAY)
    cache.answer(store, _athlete(store, second), MONDAY)
    assert cache.answer(store, _athlete(store, first), MONDAY) is not kept


def test_a_program_with_an_end_says_when_and_then_offers_a_retest_and_a_choice() -> None:
    """Regression: the Alfredson program never ended (still prescribed in week 13)."""
    from calfcoach.domain.exercise import Equipment
    from calfcoach.domain.log import History
    from calfcoach.domain.profile import Profile

    start = dt.date(2026, 3, 2)
    person = Profile(
        start_date=start,
        weekdays=frozenset(range(7)),
        equipment=frozenset({Equipment.STEP, Equipment.WALL}),
        program_id="alfredson-eccentric",
    )
    during = today_view(person, History(), start + dt.timedelta(weeks=11)).model_dump(mode="json")
    assert during["session"] is not None
    assert during["completion"]["ends_on"] == (start + dt.timedelta(weeks=12)).isoformat()
    assert during["completion"]["complete"] is False
    after = today_view(person, History(), start + dt.timedelta(weeks=12, days=1)).model_dump(mode="json")
    assert after["session"] is None
    assert after["next_session"] is None
    assert after["completion"]["complete"] is True
    assert after["completion"]["retest"] == ["heel_raise"]
    assert after["completion"]["next_programs"][0]["id"] == "calf-maintenance"
