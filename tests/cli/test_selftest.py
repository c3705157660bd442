from pathlib import Path

import pytest

from tests.cli.conftest import Cli, rows, run_json


def test_a_heel_raise_test_is_stored_explained_and_checked_against_the_running_gate(
    signed_up: Cli, db_file: Path
) -> None:
    data = run_json(signed_up, "test", "heel-raise", "--left", "18", "--right", "21")
    assert data["result"]["kind"] == "heel_raise"
    assert data["lsi_pct"] == pytest.approx(18 / 21 * 100)
    assert data["weaker_side"] == "left"
    assert any("85%" in line for line in data["summary"])
    assert data["running_gate"]["ready"] is False
    assert rows(db_file, "test_results") == 1


def test_the_running_gate_opens_with_strong_symmetric_calves_and_painless_hops(signed_up: Cli) -> None:
    run_json(signed_up, "test", "heel-raise", "--left", "27", "--right", "28")
    result = signed_up("test", "hop", "--left", "0", "--right", "1")
    assert result.exit_code == 0, result.output
    assert "Running gate met" in result.stdout


def test_without_results_the_protocol_is_shown_and_both_legs_asked(signed_up: Cli, db_file: Path) -> None:
    result = signed_up("test", "knee-to-wall", input="9.5\n11\n")
    assert result.exit_code == 0, result.output
    assert "Steps" in result.stdout
    assert "Saved." in result.stdout
    assert rows(db_file, "test_results") == 1


def test_hop_pain_above_10_is_refused_and_nothing_written(signed_up: Cli, db_file: Path) -> None:
    result = signed_up("test", "hop", "--left", "12", "--right", "0")
    assert result.exit_code == 2
    assert "0-10" in result.output
    assert rows(db_file, "test_results") == 0


def test_a_negative_result_is_refused(signed_up: Cli, db_file: Path) -> None:
    result = signed_up("test", "balance", "--left", "-3", "--right", "20", "--eyes-closed")
    assert result.exit_code == 2
    assert rows(db_file, "test_results") == 0


def test_an_unknown_test_lists_the_known_ones(signed_up: Cli) -> None:
    result = signed_up("test", "sprint")
    assert result.exit_code == 2
    assert "heel-raise" in result.output


def test_no_input_needs_both_legs(signed_up: Cli) -> None:
    result = signed_up("test", "heel-raise", "--left", "20", "--no-input")
    assert result.exit_code == 2
    assert "--left and --right" in result.output


def test_a_test_dated_in_the_far_future_is_refused(signed_up: Cli, db_file: Path) -> None:
    result = signed_up("test", "heel-raise", "--left", "20", "--right", "20", "--date", "2999-01-01")
    assert result.exit_code == 2
    assert "in the future" in result.output
    assert rows(db_file, "test_results") == 0
