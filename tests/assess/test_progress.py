import datetime as dt

import pytest

from calfcoach.assess.progress import progress
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import Side
from calfcoach.domain.log import TestKind, TestResult

JAN = dt.date(2026, 1, 5)
FEB = dt.date(2026, 2, 2)


def result_of(
    kind: TestKind, day: dt.date, left: float, right: float, *, eyes_closed: bool = False
) -> TestResult:
    return TestResult(day=day, kind=kind, left=left, right=right, eyes_closed=eyes_closed)


def test_seven_more_rises_is_a_real_improvement_and_four_is_not() -> None:
    result = progress(
        result_of(TestKind.HEEL_RAISE, JAN, 12, 20), result_of(TestKind.HEEL_RAISE, FEB, 19, 24)
    )
    left, right = result.sides
    assert (left.side, left.change, left.real) == (Side.LEFT, 7, True)
    assert (right.change, right.real) == (4, False)
    assert result.summary == (
        "Since 2026-01-05:",
        "Left up 7 (12 to 19): a real improvement.",
        "Right up 4 (20 to 24): within measurement error (less than 6.5), so not yet a real change.",
    )


def test_a_real_drop_in_ankle_bend_is_called_a_decline() -> None:
    result = progress(
        result_of(TestKind.KNEE_TO_WALL, JAN, 10, 11), result_of(TestKind.KNEE_TO_WALL, FEB, 8, 11)
    )
    assert result.summary[1] == "Left down 2 cm (10 to 8): a real decline."
    assert result.summary[2] == "Right unchanged at 11."


def test_less_hop_pain_is_an_improvement_with_no_mdc_to_judge_it() -> None:
    result = progress(result_of(TestKind.HOP_PAIN, JAN, 4, 1), result_of(TestKind.HOP_PAIN, FEB, 1, 1))
    assert result.mdc is None
    assert result.sides[0].real is None
    assert result.summary[1] == "Left down 3/10 (4 to 1); no published measurement error to judge it by."


def test_different_tests_or_conditions_cannot_be_compared() -> None:
    with pytest.raises(InputError, match="cannot compare a heel_raise test with a hop_pain test"):
        progress(result_of(TestKind.HEEL_RAISE, JAN, 1, 1), result_of(TestKind.HOP_PAIN, FEB, 1, 1))
    with pytest.raises(InputError, match="eyes-open balance test with an eyes-closed one"):
        progress(
            result_of(TestKind.BALANCE, JAN, 9, 9), result_of(TestKind.BALANCE, FEB, 9, 9, eyes_closed=True)
        )


def test_results_in_the_wrong_order_are_refused_with_a_hint() -> None:
    with pytest.raises(InputError, match="pass the earlier result first"):
        progress(result_of(TestKind.HEEL_RAISE, FEB, 1, 1), result_of(TestKind.HEEL_RAISE, JAN, 1, 1))
