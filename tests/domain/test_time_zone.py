"""A profile's time zone: IANA names only, and the zone they stand for."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from calfcoach.domain.profile import Profile, time_zone_names

START = dt.date(2026, 1, 5)


def test_a_profile_without_a_zone_lives_in_the_machines() -> None:
    assert Profile(start_date=START, weekdays=frozenset({0})).zone is None


@pytest.mark.parametrize("name", ["Europe/Berlin", "Pacific/Auckland", "America/New_York", "UTC"])
def test_an_iana_name_gives_its_zone(name: str) -> None:
    profile = Profile(start_date=START, weekdays=frozenset({0}), time_zone=name)
    assert str(profile.zone) == name
    assert name in time_zone_names()


@pytest.mark.parametrize(
    "name", ["Mars/Olympus", "../../etc/passwd", "/etc/localtime", "Europe/Berlin\x00", ""]
)
def test_anything_else_is_refused_saying_what_a_zone_looks_like(name: str) -> None:
    with pytest.raises(ValidationError, match="time_zone"):
        Profile(start_date=START, weekdays=frozenset({0}), time_zone=name)
