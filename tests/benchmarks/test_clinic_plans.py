"""The coach dashboard reads as many rows after two years of history as after two months (PostgreSQL).

Rows touched, not time: every row each plan node produced plus every row its filters read and dropped,
from EXPLAIN (ANALYZE). Sequential scans are turned off, since on a test's tiny tables the planner reads
whole tables anyway; what is checked is that an index path exists that reads only recent rows.
"""

from __future__ import annotations

import datetime as dt

import pytest
from benchmarks.clinic_data import Shape, fill
from benchmarks.clinic_plans import dashboard_statements, explain

from calfcoach.store import open_store
from tests.conftest import empty_postgres

pytestmark = pytest.mark.postgres

TODAY = dt.date(2026, 6, 1)
NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def _dashboard(url: str, days: int) -> tuple[int, int]:
    """Statements sent and rows touched by the first coach's dashboard after `days` of history."""
    empty_postgres(url)
    fill(url, Shape(coaches=2, clients=5, days=days), TODAY)
    with open_store(url) as store:
        plans = explain(store, dashboard_statements(store, 1, NOW), without_seq_scans=True)
    return len(plans), sum(p.rows_touched for p in plans)


def test_the_dashboard_touches_no_more_rows_after_two_years_than_after_two_months(postgres_url: str) -> None:
    statements_short, rows_short = _dashboard(postgres_url, 61)
    statements_long, rows_long = _dashboard(postgres_url, 730)
    assert statements_long == statements_short
    # The same recent weeks are read either way; they differ only by chance (which sessions were skipped).
    # Reading the history would touch twelve times as many rows.
    assert rows_long <= rows_short * 1.2
