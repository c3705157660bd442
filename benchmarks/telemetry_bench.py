"""What the per-request middleware (web/telemetry.py) costs: CPU time per request around a bare ASGI app.

The full-server benchmark (api_bench.py --telemetry both) shows the cost inside everything else a request
does, and on a busy machine its latencies move by more than the middleware costs. This one isolates it:
one process calls an ASGI app that answers at once, bare and wrapped in RequestTelemetry with the logs
off, text and JSON log lines (written to /dev/null), and metrics in one process or in multiprocess mode
(PROMETHEUS_MULTIPROC_DIR, as `calfcoach serve --metrics` runs them), each setting in a fresh child
process, rounds interleaved; CPU time (user + system) per request, median over the rounds.

    .venv/bin/python benchmarks/telemetry_bench.py [--requests 20000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from types import SimpleNamespace

SETTINGS = (
    "bare app",
    "logs off",
    "text logs",
    "JSON logs",
    "JSON logs + metrics",
    "JSON logs + metrics, multiprocess",
)
TEMPLATE = "/api/v1/athletes/{athlete_id}/today"


async def _answer(scope: dict[str, object], _receive: object, send: object) -> None:
    # What FastAPI's router leaves in the scope for a matched route.
    scope["fastapi"] = {"effective_route_context": SimpleNamespace(path_format=TEMPLATE)}
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})  # type: ignore[operator]
    await send({"type": "http.response.body", "body": b"{}"})  # type: ignore[operator]


def _measure(setting: str, requests: int) -> float:
    """Return the CPU microseconds per request of one setting, in this process."""
    import logging

    from calfcoach.api.logs import configure_logging
    from calfcoach.web.metrics import Metrics
    from calfcoach.web.telemetry import RequestTelemetry

    app: object = _answer
    if setting != "bare app":
        if setting != "logs off":
            configure_logging("json" if "JSON" in setting else "text")
            handler = logging.getLogger().handlers[0]
            assert isinstance(handler, logging.StreamHandler)
            handler.setStream(open(os.devnull, "w"))  # noqa: SIM115 - lives as long as the process
        metrics = Metrics() if "metrics" in setting else None
        app = RequestTelemetry(_answer, metrics=metrics)  # type: ignore[arg-type]

    async def sent(_message: object) -> None:
        return None

    async def received() -> dict[str, object]:
        return {"type": "http.request", "body": b""}

    async def run() -> float:
        headers = [(b"host", b"127.0.0.1:8000"), (b"authorization", b"Bearer cc_x")]
        for _ in range(500):  # warm up
            await app({"type": "http", "method": "GET", "path": "/x", "headers": headers}, received, sent)  # type: ignore[operator]
        started = time.process_time()
        for _ in range(requests):
            scope = {"type": "http", "method": "GET", "path": "/api/v1/athletes/1/today", "headers": headers}
            await app(scope, received, sent)  # type: ignore[operator]
        return (time.process_time() - started) / requests * 1e6

    return asyncio.run(run())


def _child(setting: str, requests: int) -> float:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as folder:
        if "multiprocess" in setting:
            env["PROMETHEUS_MULTIPROC_DIR"] = folder
        out = subprocess.run(
            [sys.executable, __file__, "--child", setting, "--requests", str(requests)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return float(json.loads(out)["us"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps({"us": _measure(options.child, options.requests)}))
        return
    runs: dict[str, list[float]] = {setting: [] for setting in SETTINGS}
    for _ in range(options.rounds):
        for setting in SETTINGS:
            runs[setting].append(_child(setting, options.requests))
    bare = statistics.median(runs["bare app"])
    print(
        f"{options.requests} requests a run, {options.rounds} rounds, load average {os.getloadavg()[0]:.1f}"
    )
    print("| setting | CPU µs per request (median) | range | over the bare app |")
    print("|---|---:|---:|---:|")
    for setting, values in runs.items():
        median = statistics.median(values)
        extra = "" if setting == "bare app" else f"+{median - bare:.1f} µs"
        print(f"| {setting} | {median:.1f} | {min(values):.1f}-{max(values):.1f} | {extra} |")


if __name__ == "__main__":
    main()
