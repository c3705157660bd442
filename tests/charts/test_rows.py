import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.charts.rows import (
    PAIN_AFTER,
    PAIN_DURING,
    PAIN_MORNING,
    calf_volume_rows,
    pain_rows,
    result_rows,
    walking_speed_rows,
)
from calfcoach.domain.exercise import KneePosition
from calfcoach.domain.log import CardioLog, CheckIn, History, PerformedSession, SetLog, TestKind, TestResult

MONDAY = dt.date(2026, 1, 5)
KNEES = {
    "calf-raise": KneePosition.STRAIGHT,
    "bent-knee-raise": KneePosition.BENT,
    "step-box": KneePosition.MOVING,
}


def session(
    day: dt.date, *, sets: tuple[SetLog, ...] = (), cardio: tuple[CardioLog, ...] = (), **pain: int
) -> PerformedSession:
    return PerformedSession(
        id=f"s-{day}",
        day=day,
        program_id="p",
        phase_id="f",
        template_id="t",
        sets=sets,
        cardio=cardio,
        **pain,
    )


def sets(exercise_id: str, reps: int, count: int) -> tuple[SetLog, ...]:
    return tuple(SetLog(exercise_id=exercise_id, set_index=i, reps=reps) for i in range(count))


def test_each_heel_rise_test_gives_a_row_per_side_with_the_measurement_error_band() -> None:
    history = History(
        tests=(
            TestResult(day=MONDAY + dt.timedelta(days=21), kind=TestKind.HEEL_RAISE, left=20, right=24),
            TestResult(day=MONDAY, kind=TestKind.HEEL_RAISE, left=4, right=10),
            TestResult(day=MONDAY, kind=TestKind.KNEE_TO_WALL, left=9, right=10),
        )
    )
    rows = result_rows(history, TestKind.HEEL_RAISE)
    assert [(r["day"], r["side"], r["value"]) for r in rows] == [
        ("2026-01-05", "left", 4),
        ("2026-01-05", "right", 10),
        ("2026-01-26", "left", 20),
        ("2026-01-26", "right", 24),
    ]
    assert (rows[1]["low"], rows[1]["high"]) == (3.5, 16.5)
    assert rows[0]["low"] == 0.0  # a band never goes below zero rises


def test_calf_volume_adds_reps_per_monday_week_by_knee_position_and_fills_empty_weeks() -> None:
    history = History(
        sessions=(
            session(MONDAY, sets=sets("calf-raise", 15, 3) + sets("bent-knee-raise", 12, 2)),
            session(MONDAY + dt.timedelta(days=6), sets=sets("calf-raise", 10, 1)),
            session(
                MONDAY + dt.timedelta(days=14), sets=sets("bent-knee-raise", 20, 1) + sets("step-box", 15, 2)
            ),
        )
    )
    rows = calf_volume_rows(history, KNEES)
    assert [(r["week_start"], r["knee"], r["reps"]) for r in rows] == [
        ("2026-01-05", "straight knee (gastrocnemius)", 55),
        ("2026-01-05", "bent knee (soleus)", 24),
        ("2026-01-12", "straight knee (gastrocnemius)", 0),
        ("2026-01-12", "bent knee (soleus)", 0),
        ("2026-01-19", "straight knee (gastrocnemius)", 0),
        ("2026-01-19", "bent knee (soleus)", 20),
    ]
    assert rows[0]["week"] == "5 Jan"


def test_exercises_outside_the_mapping_and_timed_holds_are_left_out() -> None:
    hold = SetLog(exercise_id="calf-raise", set_index=0, hold_s=30)
    history = History(sessions=(session(MONDAY, sets=(hold, *sets("wall-stretch", 1, 3))),))
    assert calf_volume_rows(history, KNEES) == []


