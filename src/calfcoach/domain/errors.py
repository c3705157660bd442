"""The exception tree: each error says what was wrong, where, and what to do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from calfcoach.i18n import (
    N_,
    format_date,
    format_decimal,
    localize_decimals,
    normalize,
    translate,
    translate_plural,
)


class Invalid(Protocol):
    """A failed validation: pydantic's ValidationError, or a web framework's error built on it."""

    def errors(self) -> Sequence[Any]: ...


class Words(str):
    """The app's own words put into an error as a field ("the session"), translated with it: a field of
    any other text (an id, a name a person typed) is put in as it is."""

    __slots__ = ()


class Phrase:
    """A part of a message that is a message itself, put into an error as a field: a template of the app's
    own words with named fields (`Phrase(N_("chained FIT file {number} of {count}"), number=2, count=3)`),
    translated with the error it is put into. `str()` is its English text."""

    __slots__ = ("fields", "template")

    def __init__(self, template: str, /, **fields: object) -> None:
        self.template = template
        self.fields: Mapping[str, object] = fields

    @classmethod
    def joined(cls, parts: Sequence[object], separator: str = "; ") -> Phrase:
        """Parts said one after the other, each in the language of the whole (a list of reasons)."""
        return cls(
            separator.join(f"{{p{i}}}" for i in range(len(parts))),
            **{f"p{i}": p for i, p in enumerate(parts)},
        )

    def text_in(self, language: str | None) -> str:
        """The phrase in `language` (None: its English text)."""
        template = self.template if language is None else translate(language, self.template)
        return _put_in(template, self.fields, language)

    def __str__(self) -> str:
        return self.text_in(None)

    def __repr__(self) -> str:
        return f"Phrase({self.template!r}, **{dict(self.fields)!r})"


class Figure:
    """A number put into an error as a field, written as the reader's locale writes it: `Figure(9.46, 1)` is
    9.5 in English and 9,5 in German, `Figure(172800, grouping=True)` 172,800 and 172.800."""

    __slots__ = ("digits", "grouping", "value")

    def __init__(self, value: object, digits: int | None = None, *, grouping: bool = False) -> None:
        self.value = value
        self.digits = digits
        self.grouping = grouping

    def text_in(self, language: str | None) -> str:
        """The number for `language` (None: as English writes it)."""
        if (self.digits is None and not self.grouping) or not isinstance(self.value, int | float):
            return figure(self.value, language)  # 47333, 1234567.5, 0,5: never 1.23457e+06
        if language is None:
            shape = ("," if self.grouping else "") + ("" if self.digits is None else f".{self.digits}f")
            return format(self.value, shape)
        if self.digits is not None and not self.grouping:  # Babel's pattern for digits always groups
            return localize_decimals(f"{self.value:.{self.digits}f}", language)
        return format_decimal(self.value, language, self.digits, grouping=self.grouping)

    def __str__(self) -> str:
        return self.text_in(None)


class Said:
    """A field the app writes itself for each language: a count with its plural ("2 minutes"), the open
    flags of a safety stop each in the reader's words. `say(None)` is the English text."""

    __slots__ = ("_say",)

    def __init__(self, say: Callable[[str | None], str]) -> None:
        self._say = say

    def __call__(self, language: str | None) -> str:
        return self._say(language)

    def __str__(self) -> str:
        return self._say(None)


Where = str | Said
"""Where a problem is: a field's name, a file, or a place said in the reader's language (`at()`)."""


def at(template: str, **fields: object) -> Said:
    """A place in the reader's language: `at(N_("{file}, line {line}"), file=path, line=3)`."""
    return Said(lambda language: _put_in(translate(language, template), fields, language))


def _field(value: object, language: str | None) -> object:
    if isinstance(value, Phrase | Figure):
        return value.text_in(language)
    if isinstance(value, Said):
        return value(language)
    if language is None:
        return value.isoformat() if isinstance(value, dt.date) else value
    if isinstance(value, Words):
        return translate(language, value)
    if isinstance(value, dt.date):  # ISO 8601 in English, as the CLI always wrote it; the locale's otherwise
        return value.isoformat() if normalize(language) == "en" else format_date(value, language)
    return value


def _put_in(template: str, fields: Mapping[str, object], language: str | None = None) -> str:
    """The template with its named fields put in, for `language` (None: the English text)."""
    if not fields:
        return template
    return template.format(**{name: _field(value, language) for name, value in fields.items()})


