"""The account page: the export to download, and Delete my account with its word, password and CSRF token."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, Person, other_client, sign_up


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the form has no CSRF field"
    return found.group(1)


def _error_under(page: str, field: str) -> str:
    found = re.search(rf'<p class="field-error" id="{field}-error">([^<]+)</p>', page)
    assert found, f"no error under {field}"
    assert f'aria-describedby="{field}-error"' in page
    return found.group(1)


def test_the_page_offers_the_export_before_the_deletion(ada: Person) -> None:
    page = ada.client.get("/settings/account").text
    assert page.index('href="/api/v1/me/export"') < page.index("Delete my account</h2>")
    assert 'hx-boost="false"' in page  # a download, not a page for htmx to swap in
    assert "your profile and all your training records" in page


def test_a_wrong_word_or_password_is_said_under_its_field_and_deletes_nothing(ada: Person) -> None:
    csrf = _csrf(ada.client.get("/settings/account").text)
    wrong_word = ada.client.post(
        "/settings/account/delete", data={"confirm": "yes", "password": PASSWORD, "csrf_token": csrf}
    )
    assert wrong_word.status_code == 422
    assert "Type DELETE to confirm" in _error_under(wrong_word.text, "confirm")
    assert 'value="yes"' in wrong_word.text  # what was typed stays; the password does not
    wrong_password = ada.client.post(
        "/settings/account/delete",
        data={"confirm": "DELETE", "password": "not it at all", "csrf_token": csrf},
    )
    assert wrong_password.status_code == 422
    assert _error_under(wrong_password.text, "delete-password") == "This is not the password of your account."
    assert ada.client.get("/api/v1/me").status_code == 200


def test_a_form_without_the_csrf_token_is_refused(ada: Person) -> None:
    refused = ada.client.post("/settings/account/delete", data={"confirm": "DELETE", "password": PASSWORD})
    assert refused.status_code == 401
    assert ada.client.get("/api/v1/me").status_code == 200


def test_deleting_says_so_and_signs_the_browser_out(ada: Person, bob: Person) -> None:
    csrf = _csrf(ada.client.get("/settings/account").text)
    done = ada.client.post(
        "/settings/account/delete", data={"confirm": "delete", "password": PASSWORD, "csrf_token": csrf}
    )
    assert done.status_code == 200
    assert "Your account is deleted" in done.text
    assert "calfcoach_session" not in ada.client.cookies
    assert ada.client.get("/today", follow_redirects=False).headers["location"].startswith("/login")
    assert bob.client.get("/api/v1/me").status_code == 200  # Bob's own account is untouched


def test_the_page_lists_only_what_this_account_has(client: TestClient, ada: Person) -> None:
    assert "coach stops seeing you" not in ada.client.get("/settings/account").text
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    code = coach.client.post("/api/v1/coach/invitations", headers=coach.headers).json()["code"]
    ada.client.post("/api/v1/invitations/accept", json={"code": code}, headers=ada.headers)
    assert "your coach stops seeing you among their clients" in ada.client.get("/settings/account").text
    page = coach.client.get("/settings/account").text
    assert "your link to your client: their accounts and records stay theirs" in page
    assert "the videos, images and links you added to exercises" not in page  # none added yet
    coach.client.post(
        "/api/v1/exercises/calf-raise-step/media/links",
        json={"title": "Video", "url": "https://example.org/v"},
        headers=coach.headers,
    )
    page = coach.client.get("/settings/account").text
    assert "the videos, images and links you added to exercises: your clients see" in page
    assert "no training profile, so there is no training data to download" in page
    assert "your profile and all your training records" not in page
