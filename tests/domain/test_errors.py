"""The one formatter of validation problems: places read like the document; the first becomes an error."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, Field, ValidationError, field_validator

from calfcoach.domain.errors import (
    DataFileError,
    Figure,
    InputError,
    NotFoundError,
    Phrase,
    Said,
    Words,
    at,
    describe_validation,
    figure_problem,
    in_words,
    input_error,
    place_of,
    problems_in_words,
)
from calfcoach.i18n import N_


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


def test_the_first_problem_is_said_in_words_in_german_with_the_count_and_the_place() -> None:
    error = _problems({"sets": [{"reps": "x"}], "day": "x"})
    found = input_error(error, where=at(N_("{file}, line {line}"), file="sets.csv", line=3))
    assert found.where == "sets.csv, line 3: sets[0].reps"
    assert str(found) == (
        "sets.csv, line 3: sets[0].reps: Input should be a valid integer, unable to parse string as an "
        "integer (and 1 more problem)"
    )
    assert found.text_in("de") == (
        "sets.csv, Zeile 3: sets[0].reps: Geben Sie eine ganze Zahl ein. (und 1 weiteres Problem)"
    )


def test_a_said_field_is_written_for_each_language_and_english_for_str() -> None:
    count = Said(lambda language: "zwei" if language == "de" else "two")
    error = NotFoundError(N_("no account with id {id}"), id=count)
    assert str(error) == "no account with id two"
    assert error.text_in("de") == "kein Konto mit der ID zwei"


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


def test_an_errors_template_is_translated_before_its_fields_are_put_in() -> None:
    day = dt.date(2026, 12, 6)
    error = InputError(
        "{what} is dated {day}, in the future",
        where="day",
        hint="log what was done, not planned",
        what=Words("the session"),
        day=day,
    )
    english = "day: the session is dated 2026-12-06, in the future (log what was done, not planned)"
    assert str(error) == english
    assert error.text_in("en") == str(error)
    assert error.text_in("de") == (
        "day: die Einheit ist auf den 06.12.2026 datiert, in der Zukunft "
        "(tragen Sie ein, was gemacht wurde, nicht was geplant ist)"
    )
    missing = NotFoundError("no athlete with id {id}", id=7)
    assert str(missing) == "no athlete with id 7"
    assert missing.text_in("de") == "kein Sportler mit der ID 7"
    # A person's own words put in as a field stay as typed, even when they match a message of the app.
    assert NotFoundError("no athlete with id {id}", id="the session").text_in("de").endswith("the session")
    # Text without a template in the catalogs (already written, or braces in it) is shown as it is.
    assert NotFoundError("odd {braces} here").text_in("de") == "odd {braces} here"


def test_a_phrase_put_into_an_error_is_translated_with_it() -> None:
    # A refusal about one FIT file of a chain names it in words of its own ("chained FIT file 2 of 3 ..."):
    # they were put in as rendered English, so the German sentence kept an English part.
    part = Phrase(
        "chained FIT file {number} of {count} (bytes {start}-{end})", number=2, count=3, start=9, end=99
    )
    error = InputError(
        "{part} is a '{kind}' file, not an activity",
        where="s.fit",
        hint="nothing to import",
        part=part,
        kind="settings",
    )
    assert str(error) == (
        "s.fit: chained FIT file 2 of 3 (bytes 9-99) is a 'settings' file, not an activity"
        " (nothing to import)"
    )
    assert error.text_in("de") == (
        "s.fit: angehängte FIT-Datei 2 von 3 (Bytes 9-99) ist eine Datei vom Typ 'settings', keine Aktivität"
        " (nichts zu importieren)"
    )
    assert str(part) == "chained FIT file 2 of 3 (bytes 9-99)"
    reasons = Phrase.joined([Phrase("the file is empty"), "..."])
    assert str(reasons) == "the file is empty; ..."
    assert reasons.text_in("de") == "die Datei ist leer; ..."


@pytest.mark.parametrize(
    ("figure", "english", "german"),
    [
        (Figure(179.04, 1), "179.0", "179,0"),
        (Figure(48.0, 0), "48", "48"),
        (Figure(172800, grouping=True), "172,800", "172.800"),
        (Figure(1234567.5), "1234567.5", "1234567,5"),
        (Figure(500000.0), "500000", "500000"),
    ],
)
def test_a_figure_is_written_as_the_readers_locale_writes_numbers(
    figure: Figure, english: str, german: str
) -> None:
    assert str(figure) == english
    assert figure.text_in("de") == german


class Floors(BaseModel):
    floors: int = Field(le=10000)


def test_an_impossible_figure_of_a_recording_is_said_in_german_and_its_english_kept() -> None:
    with pytest.raises(ValidationError) as raised:
        Floors.model_validate({"floors": 47333})
    problem = figure_problem(raised.value)
    assert str(problem) == "floors 47333, which must be at most 10000"
    assert problem.text_in("de") == "floors 47333, der höchstens 10000 sein muss"
    assert str(figure_problem([])) == "a figure that is not valid"
