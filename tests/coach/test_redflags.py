"""Red flags and clearances on the same day: the order in which they were recorded counts."""

from __future__ import annotations

import datetime as dt

import pytest

from calfcoach.coach.redflags import open_red_flags
from calfcoach.domain.log import CheckIn, Clearance, History, ScreeningAnswers
from calfcoach.domain.screening import FlagLevel
from calfcoach.library.screening import load_questionnaire

DAY = dt.date(2026, 3, 10)
ZONE = dt.timezone(dt.timedelta(hours=-5))


def at(hour: int, day: dt.date = DAY, tz: dt.tzinfo = dt.UTC) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=tz)


def swelling(recorded_at: dt.datetime | None, day: dt.date = DAY) -> CheckIn:
    return CheckIn(day=day, morning_pain=2, symptoms=("calf-swelling",), recorded_at=recorded_at)


def cleared(recorded_at: dt.datetime | None, day: dt.date = DAY) -> Clearance:
    return Clearance(day=day, by="GP", recorded_at=recorded_at)


def flags(history: History, day: dt.date = DAY) -> list[tuple[str, FlagLevel, str, dt.date]]:
    return [(f.id, f.level, f.source, f.since) for f in open_red_flags(history, day, load_questionnaire())]


URGENT_SWELLING = ("calf-swelling", FlagLevel.URGENT, "checkin", DAY)


def test_an_urgent_check_in_recorded_after_a_same_day_clearance_stops_training() -> None:
    history = History(clearances=(cleared(at(9)),), checkins=(swelling(at(19)),))
    assert flags(history) == [URGENT_SWELLING]
    # and it stays open on the days after, until another clearance
    assert flags(history, DAY + dt.timedelta(days=3)) == [URGENT_SWELLING]


def test_an_urgent_check_in_recorded_before_a_same_day_clearance_is_cleared() -> None:
    history = History(checkins=(swelling(at(7)),), clearances=(cleared(at(16)),))
    assert flags(history) == []
    assert flags(history, DAY + dt.timedelta(days=1)) == []


def test_the_same_instant_counts_as_before_the_clearance() -> None:
    assert flags(History(checkins=(swelling(at(9)),), clearances=(cleared(at(9)),))) == []


def test_instants_compare_across_time_zones() -> None:
    # 08:00 at UTC-5 is 13:00 UTC: after a clearance recorded at 12:00 UTC
    later = History(clearances=(cleared(at(12)),), checkins=(swelling(at(8, tz=ZONE)),))
    assert flags(later) == [URGENT_SWELLING]
    # 06:00 at UTC-5 is 11:00 UTC: before it
    earlier = History(clearances=(cleared(at(12)),), checkins=(swelling(at(6, tz=ZONE)),))
    assert flags(earlier) == []


@pytest.mark.parametrize(
    ("checkin_at", "clearance_at"),
    [(None, None), (at(19), None), (None, at(9))],
    ids=["neither", "clearance-without", "check-in-without"],
)
def test_without_both_instants_a_clearance_closes_its_whole_day_as_before(
    checkin_at: dt.datetime | None, clearance_at: dt.datetime | None
) -> None:
    history = History(clearances=(cleared(clearance_at),), checkins=(swelling(checkin_at),))
    assert flags(history) == []


def test_a_clearance_on_a_later_day_closes_both_orders() -> None:
    before = DAY - dt.timedelta(days=1)
    history = History(
        checkins=(swelling(at(7, before), before), swelling(at(19, before), before)),
        clearances=(cleared(at(9, before), before), cleared(at(8), DAY)),
    )
    assert flags(history, before) == [("calf-swelling", FlagLevel.URGENT, "checkin", before)]
    assert flags(history) == []


def test_a_later_clearance_the_same_day_closes_what_came_before_it() -> None:
    history = History(
        clearances=(cleared(at(9)), cleared(at(21))),
        checkins=(swelling(at(19)),),
    )
    assert flags(history) == []


def test_a_flag_raised_after_the_clearance_reports_its_own_day_only_once() -> None:
    before = DAY - dt.timedelta(days=1)
    history = History(
        checkins=(
            swelling(at(7, before), before),  # closed by the clearance
            swelling(at(10)),  # after it: open, since DAY
            swelling(at(8, DAY + dt.timedelta(days=1)), DAY + dt.timedelta(days=1)),
        ),
        clearances=(cleared(at(9)),),
    )
    assert flags(history, DAY + dt.timedelta(days=1)) == [URGENT_SWELLING]


def test_a_referral_symptom_follows_the_same_rule() -> None:
    history = History(
        clearances=(cleared(at(9)),),
        checkins=(CheckIn(day=DAY, morning_pain=3, symptoms=("night-pain",), recorded_at=at(20)),),
    )
    assert flags(history) == [("night-pain", FlagLevel.REFER, "checkin", DAY)]


def test_a_screening_taken_after_a_same_day_clearance_stays_open() -> None:
    screening = ScreeningAnswers(day=DAY, flagged=("chest-pain",), taken_at=at(18))
    history = History(screenings=(screening,), clearances=(cleared(at(9)),))
    assert flags(history) == [("chest-pain", FlagLevel.URGENT, "screening", DAY)]
    earlier = ScreeningAnswers(day=DAY, flagged=("chest-pain",), taken_at=at(8))
    assert flags(History(screenings=(earlier,), clearances=(cleared(at(9)),))) == []
    undated = ScreeningAnswers(day=DAY, flagged=("chest-pain",))
    assert flags(History(screenings=(undated,), clearances=(cleared(at(9)),))) == []


def test_naive_instants_are_refused() -> None:
    naive = dt.datetime(2026, 3, 10, 9)
    with pytest.raises(ValueError, match="time zone"):
        CheckIn(day=DAY, morning_pain=0, recorded_at=naive)
    with pytest.raises(ValueError, match="time zone"):
        Clearance(day=DAY, by="GP", recorded_at=naive)
    with pytest.raises(ValueError, match="time zone"):
        ScreeningAnswers(day=DAY, taken_at=naive)
