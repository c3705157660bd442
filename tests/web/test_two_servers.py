"""Two app servers on one PostgreSQL database, as a clinic runs them: no state that matters in one process.

Each server here has its own store (its own connection pool) and its own caches, like a second
`calfcoach serve` on another host; a change through one must be seen by the very next request on the
other, a sign-in must be valid on both, failed sign-ins must count on both, and an uploaded file must be
served by both from the shared media folder (CALFCOACH_MEDIA_DIR).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from calfcoach.services import exercise_media
from calfcoach.services.clock import FixedClock
from calfcoach.store import open_store
from calfcoach.web.app import create_app
from tests.api.conftest import NOW, PASSWORD, SCREENING_NO, profile_json

pytestmark = pytest.mark.postgres

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 4


@pytest.fixture
def servers(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[TestClient, TestClient]]:
    monkeypatch.setenv(exercise_media.ENV_MEDIA_DIR, str(tmp_path / "shared-media"))
    first, second = open_store(postgres_url), open_store(postgres_url)
    try:
        with (
            TestClient(create_app(first, clock=FixedClock(at=NOW))) as one,
            TestClient(create_app(second, clock=FixedClock(at=NOW))) as two,
        ):
            yield one, two
    finally:
        first.close()
        second.close()


def _signed_in(client: TestClient, email: str, *, role: str = "athlete") -> dict[str, str]:
    client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD, "role": role})
    signed = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert signed.status_code == 200, signed.text
    return {"x-csrf-token": signed.json()["csrf_token"]}


def _moved(cookies_from: TestClient, to: TestClient) -> None:
    """The browser's next request goes to the other server (a load balancer without sticky sessions)."""
    for name, value in cookies_from.cookies.items():
        to.cookies.set(name, value)


def test_a_sign_in_on_one_server_is_valid_on_the_other_and_changes_are_seen_at_once(
    servers: tuple[TestClient, TestClient],
) -> None:
    one, two = servers
    csrf = _signed_in(one, "ada@example.org")
    made = one.post(
        "/api/v1/me/athlete", json={"profile": profile_json(), "screening": SCREENING_NO}, headers=csrf
    )
    athlete_id = made.json()["athlete_id"]
    today = f"/api/v1/athletes/{athlete_id}/today"
    _moved(one, two)
    before = two.get(today)  # the second server computes and keeps its answer
    assert before.status_code == 200
    assert before.json()["pain"]["action"] == "progress"
    one.post(
        f"/api/v1/athletes/{athlete_id}/checkins",
        json={"day": NOW.date().isoformat(), "morning_pain": 8},
        headers=csrf,
    )
    after = two.get(today)  # through the other server, at once: its kept answer is stale and not used
    assert after.json()["pain"]["action"] != "progress"
    assert one.get(today).json()["pain"] == after.json()["pain"]
    two.post("/api/v1/auth/logout", headers=csrf)
    assert one.get(today).status_code == 401  # signed out everywhere, not on one server


def test_failed_sign_ins_count_on_every_server(servers: tuple[TestClient, TestClient]) -> None:
    one, two = servers
    _signed_in(one, "bob@example.org")
    wrong = {"email": "bob@example.org", "password": "not the password at all"}
    answers = [(one if n % 2 else two).post("/api/v1/auth/login", json=wrong).status_code for n in range(7)]
    # Five tries from one client on one account, then back-off: spread over two servers, still five.
    assert answers[:5] == [401] * 5
    assert 429 in answers[5:]


def test_a_file_uploaded_through_one_server_is_served_by_the_other(
    servers: tuple[TestClient, TestClient], tmp_path: Path
) -> None:
    one, two = servers
    csrf = _signed_in(one, "coach@example.org", role="coach")
    added = one.post(
        "/api/v1/exercises/calf-raise-step/media/files",
        data={"title": "My demo"},
        files={"file": ("demo.mp4", MP4, "video/mp4")},
        headers=csrf,
    )
    assert added.status_code == 201, added.text
    assert len(list((tmp_path / "shared-media").iterdir())) == 1
    _moved(one, two)
    served = two.get(added.json()["file_url"])
    assert served.status_code == 200
    assert served.content == MP4
