import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.assess.measures import (
    HEEL_RAISE_MDC_REPS,
    KNEE_TO_WALL_MDC_BETWEEN_RATERS_CM,
    KNEE_TO_WALL_MDC_CM,
    is_real_change,
    knee_to_wall_degrees,
    minimal_detectable_change,
)
from calfcoach.domain.errors import InputError
from calfcoach.domain.log import TestKind

# Hébert-Losier 2017 abstract: 95% limits of agreement, right and left legs.
LOA_RIGHT = (-6.2, 6.5)
LOA_LEFT = (-6.1, 6.2)


def test_the_heel_rise_mdc_is_the_widest_limit_of_agreement_in_the_paper() -> None:
    assert max(abs(b) for b in (*LOA_RIGHT, *LOA_LEFT)) == HEEL_RAISE_MDC_REPS


def test_a_heel_rise_change_of_6_is_noise_and_7_is_real() -> None:
    assert not is_real_change(TestKind.HEEL_RAISE, 20, 26)
    assert not is_real_change(TestKind.HEEL_RAISE, 26, 20)
    assert is_real_change(TestKind.HEEL_RAISE, 20, 27)
    assert is_real_change(TestKind.HEEL_RAISE, 27, 20)


def test_the_knee_to_wall_mdc_is_powdens_within_rater_figure() -> None:
    assert KNEE_TO_WALL_MDC_CM == 1.9
    assert KNEE_TO_WALL_MDC_BETWEEN_RATERS_CM == 1.6
    assert minimal_detectable_change(TestKind.KNEE_TO_WALL) == 1.9
    assert not is_real_change(TestKind.KNEE_TO_WALL, 10.0, 11.8)
    assert is_real_change(TestKind.KNEE_TO_WALL, 10.0, 11.9)


def test_one_cm_of_knee_to_wall_is_about_3_6_degrees() -> None:
    assert knee_to_wall_degrees(1) == pytest.approx(3.6)
    assert knee_to_wall_degrees(12) == pytest.approx(43.2)


@pytest.mark.parametrize("kind", [TestKind.BALANCE, TestKind.HOP_PAIN])
def test_a_test_without_a_published_mdc_says_so_instead_of_guessing(kind: TestKind) -> None:
    assert minimal_detectable_change(kind) is None
    with pytest.raises(InputError, match="no minimal detectable change is published"):
        is_real_change(kind, 10, 30)


def test_a_negative_measurement_is_refused() -> None:
    with pytest.raises(InputError, match="before must be a number of zero or more"):
        is_real_change(TestKind.HEEL_RAISE, -3, 10)


@given(st.floats(0, 200), st.floats(0, 200))
def test_real_change_is_symmetric_in_time(before: float, after: float) -> None:
    assert is_real_change(TestKind.HEEL_RAISE, before, after) == is_real_change(
        TestKind.HEEL_RAISE, after, before
    )
