"""GET/PUT /coach/weekly-summary: a coach switches the weekly summary by e-mail on and off."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import Person, other_client, sign_up

URL = "/api/v1/coach/weekly-summary"


def test_a_coach_switches_it_on_and_off_and_an_athlete_cannot(client: TestClient, ada: Person) -> None:
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    assert coach.client.get(URL).json() == {"enabled": False}
    switched = coach.client.put(URL, json={"enabled": True}, headers=coach.headers)
    assert switched.status_code == 200
    assert switched.json() == {"enabled": True}
    assert coach.client.get(URL).json() == {"enabled": True}
    assert coach.client.put(URL, json={"enabled": False}, headers=coach.headers).json() == {"enabled": False}
    assert ada.client.put(URL, json={"enabled": True}, headers=ada.headers).status_code == 403
    assert coach.client.put(URL, json={}, headers=coach.headers).status_code == 422
