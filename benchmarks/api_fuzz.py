"""Schemathesis over every operation of the REST API, in-process, with a signed-in API token.

For each operation it generates requests that fit the schema (positive) and requests that break it
(negative), sends them to the app and runs schemathesis's checks on each answer: no server error, only
declared status codes, the declared content type and headers, bodies that match the response schema, and
bad requests refused. `positive_data_acceptance` is left out: rules no schema can state (a date not after
today, a session with at least one exercise, an id still free) answer 422 to requests that fit the schema;
the run counts those answers instead.

    .venv/bin/python benchmarks/api_fuzz.py [--examples N] [--database URL]

The bounded run is tests/api/test_schema.py; docs/api.md has the figures of a longer one.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

PASSWORD = "correct horse battery"
PROFILE = {
    "name": "Ada",
    "start_date": "2026-01-05",
    "weekdays": ["mon", "wed", "fri"],
    "equipment": ["step"],
}


@dataclass
class FuzzRun:
    """What a run did: operations and cases, answers by status, and every failed check, described."""

    operations: int = 0
    cases: int = 0
    seconds: float = 0.0
    statuses: collections.Counter[int] = field(default_factory=collections.Counter)
    failures: list[str] = field(default_factory=list)


def signed_in(app: FastAPI) -> dict[str, str]:
    """Register an athlete with a profile and return the headers of a new API token of theirs."""
    client = TestClient(app)
    client.post("/api/v1/auth/register", json={"email": "fuzz@example.org", "password": PASSWORD})
    login = client.post("/api/v1/auth/login", json={"email": "fuzz@example.org", "password": PASSWORD})
    csrf = {"x-csrf-token": login.json()["csrf_token"]}
    questions = client.get("/api/v1/screening").json()["questions"]
    onboarding = {"profile": PROFILE, "screening": {q["id"]: False for q in questions}}
    client.post("/api/v1/me/athlete", json=onboarding, headers=csrf)
    token = client.post("/api/v1/auth/tokens", json={"name": "fuzz"}, headers=csrf).json()["token"]
    return {"authorization": f"Bearer {token}"}


def fuzz(app: FastAPI, *, examples: int) -> FuzzRun:
    """Send `examples` positive and `examples` negative requests to every operation; check each answer."""
    from schemathesis.checks import positive_data_acceptance  # registered by schemathesis on first use

    bearer = signed_in(app)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    # Revoking the run's own token would sign the rest of it out: fewer operations reached, nothing learned.
    operations = [
        op
        for op in operations
        if not (op.method.upper() == "DELETE" and op.path.startswith("/api/v1/auth/tokens/"))
    ]
    run = FuzzRun(operations=len(operations))
    started = time.perf_counter()
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,
                database=None,
            )
            def check(case: Any) -> None:
                run.cases += 1
                try:
                    response = case.call(headers=bearer)
                except Exception as crashed:  # the in-process client re-raises what the app did not handle
                    run.statuses[500] += 1
                    run.failures.append(
                        f"{case.method} {case.formatted_path} ({mode.value}): server error, "
                        f"{type(crashed).__name__}: {crashed}; body {case.body!r:.300}"
                    )
                    return
                run.statuses[response.status_code] += 1
                try:
                    case.validate_response(
                        response, headers=bearer, excluded_checks=[positive_data_acceptance]
                    )
                except Exception as failed:  # a FailureGroup: every failed check of this answer
                    run.failures.append(
                        f"{case.method} {case.formatted_path} ({mode.value}): {failed}".strip()[:3000]
                    )

            try:
                check()
            except Unsatisfiable:  # nothing negative to generate (no parameters, no body)
                pass
    run.seconds = time.perf_counter() - started
    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=100, help="per operation and mode (default 100)")
    parser.add_argument("--database", help="a database URL (default: a new SQLite file)")
    args = parser.parse_args()
    from calfcoach.services.clock import FixedClock
    from calfcoach.store import open_store
    from calfcoach.web.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(args.database or f"sqlite:///{Path(folder) / 'fuzz.db'}")
        clock = FixedClock(at=dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC))
        try:
            run = fuzz(create_app(store, clock=clock), examples=args.examples)
        finally:
            store.close()
    server_errors = sum(n for status, n in run.statuses.items() if status >= 500)
    print(f"{run.operations} operations, {run.cases} cases in {run.seconds:.0f} s")
    print("answers by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(run.statuses.items())))
    print(f"server errors: {server_errors}; failed checks: {len(run.failures)}")
    for failure in run.failures:
        print("\n" + failure)
    raise SystemExit(1 if run.failures else 0)


if __name__ == "__main__":
    main()
