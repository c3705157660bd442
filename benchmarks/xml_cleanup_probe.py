"""Show what the bare-parse floor of import_bench.py leaves for the method timed after it.

Run: .venv/bin/python benchmarks/xml_cleanup_probe.py [--repeat 9]
Freeing an lxml tree hands its ~200,000 small blocks to glibc's fast bins; glibc merges them only at the next
large allocation, which in import_bench.py falls in the next method's timing, not the floor's. This probe runs
the same interleaving (bare parse, gpxpy, calfcoach) and also times each method together with one large
allocation made right after it, so each is charged for the cleanup it caused. It is a diagnostic beside the
benchmark: the targets are judged against the plain floor of import_bench.py.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import gpxpy
import numpy as np
from lxml import etree

from calfcoach.activities import metrics as m
from calfcoach.activities import read_activity
from calfcoach.activities.synthetic import hike_gpx, hike_tcx


def ours_same_work(data: bytes) -> float:
    """The same work as in import_bench.py: read, then distance and gain/loss."""
    track = read_activity(data, source="probe").track
    gain, _ = m.climb_steps_m(m.smoothed_elevation_m(track))
    return float(m.cumulative_distance_m(track)[-1] + gain.sum())


def gpxpy_work(data: bytes) -> object:
    gpx = gpxpy.parse(data.decode())
    return gpx.length_2d(), gpx.get_uphill_downhill()


def _settle() -> None:
    """Make one large allocation: glibc then merges the small blocks freed before it."""
    block = np.empty(20_000)
    del block


def probe(data: bytes, repeat: int, between: Callable[[], object] | None) -> dict[str, tuple[float, float]]:
    """Return (median, best) in ms for the floor and calfcoach, each without and with its cleanup."""
    rounds: dict[str, list[float]] = {"floor": [], "floor+cleanup": [], "ours": [], "ours+cleanup": []}
    for _ in range(repeat + 1):  # the first round warms up and is dropped
        for name, work in (("floor", lambda: etree.fromstring(data)), ("ours", lambda: ours_same_work(data))):
            start = time.perf_counter()
            work()
            done = time.perf_counter()
            _settle()
            settled = time.perf_counter()
            rounds[name].append((done - start) * 1000.0)
            rounds[name + "+cleanup"].append((settled - start) * 1000.0)
            if name == "floor" and between is not None:
                between()
    return {name: (statistics.median(r[1:]), min(r[1:])) for name, r in rounds.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    print(
        "| input | floor | floor + its cleanup | calfcoach | calfcoach + cleanup | ratio | ratio, charged |"
    )
    print("|---|---|---|---|---|---|---|")
    gpx, tcx = hike_gpx(), hike_tcx()
    for label, data, between in (("GPX", gpx, lambda: gpxpy_work(gpx)), ("TCX", tcx, None)):
        t = probe(data, args.repeat, between)

        def cell(name: str, t: dict[str, tuple[float, float]] = t) -> str:
            return f"{t[name][0]:,.1f} / {t[name][1]:,.1f} ms"

        plain = f"{t['ours'][0] / t['floor'][0]:.2f}x / {t['ours'][1] / t['floor'][1]:.2f}x"
        charged = (
            f"{t['ours+cleanup'][0] / t['floor+cleanup'][0]:.2f}x"
            f" / {t['ours+cleanup'][1] / t['floor+cleanup'][1]:.2f}x"
        )
        print(
            f"| {label} | {cell('floor')} | {cell('floor+cleanup')} | {cell('ours')} | {cell('ours+cleanup')}"
            f" | {plain} | {charged} |"
        )


if __name__ == "__main__":
    main()
