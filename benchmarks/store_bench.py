"""Ten years of daily history (3,650 sessions, ~51,000 sets): how fast the store writes and reads it.

Baselines side by side: the database driver's own fetch of the same rows (the floor), then the store's History
load (rows into validated domain values), the last 90 days, and a single session.

    .venv/bin/python benchmarks/store_bench.py [DATABASE_URL]     (default: a temporary SQLite file)
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from calfcoach.domain.exercise import Side
from calfcoach.domain.log import CardioLog, PerformedSession, SetLog
from calfcoach.domain.profile import Profile
from calfcoach.store import open_store

DAYS = 3650
SETS_PER_SESSION = 14
START = dt.date(2015, 1, 1)


def _session(i: int) -> PerformedSession:
    day = START + dt.timedelta(days=i)
    return PerformedSession(
        id=f"s-{i}",
        day=day,
        started_at=dt.datetime.combine(day, dt.time(7), dt.UTC),
        program_id="calf-foundations-to-running",
        phase_id="build",
        template_id="strength-a",
        sets=tuple(
            SetLog(
                exercise_id="calf-raise-step",
                set_index=k // 2,
                side=Side.LEFT if k % 2 else Side.RIGHT,
                reps=12,
                load_kg=5.0,
                rpe=6.0,
            )
            for k in range(SETS_PER_SESSION)
        ),
        cardio=(CardioLog(exercise_id="walk", duration_s=1200, distance_m=1800, avg_speed_kmh=5.4),),
        rpe=5.0,
    )


def _median_ms(run: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    folder = tempfile.mkdtemp(prefix="calfcoach-bench-")
    url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{Path(folder) / 'bench.db'}"
    store = open_store(url)
    sessions = [_session(i) for i in range(DAYS)]
    started = time.perf_counter()
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(
            Profile(start_date=START, weekdays=frozenset(range(7))),
        )
        uow.sessions.add_many(athlete, sessions)
        uow.commit()
    write_ms = (time.perf_counter() - started) * 1000
    with store.reader() as uow:
        set_count = uow.sessions.count_sets(athlete)

    def history() -> object:
        with store.reader() as uow:
            return uow.history(athlete)

    def recent() -> object:
        with store.reader() as uow:
            return uow.history(athlete, since=START + dt.timedelta(days=DAYS - 90))

    def one() -> object:
        with store.reader() as uow:
            return uow.sessions.latest(athlete)

    def floor() -> object:
        raw = store.engine.raw_connection()  # the driver alone, no SQLAlchemy and no domain values
        try:
            cursor = raw.cursor()
            fetched = []
            for query in (
                "SELECT * FROM performed_sessions",
                "SELECT * FROM set_logs ORDER BY session_id, position",
                "SELECT * FROM cardio_logs",
            ):
                cursor.execute(query)
                fetched.append(cursor.fetchall())
            raw.rollback()
            return fetched
        finally:
            raw.close()

    rows: list[tuple[str, float]] = [("driver fetch of the same rows (floor)", _median_ms(floor))]
    rows += [
        ("full History (10 years)", _median_ms(history)),
        ("History of the last 90 days", _median_ms(recent)),
        ("latest session", _median_ms(one)),
    ]
    backend = store.engine.dialect.name
    print(f"backend {backend}: {DAYS} sessions, {set_count} sets, written in {write_ms:.0f} ms")
    base = rows[0][1]
    for name, ms in rows:
        print(f"  {name:<45} {ms:8.1f} ms   {ms / base:6.1f}x")
    store.close()


if __name__ == "__main__":
    main()
