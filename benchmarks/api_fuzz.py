"""Schemathesis over every operation of the REST API, in-process, with a signed-in API token.

For each operation it generates requests that fit the schema (positive) and requests that break it
(negative), sends them to the app and runs schemathesis's checks on each answer: no server error, only
declared status codes, the declared content type and headers, bodies that match the response schema, and
bad requests refused (not for multipart uploads: see `_fuzz_operation`). `positive_data_acceptance` is
left out: rules no schema can state (a date not after today, a session with at least one exercise, an id
still free) answer 422 to requests that fit the schema; the run counts those answers instead.

    .venv/bin/python benchmarks/api_fuzz.py [--examples N] [--database URL]

The bounded run is tests/api/test_schema.py; docs/api.md has the figures of a longer one.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
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

    operations: int = 0  # operations run, as the athlete and again as their coach where a coach reaches
    cases: int = 0
    seconds: float = 0.0
    statuses: collections.Counter[int] = field(default_factory=collections.Counter)
    coach_statuses: collections.Counter[int] = field(default_factory=collections.Counter)  # the coach's part
    failures: list[str] = field(default_factory=list)
    refused_positive: int = 0  # requests that fit the schema answered 422 (a rule the schema cannot state)


def signed_in(app: FastAPI) -> tuple[dict[str, str], int]:
    """Register an athlete with a profile; return the headers of a new API token of theirs, and their id."""
    client = TestClient(app)
    client.post("/api/v1/auth/register", json={"email": "fuzz@example.org", "password": PASSWORD})
    login = client.post("/api/v1/auth/login", json={"email": "fuzz@example.org", "password": PASSWORD})
    csrf = {"x-csrf-token": login.json()["csrf_token"]}
    questions = client.get("/api/v1/screening").json()["questions"]
    onboarding = {"profile": PROFILE, "screening": {q["id"]: False for q in questions}}
    athlete_id = int(client.post("/api/v1/me/athlete", json=onboarding, headers=csrf).json()["athlete_id"])
    token = client.post("/api/v1/auth/tokens", json={"name": "fuzz"}, headers=csrf).json()["token"]
    return {"authorization": f"Bearer {token}"}, athlete_id


def coach_of(app: FastAPI, athlete_bearer: dict[str, str]) -> dict[str, str]:
    """Register a coach whose invitation the athlete accepts; return the headers of the coach's API token."""
    client = TestClient(app)
    account = {"email": "coach-fuzz@example.org", "password": PASSWORD}
    client.post("/api/v1/auth/register", json=account | {"role": "coach"})
    login = client.post("/api/v1/auth/login", json=account)
    csrf = {"x-csrf-token": login.json()["csrf_token"]}
    token = client.post("/api/v1/auth/tokens", json={"name": "fuzz"}, headers=csrf).json()["token"]
    bearer = {"authorization": f"Bearer {token}"}
    code = client.post("/api/v1/coach/invitations", headers=bearer).json()["code"]
    accepted = TestClient(app).post("/api/v1/invitations/accept", json={"code": code}, headers=athlete_bearer)
    accepted.raise_for_status()
    return bearer


def _coach_reaches(path: str) -> bool:
    """The operations whose answer differs for a coach: their clients' data, their dashboard, media."""
    return "{athlete_id}" in path or path.startswith("/api/v1/coach/") or "/media" in path


def fuzz(app: FastAPI, *, examples: int) -> FuzzRun:
    """Send `examples` positive and `examples` negative requests to every operation; check each answer.

    Every operation runs as an athlete; those a coach reaches (a client's data, the dashboard, media)
    run again as that athlete's coach, where an athlete's run mostly meets 403.
    """
    bearer, athlete_id = signed_in(app)
    coach_bearer = coach_of(app, bearer)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    # Revoking the run's own token would sign the rest of it out: fewer operations reached, nothing learned.
    # Deleting the run's own account likewise (no generated password is the right one, but each wrong one
    # counts toward its sign-in throttle); tests/api/test_account_deletion.py checks that route.
    operations = [
        op
        for op in operations
        if not (op.method.upper() == "DELETE" and op.path.startswith("/api/v1/auth/tokens/"))
        and not (op.method.upper() == "DELETE" and op.path == "/api/v1/me")
    ]
    run = FuzzRun(operations=len(operations))
    started = time.perf_counter()
    runs = [(operation, bearer) for operation in operations]
    runs += [(operation, coach_bearer) for operation in operations if _coach_reaches(operation.path)]
    run.operations = len(runs)
    for operation, holder in runs:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            # Ids drawn at random are nearly all someone else's (404): an athlete's routes run again on the
            # run's own athlete (the coach's client), so their answers and their bodies' checks are reached.
            pinned = "{athlete_id}" in operation.path
            for path in ({}, {"athlete_id": athlete_id}) if pinned else ({},):
                # Unsatisfiable: nothing negative to make (no parameters, no body, or all pinned).
                with contextlib.suppress(Unsatisfiable):
                    _fuzz_operation(
                        run, operation, mode, holder, examples, path, coach=holder is coach_bearer
                    )
    run.seconds = time.perf_counter() - started
    return run


def _fuzz_operation(
    run: FuzzRun,
    operation: Any,
    mode: GenerationMode,
    bearer: dict[str, str],
    examples: int,
    path_parameters: dict[str, Any] | None = None,
    *,
    coach: bool = False,
) -> None:
    """Send `examples` generated requests of one kind to one operation, adding what was found to `run`."""
    from schemathesis.checks import negative_data_rejection, positive_data_acceptance  # loaded on first use

    skipped = [positive_data_acceptance]
    if "multipart/form-data" in operation.definition.raw.get("requestBody", {}).get("content", {}):
        # A number or an object generated in place of a file is sent as the file's bytes: on the wire it
        # is a valid upload (of an unreadable recording, which the report lists as failed).
        skipped.append(negative_data_rejection)

    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case: Any) -> None:
        run.cases += 1
        where = f"{case.method} {case.formatted_path} ({mode.value})"
        try:
            response = case.call(headers=bearer)
        except Exception as crashed:  # the in-process client re-raises what the app did not handle
            run.statuses[500] += 1
            run.failures.append(
                f"{where}: server error, {type(crashed).__name__}: {crashed}; body {case.body!r:.300}"
            )
            return
        run.statuses[response.status_code] += 1
        if coach:
            run.coach_statuses[response.status_code] += 1
        if mode is GenerationMode.POSITIVE and response.status_code == 422:
            run.refused_positive += 1
        try:
            case.validate_response(response, headers=bearer, excluded_checks=skipped)
        except (Exception, BaseExceptionGroup) as failed:  # a FailureGroup: every failed check
            run.failures.append(f"{where}: {failed}".strip()[:3000])

    check()


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
    print("of them to the coach: " + ", ".join(f"{s}: {n}" for s, n in sorted(run.coach_statuses.items())))
    print(f"server errors: {server_errors}; failed checks: {len(run.failures)}")
    print(f"requests that fit the schema refused by a rule (422): {run.refused_positive}")
    for failure in run.failures:
        print("\n" + failure)
    raise SystemExit(1 if run.failures else 0)


if __name__ == "__main__":
    main()
