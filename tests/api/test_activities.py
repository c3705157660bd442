"""Activities over the API: upload a recording, list it, see it in detail; nobody else sees it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from calfcoach.activities.synthetic import hike_gpx
from calfcoach.domain import upload_limits
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


def test_a_recording_declaring_a_size_over_the_upload_limit_is_refused_with_the_limit_in_words(
    ada: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upload_limits, "ACTIVITY_UPLOAD_BYTES", 3 * 1024)
    monkeypatch.setattr(upload_limits, "FORM_OVERHEAD_BYTES", 0)
    base = f"/api/v1/athletes/{ada.athlete_id}/activities"
    gpx = hike_gpx(1800, start=START)
    refused = ada.client.post(
        base, files={"file": ("walk.gpx", gpx, "application/gpx+xml")}, headers=ada.headers
    )
    assert refused.status_code == 413
    error = refused.json()["error"]
    assert error["code"] == "too_large"
    assert error["message"] == "the recording is larger than the 3 KB limit"
    assert error["where"] == "file"
    assert "calfcoach import" in error["hint"]
    assert ada.client.get(base).json() == []


def test_a_recording_sent_without_a_size_is_stopped_once_it_passes_the_upload_limit(
    ada: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upload_limits, "ACTIVITY_UPLOAD_BYTES", 3 * 1024)
    monkeypatch.setattr(upload_limits, "FORM_OVERHEAD_BYTES", 0)
    boundary = "calfcoachboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="walk.gpx"\r\n'
        "Content-Type: application/gpx+xml\r\n\r\n"
    ).encode()
    gpx = hike_gpx(1800, start=START)

    def body() -> Iterator[bytes]:
        yield head
        yield from (gpx[i : i + 1024] for i in range(0, len(gpx), 1024))
        yield f"\r\n--{boundary}--\r\n".encode()

    base = f"/api/v1/athletes/{ada.athlete_id}/activities"
    refused = ada.client.post(
        base,
        content=body(),
        headers={**ada.headers, "content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert refused.status_code == 413
    assert refused.json()["error"]["code"] == "too_large"
    assert ada.client.get(base).json() == []
