import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.assess.interpret import interpret
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import Side
from calfcoach.domain.log import TestKind, TestResult
from calfcoach.domain.profile import Sex

DAY = dt.date(2026, 3, 2)


def result(kind: TestKind, left: float, right: float, *, eyes_closed: bool = False) -> TestResult:
    return TestResult(day=DAY, kind=kind, left=left, right=right, eyes_closed=eyes_closed)


def test_a_weaker_left_calf_is_reported_as_a_share_of_the_right_with_the_running_target() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 18, 24), age=None, sex=Sex.FEMALE)
    assert reading.summary[0] == (
        "Left 18, right 24 single-leg heel raises: the left is 75% of the right; "
        "aim for 90% or better before running."
    )
    assert reading.lsi_pct == pytest.approx(75.0)
    assert reading.weaker_side is Side.LEFT
    assert reading.difference == 6


def test_a_woman_without_an_age_is_compared_with_the_abstracts_median_of_21() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 18, 24), age=None, sex=Sex.FEMALE)
    assert reading.norm is not None
    assert reading.norm.value == 21
    assert reading.norm_source is not None
    assert "Physiotherapy 2017" in reading.norm_source
    assert reading.left_pct_of_norm == pytest.approx(18 / 21 * 100)
    assert reading.right_pct_of_norm == pytest.approx(24 / 21 * 100)
    assert "checked against the paper's abstract" in reading.summary[1]


def test_a_man_of_25_is_compared_with_his_decade_and_told_the_figure_is_approximate() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 37, 37), age=25, sex=Sex.MALE)
    assert reading.summary[0] == "Left 37, right 37 single-leg heel raises: both sides are equal."
    assert reading.summary[1] == (
        "Compared with the median for men aged 20-29 (37 reps; Hébert-Losier 2017, approximate: "
        "secondary sources disagree): left 100%, right 100%. That study tested on a 10° incline: "
        "compare closely only if you did too."
    )
    assert reading.weaker_side is None


def test_near_symmetry_is_said_to_be_within_the_target() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 28, 30), age=40, sex=Sex.FEMALE)
    assert reading.summary[0].endswith("the left is 93% of the right, within the 90% symmetry target.")


def test_the_lunsford_and_jan_criteria_are_checked_per_side() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 18, 24), age=30, sex=Sex.MALE)
    by_source = {c.criterion.source: c for c in reading.criteria}
    assert (by_source["lunsford-perry-1995"].left_met, by_source["lunsford-perry-1995"].right_met) == (
        False,
        False,
    )
    assert (by_source["jan-2005"].left_met, by_source["jan-2005"].right_met) == (False, True)
    assert any(line.startswith("25 or more is the proposed criterion for normal") for line in reading.summary)


def test_the_heel_rise_reading_explains_the_measurement_error() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 20, 20), age=None, sex=Sex.MALE)
    assert any("a change of 7 rises or more is real" in line for line in reading.summary)


def test_without_age_or_sex_the_reading_says_what_to_add() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 20, 20), age=70, sex=Sex.UNSPECIFIED)
    assert reading.norm is None
    assert reading.left_pct_of_norm is None
    assert "No heel-rise norm covers age 70 without a sex" in reading.summary[1]
    reading = interpret(result(TestKind.BALANCE, 20, 20), age=None, sex=Sex.MALE)
    assert "Add your age" in reading.summary[1]


def test_knee_to_wall_reports_cm_degrees_the_typical_gap_and_the_mdc() -> None:
    reading = interpret(result(TestKind.KNEE_TO_WALL, 9, 11.5), age=40, sex=Sex.MALE)
    assert reading.summary[0] == (
        "Left 9 cm, right 11.5 cm from big toe to wall: the left is 78% of the right."
    )
    assert reading.norm is not None
    assert reading.norm.value == 12
    gap = reading.criteria[0]
    assert gap.difference_met is False
    text = " ".join(reading.summary)
    assert "about 32° left and 41° right" in text
    assert "1.9 cm or more" in text
    assert "yours is 2.5 cm, more than that" in text


def test_balance_with_eyes_open_uses_springers_age_band() -> None:
    reading = interpret(result(TestKind.BALANCE, 20, 41), age=45, sex=Sex.FEMALE)
    assert reading.norm is not None
    assert reading.norm.value == 41
    assert reading.right_pct_of_norm == pytest.approx(100)
    assert reading.summary[0] == "Left 20 s, right 41 s on one leg, eyes open: the left is 48% of the right."


def test_balance_with_eyes_closed_says_no_norm_is_available_rather_than_inventing_one() -> None:
    reading = interpret(result(TestKind.BALANCE, 5, 8, eyes_closed=True), age=45, sex=Sex.FEMALE)
    assert reading.norm is None
    assert reading.eyes_closed
    assert reading.summary[1].startswith("No eyes-closed norm is given")


