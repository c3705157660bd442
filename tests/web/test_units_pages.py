"""Units chosen at onboarding reach what the person reads; the API keeps SI and changes the choice."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import other_client, sign_up
from tests.web.test_coach_report import _join
from tests.web.test_forms import _csrf, _message, _onboarding_form

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def test_imperial_chosen_at_onboarding_shows_today_in_mph_and_the_api_keeps_km_per_hour(
    client: TestClient,
) -> None:
    person = sign_up(client, "noor@example.org", onboard=False)
    page = person.client.get("/onboarding").text
    assert '<option value="imperial">Imperial: miles, mph, lb</option>' in page
    form = _onboarding_form(page, weekdays=EVERY_DAY, units="imperial", load_units="")
    assert person.client.post("/onboarding", data=form, follow_redirects=False).status_code == 303
    athlete = person.client.get("/api/v1/me").json()["athlete_id"]
    profile = person.client.get(f"/api/v1/athletes/{athlete}").json()["profile"]
    assert (profile["units"], profile["load_units"]) == ("imperial", None)
    today = person.client.get("/today").text
    assert "20 min, at 3.1 mph" in today
    assert "km/h" not in today
    api = person.client.get(f"/api/v1/athletes/{athlete}/plan", params={"weeks": 8}).json()
    walks = [i for s in api["sessions"] for i in s["items"] if "speed_kmh" in i["dose"]]
    assert walks
    assert all("mph" in i["dose_text"] for i in walks)
    assert walks[0]["dose"]["speed_kmh"] == 5.0  # SI, the unit in the field's name

    profile.update(units="metric")
    changed = person.client.put(
        f"/api/v1/athletes/{athlete}", json=profile, headers={"x-csrf-token": person.csrf}
    )
    assert changed.status_code == 200, changed.text
    today = person.client.get("/today").text
    assert "20 min, at 5.0 km/h" in today
    assert "mph" not in today


def test_an_unknown_unit_is_refused_in_words_next_to_its_field(client: TestClient) -> None:
    person = sign_up(client, "mina@example.org", onboard=False)
    page = person.client.get("/onboarding").text
    answer = person.client.post("/onboarding", data=_onboarding_form(page, units="furlongs"))
    assert answer.status_code == 422
    assert _message(answer.text, "units") == "Choose one of the options."
    assert _csrf(answer.text)


def test_the_report_and_the_coachs_view_of_it_draw_walking_speed_in_the_athletes_mph(
    client: TestClient,
) -> None:
    ada = sign_up(client, "ada@example.org")
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]
    url = f"/api/v1/athletes/{ada.athlete_id}"
    assert ada.client.put(url, json={**profile, "units": "imperial"}, headers=ada.headers).status_code == 200
    walk = {
        "id": "w1", "day": "2026-01-07", "program_id": "calf-foundations-to-running",
        "phase_id": "foundations", "template_id": "walk", "completed": True,
        "cardio": [
            {"exercise_id": "brisk-walk", "duration_s": 1200, "avg_speed_kmh": 5.0, "distance_m": 1609.344}
        ],
    }  # fmt: skip
    assert ada.client.put(f"{url}/sessions/w1", json=walk, headers=ada.headers).status_code == 200
    report = ada.client.get("/report").text
    assert "Average speed (mph)" in report
    assert "km/h" not in report
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    _join(coach, ada)
    seen = coach.client.get(f"/coach/clients/{ada.athlete_id}/report").text
    assert "Average speed (mph)" in seen


def test_the_log_form_takes_load_and_speed_in_the_persons_units_and_stores_si(client: TestClient) -> None:
    ada = sign_up(client, "ada@example.org")
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]
    url = f"/api/v1/athletes/{ada.athlete_id}"
    assert ada.client.put(url, json={**profile, "units": "imperial"}, headers=ada.headers).status_code == 200
    page = ada.client.get("/log").text
    assert "Added weight per set, lb" in page
    assert "Average speed, mph" in page
    base = {"day": "2026-01-07", "csrf_token": _csrf(page)}
    raises = {**base, "exercise_id": "calf-raise-step", "sets": "2", "reps": "12", "load": "20"}
    assert ada.client.post("/log/session", data=raises, follow_redirects=False).status_code == 303
    walk = {**base, "exercise_id": "brisk-walk", "sets": "0", "minutes": "20", "speed": "3.2"}
    assert ada.client.post("/log/session", data=walk, follow_redirects=False).status_code == 303
    sessions = ada.client.get(f"{url}/sessions").json()
    loads = [s["load_kg"] for session in sessions for s in session["sets"]]
    speeds = [c["avg_speed_kmh"] for session in sessions for c in session["cardio"]]
    assert loads == [20 * 0.45359237] * 2
    assert speeds == [3.2 * 1.609344]

    refused = ada.client.post("/log/session", data={**walk, "speed": "fast"})
    assert refused.status_code == 422
    assert _message(refused.text, "s-speed") == "Enter a number of mph, or leave it blank."
    too_fast = ada.client.post("/log/session", data={**walk, "speed": "30"})
    assert _message(too_fast.text, "s-speed") == "Enter more than 0 and at most 24.9 mph."
    too_heavy = ada.client.post("/log/session", data={**raises, "load": "700"})
    assert _message(too_heavy.text, "s-load") == "Enter 661 lb or less."
