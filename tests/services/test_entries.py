import datetime as dt

from calfcoach.domain.log import CardioLog, SetLog
from calfcoach.services.entries import UNPLANNED, log_done
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, sign_up


def test_a_logged_session_takes_that_days_template_and_blocks(store: Store) -> None:
    sign_up(store)
    session = log_done(
        store,
        day=MONDAY,
        sets=[SetLog(exercise_id="calf-raise-step", set_index=0, reps=12)],
        cardio=[CardioLog(exercise_id="brisk-walk", duration_s=600)],
        today=MONDAY,
    )
    assert session.template_id == "strength-a"
    assert session.planned_for == MONDAY
    assert session.sets[0].block == "calves"


def test_a_session_on_a_day_without_plan_is_stored_as_unplanned(store: Store) -> None:
    athlete_id = sign_up(store)
    tuesday = MONDAY + dt.timedelta(days=1)
    session = log_done(
        store, day=tuesday, sets=[SetLog(exercise_id="calf-raise-step", set_index=0, reps=12)], today=tuesday,
        cardio=[],
    )  # fmt: skip
    assert session.template_id == UNPLANNED
    assert session.planned_for is None
    assert session.sets[0].block is None
    with store.reader() as uow:
        assert uow.sessions.count(athlete_id) == 1
