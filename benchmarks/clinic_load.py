"""A clinic under load: two `calfcoach serve` processes on one PostgreSQL database of 2,000 athletes.

The database is made by benchmarks/clinic_data.py (50 coaches x 40 clients, two years of history). The
load is open loop: requests leave at a fixed rate (200 a second by default) whether or not earlier ones
have answered, and each one's latency counts from the moment it was due, so a server that falls behind
shows it. Each request goes to the next server in turn (a load balancer without sticky sessions):

- "today": GET /api/v1/athletes/{id}/today for a random athlete, with that athlete's API token;
- "log a session": POST /api/v1/athletes/{id}/sessions, a strength session of today, for a random athlete;
- "coach dashboard": GET /api/v1/coach/clients for a random coach (40 clients with adherence, pain flags
  and safety).

Side by side in one run, each measured `--runs` times (the spread of p99 over the runs is reported, not
the best run): the clinic on two servers; the same load on one server; and the clinic with two months of
history instead of two years (the dashboard's cost must not grow with history). Before the load, the
dashboard's SQL statements are run under EXPLAIN (ANALYZE) on both databases (benchmarks/clinic_plans.py).

    .venv/bin/python benchmarks/clinic_load.py [--quick] [--rate 200] [--seconds 30] [--runs 3]
                                               [--postgres postgresql://postgres@127.0.0.1:5432/postgres]

`--quick` (under 3 minutes on an idle machine): 10 coaches, one 15-second run per setting.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find `benchmarks`
from benchmarks.api_bench import _cpu_s, _database_cpu_s
from benchmarks.clinic_data import (
    DATABASE,
    POSTGRES_ADMIN,
    Shape,
    athlete_token,
    clinic_database,
    coach_token,
    make_clinic,
)
from benchmarks.clinic_plans import Plan, dashboard_statements, distinct, explain
from benchmarks.http_load import _Connection
from benchmarks.serving import free_port, wait_until_serving

ENDPOINTS = ("today", "log a session", "coach dashboard")
# Of every 20 requests: 15 athletes opening today, 1 logging a session, 4 coaches opening their dashboard.
MIX = (0.75, 0.05, 0.2)
# "today" is asked by the athletes training now, a tenth of the clinic, again and again (the app open, the
# player); sessions are logged by anyone. A session logged makes that athlete's next "today" a cold one.
ACTIVE_SHARE = 0.1
P99_GOAL_MS = 50.0
KEEP_ALIVE_S = 4.0  # under uvicorn's 5 s keep-alive timeout


@dataclass(frozen=True)
class Request:
    endpoint: str
    method: str
    path: str
    token: str
    body: bytes | None = None

    def raw(self, host: str) -> bytes:
        lines = [
            f"{self.method} {self.path} HTTP/1.1",
            f"host: {host}",
            f"authorization: Bearer {self.token}",
        ]
        if self.body is not None:
            lines += ["content-type: application/json", f"content-length: {len(self.body)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + (self.body or b"")


def _session_body(day: dt.date) -> bytes:
    sets = [
        {"exercise_id": "calf-raise-step", "set_index": i, "reps": 12, "side": "both", "load_kg": 5.0}
        for i in range(3)
    ]
    session = {
        "id": f"load-{uuid.uuid4()}",
        "day": day.isoformat(),
        "program_id": "calf-foundations-to-running",
        "phase_id": "foundations",
        "template_id": "strength-a",
        "sets": sets,
        "rpe": 5,
        "pain_during": 1,
        "pain_after": 1,
    }
    return json.dumps(session).encode()


def _active(shape: Shape) -> list[int]:
    """The athletes training now (0-based), the same in every run."""
    return random.Random(0).sample(range(shape.athletes), max(1, int(shape.athletes * ACTIVE_SHARE)))


def _requests(shape: Shape, count: int, seed: int) -> list[Request]:
    """`count` requests in the mix, for random athletes and coaches (the same ones for the same seed)."""
    chance = random.Random(seed)
    active = _active(shape)
    today = dt.date.today()
    made = []
    for endpoint in chance.choices(ENDPOINTS, weights=MIX, k=count):
        athlete = chance.choice(active) if endpoint == "today" else chance.randrange(shape.athletes)
        if endpoint == "today":
            made.append(
                Request(endpoint, "GET", f"/api/v1/athletes/{athlete + 1}/today", athlete_token(athlete))
            )
        elif endpoint == "log a session":
            path = f"/api/v1/athletes/{athlete + 1}/sessions"
            made.append(Request(endpoint, "POST", path, athlete_token(athlete), _session_body(today)))
        else:
            coach = chance.randrange(shape.coaches)
            made.append(Request(endpoint, "GET", "/api/v1/coach/clients", coach_token(coach)))
    return made


@dataclass
class RunResult:
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: {e: [] for e in ENDPOINTS})
    errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENDPOINTS, 0))
    late_s: float = 0.0  # how far behind schedule the last request left (the instrument's own lag)


async def _prime(bases: list[str], shape: Shape) -> None:
    """Ask every server once for each active athlete's "today" and each coach's dashboard, two at a time.

    A server that has run a while has these answers; the measured runs then see what a running clinic
    sees, where cold answers come from sessions just logged (and the cold cost is reported on its own).
    """
    asked = [
        Request("today", "GET", f"/api/v1/athletes/{a + 1}/today", athlete_token(a)) for a in _active(shape)
    ]
    asked += [
        Request("coach dashboard", "GET", "/api/v1/coach/clients", coach_token(c))
        for c in range(shape.coaches)
    ]
    for base in bases:
        host = base.removeprefix("http://")
        name, port = host.rsplit(":", 1)

        async def worker(share: list[Request], host: str = host, name: str = name, port: str = port) -> None:
            connection = _Connection(name, int(port))
            try:
                for request in share:
                    status, body = await connection.send(request.raw(host))
                    if status >= 400:
                        raise SystemExit(f"{request.path}: answer {status}: {body[:200]!r}")
            finally:
                await connection.close()

        await asyncio.gather(worker(asked[0::2]), worker(asked[1::2]))


async def _open_loop(bases: list[str], requests: list[Request], rate: float) -> RunResult:
    """Send each request at its time (i / rate), to server i mod n; time it from when it was due."""
    result = RunResult()
    # Idle keep-alive connections per server, with when each was last used: uvicorn closes a connection
    # idle for 5 s, so one idle longer is dropped rather than sent on (as HTTP clients' pools do).
    idle: list[list[tuple[_Connection, float]]] = [[] for _ in bases]
    hosts = [base.removeprefix("http://") for base in bases]

    async def send(index: int, request: Request, due: float) -> None:
        server = index % len(bases)
        pool = idle[server]
        connection = None
        while pool and connection is None:
            kept, used = pool.pop()
            if time.perf_counter() - used < KEEP_ALIVE_S:
                connection = kept
            else:
                await kept.close()
        if connection is None:
            host, port = hosts[server].rsplit(":", 1)
            connection = _Connection(host, int(port))
        try:
            status, body = await connection.send(request.raw(hosts[server]))
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            result.errors[request.endpoint] += 1
            print(f"{request.endpoint}: {type(error).__name__}: {error}", file=sys.stderr)
            return
        result.latencies_ms[request.endpoint].append((time.perf_counter() - due) * 1000)
        pool.append((connection, time.perf_counter()))
        if status >= 400:
            result.errors[request.endpoint] += 1
            print(f"{request.endpoint}: answer {status}: {body[:200]!r}", file=sys.stderr)

    tasks = []
    start = time.perf_counter()
    gc.disable()  # the instrument must not pause to collect garbage while it times the servers
    try:
        for index, request in enumerate(requests):
            due = start + index / rate
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            tasks.append(asyncio.create_task(send(index, request, due)))
        result.late_s = max(0.0, time.perf_counter() - (start + (len(requests) - 1) / rate))
        await asyncio.gather(*tasks)
    finally:
        gc.enable()
        for pool in idle:
            for connection, _ in pool:
                await connection.close()
    return result


@contextmanager
def _servers(url: str, count: int) -> Iterator[tuple[list[str], list[int]]]:
    """Run `count` `calfcoach serve` processes (one worker each) on the database at `url`; yield URLs."""
    command = str(Path(sys.executable).with_name("calfcoach"))
    folder = Path(tempfile.mkdtemp(prefix="calfcoach-clinic-"))
    processes: list[tuple[subprocess.Popen[bytes], Path]] = []
    bases = []
    try:
        for number in range(count):
            port = free_port()
            log = folder / f"server{number}.log"
            with log.open("wb") as output:
                process = subprocess.Popen(
                    [command, "serve", "--db", url, "--port", str(port), "--workers", "1"],
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    env={
                        **os.environ,
                        "CALFCOACH_MEDIA_DIR": str(folder / "media"),
                        "CALFCOACH_METRICS": "1",
                    },
                )
            processes.append((process, log))
            bases.append(f"http://127.0.0.1:{port}")
            wait_until_serving(bases[-1], process, 60)
        yield bases, [process.pid for process, _ in processes]
    except BaseException:
        for _, log in processes:
            print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
        raise
    finally:
        for process, _ in processes:
            process.terminate()
        for process, _ in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:  # still answering a backlog: nothing of it matters now
                process.kill()
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Collections:
    """The servers' full garbage collections (generation 2), from their /metrics: how many, their total
    time, and the bucket bound the longest one fell under."""

    count: float = 0.0
    seconds: float = 0.0
    buckets: tuple[tuple[float, float], ...] = ()  # (upper bound, collections at or under it)

    def __sub__(self, earlier: Collections) -> Collections:
        before = dict(earlier.buckets)
        return Collections(
            self.count - earlier.count,
            self.seconds - earlier.seconds,
            tuple((bound, n - before.get(bound, 0.0)) for bound, n in self.buckets),
        )

    def longest_under_ms(self) -> float:
        """The smallest bucket bound that holds every collection (nan when none happened)."""
        bounds = [bound for bound, n in self.buckets if n >= self.count]
        return min(bounds) * 1000 if self.count and bounds else float("nan")


def _collections(bases: list[str]) -> Collections:
    """Every server's full collections so far, added up."""
    count = seconds = 0.0
    buckets: dict[float, float] = {}
    for base in bases:
        with urllib.request.urlopen(f"{base}/metrics", timeout=10) as answer:
            text = answer.read().decode()
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                if sample.labels.get("generation") != "2":
                    continue
                if sample.name == "calfcoach_gc_pause_seconds_count":
                    count += sample.value
                elif sample.name == "calfcoach_gc_pause_seconds_sum":
                    seconds += sample.value
                elif sample.name == "calfcoach_gc_pause_seconds_bucket":
                    bound = float(sample.labels["le"])
                    buckets[bound] = buckets.get(bound, 0.0) + sample.value
    return Collections(count, seconds, tuple(sorted(buckets.items())))


