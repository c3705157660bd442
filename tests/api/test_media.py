"""Coaches' media for exercises through the API and the file route: type, size, Range, who sees what."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from calfcoach.domain import upload_limits
from calfcoach.services import exercise_media
from calfcoach.services.clock import FixedClock
from calfcoach.store import Store
from calfcoach.web.app import create_app
from tests.api.conftest import NOW, PASSWORD, Person, other_client, sign_up

EXERCISE = "calf-raise-step"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 8


@pytest.fixture
def media_dir(tmp_path: Path) -> Path:
    return tmp_path / "media"


@pytest.fixture
def client(store: Store, media_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store, clock=FixedClock(at=NOW), media_dir=media_dir)) as test_client:
        yield test_client


@pytest.fixture
def admin(client: TestClient) -> Person:
    """The install's first account, made with `POST /auth/setup`: an admin."""
    browser = other_client(client)
    csrf = browser.get("/api/v1/exercises").cookies.get("calfcoach_csrf") or browser.cookies["calfcoach_csrf"]
    made = browser.post(
        "/api/v1/auth/setup",
        json={"email": "admin@example.org", "password": PASSWORD},
        headers={"x-csrf-token": csrf},
    )
    assert made.json()["role"] == "admin"
    signed = browser.post("/api/v1/auth/login", json={"email": "admin@example.org", "password": PASSWORD})
    return Person(browser, "admin@example.org", made.json()["id"], None, signed.json()["csrf_token"])


@pytest.fixture
def coach(client: TestClient) -> Person:
    return sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)


def link_client(coach: Person, athlete: Person) -> None:
    code = coach.client.post("/api/v1/coach/invitations", headers=coach.headers).json()["code"]
    accepted = athlete.client.post("/api/v1/invitations/accept", json={"code": code}, headers=athlete.headers)
    assert accepted.status_code < 300, accepted.text


def upload(person: Person, content: bytes, name: str = "squat.mp4") -> dict[str, object]:
    answer = person.client.post(
        f"/api/v1/exercises/{EXERCISE}/media/files",
        data={"title": "My demo"},
        files={"file": (name, content, "video/mp4")},
        headers=person.headers,
    )
    return {"status": answer.status_code, **answer.json()}


def test_a_coach_uploads_a_video_and_the_file_is_stored_under_a_generated_name(
    coach: Person, media_dir: Path
) -> None:
    added = upload(coach, MP4, name="../../etc/evil.mp4")
    assert added["status"] == 201
    assert added["kind"] == "file"
    assert added["content_type"] == "video/mp4"
    assert added["size_bytes"] == len(MP4)
    stored = list(media_dir.iterdir())
    assert len(stored) == 1
    assert stored[0].suffix == ".mp4"
    assert "evil" not in stored[0].name
    assert stored[0].read_bytes() == MP4


def test_a_renamed_text_file_is_refused_and_nothing_is_stored(coach: Person, media_dir: Path) -> None:
    refused = upload(coach, b"just some notes, not a video at all", name="notes.mp4")
    assert refused["status"] == 422
    assert refused["error"]["code"] == "invalid_input"  # type: ignore[index]
    assert not media_dir.exists() or not list(media_dir.iterdir())


def test_an_upload_over_the_limit_is_refused_and_leaves_no_file_behind(
    coach: Person, media_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upload_limits, "MEDIA_UPLOAD_BYTES", 1000)
    monkeypatch.setattr(exercise_media, "CHUNK_BYTES", 100)
    refused = upload(coach, MP4)
    assert refused["status"] == 413
    assert refused["error"]["code"] == "too_large"  # type: ignore[index]
    assert list(media_dir.iterdir()) == []
    assert coach.client.get(f"/api/v1/exercises/{EXERCISE}/media").json() == []


