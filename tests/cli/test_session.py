import json
from pathlib import Path

from calfcoach.domain.exercise import Side
from calfcoach.library.catalog import load_catalog
from calfcoach.services.session_runner import steps_of
from calfcoach.store import open_store
from tests.cli.conftest import TODAY, Cli, rows


def _planned_steps(db_file: Path) -> list[tuple[str, int, str]]:
    from calfcoach.services.session_runner import session_today

    with open_store(f"sqlite:///{db_file}") as store:
        _, planned = session_today(store, TODAY)
    return [
        (s.exercise_id, s.set_index, s.side.value)
        for s in steps_of(planned, load_catalog())
        if not s.is_cardio
    ]


def test_an_automatic_session_saves_every_prescribed_set_as_completed(signed_up: Cli, db_file: Path) -> None:
    planned = _planned_steps(db_file)  # before: once done, the day's session is no longer offered
    result = signed_up("session", "--auto", "--rpe", "6", "--pain-during", "1", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["completed"] is True
    assert data["rpe"] == 6.0
    assert data["pain_during"] == 1
    assert data["sets"] == len(planned)
    assert rows(db_file, "performed_sessions") == 1


def test_the_session_shows_cues_and_set_counters(signed_up: Cli) -> None:
    result = signed_up("session", "--auto")
    assert result.exit_code == 0, result.output
    assert "Calf raise on a step" in result.stdout
    assert "set 1/2" in result.stdout
    assert "saved" in result.stdout


def test_a_session_done_counts_for_the_next_prescription(signed_up: Cli, db_file: Path) -> None:
    signed_up("session", "--auto")
    result = signed_up("today", "--json")
    assert json.loads(result.stdout)["done_today"]


def test_the_session_done_today_is_not_started_again(signed_up: Cli, db_file: Path) -> None:
    """Regression (issue 14): a finished session could be done and logged twice the same day."""
    assert signed_up("session", "--auto").exit_code == 0
    again = signed_up("session", "--auto")
    assert again.exit_code != 0
    assert "is done and logged" in again.output
    assert rows(db_file, "performed_sessions") == 1


def test_out_of_range_feelings_are_refused_before_anything_starts(signed_up: Cli, db_file: Path) -> None:
    result = signed_up("session", "--auto", "--pain-after", "11")
    assert result.exit_code == 2
    assert "--pain-after" in result.output
    assert rows(db_file, "performed_sessions") == 0


def test_a_rest_day_has_no_session_to_start(cli: Cli, db_file: Path) -> None:
    from calfcoach.domain.profile import WEEKDAY_NAMES

    other_day = WEEKDAY_NAMES[(TODAY.weekday() + 1) % 7]
    cli("init", "--no-input", "--all-no", "--weekdays", other_day, "--skip-test")
    result = cli("session", "--auto")
    assert result.exit_code == 2
    assert "no session is planned" in result.output


def test_steps_go_set_by_set_and_left_before_right(signed_up: Cli, db_file: Path) -> None:
    steps = _planned_steps(db_file)
    per_side = [s for s in steps if s[2] != Side.BOTH.value]
    assert per_side
    for left, right in zip(per_side[::2], per_side[1::2], strict=True):
        assert (left[2], right[2]) == ("left", "right")
        assert left[:2] == right[:2]


def test_the_end_of_session_questions_ask_again_until_0_to_10(signed_up: Cli, db_file: Path) -> None:
    result = signed_up("session", "--beat-s", "0", input="12\n6\n1\n0\n")
    assert result.exit_code == 0, result.output
    assert "from 0 to 10" in result.output
    import sqlite3

    with sqlite3.connect(db_file) as connection:
        felt = connection.execute(
            "SELECT rpe, pain_during, pain_after, completed FROM performed_sessions"
        ).fetchone()
    assert felt == (6.0, 1, 0, 1)
