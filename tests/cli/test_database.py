from pathlib import Path

from typer.testing import CliRunner

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
