"""Request bodies: weekdays that are not days are refused with 422, never a server error."""

from __future__ import annotations

import pytest

from calfcoach.services.athletes import questionnaire
from tests.api.conftest import Person, profile_json, sign_up

NOT_DAYS: list[object] = [[{}], [[1]], "mon", [True], {"mon": 1}]


@pytest.mark.parametrize("weekdays", NOT_DAYS)
def test_a_profile_with_weekdays_that_are_not_days_is_422(ada: Person, weekdays: object) -> None:
    body = {**profile_json(), "weekdays": weekdays}
    answer = ada.client.put(f"/api/v1/athletes/{ada.athlete_id}", json=body, headers=ada.headers)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["where"] == "weekdays"
    assert "mon..sun" in error["message"]


@pytest.mark.parametrize("weekdays", NOT_DAYS)
def test_onboarding_with_weekdays_that_are_not_days_is_422(ada: Person, weekdays: object) -> None:
    newcomer = sign_up(ada.client.__class__(ada.client.app), "cy@example.org", onboard=False)
    screening = {q.id: False for q in questionnaire().questions}
    answer = newcomer.client.post(
        "/api/v1/me/athlete",
        json={"profile": {**profile_json("Cy"), "weekdays": weekdays}, "screening": screening},
        headers=newcomer.headers,
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["where"] == "weekdays"


def test_day_names_and_numbers_are_still_read(ada: Person) -> None:
    body = {**profile_json(), "weekdays": ["Tue", 3, "saturday"]}
    answer = ada.client.put(f"/api/v1/athletes/{ada.athlete_id}", json=body, headers=ada.headers)
    assert answer.status_code == 200, answer.text
    assert sorted(answer.json()["profile"]["weekdays"]) == [1, 3, 5]
