"""Start-up helpers for benchmarks that run `calfcoach serve` in a child process."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_serving(base: str, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    """Return once the server at `base` answers; stop the benchmark if it exits or does not answer in time."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"{base}/api/v1/programs", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit("the server did not start")
        time.sleep(0.1)
