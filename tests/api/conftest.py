"""Fixtures for the API and page tests: an app on each backend, a fixed clock, people signed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from calfcoach.services import accounts
from calfcoach.services.athletes import questionnaire
from calfcoach.services.clock import FixedClock
from calfcoach.store import Store
from calfcoach.web.app import create_app
from tests.services.mailbox import Mailbox, environment, smtp_server

NOW = dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC)  # a Wednesday
PASSWORD = "correct horse battery"
SCREENING_NO = {q.id: False for q in questionnaire().questions}


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash passwords with tiny argon2 parameters: the same code path, a fraction of the time."""
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """An SMTP server in the test process that the app sends through (CALFCOACH_SMTP_*), and what it got.

    Ask for it after the people a test needs: with e-mail on, registering waits for a confirmation link.
    """
    with smtp_server() as (box, settings):
        for name, value in environment(settings).items():
            monkeypatch.setenv(name, value)
        yield box


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    """Return a client of the app on an empty database of each backend, with a fixed clock."""
    with TestClient(create_app(store, clock=FixedClock(at=NOW))) as test_client:
        yield test_client


@dataclass(frozen=True)
class Person:
    """A registered account seen through its own client (cookies and CSRF token)."""

    client: TestClient
    email: str
    user_id: int
    athlete_id: int | None
    csrf: str

    @property
    def headers(self) -> dict[str, str]:
        return {"x-csrf-token": self.csrf}


def profile_json(name: str = "Ada") -> dict[str, object]:
    return {
        "name": name,
        "start_date": "2026-01-05",
        "weekdays": ["mon", "wed", "fri"],
        "equipment": ["step", "wall"],
    }


def sign_up(client: TestClient, email: str, *, role: str = "athlete", onboard: bool = True) -> Person:
    """Register an account, sign it in, and (for athletes) create its profile."""
    created = client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD, "role": role})
    assert created.status_code == 201, created.text
    signed = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert signed.status_code == 200, signed.text
    csrf = signed.json()["csrf_token"]
    athlete_id = None
    if onboard:
        made = client.post(
            "/api/v1/me/athlete",
            json={"profile": profile_json(email.split("@")[0]), "screening": SCREENING_NO},
            headers={"x-csrf-token": csrf},
        )
        assert made.status_code == 201, made.text
        athlete_id = made.json()["athlete_id"]
    return Person(client, email, created.json()["id"], athlete_id, csrf)


def other_client(client: TestClient) -> TestClient:
    """Return a second client (its own cookie jar) on the same app."""
    return TestClient(client.app)


@pytest.fixture
def ada(client: TestClient) -> Person:
    return sign_up(client, "ada@example.org")


@pytest.fixture
def bob(client: TestClient) -> Person:
    return sign_up(other_client(client), "bob@example.org")
