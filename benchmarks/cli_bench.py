"""How fast the `calfcoach` command answers where a person waits, with ten years of daily history.

Side by side in one run, each the median of several fresh processes: `python -c pass` (the floor),
`python -c "import calfcoach"`, `calfcoach --help`, `calfcoach today` (cached, and with the cache removed),
on a SQLite file with ten years of generated daily sessions (3,650 sessions, ~51,000 sets) ending today.

    .venv/bin/python benchmarks/cli_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from calfcoach.cli.today_cache import SUFFIX
from calfcoach.domain.exercise import Side
from calfcoach.domain.log import CardioLog, CheckIn, PerformedSession, SetLog
from calfcoach.domain.profile import Profile
from calfcoach.store import open_store

YEARS_DAYS = 3650
SETS_PER_SESSION = 14
BUDGET_MS = 300.0
SCRIPT = Path(sys.executable).with_name("calfcoach")


def _session(day: dt.date, index: int) -> PerformedSession:
    strength = index % 2 == 0
    return PerformedSession(
        id=f"bench-{index}",
        day=day,
        started_at=dt.datetime.combine(day, dt.time(7), dt.UTC),
        program_id="calf-foundations-to-running",
        phase_id="foundations",
        template_id="strength-a" if strength else "walk",
        sets=tuple(
            SetLog(
                exercise_id="calf-raise-step",
                block="calves",
                set_index=k // 2,
                side=Side.LEFT if k % 2 else Side.RIGHT,
                reps=12,
                rpe=6.0,
            )
            for k in range(SETS_PER_SESSION)
        ),
        cardio=(CardioLog(exercise_id="brisk-walk", duration_s=1200, distance_m=1800, avg_speed_kmh=5.4),),
        rpe=5.0,
    )


def build_history(url: str, today: dt.date) -> int:
    """Fill an empty database with one athlete and ten years of daily sessions ending yesterday."""
    first = today - dt.timedelta(days=YEARS_DAYS)
    store = open_store(url)
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(Profile(name="bench", start_date=first, weekdays=frozenset(range(7))))
        uow.sessions.add_many(athlete, [_session(first + dt.timedelta(days=i), i) for i in range(YEARS_DAYS)])
        for i in range(0, YEARS_DAYS, 7):
            uow.checkins.add(athlete, CheckIn(day=first + dt.timedelta(days=i + 1), morning_pain=i % 3))
        uow.commit()
    with store.reader() as uow:
        sets = uow.sessions.count_sets(athlete)
    store.close()
    return sets


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_ms(
    command: list[str], runs: int, env: dict[str, str], before: Callable[[], None]
) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of `runs` fresh processes, after one warm-up.

    CPU time is shown too because wall time on a shared machine includes waiting for a core.
    """
    before()
    subprocess.run(command, env=env, check=True, capture_output=True)
    wall, cpu = [], []
    for _ in range(runs):
        before()
        cpu_before = _children_cpu_s()
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((_children_cpu_s() - cpu_before) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="calfcoach-cli-bench-"))
    database = folder / "ten-years.db"
    url = f"sqlite:///{database}"
    started = time.perf_counter()
    sets = build_history(url, dt.date.today())
    built_s = time.perf_counter() - started
    print(f"database: {database}: {YEARS_DAYS} sessions, {sets} sets ({built_s:.1f} s to build)")
    env = dict(os.environ, CALFCOACH_DATABASE_URL=url, COLUMNS="100")
    cache = Path(f"{database}{SUFFIX}")

    def nothing() -> None:
        return None

    def no_cache() -> None:
        cache.unlink(missing_ok=True)

    cli = str(SCRIPT)
    cases: list[tuple[str, list[str], Callable[[], None], bool]] = [
        ("python -c pass (floor)", [sys.executable, "-c", "pass"], nothing, False),
        ('python -c "import calfcoach"', [sys.executable, "-c", "import calfcoach"], nothing, False),
        ("calfcoach --help", [cli, "--help"], nothing, True),
        ("calfcoach today", [cli, "today"], nothing, True),
        ("calfcoach today --json", [cli, "today", "--json"], nothing, True),
        ("calfcoach today, cache removed", [cli, "today"], no_cache, False),
        ("calfcoach history --last 10", [cli, "history", "--last", "10"], nothing, False),
    ]
    results = [
        (name, *median_ms(command, args.runs, env, before), budgeted)
        for name, command, before, budgeted in cases
    ]
    floor = results[0][1]
    load = os.getloadavg()[0]
    print(f"\nmedian of {args.runs} runs, {os.cpu_count()} cores, load average {load:.1f}")
    print(f"\n| {'command':<32} | {'wall':>9} | {'x floor':>7} | {'CPU':>8} | {'< 300 ms':>8} |")
    print(f"|{'-' * 34}|{'-' * 10}:|{'-' * 8}:|{'-' * 9}:|{'-' * 9}:|")
    for name, ms, cpu_ms, budgeted in results:
        verdict = ("yes" if ms < BUDGET_MS else "NO") if budgeted else ""
        print(f"| {name:<32} | {ms:>6.0f} ms | {ms / floor:>6.1f}x | {cpu_ms:>5.0f} ms | {verdict:>8} |")


if __name__ == "__main__":
    main()
