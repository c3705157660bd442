"""The coach's words as data: a message is a code, its English template and typed arguments.

The coaching core says why with messages, never with finished sentences: each figure travels as a stored
(SI) value with its kind, so `render` can write it in the person's units, and the template is translated
as a whole (gettext) before the figures are put in. Templates are declared once, with `define`, where the
coach uses them; `TEMPLATES` holds every one by its code (for the catalog tests and for clients reading
the API's codes).

A template that counts something has a plural form too (`define(code, N_plural("{n} session",
"{n} sessions"), counted="n", n=Kind.COUNT)`): the message keeps both English forms and the name of the
argument that counts, and `render` lets the language pick the form for that argument's value (gettext's
ngettext; English: the singular for 1 only).

Stored units, as everywhere in the app: speed km/h, pace s/km, distance and height m, load kg, duration s,
percent in percentage points, dates ISO.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from pydantic import Field, StrictBool, model_validator

from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Dose
from calfcoach.domain.units import (
    METRIC,
    Units,
    distance_text,
    height_text,
    load_step,
    pace_clock,
    speed_number,
)
from calfcoach.i18n import N_, Plural


class Kind(StrEnum):
    """What an argument is, which decides how it is written (and converted)."""

    TEXT = "text"  # words already written (an exercise's name): put in as they are
    COUNT = "count"  # a whole number, or a figure on a 0-10 scale
    NUMBER = "number"  # a plain figure; `digits` fixes its decimals
    PERCENT = "percent"  # percentage points: 3.5 is 3.5%
    SPEED = "speed"  # km/h
    PACE = "pace"  # seconds per km
    DISTANCE = "distance"  # metres
    LOAD = "load"  # kg
    HEIGHT = "height"  # metres
    DURATION = "duration"  # seconds, written in minutes
    DATE = "date"  # ISO date
    DOSE = "dose"  # a dose (its fields in SI, as JSON), described in the person's units and language
    MESSAGE = "message"  # another message, rendered in place
    LIST = "list"  # several messages, joined by `value` (the separator)


NUMERIC = frozenset(
    {
        Kind.COUNT,
        Kind.NUMBER,
        Kind.PERCENT,
        Kind.SPEED,
        Kind.PACE,
        Kind.DISTANCE,
        Kind.LOAD,
        Kind.HEIGHT,
        Kind.DURATION,
    }
)

NONE = N_("none")  # a quantity that has no value (a dose without a load, before one is added)
TEXT_CODE = "text"
LIST_CODE = "list"


class Arg(Value):
    """One argument of a message: its name in the template, its kind and its stored value."""

    name: str
    kind: Kind
    value: int | float | str | None = None
    digits: int | None = None  # NUMBER and PERCENT: exactly this many decimals (None: as few as needed)
    # The figure without its unit, as the first of "load 0 -> 2.5 kg". Strict: a logged session may carry a
    # stored message back (a bout's plan_why), and the API takes only true or false for a boolean.
    bare: StrictBool = False
    parts: tuple[Message, ...] = ()  # MESSAGE: the one message; LIST: the messages joined


class Message(Value):
    """Why, as data. `str(message)` is its English text in metric units (for logs and tests)."""

    code: str
    template: str  # the English text; with `plural`, its form for one
    args: tuple[Arg, ...] = ()
    # A counting message's English form for any other count, and the argument whose value picks the form.
    # Left out of the stored JSON when None, so a message without them is stored as it always was (and
    # messages stored before plural forms existed load as messages without them).
    plural: str | None = Field(default=None, exclude_if=lambda value: value is None)
    counted: str | None = Field(default=None, exclude_if=lambda value: value is None)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        """Plans stored before messages existed hold their reasons as text: they are read as said."""
        if isinstance(data, str):
            return verbatim(data).model_dump()
        return data

    @model_validator(mode="after")
    def _counted_is_an_argument(self) -> Message:
        if (self.plural is None) != (self.counted is None):
            raise ValueError(f"message {self.code}: a plural form and the argument it counts go together")
        if self.counted is not None and self.counted not in {arg.name for arg in self.args}:
            raise ValueError(f"message {self.code} counts {self.counted!r}, which is none of its arguments")
        return self

    def __str__(self) -> str:
        return render(self)

    def __contains__(self, text: object) -> bool:
        """Whether the English text holds `text` (a model would otherwise answer about its fields)."""
        return isinstance(text, str) and text in str(self)

    def __bool__(self) -> bool:
        return bool(self.args) or bool(self.template)

    def arg(self, name: str) -> Arg:
        """The argument called `name` (KeyError when the message has none)."""
        for arg in self.args:
            if arg.name == name:
                return arg
        raise KeyError(f"message {self.code} has no argument {name!r}")


Arg.model_rebuild()

EMPTY = Message(code=TEXT_CODE, template="", args=())
"""No reason at all (falsy)."""


@dataclass(frozen=True)
class Spec:
    """How a template's argument is written: its kind, and for numbers their decimals or no unit."""

    kind: Kind
    digits: int | None = None
    bare: bool = False


