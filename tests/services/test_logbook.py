"""What logging a session costs: the statements it sends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event

from calfcoach.domain.log import PerformedSession, SetLog
from calfcoach.services import logbook
from calfcoach.store.store import Store
from tests.services.helpers import sign_up

DAY = dt.date(2026, 6, 1)


def _session(uid: str) -> PerformedSession:
    sets = tuple(SetLog(exercise_id="calf-raise-step", set_index=i, reps=12) for i in range(3))
    return PerformedSession(
        id=uid,
        day=DAY,
        program_id="calf-foundations-to-running",
        phase_id="foundations",
        template_id="strength-a",
        sets=sets,
    )


def test_logging_a_session_without_a_flag_ever_reported_checks_the_flags_in_one_statement(
    store: Store,
) -> None:
    athlete_id = sign_up(store)
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(store.engine, "after_cursor_execute", count)
    try:
        logbook.log_session(store, athlete_id, _session("s1"), today=DAY)
    finally:
        event.remove(store.engine, "after_cursor_execute", count)
    reads = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    # The flag check and the check that the id is new (it was three statements for the flags alone).
    assert len(reads) == 2, reads
    with store.reader() as uow:
        assert uow.sessions.get(athlete_id, "s1") == _session("s1")
