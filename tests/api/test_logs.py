"""Logging over the API: sessions saved again set by set, check-ins, tests, and what today shows after."""

from __future__ import annotations

from sqlalchemy import text

from calfcoach.domain.log import PerformedSession
from calfcoach.store.store import Store
from tests.api.conftest import Person


def _session(
    uid: str, reps: list[int], *, day: str = "2026-01-07", completed: bool = False
) -> dict[str, object]:
    return {
        "id": uid,
        "day": day,
        "program_id": "calf-foundations-to-running",
        "phase_id": "foundations",
        "template_id": "t",
        "sets": [{"exercise_id": "calf-raise-step", "set_index": i, "reps": r} for i, r in enumerate(reps)],
        "completed": completed,
    }


def test_saving_a_session_again_replaces_it_so_a_retried_sync_never_duplicates(ada: Person) -> None:
    url = f"/api/v1/athletes/{ada.athlete_id}/sessions/p1"
    for reps in ([12], [12, 11], [12, 11], [12, 11, 10]):
        assert ada.client.put(url, json=_session("p1", reps), headers=ada.headers).status_code == 200
    sessions = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/sessions").json()
    assert len(sessions) == 1
    assert [s["reps"] for s in sessions[0]["sets"]] == [12, 11, 10]
    assert ada.client.get(url).json()["id"] == "p1"


