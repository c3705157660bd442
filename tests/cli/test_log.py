import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.cli.log import parse_cardio, parse_set
from calfcoach.domain.errors import InputError
from tests.cli.conftest import TODAY, Cli, rows, run_json


def test_a_session_done_elsewhere_is_logged_with_sets_and_cardio(signed_up: Cli, db_file: Path) -> None:
    data = run_json(
        signed_up, "log", "--set", "calf-raise-step:12x2@0", "--cardio", "brisk-walk:20min:5.4kmh",
        "--rpe", "5", "--pain-during", "1", "--pain-after", "0",
    )  # fmt: skip
    assert data["sets"] == 2
    assert data["reps"] == 24
    assert data["cardio_min"] == 20.0
    assert data["distance_m"] == 0
    assert data["template_id"] == "strength-a"
    assert rows(db_file, "set_logs") == 2
    assert rows(db_file, "cardio_logs") == 1


def test_a_logged_exercise_takes_its_block_from_that_days_plan(signed_up: Cli, db_file: Path) -> None:
    import sqlite3

    run_json(signed_up, "log", "--set", "calf-raise-step:12x1")
    with sqlite3.connect(db_file) as connection:
        (block,) = connection.execute("SELECT block FROM set_logs").fetchone()
    assert block == "calves"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "calf-raise-step:-1x2"], "reps"),
        (["--set", "calf-raise-step:12", "--pain-during", "11"], "pain_during"),
        (["--set", "calf-raise-step:12", "--pain-after", "-1"], "pain_after"),
        (["--set", "calf-rise-step:12"], "did you mean 'calf-raise-step'"),
        (["--set", "calf-raise-step:12", "--date", "2999-01-01"], "in the future"),
        (["--set", "calf-raise-step:12", "--date", "1st of May"], "--date"),
        (["--set", "calf-raise-step"], "is not a set"),
        (["--cardio", "brisk-walk:5.4kmh"], "no duration"),
        ([], "no sets and no cardio"),
    ],
)
def test_bad_input_is_refused_with_exit_code_2_and_nothing_written(
    signed_up: Cli, db_file: Path, args: list[str], message: str
) -> None:
    result = signed_up("log", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert rows(db_file, "performed_sessions") == 0
    assert rows(db_file, "set_logs") == 0


def test_log_before_init_says_to_run_init(cli: Cli) -> None:
    result = cli("log", "--set", "calf-raise-step:12")
    assert result.exit_code == 2
    assert "calfcoach init" in result.output


def test_a_set_spec_reads_reps_sets_load_and_sides() -> None:
    sets = parse_set("calf-raise-step:12x2@5kg:each")
    assert len(sets) == 4
    assert sets[0] == {
        "exercise_id": "calf-raise-step", "set_index": 0, "side": "left", "load_kg": 5.0, "reps": 12,
    }  # fmt: skip
    assert [s["side"] for s in sets] == ["left", "right", "left", "right"]
    assert parse_set("seated-calf-stretch:30sx2")[1]["hold_s"] == 30.0


def test_a_cardio_spec_reads_each_unit() -> None:
    assert parse_cardio("treadmill-walk:0.5h:5.2kmh:3%:L4:2.6km:128bpm:run600s") == {
        "exercise_id": "treadmill-walk", "duration_s": 1800.0, "avg_speed_kmh": 5.2, "grade_pct": 3.0,
        "level": 4, "distance_m": 2600.0, "avg_hr_bpm": 128, "running_s": 600.0,
    }  # fmt: skip
    with pytest.raises(InputError, match="cannot read 'fast'"):
        parse_cardio("brisk-walk:20min:fast")


@given(reps=st.integers(0, 500), sets=st.integers(1, 20), load=st.integers(0, 200))
def test_every_well_formed_set_spec_gives_that_many_sets(reps: int, sets: int, load: int) -> None:
    parsed = parse_set(f"calf-raise-step:{reps}x{sets}@{load}")
    assert len(parsed) == sets
    assert {p["reps"] for p in parsed} == {reps}
    assert [p["set_index"] for p in parsed] == list(range(sets))


def test_the_morning_check_in_is_stored_with_the_pain_rule_verdict(signed_up: Cli, db_file: Path) -> None:
    data = run_json(signed_up, "checkin", "--pain", "2", "--stiffness", "3", "--no-input")
    assert data["morning_pain"] == 2
    assert data["pain"]["action"] in {"progress", "hold", "reduce"}
    assert rows(db_file, "checkins") == 1


def test_a_check_in_asks_for_what_is_missing(signed_up: Cli, db_file: Path) -> None:
    result = signed_up("checkin", input="1\n0\n" + "n\n" * 7)  # pain, stiffness, the symptom questions
    assert result.exit_code == 0, result.output
    assert rows(db_file, "checkins") == 1


@pytest.mark.parametrize(
    "args", [["--pain", "11"], ["--pain", "-1"], ["--pain", "2", "--stiffness", "12"], ["--no-input"]]
)
def test_a_check_in_out_of_range_is_refused(signed_up: Cli, db_file: Path, args: list[str]) -> None:
    result = signed_up("checkin", "--no-input", *args)
    assert result.exit_code == 2, result.output
    assert rows(db_file, "checkins") == 0


def test_a_check_in_dated_tomorrow_is_refused_and_today_is_taken(signed_up: Cli, db_file: Path) -> None:
    """Regression (issue 14): a check-in dated tomorrow was accepted (sessions keep a day of slack)."""
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    result = signed_up("checkin", "--pain", "0", "--no-input", "--date", tomorrow)
    assert result.exit_code == 2
    assert f"dated {tomorrow}, in the future" in result.output
    assert rows(db_file, "checkins") == 0
    taken = signed_up("checkin", "--pain", "0", "--no-input", "--date", TODAY.isoformat())
    assert taken.exit_code == 0, taken.output
    assert rows(db_file, "checkins") == 1


def test_a_check_in_in_the_far_future_is_refused(signed_up: Cli, db_file: Path) -> None:
    later = (TODAY + dt.timedelta(days=400)).isoformat()
    result = signed_up("checkin", "--pain", "0", "--no-input", "--date", later)
    assert result.exit_code == 2
    assert "future" in result.output
    assert rows(db_file, "checkins") == 0


@pytest.mark.parametrize(
    "args",
    [
        ["checkin", "--pain", "nan", "--no-input"],
        ["checkin", "--pain", "inf", "--no-input"],
        ["checkin", "--pain", "-1e999", "--no-input"],
        ["log", "--set", "calf-raise-step:12x3", "--rpe", "nan"],
        ["log", "--set", "calf-raise-step:12x3", "--rpe", "-1e999"],
        ["test", "heel-raise", "--left", "inf", "--right", "20"],
        ["checkin", "--no-such-option"],
    ],
)
def test_a_value_that_is_not_a_number_is_one_error_line_and_exit_2(
    signed_up: Cli, db_file: Path, args: list[str]
) -> None:
    before = rows(db_file, "checkins") + rows(db_file, "performed_sessions") + rows(db_file, "test_results")
    result = signed_up(*args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output  # not Typer's usage box
    assert lines[0].startswith("error: ")
    assert f"`calfcoach {args[0]} --help`" in lines[0]
    after = rows(db_file, "checkins") + rows(db_file, "performed_sessions") + rows(db_file, "test_results")
    assert after == before
