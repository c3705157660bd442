import datetime as dt

from calfcoach.domain.log import CardioLog, CheckIn, History, PerformedSession, SetLog, TestKind, TestResult
from calfcoach.services.history import history_rows, history_view, load_local, load_recent
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
    view = history_view(athlete, history, last=2).model_dump(mode="json")
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
    assert history_view(athlete, recent, last=1, totals=totals).totals.sessions == 2


def test_the_pages_and_the_api_get_whole_sessions_with_names_and_the_same_checkins_and_tests_as_the_cli(
    store: Store,
) -> None:
    walked = _session("w", MONDAY, 10).model_copy(
        update={
            "sets": (
                SetLog(exercise_id="calf-raise-step", set_index=0, reps=10),
                SetLog(exercise_id="wall-calf-stretch-bent", set_index=0, hold_s=30),
            ),
            "cardio": (CardioLog(exercise_id="brisk-walk", duration_s=750),),
        }
    )
    history = History(
        sessions=(_session("a", MONDAY, 8), walked),
        checkins=(CheckIn(day=MONDAY, morning_pain=2, stiffness=1),),
        tests=(TestResult(day=MONDAY, kind=TestKind.HEEL_RAISE, left=14, right=17),),
    )
    rows = history_rows(history).model_dump(mode="json")  # as the API sends it
    newest = rows["sessions"][0]
    assert [row["id"] for row in rows["sessions"]] == ["w", "a"]
    assert newest["exercises"] == ["Brisk walk", "Calf raise on a step", "Wall calf stretch, bent knee"]
    assert (newest["reps"], newest["holds"], newest["cardio_min"]) == (10, 1, 12.5)
    assert newest["sets"] == [s.model_dump(mode="json") for s in walked.sets]  # whole, as the API returns it
    assert rows["checkins"] == [history.checkins[0].model_dump(mode="json")]
    assert rows["tests"] == [history.tests[0].model_dump(mode="json")]
    athlete_id = sign_up(store)
    with store.reader() as uow:
        athlete = uow.athletes.get(athlete_id)
    assert athlete is not None
    cli = history_view(athlete, history).model_dump(mode="json")
    assert (cli["checkins"], cli["tests"]) == (rows["checkins"], rows["tests"])
    assert cli["sessions"][0]["exercises"] == ["calf-raise-step", "wall-calf-stretch-bent", "brisk-walk"]
