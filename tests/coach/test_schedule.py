from hypothesis import given
from hypothesis import strategies as st

from calfcoach.coach.schedule import lay_out_week

TEMPLATES = ("strength-a", "walk", "strength-b")
PRIORITIES = (1, 1, 1)
HARD = (True, False, True)


def test_three_sessions_on_every_day_available_are_spread_out() -> None:
    layout = lay_out_week(TEMPLATES, PRIORITIES, HARD, frozenset(range(7)))
    assert sorted(layout) == [0, 2, 4]


def test_hard_days_are_not_consecutive_when_spacing_is_possible() -> None:
    layout = lay_out_week(TEMPLATES, PRIORITIES, HARD, frozenset({0, 1, 2}))
    assert layout[1].startswith("strength") is False
    assert set(layout.values()) == set(TEMPLATES)


def test_with_fewer_days_the_lowest_priority_session_is_left_out() -> None:
    layout = lay_out_week(
        ("run", "strength", "run-2", "hills"), (1, 2, 1, 3), (False,) * 4, frozenset({1, 4, 6})
    )
    assert sorted(layout.values()) == ["run", "run-2", "strength"]


@given(st.sets(st.integers(0, 6), min_size=1))
def test_the_plan_uses_only_available_days(days: set[int]) -> None:
    layout = lay_out_week(TEMPLATES, PRIORITIES, HARD, frozenset(days))
    assert set(layout) <= days
    assert len(layout) == min(len(days), len(TEMPLATES))
