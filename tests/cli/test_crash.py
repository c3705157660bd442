"""Real processes: a killed session keeps every confirmed set; two writers at once finish or hear busy."""

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import Cli, rows
from tests.cli.test_session import _planned_steps

CALFCOACH = str(Path(sys.executable).with_name("calfcoach"))


def _stored_sets(db_file: Path) -> list[tuple[str, int, str]]:
    with sqlite3.connect(db_file) as connection:
        return [
            (exercise, index, side)
            for exercise, index, side in connection.execute(
                "SELECT exercise_id, set_index, side FROM set_logs ORDER BY id"
            )
        ]


def test_a_session_killed_half_way_keeps_every_confirmed_set_and_nothing_half_written(
    signed_up: Cli, db_file: Path
) -> None:
    planned = _planned_steps(db_file)
    process = subprocess.Popen(
        [CALFCOACH, "--db", f"sqlite:///{db_file}", "session", "--auto", "--beat-s", "0.005"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    confirmed = 0
    for line in process.stdout:
        if "✓ set" in line:
            confirmed += 1
            if confirmed == 3:
                break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    stored = _stored_sets(db_file)
    assert len(stored) >= confirmed
    assert len(stored) < len(planned), "the session finished before it was killed"
    assert stored == planned[: len(stored)]
    with sqlite3.connect(db_file) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (completed,) = connection.execute("SELECT completed FROM performed_sessions").fetchone()
    assert completed == 0
    assert rows(db_file, "performed_sessions") == 1


def test_two_processes_logging_at_once_both_succeed_or_one_hears_busy(signed_up: Cli, db_file: Path) -> None:
    command = [CALFCOACH, "--db", f"sqlite:///{db_file}", "log", "--set", "calf-raise-step:12x3"]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outcomes = [(p.wait(), p.stderr.read() if p.stderr else "") for p in processes]
    succeeded = sum(1 for code, _ in outcomes if code == 0)
    for code, error in outcomes:
        assert code == 0 or (code == 2 and "busy" in error and "try again" in error), error
    assert succeeded >= 1
    assert rows(db_file, "performed_sessions") == succeeded
    assert rows(db_file, "set_logs") == 3 * succeeded


def test_help_and_today_run_as_real_processes(signed_up: Cli, db_file: Path) -> None:
    shown = subprocess.run([CALFCOACH, "--help"], capture_output=True, text=True, check=True)
    for command in (
        "init",
        "today",
        "session",
        "log",
        "checkin",
        "test",
        "history",
        "plan",
        "calendar",
        "export",
        "import-data",
        "doctor",
    ):
        assert command in shown.stdout
    today = subprocess.run(
        [CALFCOACH, "--db", f"sqlite:///{db_file}", "today", "--json"], capture_output=True, text=True
    )
    assert today.returncode == 0, today.stderr
    assert '"session"' in today.stdout


def _kill_after_sets(db_file: Path, sets: int) -> None:
    process = subprocess.Popen(
        [CALFCOACH, "--db", f"sqlite:///{db_file}", "session", "--auto", "--beat-s", "0.005"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    confirmed = 0
    for line in process.stdout:
        confirmed += "✓ set" in line
        if confirmed == sets:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_running_the_session_again_goes_on_where_the_killed_one_stopped(
    signed_up: Cli, db_file: Path
) -> None:
    planned = _planned_steps(db_file)
    _kill_after_sets(db_file, 2)
    resumed = signed_up("session", "--auto")
    assert resumed.exit_code == 0, resumed.output
    assert "Going on with the session stopped earlier" in resumed.stdout
    assert rows(db_file, "performed_sessions") == 1
    assert sorted(_stored_sets(db_file)) == sorted(planned)
    with sqlite3.connect(db_file) as connection:
        assert connection.execute("SELECT completed FROM performed_sessions").fetchone() == (1,)


def test_new_starts_over_and_keeps_the_stopped_session(signed_up: Cli, db_file: Path) -> None:
    _kill_after_sets(db_file, 1)
    again = signed_up("session", "--auto", "--new")
    assert again.exit_code == 0, again.output
    assert "Going on" not in again.stdout
    assert rows(db_file, "performed_sessions") == 2
