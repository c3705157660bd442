"""Each person's own day: "today", logs and check-ins follow their time zone, not the server's.

The server's clock stands at a fixed instant; people in far-apart zones live different days at it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from calfcoach.services.clock import FixedClock
from calfcoach.store import Store
from calfcoach.web.app import create_app
from tests.api.conftest import PASSWORD, SCREENING_NO, profile_json

# 11:30 UTC on Tuesday 6 January: already 00:30 on Wednesday 7 in Auckland (UTC+13 in summer),
# still 06:30 on Tuesday in New York (UTC-5).
INSTANT = dt.datetime(2026, 1, 6, 11, 30, tzinfo=dt.UTC)


def _person(client: TestClient, email: str, zone: str | None) -> tuple[dict[str, str], int]:
    client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    csrf = {
        "x-csrf-token": client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}).json()[
            "csrf_token"
        ]
    }
    profile = profile_json() | ({"time_zone": zone} if zone else {})
    made = client.post(
        "/api/v1/me/athlete", json={"profile": profile, "screening": SCREENING_NO}, headers=csrf
    )
    assert made.status_code == 201, made.text
    return csrf, int(made.json()["athlete_id"])


@pytest.fixture
def app_at_instant(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store, clock=FixedClock(at=INSTANT))) as client:
        yield client


def test_today_is_the_persons_own_day_wherever_the_server_is(app_at_instant: TestClient) -> None:
    days = {}
    for zone in ("Pacific/Auckland", "America/New_York", None):
        client = TestClient(app_at_instant.app)
        _, athlete_id = _person(client, f"{zone or 'server'}@example.org".replace("/", "-").lower(), zone)
        days[zone] = client.get(f"/api/v1/athletes/{athlete_id}/today").json()["day"]
    assert days == {"Pacific/Auckland": "2026-01-07", "America/New_York": "2026-01-06", None: "2026-01-06"}


def test_a_check_in_for_the_persons_today_is_taken_and_their_tomorrow_refused(
    app_at_instant: TestClient,
) -> None:
    csrf, athlete_id = _person(app_at_instant, "kiwi@example.org", "Pacific/Auckland")
    checkins = f"/api/v1/athletes/{athlete_id}/checkins"
    # Wednesday 7 is the server's tomorrow, but this person's today.
    assert (
        app_at_instant.post(checkins, json={"day": "2026-01-07", "morning_pain": 1}, headers=csrf).status_code
        == 201
    )
    refused = app_at_instant.post(checkins, json={"day": "2026-01-08", "morning_pain": 1}, headers=csrf)
    assert refused.status_code == 422
    assert refused.json()["error"]["where"] == "day"


def test_an_unknown_time_zone_is_refused_with_what_to_give(client: TestClient) -> None:
    client.post("/api/v1/auth/register", json={"email": "tz@example.org", "password": PASSWORD})
    csrf = {
        "x-csrf-token": client.post(
            "/api/v1/auth/login", json={"email": "tz@example.org", "password": PASSWORD}
        ).json()["csrf_token"]
    }
    for wrong in ("Mars/Olympus", "../etc/passwd", "Europe/Berlin\u0000", ""):
        answer = client.post(
            "/api/v1/me/athlete",
            json={"profile": profile_json() | {"time_zone": wrong}, "screening": SCREENING_NO},
            headers=csrf,
        )
        assert answer.status_code == 422, wrong
        assert "time_zone" in answer.json()["error"]["where"]
