"""The Today page beyond safety: a program with an end says when it ends, and what follows once it has."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import SCREENING_NO, profile_json, sign_up


def test_today_says_when_a_program_ends_and_what_follows_once_it_has(client: TestClient) -> None:
    person = sign_up(client, "al@example.org", onboard=False)
    profile = profile_json("Al") | {"program_id": "alfredson-eccentric", "start_date": "2025-12-01"}
    made = client.post(
        "/api/v1/me/athlete", json={"profile": profile, "screening": SCREENING_NO}, headers=person.headers
    )
    assert made.status_code == 201, made.text
    page = client.get("/today").text
    assert "ends 2026-02-23" in page
    assert "Program complete" not in page
    changed = client.put(
        f"/api/v1/athletes/{made.json()['athlete_id']}",
        json=profile | {"start_date": "2025-09-01"},
        headers=person.headers,
    )
    assert changed.status_code == 200, changed.text
    page = client.get("/today").text
    assert "Program complete" in page
    assert "Retest: heel raise" in page
    assert "Rest day" not in page


def test_a_walk_day_offers_its_watch_workout_and_the_link_downloads_it(client: TestClient) -> None:
    ada = sign_up(client, "ada@example.org")  # Monday, Wednesday, Friday from 2026-01-05; today is Wednesday
    page = client.get("/today").text
    link = f"/api/v1/athletes/{ada.athlete_id}/workouts/2026-01-07.fit"
    assert f'href="{link}" download' in page
    assert "GARMIN/NewFiles" in page
    answer = client.get(link)
    assert answer.status_code == 200
    assert answer.content[8:12] == b".FIT"


def test_a_strength_day_offers_no_watch_workout(client: TestClient) -> None:
    person = sign_up(client, "bo@example.org", onboard=False)
    # Wednesdays only, from today: today is the first session, strength (its warm-up walk is no workout).
    profile = profile_json("Bo") | {"start_date": "2026-01-07", "weekdays": ["wed"]}
    made = client.post(
        "/api/v1/me/athlete", json={"profile": profile, "screening": SCREENING_NO}, headers=person.headers
    )
    assert made.status_code == 201, made.text
    page = client.get("/today").text
    assert "Calf strength A" in page
    assert "/workouts/" not in page
