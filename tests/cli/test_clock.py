"""CALFCOACH_TODAY runs the commands as of another day; `serve` refuses it unless the override is allowed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from calfcoach.cli.main import app
from calfcoach.services.clock import ENV_ALLOW_OVERRIDE, ENV_TODAY, Clock
from tests.cli.conftest import TODAY, Cli, rows, run_json

# More than a day ahead (a real `log --date` refuses it), and on today's weekday: Ada trains on it.
MOVED = TODAY + dt.timedelta(weeks=57)
NOTICE = f"calfcoach: as of {MOVED.isoformat()} (CALFCOACH_TODAY)"


@pytest.fixture
def moved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_TODAY, MOVED.isoformat())


def test_the_variable_moves_todays_day_and_says_so_on_stderr_only(signed_up: Cli, moved: None) -> None:
    result = signed_up("today", "--json")
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)  # stdout stays pure JSON
    assert view["day"] == MOVED.isoformat()
    assert view["session"] is not None
    assert result.stderr.strip() == NOTICE


def test_the_notice_is_printed_for_people_too(signed_up: Cli, moved: None) -> None:
    result = signed_up("today")
    assert result.exit_code == 0, result.output
    assert NOTICE in result.stderr
    assert NOTICE not in result.stdout


def test_without_the_variable_there_is_no_notice(signed_up: Cli) -> None:
    result = signed_up("today", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["day"] == TODAY.isoformat()
    assert "CALFCOACH_TODAY" not in result.stderr


def test_a_cached_answer_of_the_real_day_is_not_the_answer_of_the_moved_day(
    signed_up: Cli, db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_json(signed_up, "today")["day"] == TODAY.isoformat()
    assert Path(f"{db_file}-today.json").exists()  # the real day (and tomorrow) are cached
    monkeypatch.setenv(ENV_TODAY, MOVED.isoformat())
    assert run_json(signed_up, "today")["day"] == MOVED.isoformat()
    tomorrow = TODAY + dt.timedelta(days=1)
    monkeypatch.setenv(ENV_TODAY, tomorrow.isoformat())
    assert run_json(signed_up, "today")["day"] == tomorrow.isoformat()


def test_logging_on_the_moved_today_works_and_today_then_counts_it(
    signed_up: Cli, db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = signed_up("log", "--set", "calf-raise-step:12x2", "--date", MOVED.isoformat())
    assert refused.exit_code == 2
    assert "in the future" in refused.output
    monkeypatch.setenv(ENV_TODAY, MOVED.isoformat())
    logged = run_json(signed_up, "log", "--set", "calf-raise-step:12x2", "--date", MOVED.isoformat())
    assert logged["day"] == MOVED.isoformat()
    assert rows(db_file, "performed_sessions") == 1
    view = run_json(signed_up, "today")  # answered from the cache the write refreshed for the moved day
    assert view["day"] == MOVED.isoformat()
    assert len(view["done_today"]) == 1


def test_a_replay_logs_and_checks_in_on_the_moved_days_without_dates(
    signed_up: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_TODAY, MOVED.isoformat())
    assert run_json(signed_up, "log", "--set", "calf-raise-step:12x2")["day"] == MOVED.isoformat()
    next_morning = MOVED + dt.timedelta(days=1)
    monkeypatch.setenv(ENV_TODAY, next_morning.isoformat())
    answer = run_json(signed_up, "checkin", "--pain", "0", "--no-input")
    assert answer["day"] == next_morning.isoformat()
    history = run_json(signed_up, "history")
    assert [s["day"] for s in history["sessions"]] == [MOVED.isoformat()]


@pytest.mark.parametrize("value", ["2027-13-01", "next monday", "2027-02-01T09:30"])
def test_a_bad_value_is_a_clear_error_and_writes_nothing(
    signed_up: Cli, db_file: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(ENV_TODAY, value)
    result = signed_up("log", "--set", "calf-raise-step:12x2", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: CALFCOACH_TODAY: {value!r}")
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.output
    assert rows(db_file, "performed_sessions") == 0


def _serve(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *flags: str, env: dict[str, str]
) -> tuple[Any, list[Clock]]:
    """Run `calfcoach serve` with uvicorn replaced: the stand-in builds the app as a worker would."""
    import uvicorn

    from calfcoach.web.app import create_app

    # Whatever serve puts in the environment for its workers is taken back after the test.
    for name in ("CALFCOACH_DATABASE_URL", ENV_TODAY, ENV_ALLOW_OVERRIDE):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    clocks: list[Clock] = []

    def worker(target: str, **options: Any) -> None:
        built = create_app()
        clocks.append(built.state.context.clock)
        built.state.context.store.close()

    monkeypatch.setattr(uvicorn, "run", worker)
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'serve.db'}", *flags])
    return result, clocks


def test_serve_refuses_a_moved_date_without_the_override(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result, clocks = _serve(monkeypatch, tmp_path, env={ENV_TODAY: MOVED.isoformat()})
    assert result.exit_code == 2
    assert "error: CALFCOACH_TODAY: the server does not start with its date moved" in result.stderr
    assert "future" in result.stderr
    assert "--allow-clock-override" in result.stderr
    assert clocks == []
    assert not (tmp_path / "serve.db").exists()  # refused before anything was opened


@pytest.mark.parametrize(
    ("flags", "env"),
    [
        (("--allow-clock-override",), {ENV_TODAY: MOVED.isoformat()}),
        ((), {ENV_TODAY: MOVED.isoformat(), ENV_ALLOW_OVERRIDE: "1"}),
    ],
)
def test_serve_runs_as_of_the_moved_date_when_allowed_and_warns(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, flags: tuple[str, ...], env: dict[str, str]
) -> None:
    result, clocks = _serve(monkeypatch, tmp_path, *flags, env=env)
    assert result.exit_code == 0, result.output
    assert [clock.today() for clock in clocks] == [MOVED]  # the worker's clock too
    assert f"warning: CalfCoach runs as of {MOVED.isoformat()} (CALFCOACH_TODAY)" in result.stderr


def test_serve_without_the_variable_runs_on_the_real_day(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result, clocks = _serve(monkeypatch, tmp_path, env={})
    assert result.exit_code == 0, result.output
    assert [type(clock) for clock in clocks] == [Clock]
    assert "warning" not in result.stderr


def _signed_up_in(cli: Cli, zone: str | None) -> None:
    """Ada, training every day, in `zone` (None: no zone chosen, the machine's)."""
    chosen = [] if zone is None else ["--time-zone", zone]
    result = cli(
        "init",
        "--no-input",
        "--all-no",
        "--name",
        "Ada",
        "--weekdays",
        "mon,tue,wed,thu,fri,sat,sun",
        "--start",
        "2027-01-01",
        "--equipment",
        "step,wall,chair",
        "--skip-test",
        *chosen,
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("zone", "instant", "day"),
    [
        # 23:30 in London is already 12:30 the next day in Auckland, and 13:30 the day before in Honolulu.
        ("Pacific/Auckland", "2027-02-01T23:30:00+00:00", "2027-02-02"),
        ("Pacific/Honolulu", "2027-02-01T05:00:00+00:00", "2027-01-31"),
        ("UTC", "2027-02-01T23:30:00+00:00", "2027-02-01"),
    ],
)
def test_the_cli_s_today_is_the_person_s_day_in_their_time_zone(
    cli: Cli, db_file: Path, monkeypatch: pytest.MonkeyPatch, zone: str, instant: str, day: str
) -> None:
    _signed_up_in(cli, zone)
    monkeypatch.setenv(ENV_TODAY, instant)
    assert run_json(cli, "today")["day"] == day
    assert run_json(cli, "today")["day"] == day  # the cached answer too (it is kept by the person's day)
    logged = run_json(cli, "log", "--set", "calf-raise-step:12x2")
    assert logged["day"] == day  # a log without a date is the person's today


def test_a_person_who_chose_no_time_zone_gets_the_machine_s_day(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _signed_up_in(cli, None)
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    monkeypatch.setenv(ENV_TODAY, "2027-02-01T23:30:00+00:00")
    import time

    time.tzset()
    try:
        assert run_json(cli, "today")["day"] == "2027-02-02"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_new_time_zone_moves_the_cli_s_today_at_once(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _signed_up_in(cli, "UTC")
    monkeypatch.setenv(ENV_TODAY, "2027-02-01T23:30:00+00:00")
    assert run_json(cli, "today")["day"] == "2027-02-01"
    moved = cli(
        "init",
        "--update",
        "--no-input",
        "--all-no",
        "--name",
        "Ada",
        "--weekdays",
        "mon,tue,wed,thu,fri,sat,sun",
        "--start",
        "2027-01-01",
        "--equipment",
        "step,wall,chair",
        "--skip-test",
        "--time-zone",
        "Asia/Tokyo",
    )
    assert moved.exit_code == 0, moved.output
    assert run_json(cli, "today")["day"] == "2027-02-02"


def test_a_bad_value_is_said_in_german_on_a_german_machine(
    signed_up: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.setenv(ENV_TODAY, "garbage")
    result = signed_up("today")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Fehler: CALFCOACH_TODAY: 'garbage' ist kein Datum (verwenden Sie JJJJ-MM-TT"
    )
    assert "is not a date" not in result.stderr
