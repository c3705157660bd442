"""Metric and imperial: exact constants, known values, round trips and the rounding a person accepts."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.domain.exercise import Dose
from calfcoach.domain.profile import Profile
from calfcoach.domain.units import (
    METRIC,
    LoadUnit,
    Units,
    UnitSystem,
    distance_m_of,
    distance_text,
    ft_to_m,
    height_text,
    kg_to_lb,
    kmh_to_mph,
    lb_to_kg,
    load_kg_of,
    load_step,
    load_text,
    m_to_ft,
    mph_to_kmh,
    pace_text,
    speed_kmh_of,
    speed_text,
)

IMPERIAL = Units.chosen(UnitSystem.IMPERIAL)
MILES_WITH_KG = Units.chosen(UnitSystem.IMPERIAL, LoadUnit.KG)


def test_known_values_convert_as_published() -> None:
    assert speed_text(5.0, IMPERIAL) == "3.1 mph"
    assert pace_text(600 / 1.609344, METRIC) == "6:13 /km"  # 10:00 min/mile
    assert pace_text(600 / 1.609344, IMPERIAL) == "10:00 /mi"
    assert f"{lb_to_kg(20):.2f}" == "9.07"
    assert lb_to_kg(1) == 0.45359237
    assert mph_to_kmh(1) == pytest.approx(1.609344, abs=1e-15)
    assert ft_to_m(1) == 0.3048
    assert distance_text(1609.344, IMPERIAL) == "1.00 mi"
    assert height_text(100, IMPERIAL) == "328 ft"


@given(st.floats(min_value=0.1, max_value=30))
def test_speeds_round_trip(kmh: float) -> None:
    assert math.isclose(mph_to_kmh(kmh_to_mph(kmh)), kmh, rel_tol=1e-12)


@given(st.floats(min_value=0, max_value=300))
def test_loads_round_trip(kg: float) -> None:
    assert math.isclose(lb_to_kg(kg_to_lb(kg)), kg, rel_tol=1e-12, abs_tol=1e-12)


@given(st.floats(min_value=0, max_value=9000))
def test_heights_round_trip(metres: float) -> None:
    assert math.isclose(ft_to_m(m_to_ft(metres)), metres, rel_tol=1e-12, abs_tol=1e-12)


@given(st.floats(min_value=0.5, max_value=20).map(lambda mph: round(mph, 1)))
def test_a_typed_speed_reads_back_as_typed(mph: float) -> None:
    """3.2 mph typed, stored in km/h, is shown as 3.2 mph again."""
    assert speed_text(speed_kmh_of(mph, "mph"), IMPERIAL) == f"{mph:.1f} mph"


@given(st.integers(min_value=1, max_value=300))
def test_a_typed_load_in_whole_pounds_reads_back_as_typed(pounds: int) -> None:
    assert load_text(load_kg_of(pounds, LoadUnit.LB), IMPERIAL) == f"{pounds} lb"


def test_loads_round_to_half_kilos_half_pounds_then_whole_pounds() -> None:
    assert load_step(2.5, LoadUnit.KG) == 2.5
    assert load_step(1.3, LoadUnit.KG) == 1.5
    assert load_step(1.2, LoadUnit.KG) == 1.0
    assert load_step(2.5, LoadUnit.LB) == 5.5  # 5.51 lb
    assert load_step(lb_to_kg(3.2), LoadUnit.LB) == 3.0
    assert load_step(7.5, LoadUnit.LB) == 17.0  # 16.53 lb: whole pounds from 10 lb
    assert load_text(9.07, MILES_WITH_KG) == "9 kg"


@given(st.floats(min_value=0, max_value=300))
def test_a_shown_load_is_within_half_a_step(kg: float) -> None:
    pounds = load_step(kg, LoadUnit.LB)
    step = 0.5 if kg_to_lb(kg) < 10 else 1.0
    assert abs(pounds - kg_to_lb(kg)) <= step / 2 + 1e-9
    assert abs(load_step(kg, LoadUnit.KG) - kg) <= 0.25 + 1e-9


def test_paces_round_to_the_second_and_speeds_to_a_tenth() -> None:
    assert pace_text(372.4, METRIC) == "6:12 /km"
    assert pace_text(372.6, METRIC) == "6:13 /km"
    assert speed_text(5.44, METRIC) == "5.4 km/h"
    assert speed_text(mph_to_kmh(3.26), IMPERIAL) == "3.3 mph"


def test_distances_to_a_hundredth_and_short_ones_in_feet() -> None:
    assert distance_text(5210, METRIC) == "5.21 km"
    assert distance_text(5210, IMPERIAL) == "3.24 mi"
    assert distance_text(100, IMPERIAL) == "328 ft"
    assert distance_m_of(1, "mi") == 1609.344


def test_loads_follow_the_system_unless_chosen_on_their_own() -> None:
    assert Units.chosen(UnitSystem.IMPERIAL).load is LoadUnit.LB
    assert Units.chosen(UnitSystem.METRIC).load is LoadUnit.KG
    assert Units.chosen(UnitSystem.METRIC, LoadUnit.LB).load is LoadUnit.LB
    profile = Profile.model_validate(
        {"start_date": "2026-12-01", "weekdays": [0], "units": "imperial", "load_units": "kg"}
    )
    assert profile.preferred_units == MILES_WITH_KG


def test_a_dose_is_said_in_the_persons_units() -> None:
    walk = Dose(duration_s=1200, speed_kmh=5.0)
    raise_ = Dose(sets=3, reps=12, load_kg=2.5)
    assert walk.describe() == "20 min, at 5.0 km/h"
    assert walk.describe(IMPERIAL) == "20 min, at 3.1 mph"
    assert raise_.describe(IMPERIAL) == "3 × 12, +5.5 lb"
    assert raise_.describe(MILES_WITH_KG) == "3 × 12, +2.5 kg"
