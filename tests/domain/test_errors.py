"""The one formatter of validation problems: places read like the document; the first becomes an error."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from calfcoach.domain.errors import (
    DataFileError,
    describe_validation,
    in_words,
    input_error,
    place_of,
    problems_in_words,
)


class Item(BaseModel):
    reps: int

    @field_validator("reps")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("reps must be at least 1")
        return value


class Session(BaseModel):
    sets: list[Item]
    day: int


def _problems(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        Session.model_validate(data)
    return raised.value


def test_places_read_the_way_a_document_is_written() -> None:
    assert place_of(("sets", 0, "reps")) == "sets[0].reps"
    assert place_of(("day",)) == "day"
    assert place_of(()) == ""


def test_every_problem_goes_on_one_line_without_pydantic_prefixes() -> None:
    error = _problems({"sets": [{"reps": 0}], "day": "x"})
    assert describe_validation(error) == (
        "sets[0].reps: reps must be at least 1; "
        "day: Input should be a valid integer, unable to parse string as an integer"
    )


def test_the_first_problem_becomes_an_input_error_placed_in_its_file_counting_the_rest() -> None:
    error = _problems({"sets": [{"reps": 0}], "day": "x"})
    found = input_error(error, where="backup.json", within=("sessions", 2), hint="fix it", kind=DataFileError)
    assert isinstance(found, DataFileError)
    assert found.where == "backup.json: sessions[2].sets[0].reps"
    assert found.message == "reps must be at least 1 (and 1 more problem)"
    assert found.hint == "fix it"


def test_problems_given_as_plain_records_are_formatted_the_same() -> None:
    assert describe_validation([{"loc": ("weekdays", 0), "msg": "Input should be a valid integer"}]) == (
        "weekdays[0]: Input should be a valid integer"
    )


@pytest.mark.parametrize(
    ("problem", "words"),
    [
        ({"type": "missing", "msg": "Field required"}, "Fill this in."),
        (
            {"type": "too_short", "msg": "Frozenset should have at least 1 item", "ctx": {"min_length": 1}},
            "Choose at least one.",
        ),
        ({"type": "less_than_equal", "msg": "Input should be <= 20", "ctx": {"le": 20}}, "Enter 20 or less."),
        (
            {"type": "greater_than_equal", "msg": "Input should be >= 0", "ctx": {"ge": 0.0}},
            "Enter 0 or more.",
        ),
        ({"type": "int_parsing", "msg": "Input should be a valid integer"}, "Enter a whole number."),
        (
            {"type": "date_from_datetime_parsing", "msg": "Input should be a valid date"},
            "Enter a date as year-month-day, e.g. 2027-03-01.",
        ),
        ({"type": "enum", "msg": "Input should be 'a' or 'b'"}, "Choose one of the options."),
        (
            {"type": "string_too_long", "msg": "x", "ctx": {"max_length": 100}},
            "Too long: at most 100 characters.",
        ),
        ({"type": "value_error", "msg": "Value error, reps must be at least 1"}, "Reps must be at least 1"),
        ({"type": "something_new", "msg": "Input should be whatever"}, "This value is not valid here."),
    ],
)
def test_a_problem_in_words_never_shows_the_validators_text(problem: dict[str, object], words: str) -> None:
    assert in_words(problem) == words


def test_problems_in_words_keep_their_places() -> None:
    error = _problems({"sets": [{"reps": 0}], "day": "x"})
    assert problems_in_words(error) == [
        ("sets[0].reps", "Reps must be at least 1"),
        ("day", "Enter a whole number."),
    ]
