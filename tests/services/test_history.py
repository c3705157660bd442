import datetime as dt

from calfcoach.domain.log import CheckIn, PerformedSession, SetLog
from calfcoach.services.history import history_view, load_local, load_recent
from calfcoach.services.logbook import check_in, log_session
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, sign_up


def _session(uid: str, day: dt.date, reps: int) -> PerformedSession:
    return PerformedSession(
        id=uid, day=day, program_id="calf-foundations-to-running", phase_id="foundations",
        template_id="strength-a", sets=(SetLog(exercise_id="calf-raise-step", set_index=0, reps=reps),),
    )  # fmt: skip


def test_the_view_is_newest_first_with_totals_over_everything(store: Store) -> None:
    athlete_id = sign_up(store)
    today = MONDAY + dt.timedelta(days=30)
    for n in range(5):
        log_session(
            store, athlete_id, _session(f"s{n}", MONDAY + dt.timedelta(days=2 * n), 10 + n), today=today
        )
    check_in(store, athlete_id, CheckIn(day=MONDAY, morning_pain=1), today=today)
    athlete, history = load_local(store)
    view = history_view(athlete, history, last=2)
    assert [s["reps"] for s in view["sessions"]] == [14, 13]
    assert view["totals"] == {"sessions": 5, "sets": 5, "checkins": 1, "tests": 0}


def test_recent_reads_far_enough_back_for_the_last_sessions(store: Store) -> None:
    athlete_id = sign_up(store)
    today = MONDAY + dt.timedelta(days=600)
    log_session(store, athlete_id, _session("old", MONDAY, 10), today=today)
    log_session(store, athlete_id, _session("new", today, 12), today=today)
    athlete, history, totals = load_recent(store, last=2, today=today)
    assert [s.id for s in history.sessions] == ["old", "new"]
    _, recent, _ = load_recent(store, last=1, today=today)
    assert [s.id for s in recent.sessions] == ["new"]
    assert totals["sessions"] == 2
    assert history_view(athlete, recent, last=1, totals=totals)["totals"]["sessions"] == 2
