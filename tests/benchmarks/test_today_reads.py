"""A cold "today" reads as many rows after two years of history as after two months (PostgreSQL).

The clinic of benchmarks/clinic_data.py, one client's "today" once its phase checkpoint is stored (what a
server does after a logged session): the statements sent and the rows they return, counted at the driver.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from benchmarks.clinic_data import Shape, fill
from sqlalchemy import event

from calfcoach.services.today import RECENT_DAYS, TodayCache
from calfcoach.store import open_store
from tests.conftest import empty_postgres

pytestmark = pytest.mark.postgres

TODAY = dt.date(2026, 6, 1)


def _cold_today(url: str, days: int) -> tuple[int, int, int]:
    """Statements sent and rows returned by the first client's cold "today" after `days` of history, and
    the rows of the whole history it read before (store/logbook.py, load_history)."""
    empty_postgres(url)
    fill(url, Shape(coaches=1, clients=3, days=days), TODAY)
    counted: list[int] = []
    with open_store(url) as store:
        with store.lookup() as uow:
            athlete = uow.athletes.get(1)
        assert athlete is not None
        first = TodayCache().answer(store, athlete, TODAY)  # stores the checkpoint

        def count(_conn: Any, cursor: Any, statement: str, *_: Any) -> None:
            counted.append(max(cursor.rowcount, 0))

        event.listen(store.engine, "after_cursor_execute", count)
        try:
            cold = TodayCache().answer(store, athlete, TODAY)
            statements, rows = len(counted), sum(counted)
            with store.reader() as uow:
                uow.history(athlete.id)
        finally:
            event.remove(store.engine, "after_cursor_execute", count)
    assert cold.body == first.body
    return statements, rows, sum(counted) - rows


def test_a_cold_today_reads_no_more_rows_after_two_years_than_after_two_months(postgres_url: str) -> None:
    statements_short, rows_short, _ = _cold_today(postgres_url, 61)
    statements_long, rows_long, whole = _cold_today(postgres_url, 730)
    # One statement more: the exercises logged before the 13 weeks read (there are none after two months).
    assert statements_long == statements_short + 1
    # Thirteen weeks (RECENT_DAYS) against the two months that are all of the short history, give or take
    # the sessions skipped by chance (here 367 rows against 258); and a small part of the whole history,
    # which a cold "today" read before (3,161 rows here).
    assert rows_long <= rows_short * RECENT_DAYS / 61 * 1.15
    assert rows_long * 5 < whole
