"""Safety on the pages: a red flag at check-in stops Today, a clearance brings the session back, pain or a
"refer" symptom means relative rest, and the coach sees each client's safety mode and clearances."""

from __future__ import annotations

import re

from tests.api.conftest import Person, other_client, sign_up

TODAY = "2026-01-07"  # the fixed clock's day, a Wednesday: one of Ada's training days


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the form has no CSRF field"
    return found.group(1)


def _check_in(person: Person, *symptoms: str, morning_pain: int = 0) -> str:
    """Send the morning check-in form with the given symptoms ticked; return the page it lands on."""
    page = person.client.get("/log").text
    answer = person.client.post(
        "/log/checkin",
        data={
            "day": TODAY,
            "morning_pain": morning_pain,
            "stiffness": 0,
            "symptoms": list(symptoms),
            "csrf_token": _csrf(page),
        },
    )
    assert answer.status_code == 200, answer.text
    text: str = answer.text
    return text


def _clear(person: Person, by: str = "Dr Jones") -> str:
    page = person.client.get("/today").text
    answer = person.client.post(
        "/today/cleared",
        data={"day": TODAY, "by": by, "note": "no clot on the scan", "csrf_token": _csrf(page)},
    )
    assert answer.status_code == 200, answer.text
    text: str = answer.text
    return text


def test_the_check_in_form_asks_every_symptom_question(ada: Person) -> None:
    page = ada.client.get("/log").text
    for question in ("calf-swelling", "sudden-pop", "night-pain", "numbness"):
        assert f'name="symptoms" value="{question}"' in page
    assert "Is one calf swollen, warm, red or tender" in page


def test_a_normal_day_has_no_safety_section(ada: Person) -> None:
    page = ada.client.get("/today").text
    assert "Start the session" in page
    assert "Do not train today" not in page
    assert "See a physiotherapist</h2>" not in page
    assert "I have been seen and cleared" not in page


def test_calf_swelling_at_check_in_stops_today_until_a_clearance(ada: Person) -> None:
    page = _check_in(ada, "calf-swelling")
    assert "Do not train today" in page  # the check-in lands on Today
    assert "blood clot" in page
    assert "See a doctor today" in page
    assert "Start the session" not in page
    assert "Do it today instead" not in page
    assert "I have been seen and cleared" in page
    assert "If it hurts" in page  # the pain advice card stays
    player = ada.client.get("/player").text
    # The stop heads the page (it was an h2 under no h1; the player's other h1s are in hidden sections).
    assert re.findall(r"<h1[^>]*>([^<]+)</h1>", player)[0] == "Do not train today"

    page = _clear(ada)
    assert "Do not train today" not in page
    assert "Clearance recorded" in page
    assert "Start the session" in page
    clearances = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/clearances").json()
    assert [(c["day"], c["by"], c["note"]) for c in clearances] == [
        (TODAY, "Dr Jones", "no clot on the scan")
    ]


def test_a_check_in_without_symptoms_goes_to_the_history_as_before(ada: Person) -> None:
    page = _check_in(ada, morning_pain=2)
    assert "2/10" in page
    assert "Do not train today" not in page


def test_an_unknown_symptom_is_refused(ada: Person) -> None:
    page = ada.client.get("/log").text
    answer = ada.client.post(
        "/log/checkin",
        data={"day": TODAY, "morning_pain": 0, "symptoms": ["made-up"], "csrf_token": _csrf(page)},
    )
    assert answer.status_code == 422
    assert "made-up" in answer.text


def test_a_clearance_needs_who_gave_it(ada: Person) -> None:
    _check_in(ada, "calf-swelling")
    page = ada.client.get("/today").text
    answer = ada.client.post("/today/cleared", data={"day": TODAY, "by": "", "csrf_token": _csrf(page)})
    assert answer.status_code == 422
    assert "Do not train today" in ada.client.get("/today").text


def test_night_pain_means_relative_rest_with_a_referral(ada: Person) -> None:
    page = _check_in(ada, "night-pain")
    assert "See a physiotherapist" in page
    assert "relative rest" in page
    assert "Pain that wakes you" in page
    assert "Do not train today" not in page
    assert "Relative rest" in page  # today's session is the relative-rest one
    assert "I have been seen and cleared" in page
    page = _clear(ada, by="physiotherapist")
    assert "See a physiotherapist</h2>" not in page