@dataclass(frozen=True)
class Template:
    """A message's code and English text with the kinds of its arguments; calling it makes the message.

    A counting template also has its English plural form and the name of the argument that counts (its
    `text` is then the form for one)."""

    code: str
    text: str
    specs: Mapping[str, Spec]
    plural: str | None = None
    counted: str | None = None

    def __post_init__(self) -> None:
        if (self.plural is None) != (self.counted is None):
            raise ValueError(f"message {self.code}: a plural form needs the argument it counts, and back")
        if self.counted is not None and (
            self.counted not in self.specs or self.specs[self.counted].kind is not Kind.COUNT
        ):
            raise ValueError(f"message {self.code}: {self.counted!r} is not one of its counts")

    def __call__(self, **values: object) -> Message:
        missing, extra = set(self.specs) - set(values), set(values) - set(self.specs)
        if missing or extra:
            raise TypeError(f"message {self.code}: missing {sorted(missing)}, unexpected {sorted(extra)}")
        return Message(
            code=self.code,
            template=self.text,
            args=tuple(_arg(name, self.specs[name], values[name]) for name in self.specs),
            plural=self.plural,
            counted=self.counted,
        )


TEMPLATES: dict[str, Template] = {}
"""Every template by its code."""


def define(code: str, text: str | Plural, *, counted: str | None = None, **kinds: Kind | Spec) -> Template:
    """Declare a message: `define("pain.over", N_("pain {worst}/10 on {day}"), worst=Kind.COUNT,
    day=Kind.DATE)`. Codes are stable (clients and stored plans keep them) and unique.

    A message that counts something gives both English forms and names the count that picks one:
    `define("stages.moved_on", N_plural("moved on after {sessions} good session", "moved on after
    {sessions} good sessions"), counted="sessions", sessions=Kind.COUNT)`."""
    singular, plural = (text.singular, text.plural) if isinstance(text, Plural) else (text, None)
    specs = {name: kind if isinstance(kind, Spec) else Spec(kind) for name, kind in kinds.items()}
    template = Template(code=code, text=singular, specs=specs, plural=plural, counted=counted)
    if code in TEMPLATES and (TEMPLATES[code].text, TEMPLATES[code].plural) != (singular, plural):
        raise ValueError(f"message code {code!r} is declared twice with different texts")
    TEMPLATES[code] = template
    return template


COACH_VOICE: dict[str, Template] = {}
"""A message that speaks to the person ("your usual 1/10") by its code -> the same words about them, for
their coach ("their usual 1/10")."""


def define_coach_voice(of: Template, text: str | Plural) -> Template:
    """Declare how a coach reads the message `of`: the same arguments (and count), the person in the third
    person. Its code is `of`'s with ".coach"."""
    counted = of.counted if isinstance(text, Plural) else None
    voiced = define(f"{of.code}.coach", text, counted=counted, **of.specs)
    COACH_VOICE[of.code] = voiced
    return voiced


def in_coach_voice(message: Message) -> Message:
    """The message as the person's coach reads it: each part that speaks to the person (itself, or a
    message in its arguments) in its coach's words; the arguments unchanged."""
    voiced = COACH_VOICE.get(message.code)
    args = tuple(
        arg.model_copy(update={"parts": tuple(in_coach_voice(p) for p in arg.parts)}) if arg.parts else arg
        for arg in message.args
    )
    if voiced is None and args == message.args:
        return message
    if voiced is None:
        return message.model_copy(update={"args": args})
    return Message(
        code=voiced.code, template=voiced.text, plural=voiced.plural, counted=voiced.counted, args=args
    )


