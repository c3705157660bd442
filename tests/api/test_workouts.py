"""The workout routes: a FIT file for a day with cardio, a clear 404 for a day without, the week as a zip."""

from __future__ import annotations

import io
import zipfile

import fitdecode
from fastapi.testclient import TestClient

from tests.api.conftest import Person

# The fixed clock's day, a Wednesday: the walk day of Ada's Monday-Wednesday-Friday week.
WALK_DAY = "2026-01-07"


def _messages(content: bytes) -> list[str]:
    with fitdecode.FitReader(io.BytesIO(content), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        return [f.name for f in reader if isinstance(f, fitdecode.FitDataMessage)]


def test_the_walk_day_downloads_as_a_fit_workout(ada: Person) -> None:
    answer = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/workouts/{WALK_DAY}.fit")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/vnd.ant.fit"
    assert answer.headers["content-disposition"] == (
        'attachment; filename="calfcoach-2026-01-07-brisk-walk.fit"'
    )
    assert _messages(answer.content) == ["file_id", "workout", "workout_step"]


def test_a_strength_day_is_a_404_that_says_why(ada: Person) -> None:
    answer = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/workouts/2026-01-09.fit")
    assert answer.status_code == 404
    assert answer.json()["error"]["message"].startswith(
        "no walk, run or stair session is planned on 2026-01-09"
    )


def test_a_past_day_is_refused_by_name(ada: Person) -> None:
    answer = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/workouts/2026-01-01.fit")
    assert answer.status_code == 422
    assert answer.json()["error"]["where"] == "day"


def test_the_week_downloads_as_a_zip_of_fit_files(ada: Person) -> None:
    answer = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/workouts/week-2026-01-07.zip")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        assert archive.namelist() == ["calfcoach-2026-01-07-brisk-walk.fit"]
        assert _messages(archive.read(archive.namelist()[0]))[0] == "file_id"


def test_the_schema_describes_the_file_not_json(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"][
        "/api/v1/athletes/{athlete_id}/workouts/{day}.fit"
    ]["get"]
    assert list(operation["responses"]["200"]["content"]) == ["application/vnd.ant.fit"]
    assert "404" in operation["responses"]
