"""`calfcoach serve`: starts uvicorn on the given address and database; the first visit goes to setup."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_answers_on_its_port_and_sends_the_first_visitor_to_setup(tmp_path: Path) -> None:
    port = _free_port()
    command = [
        sys.executable,
        "-c",
        "from calfcoach.cli.main import run; run()",
        "serve",
        "--port",
        str(port),
    ]
    server = subprocess.Popen([*command, "--db", f"sqlite:///{tmp_path / 'serve.db'}"])
    try:
        answer = None
        for _ in range(200):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert answer is not None, "the server did not answer within 20 s"
        assert answer.status_code == 303
        assert answer.headers["location"] == "/setup"
        assert (tmp_path / "serve.db").exists()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_bad_public_url_stops_serve_before_it_starts_saying_why(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from calfcoach.cli.main import app

    result = CliRunner().invoke(
        app, ["serve", "--public-url", "calfcoach.example.org", "--db", f"sqlite:///{tmp_path / 'c.db'}"]
    )
    assert result.exit_code == 2, result.output
    assert "--public-url" in result.output
    assert "not an http:// or https:// address" in result.output
    assert not (tmp_path / "c.db").exists()


BATCHES = 25  # at most 1,000 requests: both workers answer long before


def test_with_two_workers_one_scrape_counts_every_workers_requests_and_logs_are_json(tmp_path: Path) -> None:
    port = _free_port()
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_99999.db").write_bytes(b"left by an earlier run")  # must be cleared first
    command = [sys.executable, "-c", "from calfcoach.cli.main import run; run()", "serve"]
    command += ["--port", str(port), "--workers", "2", "--metrics", "--log-format", "json"]
    command += ["--db", f"sqlite:///{tmp_path / 'serve.db'}"]
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    with (tmp_path / "stderr.log").open("wb") as stderr:
        server = subprocess.Popen(command, env=env, stderr=stderr, stdout=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            # Eight at a time, each on a connection of its own: the kernel hands them to whichever worker
            # accepts first, and the second may still be starting. Batches go on until both have answered
            # (each keeps its counts in a file named by its pid), within a bound, so no timing decides.
            sent = 0
            for _ in range(BATCHES):
                with ThreadPoolExecutor(8) as pool:
                    answers = list(
                        pool.map(
                            lambda _: httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10), range(40)
                        )
                    )
                assert {answer.status_code for answer in answers} == {200}
                sent += len(answers)
                if len(list(metrics_dir.glob("counter_*.db"))) == 2:
                    break
            scrape = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5)
        finally:
            server.terminate()
            server.wait(timeout=20)
    assert scrape.status_code == 200, scrape.text
    counted = {
        sample.labels["route"]: sample.value
        for family in text_string_to_metric_families(scrape.text)
        for sample in family.samples
        if sample.name == "calfcoach_http_requests_total"
    }
    assert counted["/readyz"] == sent
    lines = [json.loads(line) for line in (tmp_path / "stderr.log").read_text().splitlines() if line]
    assert lines[0]["logger"] == "calfcoach.serve"
    assert lines[0]["message"].startswith(f"CalfCoach on http://127.0.0.1:{port} (database: ")
    access = [line for line in lines if line["logger"] == "calfcoach.access"]
    assert sum(line["route"] == "/readyz" for line in access) == sent
    assert len({line["request_id"] for line in access}) == len(access)
    # Both workers answered (one pid per counts file); so the scrape added up two processes' counts.
    assert len({path.name for path in metrics_dir.glob("counter_*.db")}) == 2
