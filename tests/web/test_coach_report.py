"""A coach opens a client's printable report; the access checks are the client page's own."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.conftest import Person, other_client, sign_up


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the form has no CSRF field"
    return found.group(1)


def _coach(client: TestClient, email: str = "coach@example.org") -> Person:
    return sign_up(other_client(client), email, role="coach", onboard=False)


def _join(coach: Person, athlete: Person) -> None:
    invited = coach.client.post("/coach/invite", data={"csrf_token": _csrf(coach.client.get("/coach").text)})
    code = re.search(r'id="invite-code">([^<]+)<', invited.text)
    assert code
    page = athlete.client.get(f"/join?code={code.group(1)}").text
    athlete.client.post("/join", data={"code": code.group(1), "csrf_token": _csrf(page)})


def test_a_coach_opens_a_clients_report_from_the_client_page_and_the_dashboard(
    client: TestClient, ada: Person
) -> None:
    coach = _coach(client)
    _join(coach, ada)
    url = f"/coach/clients/{ada.athlete_id}/report"
    assert f'href="{url}"' in coach.client.get(f"/coach/clients/{ada.athlete_id}").text
    assert f'href="{url}"' in coach.client.get("/coach").text
    report = coach.client.get(url)
    assert report.status_code == 200
    assert "Progress report: ada" in report.text
    assert f'href="/coach/clients/{ada.athlete_id}"' in report.text  # the way back


def test_a_clients_report_is_refused_exactly_as_the_client_page(
    client: TestClient, ada: Person, bob: Person
) -> None:
    coach = _coach(client)
    _join(coach, ada)
    other_coach = _coach(client, "other-coach@example.org")
    for who, athlete_id in ((other_coach, ada.athlete_id), (coach, bob.athlete_id), (coach, 10_000)):
        page = who.client.get(f"/coach/clients/{athlete_id}")
        report = who.client.get(f"/coach/clients/{athlete_id}/report")
        assert (page.status_code, report.status_code) == (404, 404)
    # An athlete is not a coach, not even of themselves: refused as the client page refuses them.
    for athlete_id in (ada.athlete_id, bob.athlete_id):
        page = ada.client.get(f"/coach/clients/{athlete_id}")
        report = ada.client.get(f"/coach/clients/{athlete_id}/report")
        assert page.status_code == report.status_code == 403


def test_a_coach_with_no_training_of_their_own_is_told_where_the_reports_are(
    client: TestClient, ada: Person
) -> None:
    coach = _coach(client)
    empty = coach.client.get("/report", follow_redirects=False)
    assert empty.status_code == 200
    assert "No report of your own" in empty.text
    assert "/onboarding" not in empty.text
    _join(coach, ada)
    listed = coach.client.get("/report").text
    assert f'href="/coach/clients/{ada.athlete_id}/report">ada</a>' in listed


def test_an_athlete_without_a_profile_is_still_sent_to_onboarding_from_the_report(client: TestClient) -> None:
    newcomer = sign_up(other_client(client), "new@example.org", onboard=False)
    answer = newcomer.client.get("/report", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/onboarding")
