"""Languages: the gettext catalogs, choosing a person's language, and dates and numbers in their locale.

Pure (no web, database or terminal imports), so the coaching core, the services and every shell translate
through the same catalogs. Messages are English in the source; a catalog maps them to another language
(src/calfcoach/locale/<lang>/LC_MESSAGES/calfcoach.po, compiled to .mo). A message missing from a catalog is
shown in English, never as an error. docs/translations.md says how to add a language or a message.
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
import os
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from babel import Locale

DEFAULT = "en"
SUPPORTED: tuple[str, ...] = ("en", "de")
"""The languages with a complete catalog (English is the source language and needs none)."""

NAMES: Mapping[str, str] = {"en": "English", "de": "Deutsch"}
"""Each language by its own name, as a person looking for theirs would recognise it."""

DOMAIN = "calfcoach"
LOCALE_DIR = Path(__file__).parent / "locale"

DateStyle = Literal["short", "medium", "long", "full"]


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet (it is translated where it is shown)."""
    return message


class Plural(NamedTuple):
    """A message's two English forms: for one, and for any other count."""

    singular: str
    plural: str


def N_plural(singular: str, plural: str) -> Plural:
    """Mark a message with a plural form for extraction (`-k N_plural:1,2`), translated where it is shown
    with the count that picks the form (`translate_plural`)."""
    return Plural(singular, plural)


def normalize(language: str | None) -> str:
    """The supported language for a tag like `de`, `de-AT`, `de_DE.UTF-8`; English for anything else."""
    if not language:
        return DEFAULT
    primary = language.strip().replace("_", "-").split(".")[0].split("@")[0].split("-")[0].lower()
    return primary if primary in SUPPORTED else DEFAULT


def is_supported(language: str) -> bool:
    """Whether `language` is exactly one of the supported codes (for validating a stored choice)."""
    return language in SUPPORTED


def negotiate(accept_language: str | None) -> str:
    """The supported language a browser's Accept-Language header prefers most (English when none is).

    Tags are taken by their quality value (q, default 1), ties in the header's order; `q=0` means
    "not this one". `de-CH;q=0.9, en;q=0.8` gives German.
    """
    if not accept_language:
        return DEFAULT
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0  # a malformed weight is not a preference
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, position, tag))
    for _, _, tag in sorted(ranked):
        primary = tag.strip().replace("_", "-").split("-")[0].lower()
        if primary in SUPPORTED:
            return primary
    return DEFAULT


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the POSIX locale variables ask for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.

    For the CLI and a person who has not chosen a language. LANGUAGE may list several (`de:en`); the first
    supported one wins. `C` and `POSIX` mean English.
    """
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        named = [c for c in env.get(name, "").split(":") if c and c != "POSIX" and c.split(".")[0] != "C"]
        if named:  # the first variable set decides, as for gettext; English when it names none we have
            return next((normalize(c) for c in named if normalize(c) != DEFAULT), DEFAULT)
    return DEFAULT


@cache
def translations(language: str | None) -> gettext_module.NullTranslations:
    """The compiled catalog of a language; English (the messages as written) for English or an unknown one."""
    code = normalize(language)
    if code == DEFAULT:
        return gettext_module.NullTranslations()
    return gettext_module.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def translate(language: str | None, message: str) -> str:
    """A message in a language (the empty text stays empty: gettext would answer the catalog's header)."""
    return translations(language).gettext(message) if message else message


def translate_plural(language: str | None, singular: str, plural: str, n: int) -> str:
    """A message whose form depends on a count, in a language (the count is not put in: format it after)."""
    return translations(language).ngettext(singular, plural, n)


@cache
def locale(language: str | None) -> Locale:
    """Babel's locale for a language (English for an unknown one)."""
    # Babel is imported where it is first used: it adds 15 ms to a CLI command that writes no date.
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(normalize(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT)


def format_date(day: dt.date, language: str | None, style: DateStyle | str = "medium") -> str:
    """A date for a person: `6 Dec 2026` style in English, `06.12.2026` in German (Babel's patterns).

    `style` is short, medium, long or full, or a CLDR skeleton-free pattern such as `EEE d MMM`.
    """
    from babel import dates as babel_dates

    return babel_dates.format_date(day, format=style, locale=locale(language))


def format_datetime(
    moment: dt.datetime,
    language: str | None,
    style: DateStyle | str = "medium",
    zone: dt.tzinfo | None = None,
) -> str:
    """A date and time for a person, shown in `zone` (the moment's own zone when None)."""
    from babel import dates as babel_dates

    return babel_dates.format_datetime(moment, format=style, tzinfo=zone, locale=locale(language))


def format_time(moment: dt.datetime, language: str | None, style: DateStyle | str = "short") -> str:
    """A time of day for a person, in the moment's own zone: 7:30 AM / 07:30."""
    from babel import dates as babel_dates

    return babel_dates.format_time(moment, format=style, locale=locale(language))


def format_skeleton(day: dt.date, language: str | None, skeleton: str) -> str:
    """A date by a CLDR skeleton, ordered by the locale: `MMMEd` is Sun, Dec 6 / So., 6. Dez."""
    from babel import dates as babel_dates

    return babel_dates.format_skeleton(skeleton, day, locale=locale(language))


def format_decimal(
    number: float | int | Decimal, language: str | None, digits: int | None = None, *, grouping: bool = True
) -> str:
    """A number with the locale's decimal sign and grouping: 1,234.5 / 1.234,5 (1234.5 / 1234,5 without
    `grouping`, for a limit a person types back into a field).

    With `digits`, exactly that many decimals (rounded half to even, as Babel does); otherwise as few as show
    the value, up to three.
    """
    from babel import numbers as babel_numbers

    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return babel_numbers.format_decimal(
        number, format=pattern, locale=locale(language), group_separator=grouping
    )


def decimal_sign(language: str | None) -> str:
    """The locale's decimal sign: `.` in English, `,` in German."""
    from babel import numbers as babel_numbers

    return babel_numbers.get_decimal_symbol(locale(language))


_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def localize_decimals(text: str, language: str | None) -> str:
    """A text written with `.` decimals (a unit module's `5.4 km/h`, a dose) with the locale's sign: 5,4 km/h.

    Only a point between two digits changes, so a clock (9:32), a sentence's full stop or an ISO date stay.
    """
    if normalize(language) == DEFAULT:  # English writes a point; Babel stays unloaded for the CLI
        return text
    sign = decimal_sign(language)
    return text if sign == "." else _DECIMAL_POINT.sub(sign, text)


def format_percent(fraction: float, language: str | None) -> str:
    """A fraction as a percentage for the locale: 45% / 45 %."""
    from babel import numbers as babel_numbers

    return babel_numbers.format_percent(fraction, locale=locale(language))
