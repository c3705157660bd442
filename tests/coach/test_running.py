import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.coach.running import allowed_weekly_increase, running_budget
from calfcoach.domain.program import Caps
from tests.coach.builders import DAY, cardio_session, history

CAPS = Caps()


def test_a_first_running_week_gets_the_starting_allowance() -> None:
    assert allowed_weekly_increase(0, CAPS) == CAPS.weekly_running_start_s


def test_a_small_week_may_grow_by_five_minutes() -> None:
    assert allowed_weekly_increase(960, CAPS) == 960 + 300


def test_a_big_week_may_grow_by_ten_percent() -> None:
    assert allowed_weekly_increase(6000, CAPS) == pytest.approx(6600)


@given(st.floats(1, 20_000))
def test_the_cap_never_allows_more_than_ten_percent_or_five_minutes(last_week_s: float) -> None:
    allowed = allowed_weekly_increase(last_week_s, CAPS)
    assert allowed <= max(last_week_s * 1.1, last_week_s + 300) + 1e-9
    assert allowed >= last_week_s


def test_the_budget_counts_this_week_and_last_week_separately() -> None:
    monday = DAY
    runs = history(
        cardio_session(monday - dt.timedelta(days=6), "steady-jog", running_s=900),
        cardio_session(monday - dt.timedelta(days=3), "steady-jog", running_s=900),
        cardio_session(monday + dt.timedelta(days=1), "steady-jog", running_s=600),
    )
    budget = running_budget(runs, monday + dt.timedelta(days=3), CAPS)
    assert budget.last_week_s == 1800
    assert budget.used_s == 600
    assert budget.allowed_s == 2100
    assert budget.remaining_s == 1500
