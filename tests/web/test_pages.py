"""The HTML pages: first-run setup, forms with CSRF, every page renders, isolation, the calendar feed."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient

from calfcoach.activities.synthetic import hike_gpx
from tests.api.conftest import PASSWORD, Person, other_client, sign_up

PAGES = (
    "/today",
    "/player",
    "/log",
    "/history",
    "/progress",
    "/report",
    "/plan",
    "/settings/tokens",
    "/settings/account",
    "/join",
)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the form has no CSRF field"
    return found.group(1)


def test_a_new_install_sends_the_first_visitor_to_setup_then_onboarding(client: TestClient) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/setup"
    page = client.get("/setup").text
    done = client.post(
        "/setup",
        data={"email": "me@example.org", "password": PASSWORD, "csrf_token": _csrf(page)},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/onboarding"
    assert client.get("/setup", follow_redirects=False).headers["location"] == "/login"
    assert "Before you start" in client.get("/onboarding").text


def _signed_in_with_a_new_csrf_token(client: TestClient, path: str, form: dict[str, str]) -> str:
    """Post a form that signs in, from a browser whose CSRF token was known before; return the new token."""
    planted = _csrf(client.get(path).text)
    done = client.post(path, data={**form, "csrf_token": planted}, follow_redirects=False)
    assert done.status_code == 303, done.text
    fresh = client.cookies["calfcoach_csrf"]
    assert fresh != planted
    assert _csrf(client.get("/settings/tokens").text) == fresh
    refused = client.post("/settings/tokens", data={"name": "x", "csrf_token": planted})
    assert refused.status_code == 401
    return str(fresh)


def test_setting_up_registering_and_signing_in_each_issue_a_new_csrf_token(client: TestClient) -> None:
    account = {"email": "me@example.org", "password": PASSWORD}
    _signed_in_with_a_new_csrf_token(client, "/setup", account)
    second = other_client(client)
    _signed_in_with_a_new_csrf_token(second, "/register", {"email": "n@example.org", "password": PASSWORD})
    third = other_client(client)
    fresh = _signed_in_with_a_new_csrf_token(third, "/login", account)
    assert third.post("/settings/tokens", data={"name": "x", "csrf_token": fresh}).status_code == 200


def test_signing_out_issues_a_new_csrf_token(ada: Person) -> None:
    page = ada.client.get("/today").text
    signed_out = ada.client.post("/logout", data={"csrf_token": _csrf(page)}, follow_redirects=False)
    assert signed_out.status_code == 303
    assert ada.client.cookies["calfcoach_csrf"] != _csrf(page)


def test_pages_send_the_csrf_header_from_elements_a_boosted_swap_replaces(ada: Person) -> None:
    # htmx keeps <body>'s own attributes when it swaps a boosted page in: a token renewed at sign-in
    # must come with the swapped content, or the next request would send the old one.
    page = ada.client.get("/today").text
    assert re.search(r"<body[^>]*hx-headers", page) is None
    assert page.count(f'hx-headers=\'{{"X-CSRF-Token": "{_csrf(page)}"}}\'') == 2


def test_registering_a_taken_address_on_the_page_names_no_account(client: TestClient, ada: Person) -> None:
    stranger = other_client(client)
    page = stranger.get("/register").text
    form = {"email": ada.email, "password": "guessing it!", "role": "athlete", "csrf_token": _csrf(page)}
    refused = stranger.post("/register", data=form, headers={"hx-request": "true"})
    assert refused.status_code == 401
    assert "No new account was made" in refused.text
    assert "already exists" not in refused.text
    # The owner, registering again by mistake, is signed in to the account they have.
    owner = other_client(client)
    page = owner.get("/register").text
    form = {"email": ada.email, "password": PASSWORD, "role": "athlete", "csrf_token": _csrf(page)}
    assert owner.post("/register", data=form, follow_redirects=False).status_code == 303
    assert owner.get("/api/v1/me").json()["athlete_id"] == ada.athlete_id


def test_a_form_without_its_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/setup")
    answer = client.post("/setup", data={"email": "me@example.org", "password": PASSWORD})
    assert answer.status_code == 401
    assert "reload the page" in answer.text


def test_the_onboarding_wizard_stores_the_profile_and_shows_the_advice_for_a_yes(client: TestClient) -> None:
    client.post("/api/v1/auth/register", json={"email": "n@example.org", "password": PASSWORD})
    login = client.get("/login").text
    client.post("/login", data={"email": "n@example.org", "password": PASSWORD, "csrf_token": _csrf(login)})
    page = client.get("/onboarding").text
    questions = re.findall(r'name="(q-[a-z0-9-]+)" value="no"', page)
    form = dict.fromkeys(questions, "no") | {"q-calf-pain-now": "yes"}
    form |= {"name": "Nina", "start_date": "2026-01-05", "csrf_token": _csrf(page)}
    answer = client.post("/onboarding", data={**form, "weekdays": ["mon", "thu"], "equipment": ["step"]})
    assert answer.status_code == 200
    assert "Have it assessed by a physiotherapist" in answer.text
    baseline = client.post(
        "/onboarding/baseline", data={"left": 14, "right": 17, "csrf_token": _csrf(answer.text)}
    )
    assert "Today" in baseline.text
    me = client.get("/api/v1/me").json()
    tests = client.get(f"/api/v1/athletes/{me['athlete_id']}/tests").json()
    assert [(t["left"], t["right"]) for t in tests] == [(14, 17)]


def test_an_unanswered_screening_question_is_named(client: TestClient) -> None:
    person = sign_up(client, "q@example.org", onboard=False)
    page = client.get("/onboarding").text
    answer = client.post(
        "/onboarding",
        data={"name": "Q", "start_date": "2026-01-05", "weekdays": ["mon"], "csrf_token": _csrf(page)},
        headers={"hx-request": "true"},
    )
    assert answer.status_code == 422
    assert "hx-retarget" not in answer.headers  # the form comes back, as it was filled
    assert 'id="q-heart" aria-describedby="q-heart-error"' in answer.text
    assert '<p class="field-error" id="q-heart-error">Answer yes or no.</p>' in answer.text
    assert "unanswered" not in answer.text  # not the service's list of question ids
    assert 'value="Q"' in answer.text
    assert person.client.get("/api/v1/me").json()["athlete_id"] is None


def test_every_page_of_an_athlete_renders(ada: Person) -> None:
    for path in PAGES:
        answer = ada.client.get(path)
        assert answer.status_code == 200, path
        assert "CalfCoach is not medical advice" in answer.text, path


def test_pages_send_a_visitor_who_is_not_signed_in_to_sign_in(client: TestClient, ada: Person) -> None:
    visitor = other_client(client)
    answer = visitor.get("/history", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/history"


def test_a_coach_page_of_someone_elses_athlete_is_not_found(client: TestClient, ada: Person) -> None:
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    assert coach.client.get(f"/coach/clients/{ada.athlete_id}").status_code == 404
    page = coach.client.get("/coach").text
    invited = coach.client.post("/coach/invite", data={"csrf_token": _csrf(page)})
    code = re.search(r'id="invite-code">([^<]+)<', invited.text)
    assert code
    join = ada.client.get(f"/join?code={code.group(1)}").text
    ada.client.post("/join", data={"code": code.group(1), "csrf_token": _csrf(join)})
    client_page = coach.client.get(f"/coach/clients/{ada.athlete_id}")
    assert client_page.status_code == 200
    assert "ada" in coach.client.get("/coach").text


def test_the_calendar_feed_works_by_its_private_url_until_replaced(client: TestClient, ada: Person) -> None:
    page = ada.client.get("/plan").text
    made = ada.client.post("/plan/feed", data={"csrf_token": _csrf(page)}).text
    url = re.search(r'<code class="secret">(http[^<]+)</code>', made)
    assert url
    feed = other_client(client).get(url.group(1))
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in feed.text
    ada.client.post("/plan/feed", data={"csrf_token": _csrf(page)})
    assert other_client(client).get(url.group(1)).status_code == 404


def test_pages_carry_security_headers(client: TestClient) -> None:
    answer = client.get("/exercises")
    assert answer.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in answer.headers["content-security-policy"]


def test_the_exercise_library_lists_every_exercise(client: TestClient) -> None:
    page = client.get("/exercises").text
    assert "/exercises/calf-raise-step" in page
    assert client.get("/exercises/nope").status_code == 404


def test_the_progress_page_embeds_the_chart_specs(ada: Person) -> None:
    page = ada.client.get("/progress").text
    assert 'id="chart-spec-heel-raise"' in page
    assert "vega-embed-7.3.0.min.js" in page


def test_logging_a_check_in_by_form_shows_it_in_the_history(ada: Person) -> None:
    page = ada.client.get("/log").text
    answer = ada.client.post(
        "/log/checkin",
        data={"day": "2026-01-07", "morning_pain": 3, "stiffness": 2, "csrf_token": _csrf(page)},
    )
    assert answer.status_code == 200
    assert "3/10" in answer.text


def test_a_session_logged_by_form_appears_in_the_history(ada: Person) -> None:
    page = ada.client.get("/log").text
    form = {
        "day": "2026-01-07",
        "exercise_id": "calf-raise-step",
        "sets": 3,
        "reps": 12,
        "csrf_token": _csrf(page),
    }
    answer = ada.client.post("/log/session", data=form)
    assert "36 reps" in answer.text


def test_an_exercise_page_shows_its_animated_demonstration(client: TestClient) -> None:
    assert '/exercises/calf-raise-step/demo.svg"' in client.get("/exercises/calf-raise-step").text
    svg = client.get("/exercises/calf-raise-step/demo.svg?up_s=2&down_s=3")
    assert svg.status_code == 200
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.startswith("<svg")
    assert client.get("/exercises/nope/demo.svg").status_code == 404


def test_cookies_are_secure_when_the_site_is_served_over_https(client: TestClient) -> None:
    secure = TestClient(client.app, base_url="https://testserver")
    answer = secure.get("/login")
    cookie = answer.headers["set-cookie"]
    assert "calfcoach_csrf=" in cookie
    assert "Secure" in cookie
    assert "HttpOnly" in cookie


def test_a_coach_cannot_assign_a_program_to_someone_elses_athlete(client: TestClient, ada: Person) -> None:
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    page = coach.client.get("/coach").text
    answer = coach.client.post(
        f"/coach/clients/{ada.athlete_id}/program",
        data={"program_id": "heavy-slow-resistance", "csrf_token": _csrf(page)},
    )
    assert answer.status_code == 404
    assert ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]["program_id"] != (
        "heavy-slow-resistance"
    )


def test_the_activities_page_lists_an_upload_with_its_start_in_utc(ada: Person) -> None:
    gpx = hike_gpx(1800, start=dt.datetime(2026, 1, 6, 7, 0, tzinfo=dt.UTC))
    sent = ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/activities",
        files={"file": ("walk.gpx", gpx, "application/gpx+xml")},
        headers=ada.headers,
    )
    assert sent.status_code == 201, sent.text
    page = ada.client.get("/activities")
    assert page.status_code == 200
    assert "Jan 6, 2026, 7:00\u202fAM UTC" in page.text  # Babel's English: a narrow space before AM
