"""Every form refused on the web comes back as its page: each problem in words next to its field (tied to it
with aria-describedby, the field marked aria-invalid), what was typed kept, never a validator's own text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from calfcoach.web import forms
from tests.api.conftest import PASSWORD, Person, other_client, sign_up

TODAY = "2026-01-07"  # the fixed clock's day
TOMORROW = "2026-01-08"
QUESTIONS = ("heart", "chest-pain", "dizziness", "chronic-condition", "joint-problem", "supervised-only")
RAW = ("should have at least", "Input should be", "Field required", "Frozenset", "Value error")


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the form has no CSRF field"
    return found.group(1)


def _message(page: str, field_id: str) -> str:
    """The error drawn for a field, checking the field points at it."""
    found = re.search(rf'<p class="field-error" id="{field_id}-error">([^<]*)</p>', page)
    assert found, f"no message for {field_id}"
    assert re.search(rf'id="{field_id}"[^>]*aria-describedby="{field_id}-error"', page), field_id
    assert not any(raw in page for raw in RAW), "a validator's own text reached the page"
    return found.group(1).replace("&#39;", "'")


def _onboarding_form(page: str, **changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "name": "Noor",
        "start_date": TODAY,
        "weekdays": ["mon", "thu"],
        "minutes_per_session": "30",
        "equipment": ["step", "wall"],
        "csrf_token": _csrf(page),
    }
    form.update({f"q-{q}": "no" for q in QUESTIONS})
    form.update({f"q-{q}": "no" for q in ("calf-pain-now", "calf-swelling", "achilles-rupture")})
    form.update(changes)
    return form


def test_onboarding_with_no_training_day_says_so_next_to_the_days_and_keeps_the_rest(
    client: TestClient,
) -> None:
    """Regression (issue 14): "Frozenset should have at least 1 item after validation, not 0"."""
    person = sign_up(client, "noor@example.org", onboard=False)
    page = person.client.get("/onboarding").text
    form = _onboarding_form(page, weekdays=[], minutes_per_session="45")
    answer = person.client.post("/onboarding", data=form, headers={"hx-request": "true"})
    assert answer.status_code == 422
    assert _message(answer.text, "weekdays") == "Choose at least one."
    assert 'value="Noor"' in answer.text
    assert 'value="45"' in answer.text
    assert re.search(r'value="wed" checked', answer.text) is None  # the defaults are not ticked back
    assert "Check the field marked below." in answer.text
    assert person.client.get("/api/v1/me").json()["athlete_id"] is None


def test_onboarding_out_of_range_minutes_is_named_in_words(client: TestClient) -> None:
    person = sign_up(client, "mina@example.org", onboard=False)
    page = person.client.get("/onboarding").text
    answer = person.client.post("/onboarding", data=_onboarding_form(page, minutes_per_session="500"))
    assert answer.status_code == 422
    assert _message(answer.text, "minutes") == "Enter 180 or less."
    assert 'aria-invalid="true"' in answer.text


def test_a_check_in_dated_tomorrow_is_refused_next_to_the_day(ada: Person) -> None:
    """Regression (issue 14): a check-in dated tomorrow was accepted."""
    page = ada.client.get("/log").text
    form = {
        "day": TOMORROW,
        "morning_pain": "3",
        "stiffness": "1",
        "notes": "sore",
        "csrf_token": _csrf(page),
    }
    answer = ada.client.post("/log/checkin", data=form)
    assert answer.status_code == 422
    said = _message(answer.text, "c-day")
    assert said == f"The check-in is dated {TOMORROW}, in the future. Date it {TODAY} (today) or earlier."
    assert f'id="c-day" name="day" type="date" value="{TOMORROW}"' in answer.text
    assert ">sore</textarea>" in answer.text
    assert 'id="s-day" name="day" type="date" value="2026-01-07"' in answer.text  # the other forms as new
    assert ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/checkins").json() == []
    form["day"] = TODAY
    assert ada.client.post("/log/checkin", data=form).status_code == 200


def test_a_services_refusal_is_said_in_the_pages_language_with_its_dates(ada: Person) -> None:
    page = ada.client.get("/log").text
    form = {"day": TOMORROW, "morning_pain": "3", "stiffness": "1", "csrf_token": _csrf(page)}
    answer = ada.client.post("/log/checkin", data=form, headers={"accept-language": "de"})
    assert answer.status_code == 422
    german = [".".join(reversed(day.split("-"))) for day in (TOMORROW, TODAY)]
    assert _message(answer.text, "c-day") == (
        f"Die Morgenabfrage ist auf den {german[0]} datiert, in der Zukunft. "
        f"Datieren Sie sie auf den {german[1]} (heute) oder früher."
    )


def test_a_test_without_a_number_says_which_field(ada: Person) -> None:
    page = ada.client.get("/log").text
    form = {"day": TODAY, "kind": "heel_raise", "left": "", "right": "18", "csrf_token": _csrf(page)}
    answer = ada.client.post("/log/test", data=form)
    assert answer.status_code == 422
    assert _message(answer.text, "t-left") == "Fill this in."
    assert 'id="t-right" name="right"' in answer.text
    assert 'value="18"' in answer.text


def test_a_session_with_too_many_sets_says_the_limit(ada: Person) -> None:
    page = ada.client.get("/log").text
    form = {
        "day": TODAY,
        "exercise_id": "calf-raise-step",
        "sets": "50",
        "reps": "12",
        "csrf_token": _csrf(page),
    }
    answer = ada.client.post("/log/session", data=form)
    assert answer.status_code == 422
    assert _message(answer.text, "s-sets") == "Enter 20 or less."


def test_a_baseline_below_zero_is_refused_in_words(ada: Person) -> None:
    page = ada.client.get("/onboarding/baseline").text
    answer = ada.client.post(
        "/onboarding/baseline", data={"left": "-1", "right": "12", "csrf_token": _csrf(page)}
    )
    assert answer.status_code == 422
    assert _message(answer.text, "left") == "Enter 0 or more."


def test_a_clearance_without_who_opens_the_form_again_with_the_message(ada: Person) -> None:
    page = ada.client.get("/log").text
    ticked = {"day": TODAY, "morning_pain": "0", "symptoms": ["calf-swelling"], "csrf_token": _csrf(page)}
    assert ada.client.post("/log/checkin", data=ticked).status_code == 200
    page = ada.client.get("/today").text
    answer = ada.client.post(
        "/today/cleared", data={"day": TODAY, "by": "", "note": "ok", "csrf_token": _csrf(page)}
    )
    assert answer.status_code == 422
    assert _message(answer.text, "cl-by") == "Fill this in."
    assert '<details class="clearance" open>' in answer.text
    assert ">ok</textarea>" in answer.text


def test_register_with_a_short_password_says_the_rule_and_never_sends_the_password_back(
    client: TestClient,
) -> None:
    visitor = other_client(client)
    page = visitor.get("/register").text
    form = {"email": "kim@example.org", "password": "tooshort", "role": "coach", "csrf_token": _csrf(page)}
    answer = visitor.post("/register", data=form)
    assert answer.status_code == 422
    assert _message(answer.text, "password").startswith("The password has 8 characters, fewer than 10.")
    assert 'value="kim@example.org"' in answer.text
    assert "tooshort" not in answer.text
    assert re.search(r'value="coach"[^>]*checked', answer.text)  # the role chosen stays chosen


def test_a_wrong_password_is_said_on_the_sign_in_form(client: TestClient, ada: Person) -> None:
    visitor = other_client(client)
    page = visitor.get("/login?next=/log").text
    form = {"email": ada.email, "password": PASSWORD + "x", "next": "/log", "csrf_token": _csrf(page)}
    answer = visitor.post("/login", data=form)
    assert answer.status_code == 401
    assert '<p class="error form-error" role="alert">Wrong e-mail address or password.</p>' in answer.text
    assert f'value="{ada.email}"' in answer.text
    assert 'name="next" value="/log"' in answer.text


def test_a_token_without_a_name_is_refused_next_to_the_name(ada: Person) -> None:
    page = ada.client.get("/settings/tokens").text
    answer = ada.client.post("/settings/tokens", data={"name": "", "csrf_token": _csrf(page)})
    assert answer.status_code == 422
    assert _message(answer.text, "name") == "Fill this in."


def test_an_unknown_invitation_code_is_said_on_the_join_form(ada: Person) -> None:
    page = ada.client.get("/join?code=nope").text
    answer = ada.client.post("/join", data={"code": "nope", "csrf_token": _csrf(page)})
    assert answer.status_code == 404
    assert "This invitation code is not known; check it with your coach." in answer.text
    assert 'value="nope"' in answer.text


def test_a_coachs_media_form_without_a_file_or_link_says_so_next_to_the_file(client: TestClient) -> None:
    coach = sign_up(client, "coach-media@example.org", role="coach", onboard=False)
    page = coach.client.get("/exercises/calf-raise-step").text
    form = {"title": "My cue video", "url": "", "csrf_token": _csrf(page)}
    answer = coach.client.post("/exercises/calf-raise-step/media", data=form)
    assert answer.status_code == 422
    assert (
        _message(answer.text, "m-file")
        == "Give a file to upload or a link. Choose a video file or paste a link."
    )
    assert '<details class="add-media" open>' in answer.text
    assert 'value="My cue video"' in answer.text
    bad_link = {**form, "url": "not a link"}
    answer = coach.client.post("/exercises/calf-raise-step/media", data=bad_link)
    assert _message(answer.text, "m-url").startswith("'not a link' is not a web address.")


def test_setting_up_with_a_short_password_says_the_rule_next_to_it(client: TestClient) -> None:
    page = client.get("/setup").text
    answer = client.post(
        "/setup", data={"email": "first@example.org", "password": "tooshort", "csrf_token": _csrf(page)}
    )
    assert answer.status_code == 422
    assert _message(answer.text, "password").startswith("The password has 8 characters, fewer than 10.")
    assert 'value="first@example.org"' in answer.text
    assert "tooshort" not in answer.text


def test_a_choice_the_list_does_not_hold_is_said_next_to_its_list(client: TestClient, ada: Person) -> None:
    """Regression: a refused level, goal, sex, pain site, test or role (a stale page, an edited request)
    came back as "Check the field marked below." with no field marked and the problem said nowhere; an
    unknown program gave a "not found" page instead of the form."""
    page = ada.client.get("/log").text
    form = {"day": TODAY, "exercise_id": "calf-raise-step", "sets": "3", "reps": "12", "pain_site": "nope"}
    answer = ada.client.post("/log/session", data={**form, "csrf_token": _csrf(page)})
    assert answer.status_code == 422
    assert _message(answer.text, "s-site")
    test = {"day": TODAY, "kind": "nope", "left": "10", "right": "10", "csrf_token": _csrf(page)}
    answer = ada.client.post("/log/test", data=test)
    assert answer.status_code == 422
    assert _message(answer.text, "t-kind")
    visitor = other_client(client)
    page = visitor.get("/register").text
    form = {"email": "kai@example.org", "password": PASSWORD, "role": "admin", "csrf_token": _csrf(page)}
    answer = visitor.post("/register", data=form)
    assert answer.status_code == 422
    assert _message(answer.text, "role")
    person = sign_up(other_client(client), "rio@example.org", onboard=False)
    for name, field_id in (("level", "level"), ("goal", "goal"), ("program_id", "program"), ("sex", "sex")):
        page = person.client.get("/onboarding").text
        answer = person.client.post("/onboarding", data=_onboarding_form(page, **{name: "nope"}))
        assert answer.status_code == 422, name
        assert _message(answer.text, field_id) == (
            "Choose a program from the list." if name == "program_id" else "Choose one of the options."
        ), name
    assert person.client.get("/api/v1/me").json()["athlete_id"] is None


TEMPLATES = Path(forms.__file__).parent / "templates"
# A form's alert names the fields that draw their own message (the rest it says itself).
ALERT = re.compile(r"(\w+)\.form_error\(([^)]*)\)")


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_every_field_a_form_alert_points_below_to_draws_its_own_message(template: str) -> None:
    """ "Check the field marked below." must be true: each field the alert leaves out has its message
    drawn in the same form, tied to its field or group (invalid or describes, with the same id)."""
    text = (TEMPLATES / template).read_text()
    for alert in ALERT.finditer(text):
        form, names = alert.group(1), re.findall(r'"([^"*]+)"', alert.group(2))
        rest = text[alert.end() :]
        body = rest[: rest.find("</form>")]
        for name in names:
            drawn = re.search(rf"{form}\.message\('{name}', '([\w-]+)'\)", body)
            assert drawn, f"{template}: {name} is left to a message that is never drawn"
            tie = rf"{form}\.(invalid|describes)\('{name}', '{drawn.group(1)}'\)"
            assert re.search(tie, body), f"{template}: {name}'s message is tied to no field"


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_every_form_a_person_types_into_comes_back_on_its_page_when_refused(template: str) -> None:
    """Each posted form with a field to type or choose in is registered (form_page), so a refusal comes
    back as the page with the words next to the field, not as an error page."""
    text = (TEMPLATES / template).read_text()
    for found in re.finditer(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', text, re.S):
        action, body = found.groups()
        typed = re.search(r'<(textarea|input(?![^>]*type="(hidden|submit)"))[^>]*name=', body)
        if typed is None:  # buttons and hidden values only (sign out, revoke, switch on)
            continue
        route = re.sub(r"\{\{ *(\w+)\.id *\}\}", r"{\1_id}", action)
        assert route in forms._PAGES, f"{template}: {action} is refused as an error page"
