"""Schemathesis over every operation: the server never fails and every answer is what the schema says.

Bounded: a few positive and a few negative examples per operation, against the app in-process on SQLite,
signed in by an API token: every operation as an athlete, and those a coach reaches again as their
coach. Every default check runs except `positive_data_acceptance`: rules no schema can state (a date not
after today, a session with at least one exercise, an id free in the database) answer 422 to requests
that fit the schema. The longer run (docs/api.md) uses benchmarks/api_fuzz.py.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.api_fuzz import FuzzRun, fuzz

from calfcoach.services.clock import FixedClock
from calfcoach.store import open_store
from calfcoach.web.app import create_app
from tests.api.conftest import NOW

EXAMPLES_PER_OPERATION = 6


def test_every_operation_answers_as_its_schema_says(tmp_path: Path, cheap_hashes: None) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'schema.db'}")
    try:
        run: FuzzRun = fuzz(create_app(store, clock=FixedClock(at=NOW)), examples=EXAMPLES_PER_OPERATION)
    finally:
        store.close()
    assert run.operations >= 45
    assert run.cases >= 4 * run.operations
    assert run.failures == [], "\n\n".join(run.failures)
    # The coach's part reached their client's data and their dashboard, not only refusals.
    assert run.coach_statuses[200] > run.coach_statuses[403], run.coach_statuses
