import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.assess.norms import criteria_of
from calfcoach.assess.readiness import (
    MAX_ASYMMETRY_PCT,
    MAX_HOP_PAIN,
    MIN_HEEL_RAISES,
    running_readiness,
)
from calfcoach.domain.errors import InputError
from calfcoach.domain.log import TestKind, TestResult

DAY = dt.date(2026, 5, 4)


def heel(left: float, right: float) -> TestResult:
    return TestResult(day=DAY, kind=TestKind.HEEL_RAISE, left=left, right=right)


def hop(left: float, right: float) -> TestResult:
    return TestResult(day=DAY, kind=TestKind.HOP_PAIN, left=left, right=right)


def test_the_gate_is_the_evidence_files_clinical_convention() -> None:
    assert (MIN_HEEL_RAISES, MAX_ASYMMETRY_PCT, MAX_HOP_PAIN) == (25, 10.0, 2)


def test_the_heel_raise_count_is_lunsford_and_perrys_criterion_for_normal() -> None:
    lunsford = next(c for c in criteria_of(TestKind.HEEL_RAISE) if c.source == "lunsford-perry-1995")
    assert lunsford.value == MIN_HEEL_RAISES


def test_strong_even_and_pain_free_is_ready() -> None:
    verdict = running_readiness(heel(26, 28), hop(1, 2))
    assert verdict.ready
    assert tuple(map(str, verdict.reasons)) == ()
    assert [c.name for c in verdict.checks] == ["heel_raise_count", "heel_raise_symmetry", "hop_pain"]


def test_each_unmet_criterion_gives_its_own_reason() -> None:
    verdict = running_readiness(heel(18, 24), hop(3, 0))
    assert not verdict.ready
    assert tuple(map(str, verdict.reasons)) == (
        "Build up to 25 single-leg heel raises each side (now left 18, right 24).",
        "Bring the weaker side to within 10% of the stronger (now 25% apart).",
        "Hopping hurts 3/10; build up until it is 2/10 or less each side.",
    )


def test_exactly_ten_percent_apart_is_within_ten_percent_as_in_the_programs_gate() -> None:
    assert running_readiness(heel(27, 30), hop(0, 0)).ready
    verdict = running_readiness(heel(26, 30), hop(0, 0))
    assert not verdict.ready
    assert tuple(map(str, verdict.reasons)) == (
        "Bring the weaker side to within 10% of the stronger (now 13.3% apart).",
    )


def test_missing_tests_are_named_as_the_next_thing_to_do() -> None:
    verdict = running_readiness(None, None)
    assert not verdict.ready
    assert len(verdict.reasons) == 3
    assert str(verdict.reasons[0]).startswith("No heel-rise test yet")
    assert str(verdict.reasons[2]).startswith("No hop-pain check yet")


def test_passing_the_wrong_kind_of_test_is_refused() -> None:
    with pytest.raises(InputError, match="heel_raise must be a heel_raise test, got a hop_pain test"):
        running_readiness(hop(0, 0), None)


@given(
    st.integers(0, 60),
    st.integers(0, 60),
    st.integers(0, 10),
    st.integers(0, 10),
)
def test_ready_exactly_when_strong_even_and_pain_free(
    left: int, right: int, pain_left: int, pain_right: int
) -> None:
    verdict = running_readiness(heel(left, right), hop(pain_left, pain_right))
    strong = min(left, right) >= MIN_HEEL_RAISES
    even = max(left, right) > 0 and 10 * (max(left, right) - min(left, right)) <= max(left, right)
    pain_free = max(pain_left, pain_right) <= MAX_HOP_PAIN
    assert verdict.ready == (strong and even and pain_free)
    assert len(verdict.reasons) == [strong, even, pain_free].count(False)


def test_a_gap_just_under_ten_percent_is_not_rounded_up_in_the_explanation() -> None:
    verdict = running_readiness(heel(47, 52), hop(0, 0))
    assert verdict.ready
    assert str(verdict.checks[1].detail) == "The sides differ by 9.6%, within 10%."
