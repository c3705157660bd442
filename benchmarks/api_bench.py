"""The API under load: "today" and "log a session" with 50 concurrent clients, on SQLite and PostgreSQL.

The app runs in a uvicorn subprocess on 127.0.0.1. A small asyncio client keeps 50 HTTP/1.1 connections
and sends prepared requests, open loop at a target rate (200 requests/s: requests leave on schedule
whether or not earlier ones have answered), then closed loop (each connection sends its next request
when the last answers) for the most the server gives. Latency is measured from the moment a request was
due, so a server that falls behind shows it. Bounded: a fixed number of requests per run and a hard time
limit. As a reference, the same load goes to FitTrackee on like endpoints
(benchmarks/fittrackee_reference.py).

    .venv/bin/python benchmarks/api_bench.py [--requests 2000] [--rate 200] [--postgres URL|none]
                                             [--workers 2] [--reference fittrackee|none]
                                             [--telemetry default|on|both]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find `benchmarks`
from benchmarks.http_load import CLIENTS, Endpoint, run_load
from benchmarks.serving import free_port, wait_until_serving

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "correct horse battery"


def _cpu_s(root: int) -> float:
    """Return the CPU seconds used so far by a process and its children (the uvicorn workers), from /proc."""
    return sum(cpu for pid, ppid, _name, cpu in _processes() if root in (pid, ppid))


def _database_cpu_s() -> float:
    """Return the CPU seconds used so far by every PostgreSQL server process (the backends doing our work)."""
    return sum(cpu for _pid, _ppid, name, cpu in _processes() if name == "postgres")


def _processes() -> Iterator[tuple[int, int, str, float]]:
    """Yield pid, parent pid, command name and CPU seconds (user + system) of every process, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name, fields = (entry / "stat").read_text().rsplit(")", 1)
        except OSError:
            continue
        values = fields.split()
        cpu = (int(values[11]) + int(values[12])) / tick
        yield int(entry.name), int(values[1]), name.split("(", 1)[1], cpu


@dataclass(frozen=True)
class Result:
    backend: str
    scenario: str
    mode: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    server_cpu_ms: float
    database_cpu_ms: float | None  # PostgreSQL's own processes; SQLite works inside the server

    def row(self) -> str:
        ordered = sorted(self.latencies_ms)
        p50 = statistics.median(ordered)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return (
            f"| {self.backend} | {self.scenario} | {self.mode} | {self.requests / self.seconds:7.0f} | "
            f"{p50:6.1f} | {p99:6.1f} | {self.server_cpu_ms:5.1f} | "
            f"{'' if self.database_cpu_ms is None else f'{self.database_cpu_ms:5.1f}'} | {self.errors} |"
        )


# What `--telemetry on` sets for the server: metrics counted in multiprocess mode, JSON log lines.
TELEMETRY_ON = {"CALFCOACH_METRICS": "1", "CALFCOACH_LOG_FORMAT": "json"}


