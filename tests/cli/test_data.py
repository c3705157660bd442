import json
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, rows, run_json


def _fill(cli: Cli) -> None:
    run_json(
        cli,
        "log",
        "--set",
        "calf-raise-step:12x2@2.5:each",
        "--cardio",
        "brisk-walk:20min:5.4kmh",
        "--rpe",
        "5",
    )
    run_json(cli, "checkin", "--pain", "1", "--stiffness", "2", "--no-input")
    run_json(cli, "test", "heel-raise", "--left", "18", "--right", "21")


def _other(tmp_path: Path, cli: Cli) -> tuple[Cli, Path]:
    from typer.testing import CliRunner

    from calfcoach.cli.main import app

    other = tmp_path / "other.db"

    def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(app, ["--db", f"sqlite:///{other}", *args], input=input)

    return invoke, other


def test_a_json_export_imports_into_an_empty_database_losslessly(signed_up: Cli, tmp_path: Path) -> None:
    _fill(signed_up)
    first = tmp_path / "first.json"
    exported = run_json(signed_up, "export", str(first))
    assert exported["counts"]["sessions"] == 1
    other, other_file = _other(tmp_path, signed_up)
    imported = run_json(other, "import-data", str(first))
    assert imported["counts"]["sets"] == 4
    second = tmp_path / "second.json"
    run_json(other, "export", str(second))
    assert json.loads(first.read_text()) == json.loads(second.read_text())
    assert rows(other_file, "set_logs") == 4


def test_a_csv_export_imports_back_losslessly(signed_up: Cli, tmp_path: Path) -> None:
    _fill(signed_up)
    exported = run_json(signed_up, "export", str(tmp_path / "all.csv"))
    assert exported["path"] == str(tmp_path / "all")
    assert (tmp_path / "all" / "sets.csv").exists()
    other, _ = _other(tmp_path, signed_up)
    run_json(other, "import-data", str(tmp_path / "all"))
    run_json(signed_up, "export", str(tmp_path / "a.json"))
    run_json(other, "export", str(tmp_path / "b.json"))
    assert json.loads((tmp_path / "a.json").read_text()) == json.loads((tmp_path / "b.json").read_text())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a CalfCoach export"),
        ('{"format": "calfcoach-export", "version": 99}', "newer"),
    ],
)
def test_a_malformed_export_file_is_refused_and_nothing_written(
    signed_up: Cli, tmp_path: Path, content: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    other, other_file = _other(tmp_path, signed_up)
    result = other("import-data", str(bad))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not other_file.exists()  # checked before the database is opened: not even an empty one


def test_an_export_with_one_bad_value_writes_nothing(signed_up: Cli, tmp_path: Path) -> None:
    _fill(signed_up)
    good = tmp_path / "good.json"
    run_json(signed_up, "export", str(good))
    document = json.loads(good.read_text())
    document["sessions"][0]["pain_during"] = 14
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    other, other_file = _other(tmp_path, signed_up)
    result = other("import-data", str(bad))
    assert result.exit_code == 2
    assert "sessions[0].pain_during" in result.output
    assert not other_file.exists()


def test_importing_over_an_existing_history_is_refused(signed_up: Cli, tmp_path: Path) -> None:
    _fill(signed_up)
    export = tmp_path / "mine.json"
    run_json(signed_up, "export", str(export))
    result = signed_up("import-data", str(export))
    assert result.exit_code == 2
    assert "already has records" in result.output


def test_an_export_name_without_a_known_suffix_is_refused(signed_up: Cli, tmp_path: Path) -> None:
    result = signed_up("export", str(tmp_path / "all.xml"))
    assert result.exit_code == 2
    assert "FILE.json or FILE.csv" in result.output


def _one_error_line(output: str) -> str:
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize("name", ["x.json", "x.csv"])
def test_an_export_to_a_place_that_cannot_be_written_is_one_error_line(
    signed_up: Cli, tmp_path: Path, name: str
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = signed_up("export", str(blocker / name))
    assert result.exit_code == 2, result.output
    assert "cannot write the file" in _one_error_line(result.output)


def test_json_nested_too_deeply_is_refused_with_one_error_line(
    cli: Cli, tmp_path: Path, db_file: Path
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    result = cli("import-data", str(deep))
    assert result.exit_code == 2, result.output
    assert "nested too deeply" in _one_error_line(result.output)
    assert not db_file.exists()  # a file refused before the database is opened creates nothing


def test_an_import_with_an_unknown_exercise_is_refused_like_log_refuses_it(
    signed_up: Cli, tmp_path: Path
) -> None:
    _fill(signed_up)
    good = tmp_path / "good.json"
    run_json(signed_up, "export", str(good))
    document = json.loads(good.read_text())
    document["sessions"][0]["sets"][0]["exercise_id"] = "moon-walk"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    other, other_file = _other(tmp_path, signed_up)
    result = other("import-data", str(bad))
    assert result.exit_code == 2, result.output
    line = _one_error_line(result.output)
    assert "sessions[0]" in line
    assert "exercise 'moon-walk' is not in the library" in line
    assert not other_file.exists()
