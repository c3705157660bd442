"""Help in the person's language, translated only when it is shown (cli/helptext.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import typer.main
import typer.rich_utils
from typer._click import Command, Context
from typer.testing import CliRunner

from calfcoach.cli.helptext import RICH_WORDS, translate_help
from calfcoach.cli.main import app
from tests.cli.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]
WIDE = {"COLUMNS": "140"}


def _texts(root: Command) -> dict[str, str | None]:
    """Every help text of the tree, by command and option."""
    found: dict[str, str | None] = {}

    def walk(command: Command, path: str) -> None:
        found[path] = command.help
        for param in command.params:
            found[f"{path} {param.name}"] = getattr(param, "help", "")
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(root, "calfcoach")
    return found


def test_typer_still_draws_help_with_the_words_we_translate() -> None:
    """A Typer upgrade that renames these constants, or changes their English, must fail here, not leave
    German help with English section titles."""
    import importlib

    fresh = importlib.reload(typer.rich_utils)
    for name, english in RICH_WORDS.items():
        assert getattr(fresh, name) == english, name
    from typer._click.formatting import HelpFormatter

    formatter = HelpFormatter(width=80)
    formatter.write_usage("calfcoach", "today")
    assert formatter.getvalue().startswith("Usage: calfcoach today")


def test_every_command_and_option_has_help_in_german() -> None:
    root = typer.main.get_command(app)
    english = _texts(root)
    assert all(english.values()), [place for place, text in english.items() if not text]
    ctx = Context(root, info_name="calfcoach")
    translate_help(ctx, "de")
    german = _texts(root)
    same = [place for place in english if german[place] == english[place]]
    assert not same, f"help not in the German catalog: {same}"
    translate_help(ctx, "en")
    assert _texts(root) == english


@pytest.mark.usefixtures("german_machine")
def test_help_in_german_with_lang() -> None:
    runner = CliRunner()
    top = runner.invoke(app, ["--help"], env=WIDE)
    assert top.exit_code == 0, top.output
    for german in ("Aufruf: calfcoach", "Optionen", "Befehle", "Die Version zeigen.", "kräftigere Waden"):
        assert german in top.output
    assert "keine medizinische Beratung" in top.output
    assert "Zeigen, was heute zu tun ist" in top.output  # a command's short help
    for english in ("Usage:", "Options", "Commands", "Show the version.", "Show what to do today"):
        assert english not in top.output
    log = runner.invoke(app, ["log", "--help"], env=WIDE)
    assert log.exit_code == 0, log.output
    for german in ("Aufruf: calfcoach log", "Eine anderswo absolvierte Einheit eintragen", "Wiederholbar."):
        assert german in log.output
    assert "Stärkster Schmerz währenddessen, 0-10." in log.output
    assert "[Standard: 0]" in log.output
    assert "Diese Hilfe zeigen und beenden." in log.output


@pytest.mark.usefixtures("german_machine")
def test_a_group_without_its_command_shows_german_help() -> None:
    result = CliRunner().invoke(app, ["admin"], env=WIDE)
    assert "Serververwaltung." in result.output
    assert "Ein neues Passwort für ein Konto setzen" in result.output


@pytest.mark.usefixtures("english_machine")
def test_english_help_is_as_typer_writes_it() -> None:
    runner = CliRunner()
    # German first in the same process: the next page must be English again.
    runner.invoke(app, ["--help"], env={**WIDE, "LANG": "de_DE.UTF-8"})
    result = runner.invoke(app, ["log", "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    for english in ("Usage: calfcoach log", "Options", "Worst pain during, 0-10.", "[default: 0]"):
        assert english in result.output
    assert "Show this message and exit." in result.output
    top = runner.invoke(app, ["--help"], env=WIDE)
    assert "CalfCoach: stronger calves, then running. CalfCoach is not medical advice" in " ".join(
        top.output.split()
    )
    assert "Commands" in top.output


@pytest.mark.usefixtures("english_machine")
def test_a_german_profile_reads_help_in_german_on_an_english_machine(cli: Cli) -> None:
    cli("init", "--no-input", "--all-no", "--name", "Greta", "--skip-test", "--language", "de")
    result = cli("log", "--help")
    assert "Aufruf: calfcoach log" in result.output
    assert "Eine anderswo absolvierte Einheit eintragen" in result.output


def test_english_today_loads_no_catalog(signed_up: Cli, db_file: Path) -> None:
    """`calfcoach today` in English opens no catalog and imports neither Babel nor Typer's help module."""
    code = textwrap.dedent(
        f"""
        import gettext, sys
        opened = []
        real = gettext.translation
        def spy(*args, **kwargs):
            opened.append(args)
            return real(*args, **kwargs)
        gettext.translation = spy
        from calfcoach.cli.main import app
        try:
            app(["--db", "sqlite:///{db_file}", "today"])
        except SystemExit as stop:
            assert not stop.code, stop.code
        loaded = [m for m in ("babel", "typer.rich_utils", "calfcoach.cli.usage") if m in sys.modules]
        print("RESULT", opened, loaded, file=sys.stderr)
        """
    )
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "RESULT [] []" in done.stderr
