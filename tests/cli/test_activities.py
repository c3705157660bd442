"""`calfcoach import`, `activities` and `activity` on real device files, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from calfcoach.activities.synthetic import interval_track, track_gpx
from calfcoach.cli.activities import SPARK_CHARS, sparkline
from calfcoach.cli.main import app
from calfcoach.services.activities import JSON_FIELDS
from tests.activities.helpers import DATA

WALK = DATA / "fit" / "garmin-fenix-5-walk.fit"
RUN = DATA / "fit" / "activity-small-fenix2-run.fit"
BROKEN = DATA / "fit" / "invalid" / "activity-filecrc.fit"


class Cli:
    """Run commands on one database, the way a person types them."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.runner = CliRunner()

    def __call__(self, *args: str) -> Result:
        return self.runner.invoke(app, ["--db", self.url, *args], env={"COLUMNS": "120"})

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture
def cli(database_url: str) -> Cli:
    """A person whose program started before the real files were recorded (walks on Sundays)."""
    run = Cli(database_url)
    result = run(
        "init",
        "--no-input",
        "--all-no",
        "--name",
        "Ada",
        "--weekdays",
        "mon,sun",
        "--start",
        "2017-06-01",
        "--equipment",
        "step,wall,chair",
        "--skip-test",
    )
    assert result.exit_code == 0, result.output
    return run


def test_import_json_gives_every_documented_field(cli: Cli) -> None:
    report = cli.json("import", str(WALK), str(RUN))
    assert len(report["imported"]) == 2
    for entry in report["imported"]:
        assert set(JSON_FIELDS) <= set(entry)
    walk = report["imported"][0]
    assert walk["sport"] == "walk"
    assert walk["start_time"] == "2017-06-11T14:32:51Z"
    assert walk["source_file"] == str(WALK)
    assert walk["coach"]["exercise_id"] == "brisk-walk"
    assert walk["coach"]["block"] == "walk"


def test_importing_again_reports_duplicates_and_exits_0(cli: Cli) -> None:
    first = cli.json("import", str(WALK))
    again = cli.json("import", str(WALK))
    assert again["imported"] == []
    assert again["duplicates"] == [{"id": first["imported"][0]["id"], "source_file": str(WALK)}]


def test_a_broken_file_is_reported_and_the_good_one_imported(cli: Cli) -> None:
    result = cli("import", str(WALK), str(BROKEN))
    assert result.exit_code == 0, result.output
    assert "1 imported" in result.stdout
    assert "1 failed" in result.stdout
    assert "CRC" in result.stdout


