import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from calfcoach.cli.main import app

runner = CliRunner()
WIDE = {"COLUMNS": "200"}
CLI_DOCS = Path(__file__).parents[2] / "docs" / "cli.md"


def _json(*args: str) -> Any:
    result = runner.invoke(app, ["exercises", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_list_shows_every_exercise_in_a_table() -> None:
    result = runner.invoke(app, ["exercises"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Exercises (29)" in result.stdout
    for exercise_id in ("calf-raise-step", "step-box-raise", "heel-raise-test", "uphill-jog"):
        assert exercise_id in result.stdout


def test_the_json_list_holds_every_exercise_in_the_file_format() -> None:
    data = _json()
    assert data["count"] == len(data["exercises"]) == 29
    box = next(e for e in data["exercises"] if e["id"] == "step-box-raise")
    assert box["default_dose"]["reps"] == 12
    assert box["default_dose"]["reps_max"] == 15
    assert box["equipment"] == ["step_box"]
    assert set(box) >= {
        "id",
        "name",
        "category",
        "primary_muscles",
        "knee",
        "tempo",
        "substitutes",
        "sources",
    }


def test_one_exercise_shows_in_full() -> None:
    result = runner.invoke(app, ["exercises", "step-box-raise"], env=WIDE)
    assert result.exit_code == 0, result.output
    for text in (
        "Aerobic step-box raise",
        "Heels never touch the ground.",
        "3 × 12-15",
        "up 1 s, hold 1 s, down 3 s",
    ):
        assert text in result.stdout


def test_one_exercise_as_json_has_no_substitution_unless_equipment_is_given() -> None:
    data = _json("calf-raise-step")
    assert data["exercise"]["id"] == "calf-raise-step"
    assert data["resolved"] is None


def test_missing_equipment_shows_what_to_do_instead() -> None:
    data = _json("uphill-walk", "--equipment", "treadmill")
    assert data["resolved"] == {
        "id": "treadmill-walk",
        "name": "Treadmill walk",
        "reason": "no hill: Treadmill walk instead of Uphill walk",
    }
    result = runner.invoke(app, ["exercises", "calf-raise-step", "-e", "none"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert (
        "do floor-calf-raise (no step: Calf raise on the floor instead of Calf raise on a step)"
        in result.stdout
    )


def test_the_list_can_be_filtered_by_muscle_and_equipment() -> None:
    soleus = _json("--muscle", "soleus")["exercises"]
    assert soleus
    assert all("soleus" in e["primary_muscles"] for e in soleus)
    no_kit = _json("--equipment", "none")["exercises"]
    assert no_kit
    assert all(e["equipment"] == [] for e in no_kit)
    with_step = {e["id"] for e in _json("-e", "step", "-e", "wall")["exercises"]}
    assert {"calf-raise-step", "wall-calf-stretch-straight", "brisk-walk"} <= with_step
    assert "treadmill-walk" not in with_step


def test_a_muscle_name_may_be_written_with_spaces_or_dashes() -> None:
    assert _json("--muscle", "Tibialis anterior")["count"] == 2
    assert _json("--muscle", "tibialis-anterior")["count"] == 2


def test_an_unknown_id_exits_2_with_a_suggestion() -> None:
    result = runner.invoke(app, ["exercises", "calf-rasie"])
    assert result.exit_code == 2
    assert "no exercise 'calf-rasie' in the library; did you mean 'calf-raise-step'?" in result.stderr


def test_an_unknown_muscle_or_equipment_exits_2_listing_the_choices() -> None:
    result = runner.invoke(app, ["exercises", "--muscle", "solues"])
    assert result.exit_code == 2
    assert "unknown muscle 'solues'; did you mean 'soleus'?" in result.stderr
    assert "gastrocnemius" in result.stderr
    result = runner.invoke(app, ["exercises", "--equipment", "trampoline"])
    assert result.exit_code == 2
    assert "unknown equipment 'trampoline'" in result.stderr


def test_a_muscle_filter_with_an_id_exits_2() -> None:
    result = runner.invoke(app, ["exercises", "calf-raise-step", "--muscle", "soleus"])
    assert result.exit_code == 2
    assert "--muscle filters the list" in result.stderr


def test_a_test_without_its_equipment_exits_2_saying_why() -> None:
    result = runner.invoke(app, ["exercises", "knee-to-wall-test", "-e", "none"])
    assert result.exit_code == 2
    assert "'knee-to-wall-test' needs: wall" in result.stderr


def test_the_command_module_imports_nothing_heavy_at_start_up() -> None:
    code = (
        "import sys, calfcoach.cli.exercises; "
        "heavy = [m for m in ('pydantic', 'rich', 'yaml', 'calfcoach.library.catalog') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_option_of_the_command_is_documented_in_docs_cli() -> None:
    docs = CLI_DOCS.read_text(encoding="utf-8")
    section = docs.split("## exercises", 1)[1].split("\n## ", 1)[0]
    result = runner.invoke(app, ["exercises", "--help"], env=WIDE)
    options = set(re.findall(r"--[a-z][a-z-]+", result.stdout)) - {"--help"}
    assert options == {"--json", "--muscle", "--equipment"}
    for option in options:
        assert option in section
    for key in ('"count"', '"exercises"', '"exercise"', '"resolved"', '"reason"'):
        assert key in section
