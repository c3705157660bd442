"""A profile's training days: names and numbers accepted, anything else refused with a validation error."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from calfcoach.domain.errors import describe_validation
from calfcoach.domain.profile import Profile

START = dt.date(2026, 1, 5)


def _profile(weekdays: object) -> Profile:
    return Profile.model_validate({"start_date": START, "weekdays": weekdays})


@pytest.mark.parametrize(
    ("weekdays", "where"),
    [
        ([{}], "weekdays[0]"),  # unhashable: was a TypeError, a 500 in the API and a traceback in import-data
        ([[1]], "weekdays[0]"),
        ([True], "weekdays[0]"),  # a lax int took it for Tuesday
        ([1.0], "weekdays[0]"),
        ("mon", "weekdays"),
        ([9], "weekdays"),
        ([], "weekdays"),
        ({"mon": 1}, "weekdays"),
    ],
)
def test_what_is_not_a_list_of_days_is_a_validation_error_naming_the_place(
    weekdays: object, where: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        _profile(weekdays)
    assert describe_validation(raised.value).startswith(f"{where}: ")


def test_one_text_is_refused_with_what_to_write_instead() -> None:
    with pytest.raises(
        ValidationError, match=r"must be a list of days, 0 \(Monday\) to 6 \(Sunday\) or mon\.\.sun"
    ):
        _profile("mon,wed")


def test_day_names_and_single_digits_are_read_as_day_numbers() -> None:
    assert _profile(["Monday", "wed", 4, "6"]).weekdays == frozenset({0, 2, 4, 6})
