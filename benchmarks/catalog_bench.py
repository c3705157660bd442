"""Measure loading the exercise library and `calfcoach exercises` start-up against `python -c pass`."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 15
BIN = Path(sys.executable).parent


def _median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _process(*args: str) -> Callable[[], object]:
    return lambda: subprocess.run(args, check=True, capture_output=True)


def main() -> None:
    """Print median times in milliseconds, each beside the interpreter's own start-up."""
    from calfcoach.library import catalog

    def cold_load() -> None:
        catalog._load.cache_clear()
        catalog.load_catalog()

    rows = [
        ("load_catalog(), files parsed and validated", _median_ms(cold_load)),
        ("load_catalog(), cached (files unchanged)", _median_ms(catalog.load_catalog, runs=200)),
        ("python -c pass (baseline)", _median_ms(_process(sys.executable, "-c", "pass"))),
        ("calfcoach --help", _median_ms(_process(str(BIN / "calfcoach"), "--help"))),
        ("calfcoach exercises --json", _median_ms(_process(str(BIN / "calfcoach"), "exercises", "--json"))),
        ("calfcoach exercises (table)", _median_ms(_process(str(BIN / "calfcoach"), "exercises"))),
        (
            "calfcoach exercises calf-raise-step",
            _median_ms(_process(str(BIN / "calfcoach"), "exercises", "calf-raise-step")),
        ),
    ]
    for label, ms in rows:
        print(f"{label:48} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
