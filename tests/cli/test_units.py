"""Miles, mph and pounds on the command line: typed in the person's units, stored in SI, shown in theirs."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from calfcoach.cli.log import parse_cardio, parse_set
from calfcoach.domain.profile import WEEKDAY_NAMES
from calfcoach.domain.units import LoadUnit
from tests.cli.conftest import TODAY, Cli, run_json


def _init(cli: Cli, *extra: str, days: str = WEEKDAY_NAMES[TODAY.weekday()]) -> Cli:
    result = cli(
        "init", "--no-input", "--all-no", "--name", "Ada", "--weekdays", days,
        "--start", (TODAY - dt.timedelta(days=14)).isoformat(), "--equipment", "step,wall,chair,treadmill",
        "--skip-test", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return cli


@pytest.fixture
def imperial(cli: Cli) -> Cli:
    return _init(cli, "--units", "imperial")


def test_specs_read_mph_miles_and_pounds_into_si() -> None:
    walk = parse_cardio("brisk-walk:20min:3.2mph:1.1mi")
    assert walk["avg_speed_kmh"] == pytest.approx(3.2 * 1.609344)
    assert walk["distance_m"] == pytest.approx(1.1 * 1609.344)
    assert parse_set("calf-raise-step:12@20lb")[0]["load_kg"] == pytest.approx(9.0718474)
    assert parse_set("calf-raise-step:12@20lbs")[0]["load_kg"] == pytest.approx(9.0718474)
    assert parse_set("calf-raise-step:12@5kg", LoadUnit.LB)[0]["load_kg"] == 5.0
    assert parse_set("calf-raise-step:12@10", LoadUnit.LB)[0]["load_kg"] == pytest.approx(4.5359237)
    assert parse_set("calf-raise-step:12@10")[0]["load_kg"] == 10.0


def test_an_imperial_person_logs_in_mph_and_pounds_and_the_database_keeps_si(
    imperial: Cli, db_file: Path
) -> None:
    run_json(
        imperial, "log", "--cardio", "brisk-walk:20min:3.2mph", "--set", "calf-raise-step:12x1@20",
        "--rpe", "4",
    )  # fmt: skip
    with sqlite3.connect(db_file) as connection:
        (speed,) = connection.execute("SELECT avg_speed_kmh FROM cardio_logs").fetchone()
        (load,) = connection.execute("SELECT load_kg FROM set_logs").fetchone()
    assert speed == pytest.approx(5.1499008)
    assert load == pytest.approx(9.0718474)


def test_today_and_the_plan_speak_miles_per_hour_and_pounds(cli: Cli) -> None:
    imperial = _init(cli, "--units", "imperial", days=",".join(WEEKDAY_NAMES))
    today = run_json(imperial, "today")
    texts = [i["dose_text"] for i in (today["session"] or today["next_session"])["items"]]
    assert not any("km/h" in t or " kg" in t for t in texts)
    plan = run_json(imperial, "plan", "--weeks", "8")
    walks = [i for s in plan["sessions"] for i in s["items"] if "speed_kmh" in i["dose"]]
    assert walks, "the plan has a walk with a pace"
    assert all("mph" in i["dose_text"] and "km/h" not in i["dose_text"] for i in walks)
    assert all("km/h" not in i["reason"] for s in plan["sessions"] for i in s["items"])
    printed = imperial("plan", "--weeks", "8")
    assert "mph" in printed.output
    assert "km/h" not in printed.output


def test_miles_with_kilograms_and_a_wrong_unit_is_named(cli: Cli) -> None:
    _init(cli, "--units", "imperial", "--load-units", "kg")
    data = run_json(cli, "init", "--update", "--no-input", "--units", "imperial", "--load-units", "kg")
    assert (data["profile"]["units"], data["profile"]["load_units"]) == ("imperial", "kg")
    result = cli("init", "--update", "--no-input", "--units", "miles")
    assert result.exit_code == 2
    assert "units" in result.output
    assert "imperial" in result.output


def test_the_terminal_player_gives_the_walk_in_mph(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    wednesday = dt.date(2026, 1, 7)  # every day from a Wednesday: its first session is the walk
    monkeypatch.setenv("CALFCOACH_TODAY", wednesday.isoformat())
    result = cli(
        "init", "--no-input", "--all-no", "--weekdays", ",".join(WEEKDAY_NAMES),
        "--start", wednesday.isoformat(), "--skip-test", "--units", "imperial",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    played = cli("session", "--auto")
    assert played.exit_code == 0, played.output
    assert "20 min at 3.1 mph" in played.stdout
    assert "km/h" not in played.stdout
