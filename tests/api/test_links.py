"""Links the server hands out start with the public URL (else the listen address), never the Host header."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from calfcoach.api.links import listening_url, parse_public_url
from calfcoach.domain.errors import InputError
from calfcoach.services.clock import FixedClock
from calfcoach.store import Store
from calfcoach.web.app import create_app
from tests.api.conftest import NOW, Person, other_client, sign_up


def _links(coach_client: TestClient, athlete: Person, host: str = "evil.example") -> tuple[str, str]:
    coach = sign_up(coach_client, "coach@example.org", role="coach", onboard=False)
    invited = coach.client.post("/api/v1/coach/invitations", headers={**coach.headers, "host": host})
    assert invited.status_code == 201, invited.text
    feed = athlete.client.post(
        f"/api/v1/athletes/{athlete.athlete_id}/calendar-feed", headers={**athlete.headers, "host": host}
    )
    assert feed.status_code == 201, feed.text
    return invited.json()["url"], feed.json()["url"]


def test_without_a_public_url_links_use_the_listening_address_not_the_host_header(
    client: TestClient, ada: Person
) -> None:
    invitation, feed = _links(other_client(client), ada)
    assert invitation.startswith("http://testserver/join?code=")  # the test server's own address
    assert feed.startswith("http://testserver/calendar/")
    assert feed.endswith(".ics")


def test_with_a_public_url_links_start_with_it(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALFCOACH_PUBLIC_URL", "https://Coach.Example.org/calf/")
    app = create_app(store, clock=FixedClock(at=NOW))
    with TestClient(app, base_url="https://coach.example.org") as client:
        ada = sign_up(client, "ada@example.org")
        # localhost: a name the server answers for (others are refused), yet not the links' host
        invitation, feed = _links(TestClient(app, base_url="https://coach.example.org"), ada, "localhost")
    assert invitation.startswith("https://coach.example.org/calf/join?code=")
    assert feed.startswith("https://coach.example.org/calf/calendar/")


def test_the_feed_link_opens_the_feed(client: TestClient, ada: Person) -> None:
    _, feed = _links(other_client(client), ada)
    answer = other_client(client).get(feed.removeprefix("http://testserver"))
    assert answer.status_code == 200
    assert answer.text.startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://calfcoach.example.org", "https://calfcoach.example.org"),
        (" HTTPS://CalfCoach.Example.org:8443/app/ ", "https://calfcoach.example.org:8443/app"),
        ("http://192.168.1.5:8000", "http://192.168.1.5:8000"),
        ("http://[::1]:8000/", "http://[::1]:8000"),
    ],
)
def test_a_public_url_is_kept_without_its_trailing_slash(given: str, expected: str) -> None:
    assert parse_public_url(given) == expected


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("calfcoach.example.org", "not an http:// or https:// address"),
        ("ftp://calfcoach.example.org", "not an http:// or https:// address"),
        ("https://", "not an http:// or https:// address"),
        ("https://calfcoach.example.org:99999", "not valid"),
        ("https://calfcoach.example.org/?x=1", "has a query"),
        ("https://me@calfcoach.example.org", "user name"),
    ],
)
def test_a_bad_public_url_is_refused_saying_why(given: str, says: str) -> None:
    with pytest.raises(InputError, match=says) as refused:
        parse_public_url(given, where="--public-url")
    assert refused.value.where == "--public-url"
    assert "https://" in str(refused.value.hint)


def test_an_app_with_a_bad_public_url_does_not_start(store: Store) -> None:
    with pytest.raises(InputError, match="not an http:// or https:// address"):
        create_app(store, clock=FixedClock(at=NOW), public_url="calfcoach.example.org")


@pytest.mark.parametrize(
    ("server", "expected"),
    [
        (("127.0.0.1", 8000), "http://127.0.0.1:8000"),
        (("192.168.1.5", 80), "http://192.168.1.5"),
        (("::1", 8000), "http://[::1]:8000"),
        (None, "http://localhost"),
    ],
)
def test_the_listening_address_comes_from_the_socket(server: tuple[str, int] | None, expected: str) -> None:
    assert listening_url({"server": server, "headers": [(b"host", b"evil.example")]}) == expected
