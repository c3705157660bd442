import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.assess.symmetry import LSI_TARGET_PCT, asymmetry_pct, limb_symmetry_index, weaker_side
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import Side

values = st.floats(min_value=0, max_value=1000, allow_nan=False)


def test_eighteen_against_twenty_four_is_a_limb_symmetry_of_75_percent() -> None:
    assert limb_symmetry_index(18, 24) == pytest.approx(75.0)
    assert limb_symmetry_index(24, 18) == pytest.approx(75.0)
    assert asymmetry_pct(18, 24) == pytest.approx(25.0)


def test_the_target_is_the_90_percent_convention() -> None:
    assert LSI_TARGET_PCT == 90.0


def test_no_rises_on_either_side_has_no_symmetry_index() -> None:
    assert limb_symmetry_index(0, 0) is None
    assert asymmetry_pct(0, 0) is None


def test_the_weaker_side_has_fewer_reps_but_more_pain() -> None:
    assert weaker_side(18, 24) is Side.LEFT
    assert weaker_side(3, 0, higher_is_better=False) is Side.LEFT
    assert weaker_side(20, 20) is None


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf")])
def test_a_negative_or_non_finite_value_is_refused_clearly(bad: float) -> None:
    with pytest.raises(InputError, match="left value must be a number of zero or more"):
        limb_symmetry_index(bad, 10)


@given(values, values)
def test_the_index_lies_between_0_and_100_and_ignores_which_side_is_which(left: float, right: float) -> None:
    lsi = limb_symmetry_index(left, right)
    if max(left, right) == 0:
        assert lsi is None
        return
    assert lsi is not None
    assert 0 <= lsi <= 100
    assert lsi == limb_symmetry_index(right, left)
    assert (lsi == 100) == (left == right)


@given(values, values)
def test_the_weaker_side_is_the_smaller_value(left: float, right: float) -> None:
    side = weaker_side(left, right)
    if left == right:
        assert side is None
    else:
        assert side is (Side.LEFT if left < right else Side.RIGHT)
