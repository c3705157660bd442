"""`calfcoach workout`: the day's cardio as a FIT file, the week's into a folder or zip, a clear no."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import fitdecode
import pytest

from calfcoach.domain.profile import WEEKDAY_NAMES
from tests.cli.conftest import TODAY, Cli, run_json

# Trains on three weekdays from today; the program's week is strength, walk, strength.
WEEKDAYS = [WEEKDAY_NAMES[(TODAY + dt.timedelta(days=d)).weekday()] for d in (0, 2, 4)]


@pytest.fixture
def walker(cli: Cli) -> Cli:
    result = cli(
        "init", "--no-input", "--all-no", "--name", "Ada", "--weekdays", ",".join(WEEKDAYS),
        "--start", TODAY.isoformat(), "--equipment", "step,wall,chair", "--skip-test",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return cli


def walk_day(cli: Cli) -> str:
    """The first day the plan gives the brisk walk (the scheduler keeps hard days apart)."""
    sessions = run_json(cli, "plan", "--weeks", "1")["sessions"]
    day: str = next(s["day"] for s in sessions if s["name"] == "Brisk walk")
    return day


def _steps(content: bytes) -> list[dict[str, object]]:
    with fitdecode.FitReader(io.BytesIO(content), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        return [
            {f.name: f.value for f in frame.fields}
            for frame in reader
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "workout_step"
        ]


def test_the_walk_day_is_written_as_a_fit_workout(walker: Cli, tmp_path: Path) -> None:
    target = tmp_path / "walk.fit"
    result = walker("workout", walk_day(walker), "--out", str(target))
    assert result.exit_code == 0, result.output
    assert "Brisk walk (20 min)" in result.output
    assert "GARMIN/NewFiles" in result.output
    (step,) = _steps(target.read_bytes())
    assert (step["wkt_step_name"], step["duration_time"]) == ("Brisk walk", 1200.0)


def test_a_strength_day_says_there_is_nothing_for_a_watch_and_writes_nothing(
    walker: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "none.fit"
    result = walker("workout", "--out", str(target))
    assert result.exit_code == 2
    assert f"no walk, run or stair session is planned on {TODAY.isoformat()}" in result.output
    assert not target.exists()


def test_the_week_goes_into_a_folder_or_a_zip(walker: Cli, tmp_path: Path) -> None:
    name = f"calfcoach-{walk_day(walker)}-brisk-walk.fit"
    data = run_json(walker, "workout", "--week", "--out", str(tmp_path / "watch"))
    assert data["files"] == [str(tmp_path / "watch" / name)]
    assert _steps((tmp_path / "watch" / name).read_bytes())
    run_json(walker, "workout", "--week", "--out", str(tmp_path / "week.zip"))
    with zipfile.ZipFile(tmp_path / "week.zip") as archive:
        assert archive.namelist() == [name]


def test_a_bad_date_names_the_argument(walker: Cli, tmp_path: Path) -> None:
    result = walker("workout", "someday", "--out", str(tmp_path / "x.fit"))
    assert result.exit_code == 2
    assert "DATE" in result.output


def test_the_week_says_how_many_files_it_wrote_in_the_form_for_the_count(walker: Cli, tmp_path: Path) -> None:
    result = walker("workout", "--week", "--out", str(tmp_path / "watch"))
    assert result.exit_code == 0, result.output
    assert "Wrote 1 file: " in result.output
