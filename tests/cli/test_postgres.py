"""The same commands against the real PostgreSQL server (skipped, saying why, where none is reachable)."""

import json

import pytest
from typer.testing import CliRunner

from calfcoach.cli.main import app

pytestmark = pytest.mark.postgres


def test_a_first_day_works_on_postgresql(postgres_url: str) -> None:
    runner = CliRunner()

    def run(*args: str) -> dict[str, object]:
        result = runner.invoke(app, ["--db", postgres_url, *args, "--json"])
        assert result.exit_code == 0, result.output
        loaded: dict[str, object] = json.loads(result.stdout)
        return loaded

    run("init", "--no-input", "--all-no", "--skip-test")
    run("log", "--set", "calf-raise-step:12x2", "--cardio", "brisk-walk:20min:5.4kmh")
    run("checkin", "--pain", "1", "--no-input")
    assert run("today")["done_today"]
    assert run("history")["totals"] == {"sessions": 1, "sets": 2, "checkins": 1, "tests": 0}
    assert run("doctor")["backend"] == "postgresql"
    bad = runner.invoke(
        app, ["--db", postgres_url, "log", "--set", "calf-raise-step:12", "--pain-during", "11"]
    )
    assert bad.exit_code == 2
    assert run("history")["totals"]["sessions"] == 1  # type: ignore[index]
