"""The coach's dashboard switches the weekly summary by e-mail on and off, and says when it cannot arrive."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import Person, other_client, sign_up
from tests.services.mailbox import Mailbox
from tests.web.test_pages import _csrf


@pytest.fixture
def coach(client: TestClient) -> Person:
    return sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)


def test_the_dashboard_switches_the_weekly_summary(coach: Person, mailbox: Mailbox) -> None:
    page = coach.client.get("/coach").text
    assert "Switch it on" in page
    assert "would not arrive" not in page
    switched = coach.client.post(
        "/coach/weekly-summary", data={"enabled": "true", "csrf_token": _csrf(page)}, follow_redirects=False
    )
    assert switched.headers["location"] == "/coach"
    page = coach.client.get("/coach").text
    assert "<strong>on</strong>" in page
    assert "Switch it off" in page
    assert coach.client.get("/api/v1/coach/weekly-summary").json() == {"enabled": True}


def test_without_smtp_the_dashboard_says_the_summary_would_not_arrive(
    coach: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CALFCOACH_SMTP_HOST", raising=False)
    assert "This server sends no e-mail, so it would not arrive." in coach.client.get("/coach").text
