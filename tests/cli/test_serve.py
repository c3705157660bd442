"""`calfcoach serve`: starts uvicorn on the given address and database; the first visit goes to setup."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


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
