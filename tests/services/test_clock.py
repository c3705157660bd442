"""CALFCOACH_TODAY: one parser, a clock moved to that day keeping its time of day, the server's refusal."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from calfcoach.domain.errors import InputError
from calfcoach.services.clock import (
    ENV_ALLOW_OVERRIDE,
    ENV_TODAY,
    Clock,
    FixedClock,
    ShiftedClock,
    clock_for_server,
    clock_from_environment,
    in_zone,
    moved_notice,
    parse_today,
)

BERLIN = ZoneInfo("Europe/Berlin")
# The real clock of these tests: a winter morning in Berlin.
WINTER_MORNING = FixedClock(at=dt.datetime(2026, 1, 5, 8, 15, 30, tzinfo=BERLIN))


def test_without_the_variable_the_clock_is_the_real_one() -> None:
    assert type(clock_from_environment({})) is Clock
    assert type(clock_from_environment({ENV_TODAY: "  "})) is Clock  # empty counts as unset
    assert moved_notice(clock_from_environment({})) is None


def test_a_day_moves_the_date_and_keeps_the_real_time_of_day() -> None:
    moved = ShiftedClock(tz=BERLIN, day=dt.date(2027, 2, 1), real=WINTER_MORNING)
    assert moved.today() == dt.date(2027, 2, 1)
    assert moved.now() == dt.datetime(2027, 2, 1, 8, 15, 30, tzinfo=BERLIN)


def test_the_moved_time_takes_the_offset_of_the_moved_day() -> None:
    summer = ShiftedClock(tz=BERLIN, day=dt.date(2027, 7, 1), real=WINTER_MORNING).now()
    assert (summer.hour, summer.minute) == (8, 15)
    assert summer.utcoffset() == dt.timedelta(hours=2)  # summer time, though the real day is in winter


def test_later_times_of_day_stay_later_on_the_moved_day() -> None:
    early, late = (
        ShiftedClock(tz=dt.UTC, day=dt.date(2027, 2, 1), real=FixedClock(at=at)).now()
        for at in (dt.datetime(2026, 1, 5, 7, tzinfo=dt.UTC), dt.datetime(2026, 1, 5, 21, tzinfo=dt.UTC))
    )
    assert early < late
    assert early.date() == late.date() == dt.date(2027, 2, 1)


def test_the_environment_gives_the_day() -> None:
    clock = clock_from_environment({ENV_TODAY: "2027-02-01"})
    assert isinstance(clock, ShiftedClock)
    assert clock.today() == dt.date(2027, 2, 1)
    assert clock.now().date() == dt.date(2027, 2, 1)
    assert moved_notice(clock) == "as of 2027-02-01 (CALFCOACH_TODAY)"


def test_an_iso_datetime_with_offset_is_an_instant_where_time_stands_still() -> None:
    clock = parse_today("2027-02-01T23:30:00+00:00", tz=BERLIN)
    assert clock.now() == dt.datetime(2027, 2, 1, 23, 30, tzinfo=dt.UTC)
    assert clock.now() == clock.now()
    assert clock.today() == dt.date(2027, 2, 2)  # already the next day in Berlin
    assert parse_today("2027-02-01T09:30Z", tz=dt.UTC).now() == dt.datetime(2027, 2, 1, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["2027-13-01", "tomorrow", "01/02/2027", "2027-02-01T25:00+01:00"])
def test_a_bad_value_names_the_variable_the_value_and_the_format(text: str) -> None:
    with pytest.raises(InputError) as raised:
        clock_from_environment({ENV_TODAY: text})
    message = str(raised.value)
    assert message.startswith(f"CALFCOACH_TODAY: {text!r} is not a date")
    assert "YYYY-MM-DD" in message


def test_a_datetime_without_offset_is_refused_as_ambiguous() -> None:
    with pytest.raises(
        InputError, match=r"CALFCOACH_TODAY: '2027-02-01T09:30' has no UTC offset.*YYYY-MM-DD"
    ):
        parse_today("2027-02-01T09:30")


def test_the_server_refuses_a_moved_date_unless_allowed() -> None:
    moved = {ENV_TODAY: "2027-02-01"}
    with pytest.raises(InputError) as raised:
        clock_for_server(moved)
    message = str(raised.value)
    assert "CALFCOACH_TODAY" in message
    assert "future" in message
    assert "wrong day" in message
    assert "--allow-clock-override" in message
    assert ENV_ALLOW_OVERRIDE in message
    assert clock_for_server(moved, allow_override=True).today() == dt.date(2027, 2, 1)
    assert clock_for_server({**moved, ENV_ALLOW_OVERRIDE: "1"}).today() == dt.date(2027, 2, 1)
    with pytest.raises(InputError):
        clock_for_server({**moved, ENV_ALLOW_OVERRIDE: "0"})
    assert type(clock_for_server({})) is Clock


def test_the_server_reports_a_bad_value_even_when_a_moved_date_is_allowed() -> None:
    with pytest.raises(InputError, match="is not a date"):
        clock_for_server({ENV_TODAY: "soon"}, allow_override=True)


def test_the_persons_clock_turns_the_day_at_their_midnight_across_a_daylight_saving_change() -> None:
    berlin = BERLIN
    # 22:30 UTC on Saturday 28 March 2026 is 23:30 in Berlin (CET); a day later the clocks have gone
    # forward, and 22:30 UTC on Sunday 29 March is already 00:30 on Monday (CEST).
    saturday = in_zone(FixedClock(at=dt.datetime(2026, 3, 28, 22, 30, tzinfo=dt.UTC)), berlin)
    sunday = in_zone(FixedClock(at=dt.datetime(2026, 3, 29, 22, 30, tzinfo=dt.UTC)), berlin)
    assert (saturday.today(), sunday.today()) == (dt.date(2026, 3, 28), dt.date(2026, 3, 30))
    assert sunday.now().utcoffset() == dt.timedelta(hours=2)
    assert in_zone(saturday, None) is saturday