def test_every_file_failing_exits_2_with_the_reasons(cli: Cli) -> None:
    result = cli("import", str(BROKEN), "--json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["failed"][0]["source_file"] == str(BROKEN)
    assert "CRC" in report["failed"][0]["error"]


def test_a_path_that_does_not_exist_exits_2(cli: Cli, tmp_path: Any) -> None:
    result = cli("import", str(tmp_path / "nowhere.gpx"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stdout


def test_activities_lists_what_was_imported(cli: Cli) -> None:
    imported = cli.json("import", str(WALK), str(RUN))["imported"]
    listed = cli.json("activities")
    assert [a["id"] for a in listed] == [a["id"] for a in sorted(imported, key=lambda a: a["start_time"])]
    screen = cli("activities")
    assert screen.exit_code == 0
    for entry in imported:
        assert entry["id"] in screen.stdout


def test_activity_shows_summary_splits_and_sparkline(cli: Cli) -> None:
    run_id = cli.json("import", str(RUN))["imported"][0]["id"]
    detail = cli.json("activity", run_id)
    assert len(detail["splits"]) == 10
    assert detail["elevation_profile"]
    assert all(split["gap_pace_s_per_km"] > 0 for split in detail["splits"])
    screen = cli("activity", run_id)
    assert screen.exit_code == 0, screen.output
    assert "Splits" in screen.stdout
    assert "GAP /km" in screen.stdout
    assert "9.02 km" in screen.stdout
    assert any(char in screen.stdout for char in SPARK_CHARS)


def test_an_unknown_activity_exits_2(cli: Cli) -> None:
    result = cli("activity", "0123456789ab")
    assert result.exit_code == 2
    assert "no activity" in result.output


@given(st.lists(st.floats(min_value=-500, max_value=9000), min_size=1, max_size=300))
def test_a_sparkline_fits_its_width_and_spans_lowest_to_highest(values: list[float]) -> None:
    line = sparkline(values, width=60)
    assert len(line) == min(len(values), 60)
    assert set(line) <= set(SPARK_CHARS)
    if max(values) - min(values) > 1e-6:
        assert SPARK_CHARS[0] in line
        assert SPARK_CHARS[-1] in line


def test_importing_before_init_exits_2_saying_what_to_do(database_url: str) -> None:
    result = Cli(database_url)("import", str(WALK))
    assert result.exit_code == 2
    assert "calfcoach init" in result.output


def test_no_activities_yet_says_how_to_import(cli: Cli) -> None:
    assert cli.json("activities") == []
    screen = cli("activities")
    assert screen.exit_code == 0
    assert "calfcoach import PATH" in screen.stdout


def test_an_imperial_person_reads_activities_in_miles_feet_and_minutes_per_mile(cli: Cli) -> None:
    changed = cli(
        "init", "--update", "--no-input", "--weekdays", "mon,sun", "--start", "2017-06-01",
        "--equipment", "step,wall,chair", "--units", "imperial",
    )  # fmt: skip
    assert changed.exit_code == 0, changed.output
    run_id = cli.json("import", str(RUN))["imported"][0]["id"]
    detail = cli.json("activity", run_id)
    assert len(detail["splits"]) == 10  # the JSON keeps kilometre splits
    screen = cli("activity", run_id).stdout
    assert f"{detail['distance_m'] / 1609.344:.2f} mi" in screen
    assert "GAP /mi" in screen
    assert "/km" not in screen
    assert " km" not in screen
    listed = cli("activities").stdout
    assert "pace/mi" in listed
    assert f"{detail['distance_m'] / 1609.344:.2f}" in listed


def planned_walk_gpx(folder: Path) -> Path:
    """A recording of the person's first planned walk (Sunday 4 June 2017: 20 min at 5.0 km/h), with a
    five-minute stroll to the start before it."""
    start = dt.datetime(2017, 6, 4, 7, 0, tzinfo=dt.UTC)
    track = interval_track([("walk", 300, 1.0), ("walk", 1200, 1.4)], seed=2, start=start)
    path = folder / "sunday-walk.gpx"
    path.write_bytes(track_gpx(track))
    return path


def test_activity_shows_the_recording_against_its_plan_step_by_step(cli: Cli, tmp_path: Path) -> None:
    walk_id = cli.json("import", str(planned_walk_gpx(tmp_path)))["imported"][0]["id"]
    detail = cli.json("activity", walk_id)
    score = detail["score"]
    assert score["verdict"] == "as-prescribed"
    [step] = score["steps"]
    assert (step["name"], step["planned_s"], step["verdict"]) == ("Brisk walk", 1200, "done")
    assert step["speed_kmh"] == pytest.approx(5.04, abs=0.3)
    assert "score" not in detail["summary"]
    screen = cli("activity", walk_id)
    assert screen.exit_code == 0, screen.output
    assert "Against the plan: done as prescribed" in screen.stdout
    assert "Brisk walk" in screen.stdout
    assert "4.5-5.5" in screen.stdout  # the target band in km/h
    assert "The time and the pace of the plan were held." in screen.stdout


def test_a_recording_with_no_plan_that_day_has_no_score(cli: Cli) -> None:
    run_id = cli.json("import", str(RUN))["imported"][0]["id"]
    assert cli.json("activity", run_id)["score"] is None
    assert "Against the plan" not in cli("activity", run_id).stdout


def test_a_german_reader_gets_the_scores_notes_and_reason_in_german(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")  # no language in the profile: the machine's decides
    start = dt.datetime(2017, 6, 4, 7, 0, tzinfo=dt.UTC)
    parts = [("walk", 300.0, 1.0), ("walk", 600.0, 1.4), ("walk", 600.0, 0.95)]  # slows down halfway
    track = interval_track(parts, seed=2, start=start)
    path = tmp_path / "slow-finish.gpx"
    path.write_bytes(track_gpx(track))
    walk_id = cli.json("import", str(path))["imported"][0]["id"]
    [step] = cli.json("activity", walk_id)["score"]["steps"]
    assert step["note"] == "slower than the target"  # --json keeps the English words, as the API does
    screen = cli("activity", walk_id)
    assert screen.exit_code == 0, screen.output
    assert "teilweise: langsamer als das Ziel" in screen.stdout  # the step's note
    assert "Zügiges Gehen: langsamer als das Ziel." in screen.stdout  # the score's reason
    assert "slower than the target" not in screen.stdout


@pytest.mark.usefixtures("german_machine")
def test_import_says_why_a_file_was_refused_and_its_dates_in_german(cli: Cli, tmp_path: Path) -> None:
    # The refusal and the dates were English (ISO) on a German machine.
    result = cli("import", str(WALK), str(BROKEN), str(tmp_path / "weg.gpx"))
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "die Prüfsumme (CRC) der FIT-Datei passt nicht zu ihrem Inhalt" in out
    assert "(die Datei ist beschädigt; kopieren Sie sie erneut vom Gerät)" in out
    assert f"{tmp_path / 'weg.gpx'}: keine solche Datei und kein solcher Ordner" in out
    assert "does not match" not in out
    assert "no such file" not in out
    assert "11.06.2017" in out  # the imported walk's day
    assert "2017-06-11" not in out
    (walk,) = cli.json("activities")
    listed = " ".join(cli("activities").stdout.split())
    assert "11.06.2017" in listed
    assert "2017-06-11" not in listed
    header = cli("activity", walk["id"]).stdout.splitlines()[0]
    assert "11.06.2017 14:32 UTC" in header


def test_activity_keeps_its_iso_date_in_english(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    (walk,) = cli.json("import", str(WALK))["imported"]
    header = cli("activity", walk["id"]).stdout.splitlines()[0]
    assert "2017-06-11 14:32 UTC" in header
    failed = cli("import", str(BROKEN)).stdout
    assert "the FIT file's CRC does not match its contents" in " ".join(failed.split())