def _quantile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


@dataclass
class Setting:
    name: str
    url: str
    servers: int
    runs: list[RunResult] = field(default_factory=list)
    load: tuple[float, float] = (0.0, 0.0)  # the machine's 1-minute load average before and after
    server_cpu_ms: float = 0.0  # CPU time of the servers per request answered, all endpoints together
    database_cpu_ms: float = 0.0  # of every PostgreSQL process (the machine's other users' too)
    collections: Collections = field(default_factory=Collections)  # the servers', during the runs

    def rows(self) -> list[str]:
        lines = []
        for endpoint in ENDPOINTS:
            per_run = [sorted(run.latencies_ms[endpoint]) for run in self.runs]
            p50 = sorted(_quantile(r, 0.5) for r in per_run)
            p95 = sorted(_quantile(r, 0.95) for r in per_run)
            p99 = sorted(_quantile(r, 0.99) for r in per_run)
            worst = max((r[-1] for r in per_run if r), default=float("nan"))
            count = sum(len(r) for r in per_run)
            errors = sum(run.errors[endpoint] for run in self.runs)
            spread = f"{p99[0]:.0f}–{p99[-1]:.0f}" if len(p99) > 1 else f"{p99[0]:.0f}"
            median50, median95 = p50[len(p50) // 2], p95[len(p95) // 2]
            lines.append(
                f"| {self.name} | {endpoint} | {count} | {median50:.1f} | {median95:.0f} | {spread} | "
                f"{worst:.0f} | {errors} | {'yes' if p99[-1] < P99_GOAL_MS else 'no'} |"
            )
        return lines


def _measure(setting: Setting, shape: Shape, rate: float, seconds: float, runs: int) -> None:
    """Start the setting's servers, warm them up, then measure `runs` runs of `seconds` each."""
    with _servers(setting.url, setting.servers) as (bases, pids):
        asyncio.run(_prime(bases, shape))
        before = os.getloadavg()[0]
        count = int(rate * seconds)
        asyncio.run(_open_loop(bases, _requests(shape, int(rate * min(5.0, seconds)), seed=-1), rate))
        cpu_before, database_before = sum(_cpu_s(pid) for pid in pids), _database_cpu_s()
        collections_before = _collections(bases)
        for run in range(runs):
            result = asyncio.run(_open_loop(bases, _requests(shape, count, seed=run), rate))
            setting.runs.append(result)
            if result.late_s > 0.5:
                print(f"warning: the load generator fell {result.late_s:.1f} s behind", file=sys.stderr)
        setting.load = (before, os.getloadavg()[0])
        setting.collections = _collections(bases) - collections_before
        answered = max(1, sum(len(r.latencies_ms[e]) for r in setting.runs for e in ENDPOINTS))
        setting.server_cpu_ms = (sum(_cpu_s(pid) for pid in pids) - cpu_before) * 1000 / answered
        setting.database_cpu_ms = (_database_cpu_s() - database_before) * 1000 / answered


@dataclass(frozen=True)
class ColdToday:
    """How long "today" took, in ms, for athletes whose answer no server kept: first with no phase checkpoint
    stored (the whole history read and replayed), then again from the checkpoint that first one stored (what
    a running clinic sees after a session is logged)."""

    first: list[float]
    from_checkpoint: list[float]


def _cold_today_ms(url: str, athletes: int, count: int = 15) -> ColdToday:
    """Time "today" twice for `count` athletes no server has asked for, in this process, one at a time,
    each time with an empty cache."""
    from calfcoach.services.today import TodayCache
    from calfcoach.store import open_store

    chosen = random.Random(1).sample(range(1, athletes + 1), count)
    rounds: list[list[float]] = []
    with open_store(url) as store:
        for _ in range(2):
            spent = []
            for athlete_id in chosen:
                with store.lookup() as uow:
                    athlete = uow.athletes.get(athlete_id)
                assert athlete is not None
                started = time.perf_counter()
                TodayCache().answer(store, athlete, dt.date.today())
                spent.append((time.perf_counter() - started) * 1000)
            rounds.append(sorted(spent))
    return ColdToday(*rounds)


def _plans(url: str, coach_user_id: int) -> list[Plan]:
    from calfcoach.store import open_store

    with open_store(url) as store:
        now = dt.datetime.now(dt.UTC)
        return explain(store, dashboard_statements(store, coach_user_id, now))


def _print_plans(label: str, plans: list[Plan], *, full: bool) -> None:
    touched = sum(p.rows_touched for p in plans)
    print(f"\n### One coach's dashboard, {label}: {len(plans)} statements, {touched:,} rows touched")
    for plan, times in distinct(plans):
        first = " ".join(plan.sql.split())[:160]
        print(f"\n{times} x {plan.rows_touched:,} rows touched: {first}...")
        if full:
            print("\n".join(f"    {line}" for line in plan.text.splitlines()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 coaches, one 15 s run per setting (<3 min)")
    parser.add_argument("--coaches", type=int, help="coaches (default 50; --quick 10)")
    parser.add_argument("--clients", type=int, default=40, help="clients per coach")
    parser.add_argument("--days", type=int, default=730, help="days of history of the clinic")
    parser.add_argument("--baseline-days", type=int, default=61, help="days of history of the short baseline")
    parser.add_argument(
        "--rate", type=float, default=200.0, help="requests per second, all endpoints together"
    )
    parser.add_argument("--seconds", type=float, help="length of a run (default 30; --quick 15)")
    parser.add_argument("--runs", type=int, help="runs per setting (default 3; --quick 1)")
    parser.add_argument("--postgres", default=POSTGRES_ADMIN, help="admin URL of the PostgreSQL server")
    parser.add_argument("--keep", action="store_true", help="keep the databases after")
    options = parser.parse_args()
    coaches = options.coaches or (10 if options.quick else 50)
    seconds = options.seconds or (15.0 if options.quick else 30.0)
    runs = options.runs or (1 if options.quick else 3)
    long = Shape(coaches, options.clients, options.days)
    short = Shape(coaches, options.clients, options.baseline_days)
    started = time.perf_counter()
    print(f"on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    with ExitStack() as stack:
        long_url = stack.enter_context(clinic_database(options.postgres, DATABASE, keep=options.keep))
        short_url = stack.enter_context(
            clinic_database(options.postgres, f"{DATABASE}_short", keep=options.keep)
        )
        make_clinic(long_url, long, dt.date.today())
        make_clinic(short_url, short, dt.date.today())
        long_plans, short_plans = _plans(long_url, 1), _plans(short_url, 1)
        cold = {
            days: _cold_today_ms(url, long.athletes)
            for days, url in ((long.days, long_url), (short.days, short_url))
        }
        settings = [
            Setting(f"2 servers, {options.days} days", long_url, 2),
            Setting(f"1 server, {options.days} days", long_url, 1),
            Setting(f"2 servers, {options.baseline_days} days", short_url, 2),
        ]
        for setting in settings:
            print(f"measuring: {setting.name}", file=sys.stderr, flush=True)
            _measure(setting, long, options.rate, seconds, runs)
    print(
        f"\n{long.athletes:,} athletes, {coaches} coaches; open loop at {options.rate:.0f} requests/s "
        f"(today {MIX[0]:.0%} by the {ACTIVE_SHARE:.0%} of athletes training now, "
        f"log a session {MIX[1]:.0%}, dashboard {MIX[2]:.0%}), {runs} run(s) of "
        f"{seconds:.0f} s per setting after a warm-up\n(each server asked once for every active athlete's "
        "today and every dashboard, then 5 s of load); p50, p95: median over runs; p99: min–max over runs"
    )
    goal = f"p99 < {P99_GOAL_MS:.0f} ms"
    print(f"| setting | request | requests | p50 ms | p95 ms | p99 ms | max ms | errors | {goal} |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for setting in settings:
        for line in setting.rows():
            print(line)
    for setting in settings:
        print(
            f"{setting.name}: server CPU {setting.server_cpu_ms:.1f} ms a request, PostgreSQL CPU "
            f"{setting.database_cpu_ms:.1f} ms; load average {setting.load[0]:.1f} before, "
            f"{setting.load[1]:.1f} after"
        )
        full = setting.collections
        mean = full.seconds * 1000 / full.count if full.count else float("nan")
        print(
            f"{setting.name}: {full.count:.0f} full garbage collections in the servers during the runs, "
            f"mean {mean:.1f} ms, the longest under {full.longest_under_ms():g} ms"
        )
    for days, times in cold.items():
        for label, spent in (
            ("no checkpoint yet", times.first),
            ("from its checkpoint", times.from_checkpoint),
        ):
            print(
                f'a cold "today" (no answer kept), {days} days of history, {label}, {len(spent)} athletes '
                f"one at a time: median {spent[len(spent) // 2]:.0f} ms, max {spent[-1]:.0f} ms"
            )
    _print_plans(f"{options.days} days of history", long_plans, full=True)
    _print_plans(f"{options.baseline_days} days of history", short_plans, full=False)
    print(f"\ntook {time.perf_counter() - started:.0f} s; `uptime`: {os.getloadavg()}")


if __name__ == "__main__":
    main()
