"""The Today page beyond safety: a program with an end says when it ends, and what follows once it has; a
session done today, as the coach's client page shows it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.conftest import SCREENING_NO, Person, other_client, profile_json, sign_up

TODAY = "2026-01-07"  # the fixed clock's day


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the form has no CSRF field"
    return found.group(1)


def test_today_says_when_a_program_ends_and_what_follows_once_it_has(client: TestClient) -> None:
    person = sign_up(client, "al@example.org", onboard=False)
    profile = profile_json("Al") | {"program_id": "alfredson-eccentric", "start_date": "2025-12-01"}
    made = client.post(
        "/api/v1/me/athlete", json={"profile": profile, "screening": SCREENING_NO}, headers=person.headers
    )
    assert made.status_code == 201, made.text
    page = client.get("/today").text
    assert "ends Feb 23, 2026" in page
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


def _athlete(client: TestClient, name: str, **profile: object) -> None:
    """Register `name` and onboard them with `profile` over the default one."""
    person = sign_up(client, f"{name.lower()}@example.org", onboard=False)
    made = client.post(
        "/api/v1/me/athlete",
        json={"profile": profile_json(name) | profile, "screening": SCREENING_NO},
        headers=person.headers,
    )
    assert made.status_code == 201, made.text


def test_a_strength_day_offers_no_watch_workout(client: TestClient) -> None:
    # Wednesdays only, from today: today is the first session, strength (its warm-up walk is no workout).
    _athlete(client, "Bo", start_date="2026-01-07", weekdays=["wed"])
    page = client.get("/today").text
    assert "Calf strength A" in page
    assert "/workouts/" not in page


def test_a_coach_sees_the_clients_session_of_today_as_done(client: TestClient, ada: Person) -> None:
    """The coach's client page tells the same as the client's Today: done, not still to do."""
    coach = sign_up(other_client(client), "coach-today@example.org", role="coach", onboard=False)
    invited = coach.client.post("/coach/invite", data={"csrf_token": _csrf(coach.client.get("/coach").text)})
    code = re.search(r'id="invite-code">([^<]+)<', invited.text)
    assert code
    page = ada.client.get(f"/join?code={code.group(1)}").text
    ada.client.post("/join", data={"code": code.group(1), "csrf_token": _csrf(page)})
    today = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/today").json()["session"]
    done = {
        "id": "web-done-1",
        "day": TODAY,
        "program_id": today["program_id"],
        "phase_id": today["phase_id"],
        "template_id": today["template_id"],
        "sets": [{"exercise_id": "calf-raise-step", "set_index": 0, "reps": 12}],
        "pain_during": 1,
    }
    saved = ada.client.post(f"/api/v1/athletes/{ada.athlete_id}/sessions", json=done, headers=ada.headers)
    assert saved.status_code == 201, saved.text
    client_page = coach.client.get(f"/coach/clients/{ada.athlete_id}").text
    assert "<h2>Done today</h2>" in client_page
    assert "pain during 1/10, after 0/10" in client_page
    assert "Still planned today" not in client_page


def test_a_program_starting_next_week_says_when_instead_of_a_negative_week(client: TestClient) -> None:
    _athlete(client, "Soon", start_date="2026-01-12")  # the Monday after the clock's Wednesday
    page = client.get("/today").text
    assert "starts Jan 12, 2026" in page
    assert "week -" not in page
    assert "week 0" not in page
    assert "-1 weeks" not in page
    assert "0 weeks in this phase" in page
