"""create_app's default clock: CALFCOACH_TODAY is refused unless CALFCOACH_ALLOW_CLOCK_OVERRIDE allows it."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from fastapi.testclient import TestClient

from calfcoach.domain.errors import InputError
from calfcoach.services.clock import ENV_ALLOW_OVERRIDE, ENV_TODAY, Clock, FixedClock
from calfcoach.store import Store
from calfcoach.web.app import create_app

MOVED = dt.date(2031, 3, 3)


@pytest.fixture
def moved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_TODAY, MOVED.isoformat())
    monkeypatch.delenv(ENV_ALLOW_OVERRIDE, raising=False)


def test_the_app_refuses_a_moved_date_by_default(sqlite_store: Store, moved: None) -> None:
    with pytest.raises(InputError) as raised:
        create_app(sqlite_store)
    message = str(raised.value)
    assert message.startswith("CALFCOACH_TODAY: the server does not start with its date moved")
    assert "logs dated in the real future" in message
    assert "every user the wrong day" in message
    assert ENV_ALLOW_OVERRIDE in message


def test_the_app_runs_as_of_the_moved_date_when_allowed_and_logs_a_warning(
    sqlite_store: Store, moved: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(ENV_ALLOW_OVERRIDE, "1")
    with caplog.at_level(logging.WARNING, logger="calfcoach.web"):
        app = create_app(sqlite_store)
    assert app.state.context.clock.today() == MOVED
    assert any("as of 2031-03-03 (CALFCOACH_TODAY)" in r.getMessage() for r in caplog.records)
    with TestClient(app) as client:
        assert client.get("/api/v1/programs").status_code == 200


def test_a_clock_given_to_the_app_is_used_as_it_is(sqlite_store: Store, moved: None) -> None:
    fixed = FixedClock()
    assert create_app(sqlite_store, clock=fixed).state.context.clock is fixed


def test_without_the_variable_the_app_has_the_real_clock(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_TODAY, raising=False)
    assert type(create_app(sqlite_store).state.context.clock) is Clock
