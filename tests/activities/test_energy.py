from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.activities.energy import (
    acsm_running_vo2,
    acsm_stepping_vo2,
    acsm_walking_vo2,
    grade_factor,
    kcal_per_kg,
    minetti_cost,
)


def test_acsm_walking_at_3_mph_up_5_percent_matches_the_worked_example() -> None:
    assert float(acsm_walking_vo2(80.4, 0.05)) == pytest.approx(18.776, abs=0.01)
    assert float(acsm_walking_vo2(80.4, 0.05)) / 3.5 == pytest.approx(5.4, abs=0.05)


def test_acsm_walking_at_93_8_m_per_min_up_10_percent_gives_29_76() -> None:
    assert float(acsm_walking_vo2(93.8, 0.10)) == pytest.approx(29.76, abs=0.01)


def test_acsm_walking_2_5_mph_up_3_percent_for_30_min_at_50_kg_is_about_103_5_kcal() -> None:
    vo2 = float(acsm_walking_vo2(67.0, 0.03))
    assert vo2 == pytest.approx(13.8, abs=0.05)
    assert kcal_per_kg(vo2, 30.0) * 50 == pytest.approx(103.5, abs=0.5)


def test_acsm_running_at_8_met_on_the_level_is_122_5_m_per_min() -> None:
    assert float(acsm_running_vo2(122.5, 0.0)) == pytest.approx(28.0)


def test_acsm_stepping_matches_both_worked_examples() -> None:
    assert acsm_stepping_vo2(30, 0.3048) == pytest.approx(31.4, abs=0.05)
    assert acsm_stepping_vo2(24, 0.381) == pytest.approx(30.2, abs=0.05)


def test_downhill_grades_count_as_level_in_the_acsm_equations() -> None:
    assert float(acsm_walking_vo2(80.0, -0.1)) == float(acsm_walking_vo2(80.0, 0.0))


@pytest.mark.parametrize(
    ("grade", "running", "cost"),
    [
        (0.1, True, 5.968),
        (0.45, True, 19.426),
        (-0.2, True, 1.800),
        (0.1, False, 4.899),
        (0.45, False, 17.600),
    ],
)
def test_minetti_costs_match_the_values_computed_from_the_published_formulas(
    grade: float, running: bool, cost: float
) -> None:
    assert float(minetti_cost(grade, running=running)) == pytest.approx(cost, abs=0.002)


def test_the_grade_factor_is_exactly_one_on_the_level_for_walking_and_running() -> None:
    assert float(grade_factor(0.0, running=False)) == 1.0
    assert float(grade_factor(0.0, running=True)) == 1.0


@given(st.floats(min_value=0.0, max_value=0.44), st.booleans())
def test_climbing_steeper_never_costs_less(grade: float, running: bool) -> None:
    assert float(minetti_cost(grade + 0.01, running=running)) > float(minetti_cost(grade, running=running))


def test_grades_beyond_the_fitted_range_are_clipped_to_it() -> None:
    assert float(minetti_cost(0.9, running=True)) == float(minetti_cost(0.45, running=True))
