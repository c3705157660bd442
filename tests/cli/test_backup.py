"""`calfcoach backup` and `calfcoach restore`: a round trip; each mistake one `error:` line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from calfcoach.cli.main import app
from tests.cli.conftest import Cli, rows

runner = CliRunner()


def test_a_backup_restores_into_a_new_file_with_everything(
    signed_up: Cli, db_file: Path, tmp_path: Path
) -> None:
    assert signed_up("log", "--set", "calf-raise-step:12x2").exit_code == 0
    made = signed_up("backup", str(tmp_path / "copy.bak"))
    assert made.exit_code == 0, made.output
    assert "schema revision" in made.stdout
    restored = tmp_path / "restored.db"
    done = runner.invoke(app, ["--db", f"sqlite:///{restored}", "restore", str(tmp_path / "copy.bak")])
    assert done.exit_code == 0, done.output
    assert rows(restored, "performed_sessions") == rows(db_file, "performed_sessions") == 1
    again = runner.invoke(app, ["--db", f"sqlite:///{restored}", "restore", str(tmp_path / "copy.bak")])
    assert again.exit_code == 2
    assert "holds data" in again.stderr


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["backup", "{tmp}/no-such-folder/x.bak"], "does not exist; nothing was written"),
        (["backup", "/proc/calfcoach-test.bak"], "cannot write here"),  # not writable, even by root
        (["restore", "{tmp}/missing.bak"], "there is no such file"),
        (["restore", "{tmp}/notes.txt"], "not a CalfCoach backup"),
    ],
)
def test_each_mistake_is_one_error_line_with_exit_2(
    signed_up: Cli, tmp_path: Path, command: list[str], message: str
) -> None:
    (tmp_path / "notes.txt").write_text("not a backup", encoding="utf-8")
    result = signed_up(*(part.format(tmp=tmp_path) for part in command))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:")
    assert message in lines[0]
