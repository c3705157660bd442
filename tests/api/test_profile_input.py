"""A profile's weekdays sent as something other than a list of days: a clear 422, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import SCREENING_NO, Person, other_client, profile_json, sign_up

BAD_WEEKDAYS = [[{}], [[1]], "mon"]


@pytest.mark.parametrize("weekdays", BAD_WEEKDAYS)
def test_changing_a_profile_with_bad_weekdays_is_a_422_naming_the_field(
    ada: Person, weekdays: object
) -> None:
    answer = ada.client.put(
        f"/api/v1/athletes/{ada.athlete_id}",
        json={**profile_json(), "weekdays": weekdays},
        headers=ada.headers,
    )
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "invalid_input"
    assert error["where"].startswith("weekdays")


@pytest.mark.parametrize("weekdays", BAD_WEEKDAYS)
def test_signing_up_with_bad_weekdays_is_a_422_naming_the_field(client: TestClient, weekdays: object) -> None:
    person = sign_up(other_client(client), "cy@example.org", onboard=False)
    answer = person.client.post(
        "/api/v1/me/athlete",
        json={"profile": {**profile_json(), "weekdays": weekdays}, "screening": SCREENING_NO},
        headers=person.headers,
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["where"].startswith("profile.weekdays")
