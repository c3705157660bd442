"""Fixtures for command tests: a fresh SQLite database, and a person signed up to train today."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from calfcoach.cli.main import app
from calfcoach.domain.profile import WEEKDAY_NAMES

Cli = Callable[..., Result]


# The machine's locale, for commands that speak LANG when the person chose no language.
@pytest.fixture
def english_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def german_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "calfcoach.db"


@pytest.fixture
def cli(db_file: Path) -> Cli:
    """Run a command on the test database, the way a person types it."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(
            app, ["--db", f"sqlite:///{db_file}", *args], input=input, env={"COLUMNS": "120"}
        )

    return invoke


def run_json(cli: Cli, *args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def rows(db_file: Path, table: str) -> int:
    """Count the rows of a table straight from the file (what is really written)."""
    with sqlite3.connect(db_file) as connection:
        found: int = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return found


TODAY = dt.date.today()


@pytest.fixture
def signed_up(cli: Cli) -> Cli:
    """A person who trains on today's weekday only, so today always has a session."""
    result = cli(
        "init",
        "--no-input",
        "--all-no",
        "--name",
        "Ada",
        "--weekdays",
        WEEKDAY_NAMES[TODAY.weekday()],
        "--start",
        (TODAY - dt.timedelta(days=14)).isoformat(),
        "--equipment",
        "step,wall,chair",
        "--skip-test",
    )
    assert result.exit_code == 0, result.output
    return cli
