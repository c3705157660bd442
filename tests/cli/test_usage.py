"""Typer's usage errors in the CLI's language (cli/usage.py); English exactly as Typer writes it."""

from __future__ import annotations

import pytest
from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)

from calfcoach.cli.usage import usage_message
from tests.cli.conftest import Cli


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return monkeypatch


# (arguments, the English line Typer writes, the German line): each form of usage error a person can meet.
CASES = [
    (
        ("today", "--bogus"),
        "error: No such option: --bogus (see `calfcoach today --help`)",
        "Fehler: Diese Option gibt es nicht: --bogus (siehe `calfcoach today --help`)",
    ),
    (
        ("today", "--jsn"),
        "error: No such option: --jsn (Possible options: --json) (see `calfcoach today --help`)",
        "Fehler: Diese Option gibt es nicht: --jsn (Mögliche Optionen: --json) "
        "(siehe `calfcoach today --help`)",
    ),
    (
        ("test",),
        "error: Missing argument 'kind'. Choose from:",
        "Fehler: Das Argument 'kind' fehlt. Wählen Sie aus:",
    ),
    (
        ("history", "--last", "x"),
        "error: Invalid value for '--last': Input should be a valid integer, unable to parse string as an "
        "integer (see `calfcoach history --help`)",
        "Fehler: Ungültiger Wert für '--last': Geben Sie eine ganze Zahl ein. "
        "(siehe `calfcoach history --help`)",
    ),
    (
        ("plan", "--weeks", "0"),
        "error: Invalid value for '--weeks': Input should be greater than or equal to 1 "
        "(see `calfcoach plan --help`)",
        "Fehler: Ungültiger Wert für '--weeks': Geben Sie 1 oder mehr ein. (siehe `calfcoach plan --help`)",
    ),
    (
        ("test", "flying"),
        "error: Invalid value for 'kind': Value error, 'flying' is not one of 'heel-raise', 'knee-to-wall', "
        "'balance', 'hop'. (see `calfcoach test --help`)",
        "Fehler: Ungültiger Wert für 'kind': 'flying' ist keiner der Werte 'heel-raise', 'knee-to-wall', "
        "'balance', 'hop'. (siehe `calfcoach test --help`)",
    ),
    (
        ("log", "--rpe", "abc"),
        "error: Invalid value for '--rpe': 'abc' is not a number (see `calfcoach log --help`)",
        "Fehler: Ungültiger Wert für '--rpe': 'abc' ist keine Zahl (siehe `calfcoach log --help`)",
    ),
    (
        ("history", "--last"),
        "error: Option '--last' requires an argument.",
        "Fehler: Die Option '--last' braucht einen Wert.",
    ),
    (
        ("today", "--json=3"),
        "error: Option '--json' does not take a value.",
        "Fehler: Die Option '--json' nimmt keinen Wert an.",
    ),
    (
        ("today", "one", "two"),
        "error: Got unexpected extra argument(s) (one two) (see `calfcoach today --help`)",
        "Fehler: Unerwartete zusätzliche Argumente (one two) (siehe `calfcoach today --help`)",
    ),
    (
        ("nosuch",),
        "error: No such command 'nosuch'. (see `calfcoach --help`)",
        "Fehler: Einen Befehl 'nosuch' gibt es nicht. (siehe `calfcoach --help`)",
    ),
    (
        ("program",),
        "error: Missing command. (see `calfcoach program --help`)",
        "Fehler: Der Befehl fehlt. (siehe `calfcoach program --help`)",
    ),
]


@pytest.mark.parametrize(("arguments", "english", "german"), CASES)
def test_a_usage_error_in_english_and_german(
    cli: Cli, machine: pytest.MonkeyPatch, arguments: tuple[str, ...], english: str, german: str
) -> None:
    result = cli(*arguments)
    assert result.exit_code == 2
    assert english in result.stderr
    machine.setenv("LANG", "de_DE.UTF-8")
    result = cli(*arguments)
    assert result.exit_code == 2
    assert german in result.stderr
    assert "error:" not in result.stderr


def test_forms_no_command_here_raises_are_said_too() -> None:
    assert usage_message(BadArgumentUsage("Argument 'files' takes 2 values."), "de") == (
        "Das Argument 'files' nimmt 2 Werte an."
    )
    assert usage_message(BadOptionUsage("--at", "Option '--at' requires 2 arguments."), "de") == (
        "Die Option '--at' braucht 2 Werte."
    )
    assert usage_message(MissingParameter(param_hint="'--name'", param_type="option"), "de") == (
        "Die Option '--name' fehlt."
    )
    assert usage_message(MissingParameter(param_type="parameter"), "de") == "Ein Parameter fehlt."
    assert usage_message(BadParameter("Value 'x' is not a valid Path."), "de") == (
        "Ungültiger Wert: 'x' ist kein gültiger Wert."
    )
    assert usage_message(NoSuchOption("--x", possibilities=["--xy", "--ax"]), "de") == (
        "Diese Option gibt es nicht: --x (Mögliche Optionen: --ax, --xy)"
    )
    hint = "'--athlete' (env var: 'CALFCOACH_ATHLETE')"
    assert usage_message(BadParameter("no", param_hint=hint), "de") == (
        "Ungültiger Wert für '--athlete' (Umgebungsvariable: 'CALFCOACH_ATHLETE'): no"
    )


def test_english_is_typers_own_text_and_an_unknown_form_stays_english() -> None:
    for error in (
        NoSuchOption("--x", possibilities=["--xy"]),
        MissingParameter(param_hint="'--name'", param_type="option"),
        BadParameter("not good", param_hint="'--rpe'"),
        UsageError("Got unexpected extra argument(s) (a)"),
    ):
        assert usage_message(error, "en") == error.format_message()
    assert usage_message(UsageError("Something new from a later Typer."), "de") == (
        "Something new from a later Typer."
    )