def test_a_session_whose_id_differs_from_the_url_is_refused(ada: Person) -> None:
    answer = ada.client.put(
        f"/api/v1/athletes/{ada.athlete_id}/sessions/p1", json=_session("p2", [10]), headers=ada.headers
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["where"] == "id"


def test_a_session_in_the_future_is_refused_and_nothing_is_stored(ada: Person) -> None:
    answer = ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/sessions",
        json=_session("f", [10], day="2026-03-01"),
        headers=ada.headers,
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["where"] == "day"
    assert ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/sessions").json() == []


def test_an_unknown_exercise_is_refused_with_a_suggestion(ada: Person) -> None:
    body = _session("x", [10])
    body["sets"] = [{"exercise_id": "calf-raise-stepp", "set_index": 0, "reps": 10}]
    answer = ada.client.post(f"/api/v1/athletes/{ada.athlete_id}/sessions", json=body, headers=ada.headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["hint"] == "did you mean 'calf-raise-step'?"


def test_an_invalid_field_names_its_place(ada: Person) -> None:
    answer = ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/checkins",
        json={"day": "2026-01-07", "morning_pain": 11},
        headers=ada.headers,
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["where"] == "morning_pain"


def test_today_lists_a_session_logged_today(ada: Person) -> None:
    assert ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/today").json()["done_today"] == []
    ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/sessions", json=_session("d1", [10]), headers=ada.headers
    )
    today = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/today").json()
    assert today["done_today"] == ["d1"]
    assert today["disclaimer"].startswith("CalfCoach is not medical advice")


def test_check_ins_and_tests_come_back_newest_first(ada: Person) -> None:
    base = f"/api/v1/athletes/{ada.athlete_id}"
    for day in ("2026-01-05", "2026-01-06"):
        ada.client.post(f"{base}/checkins", json={"day": day, "morning_pain": 2}, headers=ada.headers)
    test = {"day": "2026-01-06", "kind": "heel_raise", "left": 18, "right": 22}
    assert ada.client.post(f"{base}/tests", json=test, headers=ada.headers).status_code == 201
    assert [c["day"] for c in ada.client.get(f"{base}/checkins").json()] == ["2026-01-06", "2026-01-05"]
    assert ada.client.get(f"{base}/tests").json()[0]["left"] == 18
    report = ada.client.get(f"{base}/report").json()
    assert report["tests"][0]["summary"]


def test_a_pain_flag_reaches_the_coachs_dashboard(ada: Person) -> None:
    from tests.api.conftest import other_client, sign_up

    coach = sign_up(other_client(ada.client), "coach@example.org", role="coach", onboard=False)
    code = coach.client.post("/api/v1/coach/invitations", headers=coach.headers).json()["code"]
    ada.client.post("/api/v1/invitations/accept", json={"code": code}, headers=ada.headers)
    painful = {**_session("hurt", [10], day="2026-01-06", completed=True), "pain_during": 7}
    ada.client.post(f"/api/v1/athletes/{ada.athlete_id}/sessions", json=painful, headers=ada.headers)
    [row] = coach.client.get("/api/v1/coach/clients").json()
    assert row["athlete_id"] == ada.athlete_id
    assert row["last_session"] == "2026-01-06"
    assert row["pain_action"] == "reduce"
    assert any("7/10" in flag for flag in row["pain_flags"])
    # Monday's session is done; Wednesday (today) is not yet due: trained on every day due so far.
    assert row["adherence"] == 1
    # A coach without a profile of their own reads the flags in the language their request asks for.
    german = {**coach.headers, "Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}
    [row_de] = coach.client.get("/api/v1/coach/clients", headers=german).json()
    assert "06.01.2026: Schmerz 7/10 in einer Einheit" in row_de["pain_flags"]
    assert {**row_de, "pain_flags": row["pain_flags"]} == row
    assert coach.client.get("/api/v1/coach/clients").headers["content-type"] == "application/json"


def test_today_sees_at_once_what_another_program_wrote_to_the_database(ada: Person, store: Store) -> None:
    """Another worker, the CLI or a plain SQL fix: the kept answer must not outlive the change."""
    url = f"/api/v1/athletes/{ada.athlete_id}/today"
    assert ada.client.get(url).json()["done_today"] == []
    assert ada.athlete_id is not None
    with store.unit_of_work() as uow:
        uow.sessions.add(ada.athlete_id, PerformedSession.model_validate(_session("cli", [12])))
        uow.commit()
    assert ada.client.get(url).json()["done_today"] == ["cli"]
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM performed_sessions WHERE uid = 'cli'"))
    assert ada.client.get(url).json()["done_today"] == []


def test_each_write_answers_with_what_was_stored_as_json(ada: Person) -> None:
    base = f"/api/v1/athletes/{ada.athlete_id}"
    logged = ada.client.post(f"{base}/sessions", json=_session("w1", [12, 10]), headers=ada.headers)
    saved = ada.client.put(f"{base}/sessions/w2", json=_session("w2", [8]), headers=ada.headers)
    checked = ada.client.post(
        f"{base}/checkins", json={"day": "2026-01-07", "morning_pain": 3}, headers=ada.headers
    )
    tested = ada.client.post(
        f"{base}/tests",
        json={"day": "2026-01-07", "kind": "heel_raise", "left": 18, "right": 20},
        headers=ada.headers,
    )
    assert [a.status_code for a in (logged, saved, checked, tested)] == [201, 200, 201, 201]
    assert {a.headers["content-type"] for a in (logged, saved, checked, tested)} == {"application/json"}
    assert logged.json() == ada.client.get(f"{base}/sessions/w1").json()
    assert saved.json() == ada.client.get(f"{base}/sessions/w2").json()
    assert checked.json() == ada.client.get(f"{base}/checkins").json()[0]
    assert tested.json() == ada.client.get(f"{base}/tests").json()[0]


def test_a_number_or_a_word_where_a_boolean_belongs_is_refused_not_guessed(ada: Person) -> None:
    sessions = f"/api/v1/athletes/{ada.athlete_id}/sessions"
    for wrong in (1, "true", "yes"):
        body = _session("b", [10]) | {"completed": wrong}
        answer = ada.client.post(sessions, json=body, headers=ada.headers)
        assert answer.status_code == 422, wrong
        assert answer.json()["error"]["where"] == "completed"
    test = {"day": "2026-01-07", "kind": "balance", "left": 20, "right": 25, "eyes_closed": 1}
    answer = ada.client.post(f"/api/v1/athletes/{ada.athlete_id}/tests", json=test, headers=ada.headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["where"] == "eyes_closed"
    assert ada.client.get(sessions).json() == []


def test_a_check_in_dated_tomorrow_is_refused_naming_the_day(ada: Person) -> None:
    """Regression (issue 14): the API took a check-in dated tomorrow."""
    base = f"/api/v1/athletes/{ada.athlete_id}"
    refused = ada.client.post(
        f"{base}/checkins", json={"day": "2026-01-08", "morning_pain": 1}, headers=ada.headers
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["where"] == "day"
    assert "in the future" in refused.json()["error"]["message"]
    assert ada.client.get(f"{base}/checkins").json() == []
