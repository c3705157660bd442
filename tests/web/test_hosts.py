"""With a public URL, requests for unknown host names are refused; pages' links never use the Host header."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from calfcoach.services.clock import FixedClock
from calfcoach.store import Store
from calfcoach.web.app import create_app
from calfcoach.web.hosts import host_name
from tests.api.conftest import NOW, Person, other_client, sign_up
from tests.web.test_pages import _csrf


def test_the_invitation_and_feed_links_on_the_pages_ignore_the_host_header(
    client: TestClient, ada: Person
) -> None:
    coach = sign_up(other_client(client), "coach@example.org", role="coach", onboard=False)
    page = coach.client.get("/coach").text
    invited = coach.client.post(
        "/coach/invite", data={"csrf_token": _csrf(page)}, headers={"host": "evil.example"}
    )
    assert "evil.example" not in invited.text
    assert re.search(r"http://testserver/join\?code=[\w-]+", invited.text)
    plan = ada.client.get("/plan").text
    made = ada.client.post("/plan/feed", data={"csrf_token": _csrf(plan)}, headers={"host": "evil.example"})
    assert "evil.example" not in made.text
    assert re.search(r"http://testserver/calendar/[\w-]+\.ics", made.text)


def test_with_a_public_url_an_unknown_host_name_is_refused(store: Store) -> None:
    app = create_app(store, clock=FixedClock(at=NOW), public_url="https://coach.example.org")
    with TestClient(app) as client:
        refused = client.get("/login", headers={"host": "evil.example"})
        assert refused.status_code == 400
        error = refused.json()["error"]
        assert error["where"] == "host"
        assert "coach.example.org" in error["message"]
        assert "evil.example" in error["message"]
        for known in (
            "coach.example.org",
            "COACH.example.org:443",
            "localhost:8000",
            "127.0.0.1",
            "[::1]:8000",
        ):
            assert client.get("/login", headers={"host": known}).status_code == 200, known


def test_without_a_public_url_every_host_name_is_answered(client: TestClient) -> None:
    assert client.get("/login", headers={"host": "calfcoach.lan:8000"}).status_code == 200


def test_a_host_header_is_read_without_its_port() -> None:
    assert host_name("Coach.Example.org:8443") == "coach.example.org"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("[::1]") == "::1"
    assert host_name("::1") == "::1"
    assert host_name("") == ""
