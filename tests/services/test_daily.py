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
    views = {d: v.model_dump(mode="json") for d, v in today_views(store, [MONDAY, tuesday]).items()}
    assert views[MONDAY]["session"]["template_id"] == "strength-a"
    assert views[tuesday]["session"] is None
    assert views[MONDAY] == today_for(store, MONDAY).model_dump(mode="json")
    assert views[MONDAY]["athlete"]["name"] == "Ada"


def test_a_painful_morning_after_a_session_changes_the_verdict(store: Store) -> None:
    sign_up(store)
    calm = morning_check_in(store, CheckIn(day=MONDAY, morning_pain=0), today=MONDAY).model_dump(mode="json")
    assert calm["morning_pain"] == 0
    done = [SetLog(exercise_id="calf-raise-step", set_index=0, reps=12)]
    log_done(store, day=MONDAY, sets=done, cardio=[], today=MONDAY)
    tuesday = MONDAY + dt.timedelta(days=1)
    sore = morning_check_in(store, CheckIn(day=tuesday, morning_pain=7), today=tuesday).model_dump(
        mode="json"
    )
    assert sore["pain"]["action"] != "progress"
    assert sore["pain"]["reasons"]


def test_the_local_answer_is_the_one_today_view_builds_with_the_athlete_added(store: Store) -> None:
    from calfcoach.services.history import load_local
    from calfcoach.services.today import today_view
    from calfcoach.services.views import LocalTodayView, TodayView

    sign_up(store)
    local = today_for(store, MONDAY)
    athlete, history = load_local(store)
    built = today_view(athlete.profile, history, MONDAY)
    assert isinstance(local, LocalTodayView)
    assert isinstance(built, TodayView)
    assert local.athlete.id == athlete.id
    assert local.model_dump(exclude={"athlete", "language"}) == built.model_dump()
    assert local.language == "en"  # a profile without a language, and no other asked for


def test_the_machines_language_is_for_a_person_without_one_of_their_own(store: Store) -> None:
    sign_up(store)
    german = today_views(store, [MONDAY], "de")[MONDAY]
    assert german.language == "de"
    assert german.session is not None
    assert german.session.name == "Wadenkraft A"
    english = today_views(store, [MONDAY])[MONDAY]
    assert english.language == "en"
    assert english.session is not None
    assert english.session.name == "Calf strength A"
