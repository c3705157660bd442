import datetime as dt

from calfcoach.domain.log import CheckIn, SetLog
from calfcoach.services.checkins import morning_check_in
from calfcoach.services.daily import today_for, today_views
from calfcoach.services.entries import log_done
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, sign_up


def test_views_of_several_days_come_from_one_read(store: Store) -> None:
    sign_up(store)
    tuesday = MONDAY + dt.timedelta(days=1)
    views = today_views(store, [MONDAY, tuesday])
    assert views[MONDAY]["session"]["template_id"] == "strength-a"
    assert views[tuesday]["session"] is None
    assert views[MONDAY] == today_for(store, MONDAY)
    assert views[MONDAY]["athlete"]["name"] == "Ada"


def test_a_painful_morning_after_a_session_changes_the_verdict(store: Store) -> None:
    sign_up(store)
    calm = morning_check_in(store, CheckIn(day=MONDAY, morning_pain=0), today=MONDAY)
    assert calm["morning_pain"] == 0
    done = [SetLog(exercise_id="calf-raise-step", set_index=0, reps=12)]
    log_done(store, day=MONDAY, sets=done, cardio=[], today=MONDAY)
    tuesday = MONDAY + dt.timedelta(days=1)
    sore = morning_check_in(store, CheckIn(day=tuesday, morning_pain=7), today=tuesday)
    assert sore["pain"]["action"] != "progress"
    assert sore["pain"]["reasons"]