class CalfCoachError(Exception):
    """Base of every error the app reports to a person rather than crashing on.

    Its message is an English template with named fields (`NotFoundError(N_("no athlete with id {id}"),
    id=7)`): `str(error)` is the English text (logs, the API), `text_in()` the text a person reads,
    translated before the fields are put in, as every message of the app is.
    """

    def __init__(self, message: str = "", /, **fields: object) -> None:
        self.template = message
        self.fields: Mapping[str, object] = fields
        super().__init__(_put_in(message, fields))

    def text_in(self, language: str | None) -> str:
        """The error in `language` (its English text for a message the catalogs do not hold)."""
        template = getattr(self, "template", None)
        if template is None:  # a subclass that did not pass its message through here
            return str(self)
        return _put_in(translate(language, template), self.fields, language)


def phrase_of(error: CalfCoachError) -> Phrase:
    """An error's message as a phrase, to be put into another message that gives its reasons."""
    return Phrase(error.template, **error.fields)


class InputError(CalfCoachError):
    """Input from a person or a file was invalid; nothing was written."""

    def __init__(
        self, message: str, *, where: Where | None = None, hint: str | None = None, **fields: object
    ) -> None:
        self.template = message
        self.fields = fields
        self.message = _put_in(message, fields)
        self.where = None if where is None else str(where)  # English: the API's and the logs' place
        self.where_said = where
        self.hint_template = hint
        self.hint = None if hint is None else _put_in(hint, fields)
        Exception.__init__(self, self.render())

    def said(self, language: str | None) -> str:
        """What was wrong in `language`, without the place and the hint."""
        return _put_in(translate(language, self.template), self.fields, language)

    def hint_in(self, language: str | None) -> str | None:
        """The hint in `language` (a template with the message's named fields, like the message)."""
        hint = getattr(self, "hint_template", self.hint)
        return None if hint is None else _put_in(translate(language, hint), self.fields, language)

    def render(self, language: str | None = None) -> str:
        """Place, message and hint in one line, in `language` (English when None)."""
        message = self.message if language is None else self.said(language)
        hint = self.hint if language is None else self.hint_in(language)
        where = getattr(self, "where_said", self.where)
        place = where(language) if isinstance(where, Said) else where
        text = f"{place}: {message}" if place else message
        return f"{text} ({hint})" if hint else text

    def text_in(self, language: str | None) -> str:
        return self.render(language)


class DataFileError(InputError):
    """A data file (exercise, program, profile) failed validation."""


class NotFoundError(CalfCoachError):
    """The thing asked for does not exist (or belongs to someone else)."""


class ConflictError(InputError):
    """What was asked for exists already (a profile, an id in use); nothing was written."""


def place_of(loc: Sequence[int | str]) -> str:
    """Write a location the way a document reads: ('sets', 0, 'reps') -> 'sets[0].reps'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


Problems = Invalid | Sequence[Mapping[str, Any]]


def validation_problems(error: Problems, within: Sequence[int | str] = ()) -> list[tuple[str, str]]:
    """Each problem found as (place, message): the place inside `within`, the message without a prefix."""
    items = error if isinstance(error, Sequence) else error.errors()
    return [
        (place_of((*within, *item["loc"])), str(item["msg"]).removeprefix("Value error, ")) for item in items
    ]


def describe_validation(error: Problems) -> str:
    """Every problem in one line: 'place: message; place: message' (the one formatter the app uses)."""
    return "; ".join(
        f"{place}: {message}" if place else message for place, message in validation_problems(error)
    )


def input_error(
    error: Problems,
    *,
    where: Where | None = None,
    within: Sequence[int | str] = (),
    hint: str | None = None,
    kind: type[InputError] = InputError,
) -> InputError:
    """The first problem as an InputError placed under `where` (a file, a row), counting the others.

    In English the problem keeps pydantic's words (as the API and the logs have always said it); in
    another language it is said in words (in_words), with the count of the others.
    """
    items = list(error if isinstance(error, Sequence) else error.errors())
    problems = validation_problems(items, within)
    if not problems:
        return kind(N_("the value is not valid"), where=where, hint=hint)
    place, message = problems[0]
    others = len(problems) - 1

    def what(language: str | None) -> str:
        return message if normalize(language) == "en" else in_words(items[0], language)

    def more(language: str | None) -> str:
        if not others:
            return ""
        return " " + translate_plural(
            language, "(and {n} more problem)", "(and {n} more problems)", others
        ).format(n=others)

    located: Where | None = where
    if where and place:
        located = at("{where}: {place}", where=where, place=place)
    elif place:
        located = place
    # The template is only its fields: each is said in the reader's language by itself.
    return kind("{problem}{more}", where=located, hint=hint, problem=Said(what), more=Said(more))


def figure(value: Any, language: str | None = None) -> str:
    """A value a problem names, as people write it: 47333, 1234567.5, 0,5 in German; never 1.23457e+06 or
    500000.0 (the one way validation messages write numbers: forms, imports)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_decimal(value, language, grouping=False)
    return str(value)[:40]