def test_a_range_request_gets_206_with_exactly_the_asked_bytes(coach: Person) -> None:
    media_id = upload(coach, MP4)["id"]
    whole = coach.client.get(f"/media/{media_id}")
    assert whole.status_code == 200
    assert whole.content == MP4
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["content-type"] == "video/mp4"
    part = coach.client.get(f"/media/{media_id}", headers={"range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.content == MP4[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(MP4)}"
    tail = coach.client.get(f"/media/{media_id}", headers={"range": "bytes=-10"})
    assert tail.status_code == 206
    assert tail.content == MP4[-10:]


def test_another_coach_and_an_unlinked_athlete_are_told_the_media_does_not_exist(
    client: TestClient, coach: Person
) -> None:
    media_id = upload(coach, MP4)["id"]
    rival = sign_up(other_client(client), "rival@example.org", role="coach", onboard=False)
    stranger = sign_up(other_client(client), "stranger@example.org")
    for person in (rival, stranger):
        assert person.client.get(f"/media/{media_id}").status_code == 404
        assert person.client.get(f"/api/v1/exercises/{EXERCISE}/media").json() == []
        gone = person.client.get(f"/api/v1/exercises/{EXERCISE}/media/{media_id}")
        assert gone.status_code == 404
        assert gone.json()["error"]["code"] == "not_found"
    deleting = rival.client.delete(f"/api/v1/exercises/{EXERCISE}/media/{media_id}", headers=rival.headers)
    assert deleting.status_code == 404


def test_a_linked_client_sees_the_coachs_video_and_link(client: TestClient, coach: Person) -> None:
    media_id = upload(coach, MP4)["id"]
    linked = coach.client.post(
        f"/api/v1/exercises/{EXERCISE}/media/links",
        json={"title": "Slow-motion", "url": "https://video.example.org/calf"},
        headers=coach.headers,
    )
    assert linked.status_code == 201
    athlete = sign_up(other_client(client), "ada@example.org")
    link_client(coach, athlete)
    seen = athlete.client.get(f"/api/v1/exercises/{EXERCISE}/media").json()
    assert [m["kind"] for m in seen] == ["file", "link"]
    assert seen[0]["file_url"] == f"/media/{media_id}"
    assert athlete.client.get(f"/media/{media_id}").content == MP4
    page = athlete.client.get(f"/exercises/{EXERCISE}").text
    assert f'<video controls preload="metadata" width="320" src="/media/{media_id}">' in page
    assert 'href="https://video.example.org/calf"' in page
    assert "Add your own video" not in page


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a.mp4", "example.org/video"])
def test_a_link_that_is_not_http_or_https_is_refused(coach: Person, url: str) -> None:
    answer = coach.client.post(
        f"/api/v1/exercises/{EXERCISE}/media/links", json={"title": "x", "url": url}, headers=coach.headers
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["where"] == "url"


def test_an_athlete_cannot_add_media(client: TestClient) -> None:
    athlete = sign_up(other_client(client), "ada@example.org")
    answer = athlete.client.post(
        f"/api/v1/exercises/{EXERCISE}/media/links",
        json={"title": "x", "url": "https://example.org"},
        headers=athlete.headers,
    )
    assert answer.status_code == 403


def test_media_for_an_exercise_not_in_the_library_is_refused(coach: Person) -> None:
    answer = coach.client.post(
        "/api/v1/exercises/no-such-exercise/media/links",
        json={"title": "x", "url": "https://example.org"},
        headers=coach.headers,
    )
    assert answer.status_code == 404


def test_deleting_media_removes_its_file(coach: Person, media_dir: Path) -> None:
    media_id = upload(coach, MP4)["id"]
    deleted = coach.client.delete(f"/api/v1/exercises/{EXERCISE}/media/{media_id}", headers=coach.headers)
    assert deleted.status_code == 204
    assert list(media_dir.iterdir()) == []
    assert coach.client.get(f"/media/{media_id}").status_code == 404


def test_the_exercise_page_form_uploads_with_the_csrf_token_and_refuses_without(coach: Person) -> None:
    page = coach.client.get(f"/exercises/{EXERCISE}").text
    assert "Add your own video" in page
    files = {"file": ("clip.mp4", MP4, "video/mp4")}
    missing = coach.client.post(
        f"/exercises/{EXERCISE}/media", data={"title": "Form"}, files=files, follow_redirects=False
    )
    assert missing.status_code in (401, 403)
    sent = coach.client.post(
        f"/exercises/{EXERCISE}/media",
        data={"title": "Form", "csrf_token": coach.csrf},
        files=files,
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert "<video controls" in coach.client.get(f"/exercises/{EXERCISE}").text


def test_an_upload_declaring_a_size_over_the_limit_is_refused_before_it_is_read(
    coach: Person, media_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upload_limits, "MEDIA_UPLOAD_BYTES", 1000)
    monkeypatch.setattr(upload_limits, "FORM_OVERHEAD_BYTES", 0)
    refused = upload(coach, MP4)
    assert refused["status"] == 413
    assert refused["error"]["where"] == "file"  # type: ignore[index]
    assert not media_dir.exists()


def test_an_admin_sees_every_coachs_media(admin: Person, coach: Person) -> None:
    media_id = upload(coach, MP4)["id"]
    assert [m["id"] for m in admin.client.get(f"/api/v1/exercises/{EXERCISE}/media").json()] == [media_id]
    assert admin.client.get(f"/media/{media_id}", headers={"range": "bytes=0-3"}).content == MP4[:4]


def test_the_delete_button_on_the_page_removes_the_media_and_its_file(coach: Person, media_dir: Path) -> None:
    media_id = upload(coach, MP4)["id"]
    gone = coach.client.post(
        f"/media/{media_id}/delete", data={"csrf_token": coach.csrf}, follow_redirects=False
    )
    assert gone.status_code == 303
    assert gone.headers["location"] == f"/exercises/{EXERCISE}"
    assert list(media_dir.iterdir()) == []


def test_an_upload_without_a_declared_size_is_stopped_once_it_passes_the_limit(
    coach: Person, media_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunked body declares no size: it is counted as it streams (tests/web/test_body_limit.py)."""
    monkeypatch.setattr(upload_limits, "MEDIA_UPLOAD_BYTES", 1000)
    monkeypatch.setattr(upload_limits, "FORM_OVERHEAD_BYTES", 0)
    boundary = "calfcoachboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nForm\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="squat.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()

    def body() -> Iterator[bytes]:
        yield from (head, MP4[:500], *([MP4[500:1000]] * 100), f"\r\n--{boundary}--\r\n".encode())

    refused = coach.client.post(
        f"/api/v1/exercises/{EXERCISE}/media/files",
        content=body(),
        headers={**coach.headers, "content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert refused.status_code == 413
    assert refused.json()["error"]["code"] == "too_large"
    assert refused.json()["error"]["where"] == "file"
    assert not media_dir.exists() or list(media_dir.iterdir()) == []
