"""The coach dashboard's SQL: every statement one dashboard sends, and PostgreSQL's plan for each, as run.

`dashboard_statements` builds a coach's dashboard in this process (the same service the API and the page
call) and records each statement with its parameters; `explain` runs each again under
EXPLAIN (ANALYZE) and counts the rows the plan touched: the rows every node produced plus those its
filters read and threw away. The dashboard stays as quick after years as after weeks when that count does
not grow with history (tests/benchmarks/test_clinic_plans.py pins it; clinic_load.py prints the plans).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection

from calfcoach.services import coaching_clients
from calfcoach.store import Store


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: Any


@dataclass(frozen=True)
class Plan:
    sql: str
    text: str
    rows_touched: int


def dashboard_statements(store: Store, coach_user_id: int, now: dt.datetime) -> list[Statement]:
    """Every statement the coach's dashboard sends, in order, with its parameters."""
    seen: list[Statement] = []

    def record(
        _conn: Connection, _cursor: object, sql: str, parameters: Any, _context: object, _many: bool
    ) -> None:
        seen.append(Statement(sql, parameters))

    with store.lookup() as uow:
        coach = uow.users.get(coach_user_id)
    if coach is None:
        raise SystemExit(f"no coach with user id {coach_user_id}")
    event.listen(store.engine, "before_cursor_execute", record)
    try:
        coaching_clients.clients_overview(store, coach, now=now)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return [s for s in seen if s.sql.lstrip().upper().startswith("SELECT")]


def _touched(node: dict[str, Any]) -> int:
    """Rows a plan node and its children produced (over all loops) and rows their filters read and dropped."""
    loops = max(1, int(node.get("Actual Loops", 1)))
    own = int(node.get("Actual Rows", 0)) * loops
    own += int(node.get("Rows Removed by Filter", 0)) * loops
    own += int(node.get("Rows Removed by Index Recheck", 0)) * loops
    return own + sum(_touched(child) for child in node.get("Plans", ()))


def explain(store: Store, statements: list[Statement], *, without_seq_scans: bool = False) -> list[Plan]:
    """EXPLAIN (ANALYZE) each statement on PostgreSQL; its plan as text and the rows it touched.

    `without_seq_scans` asks the planner for an index path wherever there is one: on a test's tiny tables
    it would read whole tables anyway, which says nothing about a clinic's.
    """
    plans = []
    with store.engine.connect() as connection:
        if without_seq_scans:
            connection.execute(text("SET enable_seqscan = off"))
        for statement in statements:
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.sql, statement.parameters)
            found = cursor.fetchone()
            assert found is not None
            document = found[0]
            tree = (document if isinstance(document, list) else json.loads(document))[0]["Plan"]
            cursor.execute(
                "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + statement.sql, statement.parameters
            )
            shown = "\n".join(row[0] for row in cursor.fetchall())
            plans.append(Plan(statement.sql, shown, _touched(tree)))
        connection.rollback()
    return plans


def distinct(plans: list[Plan]) -> Iterator[tuple[Plan, int]]:
    """Each distinct statement once (the first client's), with how many times the dashboard sent it."""
    counts: dict[str, int] = {}
    first: dict[str, Plan] = {}
    for plan in plans:
        counts[plan.sql] = counts.get(plan.sql, 0) + 1
        first.setdefault(plan.sql, plan)
    for sql, plan in first.items():
        yield plan, counts[sql]