BOUND_WORDS = (
    ("le", N_("at most {limit}")),
    ("lt", N_("under {limit}")),
    ("ge", N_("at least {limit}")),
    ("gt", N_("over {limit}")),
)


def figure_problem(error: Problems) -> Phrase:
    """The first problem with a figure in words: 'floors 47333, which must be at most 10000' (`str()` is the
    English; a phrase, to be said in the reader's language inside an error).

    For figures read from a file (an imported recording), where pydantic's own text would name model
    internals; the figure is named by its place, underscores as spaces.
    """
    items = error if isinstance(error, Sequence) else error.errors()
    if not items:
        return Phrase(N_("a figure that is not valid"))
    first = items[0]
    name = " ".join(str(part) for part in first["loc"]).replace("_", " ") or Words(N_("a figure"))
    bounds = first.get("ctx") or {}
    limit = next(
        (Phrase(words, limit=Figure(bounds[key])) for key, words in BOUND_WORDS if key in bounds),
        Phrase(N_("a valid value")),
    )
    return Phrase(
        N_("{name} {value}, which must be {limit}"), name=name, value=Figure(first.get("input")), limit=limit
    )


def in_words(item: Mapping[str, Any], language: str | None = None) -> str:
    """One validation problem as a sentence a person understands, for a form: what to enter instead.

    Pydantic's own texts ("Frozenset should have at least 1 item after validation, not 0") are written for
    programmers; a form shows this next to the field, in the person's `language`. A check of our own (a
    value error) already speaks plainly, so its text is kept (translated when the catalog has it).
    """

    def _(message: str) -> str:
        return translate(language, message)

    kind = str(item.get("type", ""))
    ctx = item.get("ctx") or {}
    if kind == "value_error":
        text = _(str(item["msg"]).removeprefix("Value error, "))
        return text[:1].upper() + text[1:]
    if kind == "missing":
        return _("Fill this in.")
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return _("Choose at least one.") if least == 1 else _("Choose at least {least}.").format(least=least)
    if kind == "too_long":
        return _("Choose at most {most}.").format(most=ctx.get("max_length"))
    if kind == "string_too_short":
        least = ctx.get("min_length", 1)
        return (
            _("Fill this in.")
            if least == 1
            else _("Too short: at least {least} characters.").format(least=least)
        )
    if kind == "string_too_long":
        return _("Too long: at most {most} characters.").format(most=ctx.get("max_length"))
    bounds = {
        "greater_than_equal": ("ge", _("Enter {limit} or more.")),
        "greater_than": ("gt", _("Enter more than {limit}.")),
        "less_than_equal": ("le", _("Enter {limit} or less.")),
        "less_than": ("lt", _("Enter less than {limit}.")),
    }
    if kind in bounds:
        key, shape = bounds[kind]
        return shape.format(limit=figure(ctx.get(key), language))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("float_parsing", "float_type", "decimal_parsing", "finite_number"):
        return _("Enter a number.")
    if kind.startswith(("date_", "datetime_")):
        return _("Enter a date as year-month-day, e.g. 2027-03-01.")
    if kind in ("enum", "literal_error"):
        return _("Choose one of the options.")
    if kind.startswith("bool_"):
        return _("Answer yes or no.")
    return _("This value is not valid here.")


def problems_in_words(
    error: Problems, within: Sequence[int | str] = (), language: str | None = None
) -> list[tuple[str, str]]:
    """Each problem as (place, sentence): the places of validation_problems(), the words of in_words()."""
    items = error if isinstance(error, Sequence) else error.errors()
    return [(place_of((*within, *item["loc"])), in_words(item, language)) for item in items]
