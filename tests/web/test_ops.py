"""/healthz, /readyz and /metrics: what monitoring sees, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import event, text

from calfcoach.activities.synthetic import hike_gpx
from calfcoach.services.clock import FixedClock
from calfcoach.store import Store
from calfcoach.store.migrate import known_revisions
from calfcoach.web.app import create_app
from tests.api.conftest import NOW, Person, sign_up

LOOPBACK = ("127.0.0.1", 50000)


@pytest.fixture
def counted(store: Store) -> Iterator[TestClient]:
    """A client of an app with metrics on, connecting from this machine."""
    app = create_app(store, clock=FixedClock(at=NOW), metrics=True)
    with TestClient(app, client=LOOPBACK, raise_server_exceptions=False) as test_client:
        yield test_client


def _statements(store: Store) -> list[str]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(store.engine, "before_cursor_execute", record)
    return seen


def _samples(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    answer = client.get("/metrics")
    assert answer.status_code == 200, answer.text
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def _value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_healthz_answers_without_asking_the_database(client: TestClient, store: Store) -> None:
    statements = _statements(store)
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}
    assert answer.headers["cache-control"] == "no-store"
    assert statements == []


def test_readyz_answers_ready_with_one_query_when_the_schema_is_current(
    client: TestClient, store: Store
) -> None:
    statements = _statements(store)
    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ready", "reason": None}
    # SQLite's connection opens its transaction with a BEGIN statement of its own.
    assert [s for s in statements if s != "BEGIN"] == ["SELECT version_num FROM alembic_version"]


def test_readyz_answers_503_naming_an_older_schema_and_how_to_upgrade_it(
    client: TestClient, store: Store
) -> None:
    older = next(revision for revision, down in known_revisions().items() if down is None)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": older})
    answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["status"] == "not ready"
    assert f"revision {older}, older than" in answer.json()["reason"]
    assert "calfcoach doctor" in answer.json()["reason"]


def test_readyz_answers_503_when_a_newer_calfcoach_migrated_the_database(
    client: TestClient, store: Store
) -> None:
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    answer = client.get("/readyz")
    assert answer.status_code == 503
    assert "made by a newer CalfCoach" in answer.json()["reason"]


def test_readyz_answers_503_when_the_database_has_no_schema(client: TestClient, store: Store) -> None:
    with store.engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    answer = client.get("/readyz")
    assert answer.status_code == 503
    assert "not reachable or without a schema" in answer.json()["reason"]
    assert client.get("/healthz").status_code == 200


def test_monitoring_reaches_a_server_by_its_own_address_although_other_paths_are_refused(
    store: Store,
) -> None:
    app = create_app(store, clock=FixedClock(at=NOW), public_url="https://calfcoach.example.org")
    with TestClient(app, base_url="http://10.0.0.5:8000") as by_address:
        assert by_address.get("/healthz").status_code == 200
        assert by_address.get("/readyz").status_code == 200
        assert by_address.get("/api/v1/screening").status_code == 400


def test_metrics_are_off_unless_turned_on(client: TestClient) -> None:
    answer = client.get("/metrics")
    assert answer.status_code == 404
    assert "--metrics" in answer.text


def test_metrics_are_refused_to_a_client_outside_loopback_and_the_allowed_networks(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALFCOACH_METRICS_ALLOW", "10.1.0.0/16, 192.168.7.9")
    app = create_app(store, clock=FixedClock(at=NOW), metrics=True)
    for address, status in (("203.0.113.4", 403), ("10.1.2.3", 200), ("192.168.7.9", 200), ("::1", 200)):
        with TestClient(app, client=(address, 40000)) as test_client:
            assert test_client.get("/metrics").status_code == status, address


def test_requests_are_counted_by_route_template_never_by_the_ids_in_the_path(counted: TestClient) -> None:
    ada = sign_up(counted, "ada@example.org")
    for _ in range(3):
        assert counted.get(f"/api/v1/athletes/{ada.athlete_id}/today").status_code == 200
    assert counted.get("/api/v1/athletes/987654/today").status_code == 404
    counted.get("/no/such/page/42")
    for made_up in ("BREW", "PROPFIND"):
        counted.request(made_up, "/healthz")
    samples = _samples(counted)
    today = "/api/v1/athletes/{athlete_id}/today"
    assert _value(samples, "calfcoach_http_requests_total", method="GET", route=today, status="2xx") == 3
    assert _value(samples, "calfcoach_http_requests_total", method="GET", route=today, status="4xx") == 1
    assert (
        _value(samples, "calfcoach_http_requests_total", method="GET", route="(unmatched)", status="4xx") == 1
    )
    duration = _value(
        samples, "calfcoach_http_request_duration_seconds_count", method="GET", route=today, status="2xx"
    )
    assert duration == 3
    other = _value(samples, "calfcoach_http_requests_total", method="OTHER", route="/healthz", status="4xx")
    assert other == 2
    routes = {dict(labels).get("route") for _name, labels in samples}
    assert not any(route and ("987654" in route or "42" in route) for route in routes)


def test_an_unhandled_error_is_counted_as_a_server_error(
    counted: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> str | None:
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(store, "readiness", broken)
    assert counted.get("/readyz").status_code == 500
    samples = _samples(counted)
    assert _value(samples, "calfcoach_http_server_errors_total", method="GET", route="/readyz") == 1
    assert _value(samples, "calfcoach_http_requests_total", method="GET", route="/readyz", status="5xx") == 1


def test_uploaded_recordings_are_counted_by_outcome(counted: TestClient) -> None:
    ada: Person = sign_up(counted, "ada@example.org")
    base = f"/api/v1/athletes/{ada.athlete_id}/activities"
    gpx = hike_gpx(1800, start=dt.datetime(2026, 1, 6, 7, 0, tzinfo=dt.UTC))
    for name, body in (("walk.gpx", gpx), ("again.gpx", gpx), ("notes.gpx", b"<not gpx")):
        counted.post(base, files={"file": (name, body, "application/gpx+xml")}, headers=ada.headers)
    samples = _samples(counted)
    assert _value(samples, "calfcoach_recordings_total", outcome="imported") == 1
    assert _value(samples, "calfcoach_recordings_total", outcome="duplicate") == 1
    assert _value(samples, "calfcoach_recordings_total", outcome="failed") == 1


def test_the_garbage_collectors_pauses_are_timed_while_the_server_runs(store: Store) -> None:
    app = create_app(store, clock=FixedClock(at=NOW), metrics=True)
    with TestClient(app, client=LOOPBACK) as client:
        gc.collect(1)
        gc.collect()
        client.get("/healthz")  # the pauses are counted once the next request is answered
        samples = _samples(client)
        assert _value(samples, "calfcoach_gc_pause_seconds_count", generation="2") >= 1
        assert _value(samples, "calfcoach_gc_pause_seconds_count", generation="1") >= 1
        assert _value(samples, "calfcoach_gc_pause_seconds_sum", generation="2") > 0
    # Stopped with the server: a collection of another app's life is not timed into this one's.
    assert not any(getattr(c, "__self__", None) is app.state.metrics for c in gc.callbacks)