@contextmanager
def _server(url: str, workers: int, telemetry: str = "default") -> Iterator[tuple[str, int]]:
    """Run `uvicorn --factory calfcoach.web.app:serving_app` (as `calfcoach serve` does); yield its URL.

    Its log lines (one a request) go to a file, as they would to a journal, not to this terminal.
    """
    port = free_port()
    env = {**os.environ, "CALFCOACH_DATABASE_URL": url}
    folder = Path(tempfile.mkdtemp(prefix="calfcoach-bench-"))
    if telemetry == "on":
        env |= TELEMETRY_ON | {"PROMETHEUS_MULTIPROC_DIR": str(folder)}
    # Create the schema once before the workers start (as `calfcoach serve` does).
    subprocess.run(
        [sys.executable, "-c", "from calfcoach.store import open_store; open_store().close()"],
        env=env,
        check=True,
    )
    command = [sys.executable, "-m", "uvicorn", "--factory", "calfcoach.web.app:serving_app"]
    command += [
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    log = folder / "server.log"
    with log.open("wb") as server_log:
        process = subprocess.Popen(command, env=env, stderr=server_log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, process, 30)
        yield base, process.pid
    except BaseException:
        print(log.read_text(errors="replace")[-4000:], file=sys.stderr)
        raise
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _athletes(base: str, count: int) -> list[tuple[dict[str, str], int]]:
    """Register and onboard `count` athletes (one per client); return each one's token header and id."""
    people = []
    with httpx.Client(base_url=base) as client:
        screening = {q["id"]: False for q in client.get("/api/v1/screening").json()["questions"]}
    for number in range(count):
        email = f"bench{number}@example.org"
        with httpx.Client(base_url=base) as client:
            client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
            signed = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
            csrf = {"x-csrf-token": signed.json()["csrf_token"]}
            profile = {
                "name": f"Bench {number}",
                "start_date": "2026-01-05",
                "weekdays": [0, 2, 4],
                "equipment": ["step", "wall"],
            }
            made = client.post(
                "/api/v1/me/athlete", json={"profile": profile, "screening": screening}, headers=csrf
            )
            token = client.post("/api/v1/auth/tokens", json={"name": "bench"}, headers=csrf).json()["token"]
        people.append(({"authorization": f"Bearer {token}"}, int(made.json()["athlete_id"])))
    return people


def _session(day: dt.date) -> dict[str, Any]:
    sets = [{"exercise_id": "calf-raise-step", "set_index": i, "reps": 12, "side": "both"} for i in range(3)]
    return {
        "id": f"bench-{uuid.uuid4()}",
        "day": day.isoformat(),
        "program_id": "calf-foundations-to-running",
        "phase_id": "foundations",
        "template_id": "bench",
        "sets": sets,
        "pain_during": 1,
    }


Scenario = tuple[str, tuple[Endpoint, ...]]  # a name, and the request of each person


def _load(
    label: str, base: str, pid: int, scenarios: list[Scenario], count: int, rate: float, *, on_postgres: bool
) -> list[Result]:
    """Warm up, then measure each scenario open loop at `rate` and closed loop."""
    results = []
    for name, endpoints in scenarios:
        asyncio.run(run_load(base, endpoints, count=min(200, count), rate=None))
        for mode, target in ((f"open loop {rate:.0f}/s", rate), ("closed loop", None)):
            cpu_before, database_before = _cpu_s(pid), _database_cpu_s()
            errors, seconds, latencies = asyncio.run(run_load(base, endpoints, count=count, rate=target))
            done = max(1, len(latencies))
            cpu_ms = (_cpu_s(pid) - cpu_before) * 1000 / done
            database_ms = (_database_cpu_s() - database_before) * 1000 / done if on_postgres else None
            results.append(
                Result(label, name, mode, len(latencies), errors, seconds, latencies, cpu_ms, database_ms)
            )
    return results


def _measure(
    backend: str, url: str, workers: int, count: int, rate: float, telemetry: str = "default"
) -> list[Result]:
    with _server(url, workers, telemetry) as (base, pid):
        people = _athletes(base, CLIENTS)
        today = dt.date.today()
        scenarios: list[Scenario] = [
            ("today", tuple(Endpoint("today", "GET", f"/api/v1/athletes/{a}/today", h) for h, a in people)),
            (
                "log a session",
                tuple(
                    Endpoint(
                        "log a session",
                        "POST",
                        f"/api/v1/athletes/{a}/sessions",
                        h,
                        lambda: json.dumps(_session(today)).encode(),
                    )
                    for h, a in people
                ),
            ),
        ]
        label = f"{backend} ({workers} worker{'s' * (workers > 1)})"
        if telemetry == "on":
            label += ", --metrics, JSON logs"
        return _load(label, base, pid, scenarios, count, rate, on_postgres=backend == "PostgreSQL")


def _measure_fittrackee(admin_url: str, workers: int, count: int, rate: float) -> list[Result]:
    """The same load on FitTrackee's like endpoints (benchmarks/fittrackee_reference.py), as a reference."""
    from benchmarks.fittrackee_reference import fittrackee_server

    with fittrackee_server(admin_url, workers) as reference:
        if reference is None:
            return []
        # One FitTrackee user: its set-up creates one (an OAuth2 app and consent each).
        scenarios: list[Scenario] = [(e.name, (e,)) for e in reference.endpoints]
        label = f"FitTrackee {reference.version} ({workers} gunicorn worker{'s' * (workers > 1)})"
        return _load(label, reference.base_url, reference.pid, scenarios, count, rate, on_postgres=True)


@contextmanager
def _postgres_database(admin_url: str) -> Iterator[str | None]:
    import psycopg

    name = f"calfcoach_bench_{os.getpid()}"
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        print(f"PostgreSQL skipped: {str(error).strip()}")
        yield None
        return
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield admin_url.rsplit("/", 1)[0] + f"/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per measurement")
    parser.add_argument("--rate", type=float, default=200.0, help="open-loop target rate, requests/s")
    parser.add_argument("--postgres", default=POSTGRES_ADMIN, help="admin URL of a server, or 'none'")
    parser.add_argument(
        "--workers", type=int, default=2, help="uvicorn workers on PostgreSQL (SQLite: one writer)"
    )
    parser.add_argument(
        "--reference",
        choices=("fittrackee", "none"),
        default="fittrackee",
        help="also load FitTrackee on like endpoints (installed on first use; needs PostgreSQL + PostGIS)",
    )
    parser.add_argument(
        "--telemetry",
        choices=("default", "on", "both"),
        default="default",
        help="the server as `calfcoach serve` runs it by default (text log lines), with --metrics and JSON "
        "logs (on), or each in turn, side by side (both)",
    )
    options = parser.parse_args()
    settings = ("default", "on") if options.telemetry == "both" else (options.telemetry,)
    results: list[Result] = []
    for telemetry in settings:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{Path(folder) / 'bench.db'}"
            results += _measure("SQLite", url, 1, options.requests, options.rate, telemetry)
    if options.postgres != "none":
        for telemetry in settings:
            with _postgres_database(options.postgres) as database:
                if database is not None:
                    results += _measure(
                        "PostgreSQL", database, options.workers, options.requests, options.rate, telemetry
                    )
        if options.reference == "fittrackee":
            results += _measure_fittrackee(options.postgres, options.workers, options.requests, options.rate)
    print(f"{CLIENTS} concurrent clients, {options.requests} requests per row, on {os.cpu_count()} cores")
    columns = "database | request | load | req/s | p50 ms | p99 ms | server CPU ms/req | database CPU ms/req"
    print(f"| {columns} | errors |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for result in results:
        print(result.row())


if __name__ == "__main__":
    main()
