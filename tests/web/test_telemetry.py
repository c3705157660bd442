"""One access line per request: its id, route template, status and duration; no personal data in any line."""

from __future__ import annotations

import io
import json
import logging

import pytest
from fastapi.testclient import TestClient

from calfcoach.api.logs import JsonFormatter, TextFormatter, request_id_from
from calfcoach.services.clock import FixedClock
from calfcoach.store import Store
from calfcoach.web.app import create_app
from calfcoach.web.telemetry import UNMATCHED
from tests.api.conftest import NOW, PASSWORD, Person, sign_up


def _access_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "calfcoach.access"]


def test_every_request_logs_one_line_with_its_route_template_status_duration_and_id(
    ada: Person, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="calfcoach.access")
    answer = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/today?units=metric")
    [line] = _access_lines(caplog)
    assert line.__dict__["method"] == "GET"
    assert line.__dict__["route"] == "/api/v1/athletes/{athlete_id}/today"
    assert line.__dict__["status"] == answer.status_code == 200
    assert line.__dict__["duration_ms"] > 0
    assert line.__dict__["request_id"] == answer.headers["x-request-id"]
    assert len(answer.headers["x-request-id"]) == 32
    assert "metric" not in line.getMessage()


def test_the_route_of_static_files_the_schema_and_unknown_paths_is_a_template_too(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="calfcoach.access")
    client.get("/static/app.css")
    client.get("/openapi.json")
    client.get("/no/such/page/42")
    routes = [line.__dict__["route"] for line in _access_lines(caplog)]
    assert routes == ["/static/{path}", "/openapi.json", UNMATCHED]


def test_a_well_formed_incoming_request_id_is_kept_and_any_other_replaced(client: TestClient) -> None:
    given = "3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f"
    assert client.get("/healthz", headers={"x-request-id": given}).headers["x-request-id"] == given
    for bad in (b"has spaces in it", b"x" * 129, b'quote"d', "é".encode(), b"a\tb"):
        replaced = client.get("/healthz", headers={"x-request-id": bad}).headers["x-request-id"]
        assert replaced.encode("latin-1") != bad
        assert len(replaced) == 32
    assert request_id_from(None) != request_id_from(None)


def test_a_failed_sign_in_logs_neither_the_address_nor_the_password_nor_any_token(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    ada = sign_up(client, "ada.lovelace@example.org")
    token = client.post("/api/v1/auth/tokens", json={"name": "watch"}, headers=ada.headers).json()["token"]
    caplog.set_level(logging.DEBUG)
    wrong = client.post(
        "/api/v1/auth/login", json={"email": "ada.lovelace@example.org", "password": "nope nope"}
    )
    assert wrong.status_code == 401
    form = client.post(
        "/login",
        data={"email": "ada.lovelace@example.org", "password": PASSWORD + "x", "csrf_token": ada.csrf},
    )
    assert form.status_code < 500
    bad_token = client.get(
        f"/api/v1/athletes/{ada.athlete_id}/today", headers={"authorization": f"Bearer {token}wrong"}
    )
    feed = client.get(f"/calendar/{token}.ics?token={token}")
    # Each of these four requests logged its one line (other lines may come from servers other tests left
    # running in this process: only these requests' ids are counted).
    ids = [answer.headers["x-request-id"] for answer in (wrong, form, bad_token, feed)]
    lines = [r for r in _access_lines(caplog) if r.__dict__["request_id"] in ids]
    assert sorted(r.__dict__["request_id"] for r in lines) == sorted(ids)
    server = [record for record in caplog.records if not record.name.startswith("httpx")]  # the test's client
    written = "\n".join(JsonFormatter().format(r) + "\n" + TextFormatter().format(r) for r in server)
    for secret in ("ada.lovelace", "example.org", "nope nope", PASSWORD, token, "testclient"):
        assert secret not in written


def test_json_lines_are_one_object_each_with_the_request_id_and_text_lines_end_with_it(
    ada: Person, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="calfcoach.access")
    answer = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/plan")
    [line] = _access_lines(caplog)
    parsed = json.loads(JsonFormatter().format(line))
    assert parsed["level"] == "info"
    assert parsed["logger"] == "calfcoach.access"
    assert parsed["route"] == "/api/v1/athletes/{athlete_id}/plan"
    assert parsed["status"] == answer.status_code
    assert parsed["request_id"] == answer.headers["x-request-id"]
    assert parsed["time"].endswith("+00:00")
    assert "client_ip" not in parsed
    text = TextFormatter().format(line)
    assert "GET /api/v1/athletes/{athlete_id}/plan" in text
    assert text.endswith(f"[{answer.headers['x-request-id']}]")


def test_an_error_logged_while_answering_carries_the_requests_id(
    client: TestClient, store: Store, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> str | None:
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(store, "readiness", broken)
    caplog.set_level(logging.INFO)
    written = io.StringIO()
    handler = logging.StreamHandler(written)  # formats as each line is logged, as the server's does
    handler.setFormatter(JsonFormatter())
    logging.getLogger("calfcoach").addHandler(handler)
    try:
        with TestClient(client.app, raise_server_exceptions=False) as quiet:
            answer = quiet.get("/readyz", headers={"x-request-id": "probe-1"})
    finally:
        logging.getLogger("calfcoach").removeHandler(handler)
    assert answer.status_code == 500
    lines = [json.loads(line) for line in written.getvalue().splitlines()]
    assert [(line["logger"], line["request_id"]) for line in lines] == [
        ("calfcoach.access", "probe-1"),
        ("calfcoach.web", "probe-1"),
    ]
    assert lines[0]["status"] == 500
    assert "the disk caught fire" in lines[1]["exception"]


def test_the_client_address_is_logged_only_when_a_setting_allows_it(
    store: Store, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO, logger="calfcoach.access")
    with TestClient(create_app(store, clock=FixedClock(at=NOW)), client=("198.51.100.7", 1)) as anonymous:
        anonymous.get("/healthz")
    monkeypatch.setenv("CALFCOACH_LOG_CLIENT_IP", "1")
    with TestClient(create_app(store, clock=FixedClock(at=NOW)), client=("198.51.100.7", 1)) as allowed:
        allowed.get("/healthz")
    first, second = (json.loads(JsonFormatter().format(line)) for line in _access_lines(caplog))
    assert "client_ip" not in first
    assert second["client_ip"] == "198.51.100.7"
