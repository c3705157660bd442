"""FitTrackee under the load of our API benchmark: a reference server with endpoints like ours.

FitTrackee (an open-source, self-hosted workout tracker: Flask, SQLAlchemy, PostgreSQL with PostGIS, served
by gunicorn) is installed from PyPI at a pinned version into its own venv outside the repository, cached
under ~/.cache/calfcoach-bench/, and run on a fresh PostgreSQL database that is dropped afterwards. No
FitTrackee code lives in this repository. `fittrackee_server()` yields the server's address, its root pid
and two endpoints with their headers; when something it needs is missing it prints one line saying what
and yields None.

    .venv/bin/python benchmarks/fittrackee_reference.py [--postgres URL] [--workers 2]   # smoke run
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import itertools
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find `benchmarks`
from benchmarks.http_load import Endpoint

VERSION = "1.3.6"
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379"
INSTALL_TIMEOUT_S = 1200.0
START_TIMEOUT_S = 60.0
USERNAME = "bench"
EMAIL = "bench@example.org"
PASSWORD = "correct horse battery"
# Scopes of the OAuth2 app the benchmark acts as: reading workouts and adding them.
SCOPES = "profile:read workouts:read workouts:write"
PRE_CREATED_WORKOUTS = 5


@dataclass(frozen=True)
class Reference:
    base_url: str
    pid: int
    version: str
    endpoints: tuple[Endpoint, ...]


class Unavailable(Exception):
    """A step could not be done; the message is the one line printed before yielding None."""


def venv_dir() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "calfcoach-bench" / f"fittrackee-{VERSION}"


def _ensure_venv() -> Path:
    """Return the venv holding the pinned FitTrackee, installing it on first use (a few minutes, once)."""
    venv = venv_dir()
    stamp = venv / ".installed"
    venv.parent.mkdir(parents=True, exist_ok=True)
    # Two benchmark runs starting together must not install into the same folder at once.
    with (venv.parent / f"fittrackee-{VERSION}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.exists():
            return venv
        shutil.rmtree(venv, ignore_errors=True)
        print(f"Installing FitTrackee {VERSION} into {venv} (once; a few minutes)...", flush=True)
        started = time.monotonic()
        steps = [
            [sys.executable, "-m", "venv", str(venv)],
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                f"fittrackee=={VERSION}",
            ],
        ]
        for step in steps:
            try:
                done = subprocess.run(step, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
            except subprocess.TimeoutExpired as error:
                shutil.rmtree(venv, ignore_errors=True)
                raise Unavailable(
                    f"installing FitTrackee {VERSION} took over {INSTALL_TIMEOUT_S:.0f} s"
                ) from error
            if done.returncode != 0:
                shutil.rmtree(venv, ignore_errors=True)
                last = (done.stderr.strip().splitlines() or ["no output"])[-1]
                raise Unavailable(f"installing FitTrackee {VERSION} failed: {last}")
        stamp.write_text(f"installed in {time.monotonic() - started:.0f} s\n")
        print(f"Installed FitTrackee {VERSION} in {time.monotonic() - started:.0f} s.", flush=True)
        return venv


@contextmanager
def _database(admin_url: str) -> Iterator[str]:
    """Create a fresh database with PostGIS (FitTrackee's migrations expect it); drop it at the end."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(admin_url).set(drivername="postgresql")
    name = f"fittrackee_bench_{os.getpid()}"
    database = admin.set(database=name)
    try:
        connection = psycopg.connect(
            admin.render_as_string(hide_password=False), autocommit=True, connect_timeout=3
        )
    except psycopg.Error as error:
        raise Unavailable(f"PostgreSQL is unreachable: {str(error).strip()}") from error
    with connection:
        try:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        except psycopg.Error as error:
            raise Unavailable(f"could not create a database: {str(error).strip()}") from error
        try:
            try:
                with psycopg.connect(database.render_as_string(hide_password=False), autocommit=True) as db:
                    db.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            except psycopg.Error as error:
                raise Unavailable(
                    f"could not enable PostGIS ({str(error).strip().splitlines()[0]}); FitTrackee needs "
                    "its package in PostgreSQL (Debian: apt-get install postgresql-<major>-postgis-3) "
                    "and a superuser in the admin URL"
                ) from error
            # FitTrackee connects through psycopg2, SQLAlchemy's default PostgreSQL driver.
            yield database.render_as_string(hide_password=False)
        finally:
            try:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except psycopg.Error as error:
                print(f"could not drop the FitTrackee database {name}: {' '.join(str(error).split())}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _environment(database_url: str, folder: Path, port: int, workers: int) -> dict[str, str]:
    """FitTrackee's configuration, all from environment variables (as its docs describe)."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "PYTHON"))
    }
    environment.update(
        {
            "APP_SETTINGS": "fittrackee.config.ProductionConfig",
            "APP_SECRET_KEY": secrets.token_hex(32),
            "DATABASE_URL": database_url,
            "UPLOAD_FOLDER": str(folder / "uploads"),
            "UI_URL": f"http://127.0.0.1:{port}",
            # Redis holds FitTrackee's task queue; a database number of its own keeps it apart from others.
            "REDIS_URL": f"{REDIS_URL}/13",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "APP_WORKERS": str(workers),
            "APP_TIMEOUT": "30",
            "LOG_LEVEL": "warning",
            # The OAuth2 token exchange runs over plain HTTP on loopback; Authlib refuses that unless told.
            "AUTHLIB_INSECURE_TRANSPORT": "1",
        }
    )
    # No EMAIL_URL: sending is off. No API_RATE_LIMITS: FitTrackee's rate limiter stays disabled.
    for unset in ("EMAIL_URL", "SENDER_EMAIL", "API_RATE_LIMITS", "APP_LOG"):
        environment.pop(unset, None)
    return environment


def _ftcli(venv: Path, environment: dict[str, str], *arguments: str) -> str:
    try:
        done = subprocess.run(
            [str(venv / "bin" / "ftcli"), *arguments],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
    except subprocess.TimeoutExpired as error:
        raise Unavailable(f"`ftcli {' '.join(arguments)}` took over 300 s") from error
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise Unavailable(
            f"`ftcli {' '.join(arguments)}` failed: {(output.strip().splitlines() or ['?'])[-1]}"
        )
    return output


@contextmanager
def _gunicorn(venv: Path, environment: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run FitTrackee's own server command (`fittrackee`: gunicorn with APP_WORKERS workers) in its group."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(venv / "bin" / "fittrackee")],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        # SIGTERM to the whole group: gunicorn's arbiter stops its workers gracefully; stragglers get SIGKILL.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/api/ping", timeout=1).status_code == 200:
                return
        if process.poll() is not None or time.monotonic() > deadline:
            lines = log.read_text(errors="replace").strip().splitlines() or ["no output"]
            raise Unavailable(f"the FitTrackee server did not start: {lines[-1]}")
        time.sleep(0.2)


def _checked(response: httpx.Response, step: str) -> httpx.Response:
    if response.status_code >= 400:
        raise Unavailable(f"FitTrackee refused {step}: HTTP {response.status_code} {response.text[:200]}")
    return response


def _bearer_token(client: httpx.Client) -> str:
    """Log in through the API, then get an OAuth2 token as a third-party app would (FitTrackee's API clients).

    Our benchmark sends a personal API token as `Authorization: Bearer`; FitTrackee's equivalent is an OAuth2
    access token (the web UI's own cookie session expires after 15 minutes and needs a CSRF header on writes).
    """
    _checked(client.post("/api/auth/login", json={"email": EMAIL, "password": PASSWORD}), "the login")
    # The session cookies are marked Secure, which a client keeps off plain HTTP; send them by hand.
    session = client.cookies.get("access_token_cookie")
    csrf = client.cookies.get("csrf_access_token")
    if not session or not csrf:
        raise Unavailable("FitTrackee's login answered without its session cookies")
    first_party = {"Cookie": f"access_token_cookie={session}; csrf_access_token={csrf}", "X-CSRF-TOKEN": csrf}
    client.cookies.clear()
    app = {
        "client_name": "CalfCoach benchmark",
        "client_uri": "https://example.org",
        "redirect_uris": ["https://example.org/callback"],
        "scope": SCOPES,
    }
    made = _checked(client.post("/api/oauth/apps", json=app, headers=first_party), "creating an OAuth2 app")
    oauth_app = made.json()["data"]["client"]
    state = secrets.token_urlsafe(16)
    consent = {
        "client_id": oauth_app["client_id"],
        "response_type": "code",
        "scope": SCOPES,
        "confirm": "true",
        "state": state,
    }
    granted = _checked(client.post("/api/oauth/authorize", data=consent, headers=first_party), "the consent")
    query = parse_qs(urlparse(granted.json()["redirect_url"]).query)
    if query.get("state") != [state] or "code" not in query:
        raise Unavailable(f"FitTrackee's consent redirect has no code: {granted.text[:200]}")
    exchange = {
        "client_id": oauth_app["client_id"],
        "client_secret": oauth_app["client_secret"],
        "grant_type": "authorization_code",
        "code": query["code"][0],
    }
    token = _checked(client.post("/api/oauth/token", data=exchange), "the token exchange")
    access: str = token.json()["access_token"]
    return access


def _running_sport_id(client: httpx.Client) -> int:
    sports = _checked(client.get("/api/sports"), "listing sports").json()["data"]["sports"]
    for sport in sports:
        if sport["label"] == "Running":
            sport_id: int = sport["id"]
            return sport_id
    raise Unavailable("FitTrackee has no 'Running' sport")


def _workout_factory(sport_id: int) -> Callable[[], bytes]:
    """Return a factory of fresh runs, as logged by hand: date and time, duration, distance, title, notes."""
    numbers = itertools.count(1)
    today = dt.date.today()

    def body() -> bytes:
        number = next(numbers)
        workout = {
            "sport_id": sport_id,
            "workout_date": f"{today.isoformat()} {7 + number % 12:02d}:{number % 60:02d}",
            "duration": 1800 + number % 600,
            "distance": 5.0 + (number % 50) / 10,
            "title": f"Easy run {number}",
            "notes": "calves fine, no pain",
        }
        return json.dumps(workout).encode()

    return body


def _endpoints(client: httpx.Client) -> tuple[Endpoint, ...]:
    token = _bearer_token(client)
    authorized = {"Authorization": f"Bearer {token}"}
    client.headers.update(authorized)
    add_workout = _workout_factory(_running_sport_id(client))
    # The read returns data only if there is some: a few earlier runs, as an athlete a week in would have.
    for _ in range(PRE_CREATED_WORKOUTS):
        _checked(
            client.post(
                "/api/workouts/no_gpx", content=add_workout(), headers={"Content-Type": "application/json"}
            ),
            "adding a workout",
        )
    return (
        Endpoint("workouts list", "GET", "/api/workouts", dict(authorized), None),
        Endpoint(
            "add a workout",
            "POST",
            "/api/workouts/no_gpx",
            {**authorized, "Content-Type": "application/json"},
            add_workout,
        ),
    )


@contextmanager
def _reference(postgres_admin_url: str, workers: int) -> Iterator[Reference]:
    venv = _ensure_venv()
    with (
        tempfile.TemporaryDirectory(prefix="fittrackee-bench-") as temporary,
        _database(postgres_admin_url) as url,
    ):
        folder = Path(temporary)
        port = _free_port()
        environment = _environment(url, folder, port, workers)
        _ftcli(venv, environment, "db", "upgrade")
        created = _ftcli(
            venv, environment, "users", "create", USERNAME, "--email", EMAIL, "--password", PASSWORD
        )
        # ftcli reports a refused user on its output and still exits 0.
        if "created" not in created:
            raise Unavailable(f"`ftcli users create` did not create the user: {created.strip()[-200:]}")
        base = f"http://127.0.0.1:{port}"
        log = folder / "server.log"
        with _gunicorn(venv, environment, log) as process:
            _wait_until_up(base, process, log)
            with httpx.Client(base_url=base, timeout=30) as client:
                endpoints = _endpoints(client)
            yield Reference(base, process.pid, VERSION, endpoints)


@contextmanager
def fittrackee_server(postgres_admin_url: str, workers: int) -> Iterator[Reference | None]:
    """Start FitTrackee on a fresh database with a user and a few workouts; yield None, saying why, if not.

    `workers` is gunicorn's worker count. The server and its workers are stopped, and the database dropped, on
    leaving the block.
    """
    with contextlib.ExitStack() as stack:
        reference: Reference | None = None
        # Only the setup is guarded: an exception from the caller's block passes through the yield unchanged,
        # and the stack still stops the server and drops the database.
        try:
            reference = stack.enter_context(_reference(postgres_admin_url, workers))
        except Unavailable as reason:
            print(f"FitTrackee reference skipped: {' '.join(str(reason).split())}", flush=True)
        except (OSError, httpx.HTTPError, KeyError, ValueError) as error:
            print(
                f"FitTrackee reference skipped: {type(error).__name__}: {' '.join(str(error).split())}",
                flush=True,
            )
        yield reference


def _smoke(postgres_admin_url: str, workers: int, count: int) -> int:
    with fittrackee_server(postgres_admin_url, workers) as reference:
        if reference is None:
            return 1
        server = f"pid {reference.pid}, {workers} worker{'s' * (workers != 1)}"
        print(f"FitTrackee {reference.version} at {reference.base_url} ({server})")
        with httpx.Client(base_url=reference.base_url, timeout=30) as client:
            for endpoint in reference.endpoints:
                codes: dict[int, int] = {}
                latencies: list[float] = []
                for _ in range(count):
                    content = endpoint.body() if endpoint.body else None
                    started = time.perf_counter()
                    response = client.request(
                        endpoint.method, endpoint.path, headers=endpoint.headers, content=content
                    )
                    latencies.append((time.perf_counter() - started) * 1000)
                    codes[response.status_code] = codes.get(response.status_code, 0) + 1
                shown = ", ".join(f"{code}×{times}" for code, times in sorted(codes.items()))
                print(
                    f"{endpoint.name:>14}: {endpoint.method} {endpoint.path}  {shown}  "
                    f"median {statistics.median(latencies):.1f} ms"
                )
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Start the FitTrackee reference, call each endpoint, stop.")
    parser.add_argument("--postgres", default=POSTGRES_ADMIN, help="admin URL of a PostgreSQL server")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--requests", type=int, default=20, help="requests per endpoint")
    options = parser.parse_args()
    sys.exit(_smoke(options.postgres, options.workers, options.requests))