def test_the_coach_sees_a_clients_stop_and_clearance(ada: Person) -> None:
    coach = sign_up(other_client(ada.client), "coach@example.org", role="coach", onboard=False)
    page = coach.client.get("/coach").text
    invited = coach.client.post("/coach/invite", data={"csrf_token": _csrf(page)})
    code = re.search(r'id="invite-code">([^<]+)<', invited.text)
    assert code
    join = ada.client.get(f"/join?code={code.group(1)}").text
    ada.client.post("/join", data={"code": code.group(1), "csrf_token": _csrf(join)})

    _check_in(ada, "calf-swelling")
    dashboard = coach.client.get("/coach").text
    assert "Stop: see a doctor today" in dashboard
    assert "calf swelling (urgent" in dashboard
    client_page = coach.client.get(f"/coach/clients/{ada.athlete_id}").text
    assert "Stop: see a doctor today" in client_page
    assert "blood clot" in client_page
    assert "None recorded." in client_page

    _clear(ada)
    client_page = coach.client.get(f"/coach/clients/{ada.athlete_id}").text
    assert "cleared by Dr Jones (no clot on the scan)" in client_page
    dashboard = coach.client.get("/coach").text
    assert "Stop: see a doctor today" not in dashboard
    assert "Last cleared Jan 7, 2026" in dashboard


def test_the_manual_session_form_stores_where_it_hurt(ada: Person) -> None:
    page = ada.client.get("/log").text
    assert 'name="pain_site"' in page
    form = {
        "day": TODAY,
        "exercise_id": "calf-raise-step",
        "sets": 3,
        "reps": 12,
        "pain_during": 4,
        "pain_site": "achilles",
        "csrf_token": _csrf(page),
    }
    assert ada.client.post("/log/session", data=form).status_code == 200
    sessions = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/sessions").json()
    assert [s["pain_site"] for s in sessions] == ["achilles"]


def test_the_player_asks_where_and_which_exercise_hurt(ada: Person) -> None:
    page = ada.client.get("/player").text
    assert 'id="pain-site"' in page
    assert 'name="pain-from" value="' in page


def test_a_session_logged_by_form_while_stopped_is_refused_with_the_web_way_to_record_a_clearance(
    ada: Person,
) -> None:
    _check_in(ada, "calf-swelling")
    page = ada.client.get("/log").text
    form = {"day": TODAY, "exercise_id": "calf-raise-step", "sets": 3, "reps": 12, "csrf_token": _csrf(page)}
    answer = ada.client.post("/log/session", data=form, headers={"hx-request": "true"})
    assert answer.status_code == 422
    assert "Training is stopped" in answer.text
    assert "I have been seen and cleared" in answer.text
    assert "calfcoach cleared" not in answer.text


def test_the_coachs_german_dashboard_lists_a_clients_pain_in_german(ada: Person) -> None:
    coach = sign_up(other_client(ada.client), "coach@example.org", role="coach", onboard=False)
    code = coach.client.post("/api/v1/coach/invitations", headers=coach.headers).json()["code"]
    ada.client.post("/api/v1/invitations/accept", json={"code": code}, headers=ada.headers)
    painful = {
        "id": "hurt",
        "day": "2026-01-06",
        "program_id": "calf-foundations-to-running",
        "phase_id": "foundations",
        "template_id": "t",
        "sets": [{"exercise_id": "calf-raise-step", "set_index": 0, "reps": 10}],
        "completed": True,
        "pain_during": 7,
    }
    ada.client.post(f"/api/v1/athletes/{ada.athlete_id}/sessions", json=painful, headers=ada.headers)
    english = coach.client.get("/coach", headers={"accept-language": "en"}).text
    assert "2026-01-06: pain 7/10 in a session" in english
    german = coach.client.get("/coach", headers={"accept-language": "de"}).text
    assert "06.01.2026: Schmerz 7/10 in einer Einheit" in german
    assert "pain 7/10 in a session" not in german