def _as_message(value: object) -> Message:
    if isinstance(value, Message):
        return value
    if isinstance(value, str):
        return verbatim(value)
    raise TypeError(f"not a message: {value!r}")


def _arg(name: str, spec: Spec, value: object) -> Arg:
    kind = spec.kind
    if kind is Kind.MESSAGE:
        return Arg(name=name, kind=kind, parts=(_as_message(value),))
    if kind is Kind.LIST:
        raise TypeError("a list is made with joined()")
    if kind is Kind.DATE:
        if not isinstance(value, dt.date):
            raise TypeError(f"argument {name} is a date, not {value!r}")
        return Arg(name=name, kind=kind, value=value.isoformat())
    if kind is Kind.DOSE:
        if not isinstance(value, Dose):
            raise TypeError(f"argument {name} is a dose, not {value!r}")
        return Arg(name=name, kind=kind, value=value.model_dump_json(exclude_defaults=True))
    if kind is Kind.TEXT:
        return Arg(name=name, kind=kind, value=str(value))
    if value is not None and not isinstance(value, int | float):
        raise TypeError(f"argument {name} is a number, not {value!r}")
    return Arg(name=name, kind=kind, value=value, digits=spec.digits, bare=spec.bare)


def verbatim(text: str) -> Message:
    """Words that are not the coach's to translate (an exercise's own text, a clinician's advice), as said."""
    if not text:
        return EMPTY
    return Message(code=TEXT_CODE, template="{text}", args=(Arg(name="text", kind=Kind.TEXT, value=text),))


def joined(parts: Iterable[Message | str], separator: str = "; ") -> Message:
    """Several messages in a row, empty ones left out ("a; b; c")."""
    kept = tuple(m for m in (_as_message(p) for p in parts) if m)
    if not kept:
        return EMPTY
    if len(kept) == 1:
        return kept[0]
    return Message(
        code=LIST_CODE,
        template="{items}",
        args=(Arg(name="items", kind=Kind.LIST, value=separator, parts=kept),),
    )


def codes(message: Message) -> tuple[str, ...]:
    """The codes of a message and of every message in it, outermost first."""
    found = [message.code]
    for arg in message.args:
        for part in arg.parts:
            found += codes(part)
    return tuple(found)


def parts_of(message: Message) -> tuple[Message, ...]:
    """The messages a list joins, or the message itself."""
    if message.code == LIST_CODE:
        return message.args[0].parts
    return (message,) if message else ()


# --- Rendering ---------------------------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _figure(arg: Arg, units: Units, say: Callable[[str], str]) -> str:
    value = arg.value
    if value is None:
        return say(NONE)
    if isinstance(value, str):
        raise ValueError(f"argument {arg.name} of kind {arg.kind} holds text {value!r}")
    kind = arg.kind
    if kind is Kind.COUNT:
        return f"{value:g}"
    if kind is Kind.NUMBER:
        return f"{value:g}" if arg.digits is None else f"{value:.{arg.digits}f}"
    if kind is Kind.PERCENT:
        return (f"{value:g}" if arg.digits is None else f"{value:.{arg.digits}f}") + "%"
    if kind is Kind.DURATION:
        return _number(value / 60) + ("" if arg.bare else " min")
    if kind is Kind.LOAD:
        return _number(load_step(value, units.load)) + ("" if arg.bare else f" {units.load.value}")
    if kind is Kind.SPEED:
        return _number(speed_number(value, units)) + ("" if arg.bare else f" {units.speed_unit}")
    if kind is Kind.PACE:
        return pace_clock(value, units) + ("" if arg.bare else f" min{units.pace_unit}")
    if kind is Kind.DISTANCE:
        text = distance_text(value, units)
        return text.rsplit(" ", 1)[0] if arg.bare else text
    text = height_text(value, units)  # Kind.HEIGHT
    return text.rsplit(" ", 1)[0] if arg.bare else text


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


