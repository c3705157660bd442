"""A usage mistake (an unknown option, a missing argument, a value of the wrong kind) in the CLI's language.

Typer (its own click, pinned in pyproject.toml) writes these in English from the exception's class and
attributes. In another language the line is built again from the same class and attributes with catalog
templates: a value Typer's pydantic adapter refused is said with the words the forms use
(`domain.errors.in_words`); a value a command's own parser refused is already in the person's language.
English keeps Typer's words exactly. A form this module does not know stays English, never garbled:
tests/cli/test_usage.py pins each form Typer writes, so a Typer upgrade that changes one fails there.
Imported only when a command was called wrongly (start-up time).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption, UsageError

from calfcoach.i18n import N_, translate

# The English Typer writes, as (pattern, template): the template is a catalog message with the same fields.
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"Option (?P<name>'[^']*') requires an argument\.$"),
        N_("Option {name} requires an argument."),
    ),
    (
        re.compile(r"Option (?P<name>'[^']*') requires (?P<count>\d+) arguments\.$"),
        N_("Option {name} requires {count} arguments."),
    ),
    (
        re.compile(r"Option (?P<name>'[^']*') does not take a value\.$"),
        N_("Option {name} does not take a value."),
    ),
    (
        re.compile(r"Got unexpected extra argument\(s\) \((?P<extra>.*)\)$", re.S),
        N_("Got unexpected extra argument(s) ({extra})"),
    ),
    (re.compile(r"Missing command\.$"), N_("Missing command.")),
    (re.compile(r"No such command (?P<name>'.*')\.$", re.S), N_("No such command {name}.")),
    (
        re.compile(r"Argument (?P<name>'[^']*') takes (?P<count>\d+) values\.$"),
        N_("Argument {name} takes {count} values."),
    ),
    (re.compile(r"No such option: (?P<name>.*)$", re.S), N_("No such option: {name}")),
)
_NOT_ONE_OF = re.compile(r"(?:Value error, )?(?P<value>.+) is not one of (?P<choices>.+)\.$", re.S)
_NOT_VALID = re.compile(r"Value (?P<value>.+) is not a valid (?P<kind>\w+)\.$", re.S)
_ENVVAR = re.compile(r" \(env var: (?P<name>'[^']*')\)$")
_CHOOSE = N_("Choose from:")
# What is missing, named and unnamed, by Typer's `param_type`.
_MISSING = {
    "argument": (N_("Missing argument {name}"), N_("Missing argument")),
    "option": (N_("Missing option {name}"), N_("Missing option")),
    "parameter": (N_("Missing parameter {name}"), N_("Missing parameter")),
}


def usage_message(error: UsageError, language: str) -> str:
    """The line that says what is wrong with how the command was called, in `language`."""
    english = error.format_message()
    if language == "en":
        return english
    if isinstance(error, MissingParameter):
        return _missing(error, language) or english
    if isinstance(error, BadParameter):
        return _bad_value(error, language)
    if isinstance(error, NoSuchOption):
        said = _form(error.message, language)
        if said is None:
            return english
        if error.possibilities:
            options = ", ".join(sorted(error.possibilities))
            said += " " + translate(language, N_("(Possible options: {options})")).format(options=options)
        return said
    return _form(english, language) or english


def _form(text: str, language: str) -> str | None:
    """A message of a known form in `language`; None for any other."""
    for pattern, template in _FORMS:
        found = pattern.match(text)
        if found:
            return translate(language, template).format(**found.groupdict())
    return None


def _hint(error: BadParameter, language: str) -> str | None:
    """The parameter a value error is about ('--rpe', 'kind'), as Typer names it; None when unknown."""
    hint: Sequence[str] | str | None = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint()
    if hint is None:
        return None
    text = hint if isinstance(hint, str) else " / ".join(repr(x) for x in hint)
    envvar = _ENVVAR.search(text)
    if envvar:
        shown = translate(language, N_(" (env var: {name})")).format(name=envvar["name"])
        text = text[: envvar.start()] + shown
    return text


def _missing(error: MissingParameter, language: str) -> str | None:
    hint = _hint(error, language)
    kind = error.param_type or (None if error.param is None else error.param.param_type_name)
    templates = _MISSING.get(kind or "")
    if templates is None:
        return None
    named, unnamed = templates
    head = translate(language, unnamed) if hint is None else translate(language, named).format(name=hint)
    extra = [] if not error.message else [error.message]
    if error.param is not None:
        more = error.param.get_missing_message(ctx=error.ctx)
        if more:
            extra.append(more)
    if not extra:
        return f"{head}."
    said = ". ".join(extra)
    if said.startswith(_CHOOSE):
        said = translate(language, _CHOOSE) + said.removeprefix(_CHOOSE)
    return f"{head}. {said}"


def _bad_value(error: BadParameter, language: str) -> str:
    reason = _reason(error, language)
    hint = _hint(error, language)
    if hint is None:
        return translate(language, N_("Invalid value: {reason}")).format(reason=reason)
    return translate(language, N_("Invalid value for {name}: {reason}")).format(name=hint, reason=reason)


def _reason(error: BadParameter, language: str) -> str:
    """Why a value was refused, in `language`."""
    from pydantic import ValidationError

    from calfcoach.domain.errors import in_words

    cause = error.__cause__
    if isinstance(cause, ValidationError) and cause.errors():
        item = cause.errors()[0]
        choices = _NOT_ONE_OF.match(str(item["msg"]))
        if item["type"] == "value_error" and choices:
            template = N_("{value} is not one of {choices}.")
            return translate(language, template).format(**choices.groupdict())
        return in_words(item, language)
    not_valid = _NOT_VALID.match(error.message)
    if not_valid:
        return translate(language, N_("{value} is not a valid value.")).format(value=not_valid["value"])
    return error.message  # a command's own parser: already in the CLI's language
