import sqlite3
from pathlib import Path

from tests.cli.conftest import Cli, rows, run_json


def test_doctor_reports_location_schema_integrity_and_counts(signed_up: Cli, db_file: Path) -> None:
    data = run_json(signed_up, "doctor")
    assert data["location"] == str(db_file)
    assert data["backend"] == "sqlite"
    assert data["revision"] == data["head"]
    assert data["ok"] is True
    assert data["counts"]["athletes"] == 1
    result = signed_up("doctor")
    assert "integrity ok" in result.stdout


def test_a_database_from_a_newer_version_is_refused_untouched(signed_up: Cli, db_file: Path) -> None:
    with sqlite3.connect(db_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = db_file.read_bytes()
    for command in (["doctor"], ["today"], ["log", "--set", "calf-raise-step:12"], ["history"]):
        result = signed_up(*command)
        assert result.exit_code == 2, (command, result.output)
        assert "newer than this CalfCoach" in result.output
        assert "Traceback" not in result.output
    assert rows(db_file, "performed_sessions") == 0
    assert db_file.read_bytes() == before


def test_a_database_url_that_cannot_work_is_a_clear_error(cli: Cli) -> None:
    from typer.testing import CliRunner

    from calfcoach.cli.main import app

    result = CliRunner().invoke(app, ["--db", "nosuchdb://x", "doctor"])
    assert result.exit_code == 2
    assert "database" in result.output
