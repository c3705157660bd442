"""Pages in the person's language: their profile's choice, else the browser's; English stays English."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, SCREENING_NO, Person, other_client, profile_json

GERMAN = {"accept-language": "de-DE,de;q=0.9,en;q=0.5"}


def _athlete(client: TestClient, email: str, language: str | None) -> Person:
    """An onboarded athlete whose profile says `language` (None: never chosen)."""
    created = client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    assert created.status_code == 201, created.text
    signed = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    csrf = signed.json()["csrf_token"]
    profile = profile_json(email.split("@")[0]) | ({} if language is None else {"language": language})
    made = client.post(
        "/api/v1/me/athlete",
        json={"profile": profile, "screening": SCREENING_NO},
        headers={"x-csrf-token": csrf},
    )
    assert made.status_code == 201, made.text
    return Person(client, email, created.json()["id"], made.json()["athlete_id"], csrf)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_a_german_person_reads_today_in_german(client: TestClient) -> None:
    greta = _athlete(client, "greta@example.org", "de")
    page = greta.client.get("/today")
    assert page.status_code == 200
    assert '<html lang="de">' in page.text
    assert "<h1>Heute" in page.text
    assert "Wenn es wehtut" in page.text
    assert "<strong>Stechender Schmerz</strong>: Brechen Sie diese Übung sofort ab." in page.text
    assert "CalfCoach ist keine medizinische Beratung" in page.text  # the disclaimer too
    assert ">Übungen</a>" in page.text  # the menu
    assert "If it hurts" not in page.text
    doses = re.findall(r"</a>: <strong>([^<]*)</strong>", page.text)
    assert doses, "today's session lists its doses"
    assert not [d for d in doses if re.search(r"\b(rest|hold|each side|min)\b", d)], doses
    assert any("Pause" in d or "Min." in d for d in doses), doses


def test_an_english_person_reads_english_even_from_a_german_browser(client: TestClient) -> None:
    ada = _athlete(client, "ada@example.org", "en")
    page = ada.client.get("/today", headers=GERMAN)
    assert '<html lang="en">' in page.text
    assert "If it hurts" in page.text
    assert "Wenn es wehtut" not in page.text


def test_without_a_choice_the_browser_decides(client: TestClient) -> None:
    noor = _athlete(client, "noor@example.org", None)
    assert "Wenn es wehtut" in noor.client.get("/today", headers=GERMAN).text
    assert "If it hurts" in noor.client.get("/today", headers={"accept-language": "fr, en;q=0.5"}).text
    assert "If it hurts" in noor.client.get("/today").text


def test_pages_before_sign_in_follow_accept_language(client: TestClient) -> None:
    visitor = other_client(client)
    german = visitor.get("/register", headers=GERMAN).text
    assert "<h1>Konto erstellen</h1>" in german
    assert 'lang="de"' in german
    english = visitor.get("/register", headers={"accept-language": "en-GB"}).text
    assert "<h1>Create an account</h1>" in english


def test_onboarding_is_german_from_a_german_browser_and_keeps_the_choice(client: TestClient) -> None:
    visitor = other_client(client)
    visitor.post("/api/v1/auth/register", json={"email": "jonas@example.org", "password": PASSWORD})
    visitor.post("/api/v1/auth/login", json={"email": "jonas@example.org", "password": PASSWORD})
    page = visitor.get("/onboarding", headers=GERMAN).text
    assert "Richten wir alles für Sie ein" in page
    assert '<option value="de" lang="de" selected>Deutsch</option>' in page  # the browser's, offered
    assert "Trainingstage" in page
    assert "Ist eine Wade ohne erkennbaren Grund geschwollen, warm, gerötet oder druckempfindlich?" in page
    questions = re.findall(r'name="(q-[^"]+)" value="no"', page)
    form: dict[str, object] = {
        "name": "Jonas",
        "start_date": "2026-01-07",
        "weekdays": ["mon", "thu"],
        "minutes_per_session": "30",
        "language": "de",
        "csrf_token": _csrf(page),
        **dict.fromkeys(questions, "no"),
    }
    done = visitor.post("/onboarding", data=form, follow_redirects=False)
    assert done.status_code == 303, done.text
    # The profile keeps German: an English browser afterwards still gets German pages.
    assert "Wenn es wehtut" in visitor.get("/today", headers={"accept-language": "en"}).text


def test_a_form_error_is_said_in_german(client: TestClient) -> None:
    greta = _athlete(client, "greta@example.org", "de")
    page = greta.client.get("/log").text
    answer = greta.client.post(
        "/log/checkin",
        data={"day": "2026-01-07", "morning_pain": "11", "stiffness": "0", "csrf_token": _csrf(page)},
        headers={"hx-request": "true"},
    )
    assert answer.status_code == 422
    assert '<p class="field-error" id="c-pain-error">Geben Sie 10 oder weniger ein.</p>' in answer.text
    assert "Prüfen Sie das unten markierte Feld." in answer.text
    assert "Enter 10 or less" not in answer.text


def test_the_same_form_error_in_english(client: TestClient) -> None:
    ada = _athlete(client, "ada@example.org", "en")
    page = ada.client.get("/log").text
    answer = ada.client.post(
        "/log/checkin",
        data={"day": "2026-01-07", "morning_pain": "11", "stiffness": "0", "csrf_token": _csrf(page)},
        headers={"hx-request": "true"},
    )
    assert '<p class="field-error" id="c-pain-error">Enter 10 or less.</p>' in answer.text


def test_the_language_is_changed_in_the_account_settings(client: TestClient) -> None:
    ada = _athlete(client, "ada@example.org", None)
    page = ada.client.get("/settings/account").text
    assert '<option value="en" lang="en" selected>English</option>' in page
    changed = ada.client.post(
        "/settings/language", data={"language": "de", "csrf_token": _csrf(page)}, follow_redirects=False
    )
    assert changed.status_code == 303
    assert "<h1>Ihr Konto</h1>" in ada.client.get("/settings/account").text
    assert "<h1>Heute" in ada.client.get("/today").text
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()
    assert profile["profile"]["language"] == "de"


def test_a_language_it_does_not_speak_is_refused_on_the_form(client: TestClient) -> None:
    ada = _athlete(client, "ada@example.org", None)
    page = ada.client.get("/settings/account").text
    answer = ada.client.post(
        "/settings/language",
        data={"language": "xx", "csrf_token": _csrf(page)},
        headers={"hx-request": "true"},
    )
    assert answer.status_code == 422
    assert "is not a language CalfCoach speaks: use one of en, de" in answer.text


def test_dates_and_numbers_are_written_for_the_locale(client: TestClient) -> None:
    greta = _athlete(client, "greta@example.org", "de")
    page = greta.client.get("/today").text
    assert '<h1>Heute <span class="muted">Mi., 7. Jan.</span></h1>' in page  # the fixed clock's day
    report = greta.client.get("/report").text
    assert "7. Januar 2026" in report


def test_a_warning_sign_at_check_in_is_said_in_german(client: TestClient) -> None:
    greta = _athlete(client, "greta@example.org", "de")
    page = greta.client.get("/log").text
    assert "Haben Schmerzen in Wade, Achillessehne oder Schienbein Sie in der Nacht geweckt?" in page
    greta.client.post(
        "/log/checkin",
        data={
            "day": "2026-01-07",
            "morning_pain": "2",
            "stiffness": "1",
            "symptoms": ["calf-swelling"],
            "csrf_token": _csrf(page),
        },
    )
    today = greta.client.get("/today").text
    assert '<h2 id="stop-title">Heute nicht trainieren</h2>' in today
    assert "das kann ein Blutgerinnsel sein (tiefe Venenthrombose)" in today
    assert "blood clot" not in today


def test_the_progress_charts_speak_german(client: TestClient) -> None:
    greta = _athlete(client, "greta@example.org", "de")
    page = greta.client.get("/progress").text
    assert json.dumps("Schmerz (0–10)") in page  # in the chart's JSON, written as JSON writes it
    assert "Wadentraining pro Woche" in page
    assert "Noch keine Einheiten oder Morgenabfragen." in page
    assert "Weekly calf volume" not in page


def test_a_session_logged_by_hand_is_named_in_german_on_every_page(client: TestClient) -> None:
    greta = _athlete(client, "greta@example.org", "de")
    page = greta.client.get("/log").text
    assert '<option value="calf-raise-step">Wadenheben auf einer Stufe</option>' in page
    form = {"day": "2026-01-07", "exercise_id": "brisk-walk", "minutes": 25, "csrf_token": _csrf(page)}
    assert greta.client.post("/log/session", data=form).status_code == 200

    history = greta.client.get("/history").text
    assert "<p>Zügiges Gehen</p>" in history
    assert "<h3>Mi., 7. Jan. 2026</h3>" in history  # the day once, with its weekday and year
    assert "Brisk walk" not in history
    # German headings are wider: the tables scroll in their own box, not the phone's page sideways.
    assert '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="h-checkins">' in history
    today = greta.client.get("/today").text
    assert "<strong>Eine von Hand eingetragene Einheit</strong>" in today
    assert "25 Min.." not in today  # an abbreviation's full stop ends the sentence too
    report = greta.client.get("/report").text
    assert '<th scope="col">Wdh.</th>' in report
    assert "<td>Zügiges Gehen</td>" in report
    assert "Von den Grundlagen für die Waden zum Laufen" in report  # the program's name too


def _account(client: TestClient, email: str) -> dict[str, object]:
    me: dict[str, object] = client.get("/api/v1/me").json()["user"]
    assert me["email"] == email
    return me


def test_registering_on_a_german_page_gives_the_account_german(client: TestClient) -> None:
    visitor = other_client(client)
    page = visitor.get("/register", headers=GERMAN).text
    form = {"email": "greta@example.org", "password": PASSWORD, "role": "coach", "csrf_token": _csrf(page)}
    done = visitor.post("/register", data=form, headers=GERMAN, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert _account(visitor, "greta@example.org")["language"] == "de"
    # The coach's pages stay German in a browser that asks for none (or for English).
    dashboard = visitor.get("/coach").text
    assert '<html lang="de">' in dashboard
    assert '<html lang="de">' in visitor.get("/coach", headers={"accept-language": "en"}).text
    assert "<h1>Ihr Konto</h1>" in visitor.get("/settings/account").text


def test_a_coach_changes_their_language_on_the_account_page(client: TestClient) -> None:
    visitor = other_client(client)
    visitor.post(
        "/api/v1/auth/register", json={"email": "cora@example.org", "password": PASSWORD, "role": "coach"}
    )
    visitor.post("/api/v1/auth/login", json={"email": "cora@example.org", "password": PASSWORD})
    page = visitor.get("/settings/account").text
    assert "<h1>Your account</h1>" in page
    assert '<option value="en" lang="en" selected>English</option>' in page
    assert "e-mails to you are written in it too." in page
    changed = visitor.post(
        "/settings/language", data={"language": "de", "csrf_token": _csrf(page)}, follow_redirects=False
    )
    assert changed.status_code == 303
    assert _account(visitor, "cora@example.org")["language"] == "de"
    german = visitor.get("/settings/account").text
    assert "<h1>Ihr Konto</h1>" in german
    assert '<option value="de" lang="de" selected>Deutsch</option>' in german
    assert "Auch die E-Mails von CalfCoach an Sie sind in dieser Sprache geschrieben." in german
    assert '<html lang="de">' in visitor.get("/coach").text


def test_an_athletes_profile_language_comes_before_their_accounts(client: TestClient) -> None:
    ada = _athlete(client, "ada@example.org", "en")
    ada.client.put("/api/v1/me/language", json={"language": "de"}, headers=ada.headers)
    ada.client.put(  # the profile changed back by itself: it is what the athlete reads
        f"/api/v1/athletes/{ada.athlete_id}",
        json=profile_json("ada") | {"language": "en"},
        headers=ada.headers,
    )
    assert _account(ada.client, "ada@example.org")["language"] == "de"
    assert "If it hurts" in ada.client.get("/today", headers=GERMAN).text
