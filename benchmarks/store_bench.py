"""Ten years of daily history (3,650 sessions, 51,100 sets): how fast the store writes and reads it.

Baselines side by side: the database driver's own fetch of the same rows (the floor), then the store's History
load (rows into validated domain values), the last 90 days, and a single session. The store validates each
distinct set row once and shares its value, so the load depends on how often sets repeat; three histories
show the range: the same sets every day, sets that progress as training does, and every set different.

    .venv/bin/python benchmarks/store_bench.py [DATABASE_URL] [--repeat N]    (default: a temporary SQLite)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from calfcoach.domain.exercise import Side
from calfcoach.domain.log import CardioLog, PerformedSession, SetLog
from calfcoach.domain.profile import Profile
from calfcoach.store import Store, open_store

DAYS = 3650
SETS_PER_SESSION = 14
START = dt.date(2015, 1, 1)
EXERCISES = ("calf-raise-step", "seated-soleus-raise", "single-leg-calf-raise")


def _session(i: int, sets: tuple[SetLog, ...]) -> PerformedSession:
    day = START + dt.timedelta(days=i)
    return PerformedSession(
        id=f"s-{i}",
        day=day,
        started_at=dt.datetime.combine(day, dt.time(7), dt.UTC),
        program_id="calf-foundations-to-running",
        phase_id="build",
        template_id="strength-a",
        sets=sets,
        cardio=(CardioLog(exercise_id="walk", duration_s=1200, distance_m=1800, avg_speed_kmh=5.4),),
        rpe=5.0,
    )


def identical(i: int, rng: random.Random) -> PerformedSession:
    """The same 14 sets every day: the most repetition a history can have."""
    return _session(
        i,
        tuple(
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
    )


def progressing(i: int, rng: random.Random) -> PerformedSession:
    """Three exercises, reps and load progressing by the week; some sets fall short, some carry an effort."""
    week = i // 7
    target = 8 + week % 8  # reps climb from 8 to 15, then the load steps up by 2.5 kg
    load = 2.5 * ((week // 8) % 12)
    return _session(
        i,
        tuple(
            SetLog(
                exercise_id=EXERCISES[k // 6 % 3],
                block="main",
                set_index=k // 2 % 3,
                side=Side.LEFT if k % 2 else Side.RIGHT,
                reps=target - rng.choice((0, 0, 0, 1, 2)),
                load_kg=load,
                rpe=rng.choice((None, None, 6.0, 6.5, 7.0, 7.5, 8.0)),
            )
            for k in range(SETS_PER_SESSION)
        ),
    )


def distinct(i: int, rng: random.Random) -> PerformedSession:
    """Every set different (a random load to the gram): no repetition at all, the worst case."""
    return _session(
        i,
        tuple(
            SetLog(
                exercise_id="calf-raise-step",
                set_index=k // 2,
                side=Side.LEFT if k % 2 else Side.RIGHT,
                reps=12,
                load_kg=round(rng.uniform(0, 100), 3),
                rpe=6.0,
            )
            for k in range(SETS_PER_SESSION)
        ),
    )


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(
    store: Store, name: str, make: Callable[[int, random.Random], PerformedSession], repeat: int
) -> None:
    rng = random.Random(name)
    sessions = [make(i, rng) for i in range(DAYS)]
    sets = [s for session in sessions for s in session.sets]
    started = time.perf_counter()
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(Profile(name=name, start_date=START, weekdays=frozenset(range(7))))
        uow.sessions.add_many(athlete, sessions)
        uow.commit()
    write_ms = (time.perf_counter() - started) * 1000

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
            mine = f"SELECT id FROM performed_sessions WHERE athlete_id = {int(athlete)}"
            for query in (
                f"SELECT * FROM performed_sessions WHERE athlete_id = {int(athlete)} ORDER BY day, id",
                f"SELECT * FROM set_logs WHERE session_id IN ({mine}) ORDER BY session_id, position",
                f"SELECT * FROM cardio_logs WHERE session_id IN ({mine}) ORDER BY session_id, position",
            ):
                cursor.execute(query)
                fetched.append(cursor.fetchall())
            raw.rollback()
            return fetched
        finally:
            raw.close()

    rows: list[tuple[str, float]] = [("driver fetch of the same rows (floor)", _median_ms(floor, repeat))]
    rows += [
        ("full History (10 years)", _median_ms(history, repeat)),
        ("History of the last 90 days", _median_ms(recent, repeat)),
        ("latest session", _median_ms(one, repeat)),
    ]
    print(
        f"\n{name}: {len(sessions)} sessions, {len(sets)} sets, {len(set(sets))} distinct"
        f" ({100 * len(set(sets)) / len(sets):.1f}%), written in {write_ms:.0f} ms"
    )
    base = rows[0][1]
    for label, ms in rows:
        print(f"  {label:<45} {ms:8.1f} ms   {ms / base:6.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("url", nargs="?", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each read; the median is shown")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='calfcoach-bench-')) / 'bench.db'}"
    store = open_store(url)
    load = os.getloadavg()[0]
    print(f"backend {store.engine.dialect.name}, median of {args.repeat} runs, load average {load:.1f}")
    for name, make in (
        ("same sets every day", identical),
        ("sets progressing as training does", progressing),
        ("every set different", distinct),
    ):
        measure(store, name, make, args.repeat)
    store.close()


if __name__ == "__main__":
    main()