def test_weeks_across_new_year_carry_the_year_in_their_label() -> None:
    history = History(
        sessions=(
            session(dt.date(2025, 12, 29), sets=sets("calf-raise", 10, 1)),
            session(dt.date(2026, 1, 6), sets=sets("calf-raise", 10, 1)),
        )
    )
    assert {r["week"] for r in calf_volume_rows(history, KNEES)} == {"29 Dec 25", "5 Jan 26"}


def test_pain_rows_hold_during_after_and_next_morning_values() -> None:
    history = History(
        sessions=(session(MONDAY, pain_during=4, pain_after=2),),
        checkins=(CheckIn(day=MONDAY + dt.timedelta(days=1), morning_pain=1),),
    )
    assert pain_rows(history) == [
        {"day": "2026-01-05", "measure": PAIN_DURING, "pain": 4},
        {"day": "2026-01-05", "measure": PAIN_AFTER, "pain": 2},
        {"day": "2026-01-06", "measure": PAIN_MORNING, "pain": 1},
    ]


def test_walking_speed_is_the_time_weighted_average_of_the_sessions_walks() -> None:
    walks = (
        CardioLog(exercise_id="brisk-walk", duration_s=1200, avg_speed_kmh=5.0),
        CardioLog(exercise_id="brisk-walk", duration_s=600, distance_m=1000),  # 6 km/h
        CardioLog(exercise_id="stair-climber", duration_s=600, floors=40),
    )
    history = History(
        sessions=(
            session(MONDAY, cardio=walks),
            session(
                MONDAY + dt.timedelta(days=2), cardio=(CardioLog(exercise_id="brisk-walk", duration_s=900),)
            ),
        )
    )
    rows = walking_speed_rows(history, {"brisk-walk"})
    assert len(rows) == 1  # the walk with neither speed nor distance has nothing to plot
    assert rows[0]["day"] == "2026-01-05"
    assert rows[0]["speed_kmh"] == pytest.approx((1200 * 5 + 600 * 6) / 1800, abs=0.01)
    assert rows[0]["duration_min"] == 30


@given(
    st.lists(
        st.tuples(
            st.integers(0, 120),
            st.sampled_from(["calf-raise", "bent-knee-raise", "step-box", "walk"]),
            st.integers(0, 50),
        ),
        max_size=30,
    )
)
def test_weekly_volume_keeps_every_straight_and_bent_knee_rep(logs: list[tuple[int, str, int]]) -> None:
    history = History(
        sessions=tuple(
            session(
                MONDAY + dt.timedelta(days=offset), sets=(SetLog(exercise_id=ex, set_index=0, reps=reps),)
            )
            for offset, ex, reps in logs
        )
    )
    rows = calf_volume_rows(history, KNEES)
    expected = sum(reps for _, ex, reps in logs if ex in {"calf-raise", "bent-knee-raise"})
    assert sum(r["reps"] for r in rows) == expected
    assert all(dt.date.fromisoformat(r["week_start"]).weekday() == 0 for r in rows)


def test_balance_rows_keep_eyes_open_and_eyes_closed_apart_and_have_no_band() -> None:
    history = History(
        tests=(
            TestResult(day=MONDAY, kind=TestKind.BALANCE, left=30, right=40),
            TestResult(day=MONDAY, kind=TestKind.BALANCE, left=5, right=7, eyes_closed=True),
        )
    )
    open_rows = result_rows(history, TestKind.BALANCE)
    closed_rows = result_rows(history, TestKind.BALANCE, eyes_closed=True)
    assert [r["value"] for r in open_rows] == [30, 40]
    assert [r["value"] for r in closed_rows] == [5, 7]
    assert all(r["low"] == r["high"] == r["value"] for r in open_rows)  # no published MDC, no band


def test_knee_to_wall_rows_carry_powdens_band() -> None:
    history = History(tests=(TestResult(day=MONDAY, kind=TestKind.KNEE_TO_WALL, left=10, right=12),))
    rows = result_rows(history, TestKind.KNEE_TO_WALL)
    assert (rows[0]["low"], rows[0]["high"]) == pytest.approx((8.1, 11.9))
