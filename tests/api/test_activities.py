"""Activities over the API: upload a recording, list it, see it in detail; nobody else sees it."""

from __future__ import annotations

import datetime as dt

from calfcoach.activities.synthetic import hike_gpx
from tests.api.conftest import Person

START = dt.datetime(2026, 1, 6, 7, 0, tzinfo=dt.UTC)


def test_an_uploaded_recording_is_listed_and_shown_and_a_second_upload_is_a_duplicate(ada: Person) -> None:
    base = f"/api/v1/athletes/{ada.athlete_id}/activities"
    gpx = hike_gpx(1800, start=START)
    answer = ada.client.post(
        base, files={"file": ("walk.gpx", gpx, "application/gpx+xml")}, headers=ada.headers
    )
    assert answer.status_code == 201, answer.text
    assert len(answer.json()["imported"]) == 1
    again = ada.client.post(
        base, files={"file": ("walk.gpx", gpx, "application/gpx+xml")}, headers=ada.headers
    )
    assert len(again.json()["duplicates"]) == 1
    [listed] = ada.client.get(base).json()
    detail = ada.client.get(f"{base}/{listed['id']}")
    assert detail.status_code == 200
    assert detail.json()["id"] == listed["id"]


def test_a_file_that_is_not_a_recording_is_reported_not_a_server_error(ada: Person) -> None:
    base = f"/api/v1/athletes/{ada.athlete_id}/activities"
    answer = ada.client.post(
        base, files={"file": ("notes.gpx", b"<not gpx", "text/plain")}, headers=ada.headers
    )
    assert answer.status_code < 500
    assert ada.client.get(base).json() == []


def test_another_persons_activities_are_not_found(ada: Person, bob: Person) -> None:
    base = f"/api/v1/athletes/{ada.athlete_id}/activities"
    gpx = hike_gpx(1800, start=START)
    ada.client.post(base, files={"file": ("walk.gpx", gpx, "application/gpx+xml")}, headers=ada.headers)
    [listed] = ada.client.get(base).json()
    assert bob.client.get(base).status_code == 404
    assert bob.client.get(f"{base}/{listed['id']}").status_code == 404
    upload = bob.client.post(
        base, files={"file": ("walk.gpx", gpx, "application/gpx+xml")}, headers=bob.headers
    )
    assert upload.status_code == 404


def test_the_activities_page_offers_the_upload(ada: Person) -> None:
    page = ada.client.get("/activities")
    assert page.status_code == 200
    assert 'type="file"' in page.text
    assert "/static/upload.js" in page.text
