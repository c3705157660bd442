import sqlite3
from pathlib import Path

from typer.testing import CliRunner, Result

from calfcoach.cli.main import app
from tests.cli.conftest import rows


def test_without_db_the_environment_variable_names_the_database(tmp_path: Path) -> None:
    target = tmp_path / "from-env.db"
    env = {"CALFCOACH_DATABASE_URL": f"sqlite:///{target}"}
    result = CliRunner().invoke(app, ["init", "--no-input", "--all-no", "--skip-test"], env=env)
    assert result.exit_code == 0, result.output
    assert rows(target, "athletes") == 1
    today = CliRunner().invoke(app, ["today", "--json"], env=env)
    assert today.exit_code == 0, today.output


def test_db_wins_over_the_environment_variable(tmp_path: Path) -> None:
    chosen, ignored = tmp_path / "chosen.db", tmp_path / "ignored.db"
    env = {"CALFCOACH_DATABASE_URL": f"sqlite:///{ignored}"}
    args = ["--db", f"sqlite:///{chosen}", "init", "--no-input", "--all-no", "--skip-test"]
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert rows(chosen, "athletes") == 1
    assert not ignored.exists()


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _one_error_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    return lines[0]


def test_a_read_command_on_a_missing_database_creates_nothing_and_says_how_to_make_one(
    tmp_path: Path,
) -> None:
    target = tmp_path / "nowhere" / "calfcoach.db"
    line = _one_error_line(_run("--db", f"sqlite:///{target}", "today"))
    assert "there is no database here" in line
    assert "calfcoach init" in line
    assert not target.parent.exists()


def test_a_file_that_is_not_sqlite_is_one_error_line(tmp_path: Path) -> None:
    target = tmp_path / "calfcoach.db"
    target.write_text("not a database\n" * 100)
    line = _one_error_line(_run("--db", f"sqlite:///{target}", "today"))
    assert "not a SQLite database" in line


def test_a_truncated_database_is_one_error_line(tmp_path: Path) -> None:
    target = tmp_path / "calfcoach.db"
    url = f"sqlite:///{target}"
    made = _run("--db", url, "init", "--no-input", "--all-no", "--skip-test")
    assert made.exit_code == 0, made.output
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    Path(f"{target}-today.json").unlink(missing_ok=True)
    assert "malformed" in _one_error_line(_run("--db", url, "today"))


def test_a_sqlite_file_of_another_program_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    with sqlite3.connect(target) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    line = _one_error_line(
        _run("--db", f"sqlite:///{target}", "init", "--no-input", "--all-no", "--skip-test")
    )
    assert "but no CalfCoach schema revision; nothing was changed" in line
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
