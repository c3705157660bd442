"""The help of commands and options in the person's language, translated only when help is shown.

Typer writes the help texts into click's command tree when the program starts; translating them there would
load the catalog on every start-up, `today`'s included. So the texts are marked with `N_()` where they are
written (nothing is loaded), every command of the tree gets `HelpContext`, and its `get_help()` (the one way
click shows help: `--help`, a group run without its command, `no_args_is_help`) translates the tree's texts,
Typer's own words (its section titles, `[default: ...]`) and the usage line's prefix first.

The language of help: the acting athlete's, else the profile's when a SQLite file names one athlete (read
without the store, as `today`'s cache does), else the machine's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from typer._click import Command, Context
from typer._click.formatting import HelpFormatter

from calfcoach.i18n import N_, translate

# Typer's rich help reads these constants of typer.rich_utils each time it draws a page (Typer is pinned;
# tests/cli/test_helptext.py fails if a new Typer renames them or changes their English).
RICH_WORDS: dict[str, str] = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
}
USAGE = N_("Usage:")
HELP_OPTION = N_("Show this message and exit.")  # the help text click gives every `--help`

_COMPOSED: dict[str, Callable[[str], str]] = {}  # a help text made of messages: how to say it in a language
_ENGLISH = "calfcoach_english_help"  # where a translated object keeps its English text
_usage = {"prefix": "Usage: "}


def joined(*parts: str) -> str:
    """A help text made of marked messages (`N_()` each), translated part by part."""
    _COMPOSED[text := " ".join(parts)] = lambda language: " ".join(translate(language, p) for p in parts)
    return text


def filled(template: str, /, **fields: str) -> str:
    """A help text from a marked template (`N_()`) with named fields put in (a variable's name), translated
    before they are put in."""
    _COMPOSED[text := template.format(**fields)] = lambda language: translate(language, template).format(
        **fields
    )
    return text


class UsageFormatter(HelpFormatter):
    """click's formatter with the usage line's prefix in the help's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _usage["prefix"] if prefix is None else prefix)


class HelpContext(Context):
    """The context of every command: its help is translated just before it is drawn."""

    formatter_class = UsageFormatter

    def get_help(self) -> str:
        translate_help(self, help_language())
        return super().get_help()


def give_help_context(command: Command) -> None:
    """Let every command of the tree draw its help through HelpContext (Typer builds the tree on each run)."""
    command.context_class = HelpContext
    for sub in getattr(command, "commands", {}).values():
        give_help_context(sub)


def help_language() -> str:
    """The language help is shown in: the profile's when it can be read cheaply, else the machine's."""
    from calfcoach.cli.words import early_language

    return early_language()


def translate_help(ctx: Context, language: str) -> None:
    """Put the help texts of the whole tree (the page shows the commands' short help too), Typer's words and
    the usage prefix into `language`; English puts back the texts as written."""
    import typer.rich_utils

    def said(text: str) -> str:
        composed = _COMPOSED.get(text)
        return translate(language, text) if composed is None else composed(language)

    def retell(item: Any) -> None:
        english = getattr(item, _ENGLISH, None)
        if english is None:
            english = item.help
            setattr(item, _ENGLISH, english)
        if english:
            item.help = said(english)

    def walk(command: Command) -> None:
        retell(command)
        for param in command.params:
            if hasattr(param, "help"):
                retell(param)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(ctx.find_root().command)
    help_option = ctx.command.get_help_option(ctx)
    if help_option is not None:
        help_option.help = translate(language, HELP_OPTION)
    for name, english in RICH_WORDS.items():
        setattr(typer.rich_utils, name, translate(language, english))
    _usage["prefix"] = f"{translate(language, USAGE)} "