def test_hop_pain_names_the_more_painful_side_and_the_gate() -> None:
    reading = interpret(result(TestKind.HOP_PAIN, 3, 0), age=30, sex=Sex.MALE)
    assert reading.weaker_side is Side.LEFT
    assert reading.lsi_pct is None
    assert reading.summary[0] == "Pain on hopping: left 3/10, right 0/10."
    assert reading.summary[-1] == "The running gate asks for 2/10 or less: the left is above."


def test_hop_pain_above_ten_is_refused_with_the_scale_explained() -> None:
    with pytest.raises(InputError, match="hop pain is rated 0-10, got 12 on the right"):
        interpret(result(TestKind.HOP_PAIN, 0, 12), age=30, sex=Sex.MALE)


def test_an_impossible_age_is_refused() -> None:
    with pytest.raises(InputError, match="age must be 0 to 130 years"):
        interpret(result(TestKind.HEEL_RAISE, 10, 10), age=-4, sex=Sex.MALE)


def test_no_rises_on_either_side_is_said_plainly() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 0, 0), age=None, sex=Sex.MALE)
    assert reading.lsi_pct is None
    assert reading.summary[0].endswith("nothing on either side yet.")


def test_exactly_90_percent_meets_the_symmetry_target() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 27, 30), age=None, sex=Sex.MALE)
    assert reading.summary[0].endswith("the left is 90% of the right, within the 90% symmetry target.")


@given(
    st.sampled_from(list(TestKind)),
    st.integers(0, 60),
    st.integers(0, 60),
    st.one_of(st.none(), st.integers(0, 110)),
    st.sampled_from(list(Sex)),
    st.booleans(),
)
def test_any_valid_result_reads_as_sentences_with_consistent_numbers(
    kind: TestKind, left: int, right: int, age: int | None, sex: Sex, eyes_closed: bool
) -> None:
    if kind is TestKind.HOP_PAIN:
        left, right = left % 11, right % 11
    reading = interpret(result(kind, left, right, eyes_closed=eyes_closed), age=age, sex=sex)
    assert len(reading.summary) >= 2
    assert all(line.endswith(".") for line in reading.summary)
    assert reading.difference == abs(left - right)
    if reading.norm is None:
        assert reading.left_pct_of_norm is None
    else:
        assert reading.left_pct_of_norm == pytest.approx(left / reading.norm.reference * 100)
    if left != right:
        assert reading.weaker_side is not None


def test_just_under_90_percent_is_not_rounded_up_to_the_target() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 43, 48), age=None, sex=Sex.MALE)
    assert "the left is 89% of the right; aim for 90% or better" in reading.summary[0]


def test_a_german_reader_gets_the_heel_rise_reading_in_german() -> None:
    reading = interpret(result(TestKind.HEEL_RAISE, 18, 24), age=25, sex=Sex.MALE, language="de")
    assert reading.summary[0] == (
        "Links 18, rechts 24 (einbeiniges Fersenheben): links sind es 75 % von rechts; "
        "streben Sie vor dem Laufen 90 % oder mehr an."
    )
    assert reading.summary[1].startswith(
        "Im Vergleich zum Median für Männer von 20-29 Jahren (37 Wdh.; Hébert-Losier 2017, ungefähr: "
        "Sekundärquellen weichen voneinander ab): links 49 %, rechts 65 %."
    )
    assert "Schräge von 10°" in reading.summary[1]
    assert "noch keine Seite erfüllt es" in " ".join(reading.summary)  # the Lunsford & Perry criterion
    assert reading.summary[-1].startswith("Zwischen zwei Tests ist eine Änderung um 7 Wiederholungen")
    # The figures are the reading's, whatever its language.
    english = interpret(result(TestKind.HEEL_RAISE, 18, 24), age=25, sex=Sex.MALE)
    assert reading.model_dump(exclude={"summary"}) == english.model_dump(exclude={"summary"})
    assert len(reading.summary) == len(english.summary)


@pytest.mark.parametrize(
    ("kind", "left", "right", "eyes_closed"),
    [
        (TestKind.KNEE_TO_WALL, 9.5, 11.5, False),
        (TestKind.BALANCE, 20, 30, True),
        (TestKind.BALANCE, 20, 30, False),
        (TestKind.HOP_PAIN, 1, 4, False),
        (TestKind.HOP_PAIN, 4, 5, False),
    ],
)
def test_every_tests_reading_is_german_for_a_german_reader(
    kind: TestKind, left: float, right: float, eyes_closed: bool
) -> None:
    english = interpret(result(kind, left, right, eyes_closed=eyes_closed), age=40, sex=Sex.FEMALE)
    german = interpret(
        result(kind, left, right, eyes_closed=eyes_closed), age=40, sex=Sex.FEMALE, language="de"
    )
    assert len(german.summary) == len(english.summary)
    for de, en in zip(german.summary, english.summary, strict=True):
        assert de != en
        assert not any(word in de for word in (" the ", " is ", " and ", "Left ", "right "))