class Locale(NamedTuple):
    """How a language writes: its messages (a gettext, and an ngettext for the forms a count picks), its
    figures' decimals, its dates."""

    say: Callable[[str], str]
    figure: Callable[[str], str]
    date: Callable[[dt.date], str]
    dose: Callable[[Dose, Units], str]
    # Words put in as they are, but for an exercise's or a program's name, which is the reader's language's:
    # the engine names exercises in the library's English where it has no person's library at hand (gates).
    text: Callable[[str], str] = str
    plural: Callable[[str, str, int], str] = _english_plural


def _text(arg: Arg, units: Units, locale: Locale) -> str:
    if arg.kind is Kind.MESSAGE:
        return render(arg.parts[0], units, locale)
    if arg.kind is Kind.LIST:
        return str(arg.value).join(render(p, units, locale) for p in arg.parts)
    if arg.kind in NUMERIC:
        return locale.figure(_figure(arg, units, locale.say))
    if arg.kind is Kind.DOSE and isinstance(arg.value, str):
        return locale.dose(Dose.model_validate_json(arg.value), units)
    if arg.kind is Kind.DATE and isinstance(arg.value, str):
        return locale.date(dt.date.fromisoformat(arg.value))
    return "" if arg.value is None else locale.text(str(arg.value))  # TEXT


def _forms(message: Message) -> tuple[str, str, str] | None:
    """A counting message's two English forms and the argument that counts, or None.

    A message stored before its template had a plural form holds one English text (the form for any
    count): its template, declared with both forms now, says it with the right one.
    """
    if message.plural is not None and message.counted is not None:
        return message.template, message.plural, message.counted
    known = TEMPLATES.get(message.code)
    if (
        known is not None
        and known.plural is not None
        and known.counted is not None
        and message.template in (known.text, known.plural)
        and any(arg.name == known.counted for arg in message.args)
    ):
        return known.text, known.plural, known.counted
    return None


def _count(message: Message, counted: str) -> int:
    """The whole number that picks a counting message's form: a count with no value, or a fraction (a
    figure on a 0-10 scale), takes the plural, as 'other' does in English and German."""
    value = message.arg(counted).value
    if isinstance(value, int | float) and value == int(value):
        return int(value)
    return 2


def render(message: Message, units: Units = METRIC, locale: Locale | None = None) -> str:
    """The message's text in `units` and `locale` (English, decimal points and ISO dates when None)."""
    locale = locale or ENGLISH
    texts = {arg.name: _text(arg, units, locale) for arg in message.args}
    forms = _forms(message)
    if message.code in (TEXT_CODE, LIST_CODE):
        template = message.template
    elif forms is not None:
        singular, plural, counted = forms
        template = locale.plural(singular, plural, _count(message, counted))
    else:
        template = locale.say(message.template)
    return template.format(**texts)


def _as_written(text: str) -> str:
    return text


def _dose_in_english(dose: Dose, units: Units) -> str:
    return dose.describe(units)


ENGLISH = Locale(say=_as_written, figure=_as_written, date=dt.date.isoformat, dose=_dose_in_english)


def as_data(message: Message) -> dict[str, Any]:
    """The message for API clients: its code, and each argument's stored value (SI) with its kind."""
    out: dict[str, Any] = {"code": message.code}
    for arg in message.args:
        if arg.kind is Kind.MESSAGE:
            out[arg.name] = as_data(arg.parts[0])
        elif arg.kind is Kind.LIST:
            out[arg.name] = [as_data(p) for p in arg.parts]
        else:
            stored = (
                json.loads(arg.value) if arg.kind is Kind.DOSE and isinstance(arg.value, str) else arg.value
            )
            out[arg.name] = {"kind": arg.kind.value, "value": stored, "unit": UNITS.get(arg.kind)}
    return out


UNITS: Mapping[Kind, str] = {
    Kind.SPEED: "km/h",
    Kind.PACE: "s/km",
    Kind.DISTANCE: "m",
    Kind.LOAD: "kg",
    Kind.HEIGHT: "m",
    Kind.DURATION: "s",
    Kind.PERCENT: "%",
}
"""The unit each kind's stored value is in (the API's units)."""
