"""The CLI's words in the person's language: `_()` for a message, `ngettext()` for a counted one, `day()` and
`number()` for dates and figures.

The language is the profile's once the command has read the athlete (services.athletes keeps it on the
choice), else the machine's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): a command that fails before reading a
profile still speaks the machine's language. English needs no catalog and no Babel, so `calfcoach today` in
English starts as fast as before; another language loads its compiled catalog (and Babel only to write a
date or a number).
"""

from __future__ import annotations

import datetime as dt


def language() -> str:
    """The language of this command's output: the acting athlete's choice, else the machine's locale."""
    from calfcoach.cli.database import acting_language
    from calfcoach.i18n import from_environment

    return acting_language() or from_environment()


def early_language() -> str:
    """The language before the command has read the athlete: the acting athlete's, else the profile's when the
    database is a SQLite file naming one athlete (read without the store, in milliseconds, as `today`'s cache
    reads it), else the machine's. For what is said before any profile is read: help, a usage mistake, a
    self-test's protocol."""
    from calfcoach.cli.database import acting_language, chosen_athlete, chosen_url
    from calfcoach.cli.today_cache import athlete_language
    from calfcoach.domain.database_url import sqlite_file
    from calfcoach.i18n import from_environment, normalize

    chosen = acting_language()
    if chosen:
        return chosen
    database = sqlite_file(chosen_url())
    if database is not None and database.is_file():
        stored = athlete_language(database, chosen_athlete())
        if stored:
            return normalize(stored)
    return from_environment()


def _(message: str, /, **fields: object) -> str:
    """A message in the CLI's language, with its named fields put in after translating (`{reps} reps`)."""
    from calfcoach.i18n import translate

    text = translate(language(), message)
    return text.format(**fields) if fields else text


def ngettext(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """A counted message in the CLI's language; `{n}` and the named fields are put in after translating."""
    from calfcoach.i18n import translate_plural

    return translate_plural(language(), singular, plural, n).format(n=n, **fields)


def day(value: dt.date | str) -> str:
    """A date for the person: ISO 8601 in English (as the CLI always wrote it), the locale's short form
    otherwise (06.12.2026). An ISO string (a view's date) is read first."""
    when = dt.date.fromisoformat(value) if isinstance(value, str) else value
    spoken = language()
    if spoken == "en":
        return when.isoformat()
    from calfcoach.i18n import format_date

    return format_date(when, spoken, "medium")


def weekday(value: dt.date | str, english: str) -> str:
    """A day's short weekday name: `english` as the view wrote it (Mon), the locale's otherwise (Mo.)."""
    spoken = language()
    if spoken == "en":
        return english
    from calfcoach.i18n import format_date

    when = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(when, spoken, "EEE")


def number(value: float, digits: int | None = None) -> str:
    """A figure with the locale's decimal sign: `2.5` / `2,5` (`{:g}` as before in English; `digits`
    decimals when given)."""
    text = f"{value:g}" if digits is None else f"{value:.{digits}f}"
    spoken = language()
    if spoken == "en":
        return text
    from calfcoach.i18n import localize_decimals

    return localize_decimals(text, spoken)


def label(code: str) -> str:
    """The words for a stored code (a muscle, a level: calfcoach.labels) in the CLI's language."""
    from calfcoach.labels import english

    return _(english(code))


def localized(text: str) -> str:
    """A unit module's figure (`5.4 km/h`, `2.5 kg`) with the CLI language's decimal sign."""
    spoken = language()
    if spoken == "en":
        return text
    from calfcoach.i18n import localize_decimals

    return localize_decimals(text, spoken)
