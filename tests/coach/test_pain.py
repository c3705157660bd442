import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from calfcoach.coach.pain import Action, most_severe, pain_status
from calfcoach.domain.log import CheckIn
from calfcoach.domain.program import PainLimits
from tests.coach.builders import DAY, history, strength_session

LIMITS = PainLimits()
NEXT = DAY + dt.timedelta(days=2)


def test_silbernagel_thresholds_are_the_papers_five_out_of_ten() -> None:
    assert LIMITS.acceptable_max == 5
    assert LIMITS.safe_max == 2


def test_no_pain_lets_the_next_session_progress() -> None:
    status = pain_status(history(strength_session(DAY)), NEXT, LIMITS)
    assert status.action is Action.PROGRESS
    assert not status.flagged


def test_pain_of_five_during_is_acceptable_but_holds_the_load() -> None:
    status = pain_status(history(strength_session(DAY, pain_during=5)), NEXT, LIMITS)
    assert status.action is Action.HOLD
    assert "5/10" in str(status.reasons[0])


def test_pain_above_five_reduces_the_load() -> None:
    status = pain_status(history(strength_session(DAY, pain_after=6)), NEXT, LIMITS)
    assert status.action is Action.REDUCE
    assert "above the 5/10" in str(status.reasons[0])


def test_pain_that_has_not_settled_by_the_next_morning_reduces_the_load() -> None:
    checkins = (
        CheckIn(day=DAY - dt.timedelta(days=1), morning_pain=1),
        CheckIn(day=DAY + dt.timedelta(days=1), morning_pain=4),
    )
    status = pain_status(history(strength_session(DAY, pain_after=3), checkins=checkins), NEXT, LIMITS)
    assert status.action is Action.REDUCE
    assert any("had not settled" in r for r in map(str, status.reasons))


def test_a_little_more_morning_pain_within_the_safe_zone_holds() -> None:
    checkins = (CheckIn(day=DAY + dt.timedelta(days=1), morning_pain=1),)
    status = pain_status(history(strength_session(DAY), checkins=checkins), NEXT, LIMITS)
    assert status.action is Action.HOLD


def test_morning_pain_rising_week_on_week_reduces_the_load() -> None:
    checkins = tuple(
        CheckIn(day=NEXT - dt.timedelta(days=d), morning_pain=1 if d > 7 else 3) for d in range(1, 14)
    )
    status = pain_status(history(checkins=checkins), NEXT, LIMITS)
    assert status.action is Action.REDUCE
    assert any("week on week" in r for r in map(str, status.reasons))


def test_a_rise_that_stays_in_the_safe_zone_is_not_acted_on() -> None:
    checkins = tuple(
        CheckIn(day=NEXT - dt.timedelta(days=d), morning_pain=0 if d > 7 else 2) for d in range(1, 14)
    )
    assert pain_status(history(checkins=checkins), NEXT, LIMITS).action is Action.PROGRESS


@given(st.integers(0, 10), st.integers(0, 10))
def test_any_pain_above_the_safe_zone_stops_progression(during: int, after: int) -> None:
    status = pain_status(history(strength_session(DAY, pain_during=during, pain_after=after)), NEXT, LIMITS)
    worst = max(during, after)
    assert (status.action is Action.PROGRESS) == (worst <= LIMITS.safe_max)
    assert (status.action is Action.REDUCE) == (worst > LIMITS.acceptable_max)


def test_the_most_severe_finding_wins_whatever_the_names_sort_like() -> None:
    # Regression: max() over the StrEnum compared the names, so "progress" beat "hold".
    assert most_severe([Action.HOLD, Action.PROGRESS]) is Action.HOLD
    assert most_severe([Action.PROGRESS, Action.REDUCE, Action.HOLD]) is Action.REDUCE
