"""Safety over the API: symptoms in check-ins, pain sources in sessions, clearances, the safety block, and
who may record what (the athlete records their own clearance; their coach reads it)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import SCREENING_NO, Person, other_client, sign_up

DAY = "2026-01-07"  # the app's fixed clock (tests/api/conftest.py)


def _session(uid: str, **extra: object) -> dict[str, object]:
    return {
        "id": uid,
        "day": DAY,
        "program_id": "calf-foundations-to-running",
        "phase_id": "foundations",
        "template_id": "t",
        "sets": [
            {"exercise_id": "calf-raise-step", "set_index": 0, "reps": 12},
            {"exercise_id": "toe-raise-ledge", "set_index": 0, "reps": 15},
        ],
        **extra,
    }


def _coach_of(client: TestClient, athlete: Person) -> Person:
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    code = coach.client.post("/api/v1/coach/invitations", headers=coach.headers).json()["code"]
    accepted = athlete.client.post("/api/v1/invitations/accept", json={"code": code}, headers=athlete.headers)
    assert accepted.status_code == 200, accepted.text
    return coach


def test_a_check_in_symptom_stops_sessions_until_a_clearance_is_recorded(ada: Person) -> None:
    base = f"/api/v1/athletes/{ada.athlete_id}"
    assert ada.client.get(f"{base}/safety").json()["mode"] == "train"
    checked = ada.client.post(
        f"{base}/checkins",
        json={"day": DAY, "morning_pain": 1, "symptoms": ["calf-swelling"]},
        headers=ada.headers,
    )
    assert checked.status_code == 201, checked.text
    assert checked.json()["symptoms"] == ["calf-swelling"]
    safety = ada.client.get(f"{base}/safety").json()
    assert (safety["mode"], safety["stop"]) == ("stop", True)
    assert [(f["id"], f["level"], f["source"], f["since"]) for f in safety["flags"]] == [
        ("calf-swelling", "urgent", "checkin", DAY)
    ]
    today = ada.client.get(f"{base}/today").json()
    assert today["safety"] == safety
    assert today["session"] is None
    for method, url in (("POST", f"{base}/sessions"), ("PUT", f"{base}/sessions/s1")):
        refused = ada.client.request(method, url, json=_session("s1"), headers=ada.headers)
        assert refused.status_code == 422, refused.text
        error = refused.json()["error"]
        assert error["where"] == "safety"
        assert "calf-swelling" in error["message"]
        assert "calfcoach cleared --by WHO" in error["hint"]
    assert ada.client.get(f"{base}/sessions").json() == []
    cleared = ada.client.post(
        "/api/v1/me/clearances", json={"day": DAY, "by": "GP", "note": "no clot"}, headers=ada.headers
    )
    assert cleared.status_code == 201, cleared.text
    assert cleared.json()["clearance"] == {
        "day": DAY,
        "by": "GP",
        "note": "no clot",
        "recorded_at": "2026-01-07T09:00:00Z",  # the server's clock, whatever the body says
    }
    assert cleared.json()["safety"]["mode"] == "train"
    assert ada.client.get(f"{base}/today").json()["safety"]["cleared_on"] == DAY  # the kept answer is renewed
    logged = ada.client.post(f"{base}/sessions", json=_session("s1"), headers=ada.headers)
    assert logged.status_code == 201, logged.text


def test_an_unknown_symptom_is_refused_naming_the_valid_ones(ada: Person) -> None:
    answer = ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/checkins",
        json={"day": DAY, "morning_pain": 1, "symptoms": ["cramp"]},
        headers=ada.headers,
    )
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert (error["where"], error["message"]) == ("symptoms", "'cramp' is not a check-in symptom")
    assert "night-pain" in error["hint"]
    assert ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/checkins").json() == []


def test_a_session_names_the_exercise_that_hurt_and_where(ada: Person) -> None:
    base = f"/api/v1/athletes/{ada.athlete_id}"
    body = _session("s1", pain_during=4, pain_from=["toe-raise-ledge"], pain_site="shin")
    assert ada.client.post(f"{base}/sessions", json=body, headers=ada.headers).status_code == 201
    stored = ada.client.get(f"{base}/sessions/s1").json()
    assert (stored["pain_from"], stored["pain_site"]) == (["toe-raise-ledge"], "shin")
    wrong = ada.client.post(
        f"{base}/sessions", json=_session("s2", pain_from=["heel-walk"]), headers=ada.headers
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["where"] == "pain_from[0]"
    site = ada.client.post(f"{base}/sessions", json=_session("s3", pain_site="elbow"), headers=ada.headers)
    assert site.status_code == 422
    assert site.json()["error"]["where"] == "pain_site"


def test_a_coach_reads_a_clients_safety_and_clearances_but_cannot_record_them(
    client: TestClient, ada: Person
) -> None:
    coach = _coach_of(client, ada)
    base = f"/api/v1/athletes/{ada.athlete_id}"
    ada.client.post(
        f"{base}/checkins",
        json={"day": DAY, "morning_pain": 3, "symptoms": ["night-pain"]},
        headers=ada.headers,
    )
    assert coach.client.get(f"{base}/safety").json()["mode"] == "relative_rest"
    forbidden = coach.client.post(
        f"{base}/clearances", json={"day": DAY, "by": "coach"}, headers=coach.headers
    )
    assert forbidden.status_code == 403
    assert (
        forbidden.json()["error"]["message"]
        == "only the athlete records their own clearance; a coach can read it"
    )
    refused = coach.client.post(f"{base}/screenings", json={"screening": SCREENING_NO}, headers=coach.headers)
    assert refused.status_code == 403
    assert coach.client.get(f"{base}/clearances").json() == []
    own = ada.client.post(f"{base}/clearances", json={"day": DAY, "by": "physio"}, headers=ada.headers)
    assert own.status_code == 201, own.text
    listed = coach.client.get(f"{base}/clearances").json()
    assert [(c["day"], c["by"], c["note"]) for c in listed] == [(DAY, "physio", "")]
    assert listed[0]["recorded_at"].startswith(DAY)
    (row,) = coach.client.get("/api/v1/coach/clients").json()
    assert row["safety"]["mode"] == "train"
    assert row["latest_clearance"] == {"day": DAY, "by": "physio", "note": ""}


def test_a_clearance_after_today_is_refused(ada: Person) -> None:
    answer = ada.client.post(
        "/api/v1/me/clearances", json={"day": "2026-01-08", "by": "GP"}, headers=ada.headers
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["where"] == "day"
    assert ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/clearances").json() == []


def test_taking_the_screening_again_over_the_api(ada: Person) -> None:
    incomplete = ada.client.post(
        "/api/v1/me/screening", json={"screening": {"heart": True}}, headers=ada.headers
    )
    assert incomplete.status_code == 422
    assert incomplete.json()["error"]["where"] == "screening"
    answers = {**SCREENING_NO, "chest-pain": True}
    taken = ada.client.post("/api/v1/me/screening", json={"screening": answers}, headers=ada.headers)
    assert taken.status_code == 201, taken.text
    body = taken.json()
    assert [f["id"] for f in body["screening"]["flagged"]] == ["chest-pain"]
    assert body["safety"]["mode"] == "stop"
    again = ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/screenings", json={"screening": SCREENING_NO}, headers=ada.headers
    )
    assert again.status_code == 201
    assert again.json()["safety"]["mode"] == "stop"  # a newer "no" does not close the flag; a clearance does


def test_me_routes_need_a_profile(client: TestClient) -> None:
    coach = sign_up(client, "coach@example.org", role="coach", onboard=False)
    answer = coach.client.post("/api/v1/me/clearances", json={"day": DAY, "by": "GP"}, headers=coach.headers)
    assert answer.status_code == 404
