"""Schemathesis: requests generated from the OpenAPI schema never make the server fail (no 5xx).

Bounded: a few examples per operation, against the app in-process on SQLite, signed in by an API token.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from calfcoach.services.clock import FixedClock
from calfcoach.store import open_store
from calfcoach.web.app import create_app
from tests.api.conftest import NOW, PASSWORD, profile_json

EXAMPLES_PER_OPERATION = 10


def _operations(app: Any) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    found = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    # Revoking the token would sign the rest of the run out: fewer operations reached, nothing learned.
    return [
        op
        for op in found
        if not (op.method.upper() == "DELETE" and op.path.startswith("/api/v1/auth/tokens/"))
    ]


def test_no_generated_request_makes_the_server_fail(tmp_path: Path, cheap_hashes: None) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'schema.db'}")
    app = create_app(store, clock=FixedClock(at=NOW))
    client = TestClient(app)
    client.post("/api/v1/auth/register", json={"email": "s@example.org", "password": PASSWORD})
    signed = client.post("/api/v1/auth/login", json={"email": "s@example.org", "password": PASSWORD}).json()
    headers = {"x-csrf-token": signed["csrf_token"]}
    screening = {q["id"]: False for q in client.get("/api/v1/screening").json()["questions"]}
    client.post(
        "/api/v1/me/athlete", json={"profile": profile_json(), "screening": screening}, headers=headers
    )
    token = client.post("/api/v1/auth/tokens", json={"name": "schemathesis"}, headers=headers).json()["token"]
    bearer = {"authorization": f"Bearer {token}"}
    failures: list[str] = []
    operations = _operations(app)
    assert len(operations) >= 25
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def no_server_error(case: Any) -> None:
            response = case.call(headers=bearer)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
                )

        no_server_error()
    store.close()
    assert failures == []
