"""Measure the activity importer side by side with gpxpy, a bare lxml parse and fitdecode, as ratios.

Run: .venv/bin/python benchmarks/import_bench.py [--repeat 9] [--zip-activities 1000]
All inputs are held in memory, one thread. The methods compared on one input run in turn, round after
round (--repeat rounds), so a burst of load elsewhere on the machine hits them alike, and each reports its
best round (as timeit advises: slower rounds measure the machine, not the code). The export zip is
imported in a child process so that its peak memory (ru_maxrss) is the importer's alone.
"""

from __future__ import annotations

import argparse
import gzip
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import fitdecode
import gpxpy
import numpy as np
from lxml import etree

from calfcoach.activities import metrics as m
from calfcoach.activities import read_activity, summarize
from calfcoach.activities.synthetic import hike_gpx, hike_tcx

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "activities"


def settle_allocator() -> None:
    """Make one large allocation, at which glibc merges the small blocks freed before it.

    Freeing an XML tree hands its ~200,000 nodes to glibc's fast bins, and glibc merges them only at the
    next large allocation. Timed without this, each method's cleanup fell into the timing of the method
    run after it: the bare parse looked ~11 ms cheaper and gpxpy that much dearer.
    """
    block = np.empty(20_000)
    del block


def timed_ms(methods: dict[str, Callable[[], object]], repeat: int) -> dict[str, tuple[float, float]]:
    """Run the methods in turn for `repeat` rounds (after one warm-up each); return (median, best) in ms.

    Each method is timed until its result is freed and the allocator has settled, so it pays for its
    own cleanup and for no other method's.
    """
    for fn in methods.values():
        fn()
        settle_allocator()
    rounds: dict[str, list[float]] = {name: [] for name in methods}
    for _ in range(repeat):
        for name, fn in methods.items():
            start = time.perf_counter()
            fn()  # the result is dropped here, freeing what the method built
            settle_allocator()
            rounds[name].append((time.perf_counter() - start) * 1000.0)
    return {name: (statistics.median(r), min(r)) for name, r in rounds.items()}


def best_ms(methods: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Return each method's best round in ms (see timed_ms)."""
    return {name: pair[1] for name, pair in timed_ms(methods, repeat).items()}


def ours_same_work(data: bytes) -> tuple[float, float, float]:
    """Parse, then length and uphill/downhill: the work the gpxpy baseline does."""
    activity = read_activity(data, source="bench")
    cum = m.cumulative_distance_m(activity.track)
    climb = m.climb(activity.track)
    gain, loss = climb.gain_m, climb.loss_m
    return float(cum[-1]), float(gain.sum()), float(loss.sum())


def gpxpy_work(data: bytes) -> tuple[float, object]:
    gpx = gpxpy.parse(data.decode())
    return gpx.length_2d(), gpx.get_uphill_downhill()


def fitdecode_work(data: bytes) -> int:
    """Read every frame with fitdecode's defaults (CRC checked), taking three fields of each record."""
    count = 0
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                for name in ("timestamp", "position_lat", "heart_rate"):
                    frame.get_value(name, fallback=None)
                count += 1
    return count


def bench_xml(repeat: int) -> list[str]:
    lines = [
        "| input / method | median | best | vs gpxpy (median / best) | vs bare lxml (median / best) |",
        "|---|---|---|---|---|",
    ]
    gpx = hike_gpx()
    t = timed_ms(
        {
            "lxml": lambda: etree.fromstring(gpx),
            "gpxpy": lambda: gpxpy_work(gpx),
            "ours": lambda: ours_same_work(gpx),
            "full": lambda: summarize(read_activity(gpx, source="bench")),
        },
        repeat,
    )

    def line(label: str, key: str, ref: str = "gpxpy") -> str:
        med, best = t[key]
        vs_ref = f"{t[ref][0] / med:,.1f}x / {t[ref][1] / best:,.1f}x faster"
        vs_lxml = f"{med / t['lxml'][0]:,.2f}x / {best / t['lxml'][1]:,.2f}x the time"
        return f"| {label} | {med:,.1f} ms | {best:,.1f} ms | {vs_ref} | {vs_lxml} |"

    lines += [
        f"| **GPX** 4 h at 1 Hz, {len(gpx) / 1e6:.2f} MB, 14,400 points, elevation + HR + cadence | | | | |",
        line("gpxpy parse + length_2d + uphill/downhill", "gpxpy"),
        line("bare lxml.etree.fromstring (the floor)", "lxml"),
        line("calfcoach read + distance + gain/loss", "ours"),
        line("calfcoach read + full summarize()", "full"),
    ]
    tcx = hike_tcx()
    t = timed_ms({"lxml": lambda: etree.fromstring(tcx), "ours": lambda: ours_same_work(tcx)}, repeat)
    lines += [
        f"| **TCX** 4 h at 1 Hz, {len(tcx) / 1e6:.2f} MB | | | | |",
        line("bare lxml.etree.fromstring (the floor)", "lxml", "lxml"),
        line("calfcoach read + distance + gain/loss", "ours", "lxml"),
    ]
    return lines


def bench_fit(repeat: int) -> list[str]:
    lines = ["| FIT file | records | fitdecode | calfcoach read | speed-up |", "|---|---|---|---|---|"]
    files = sorted((p for p in (DATA / "fit").glob("*.fit")), key=lambda p: p.stat().st_size, reverse=True)[
        :3
    ]
    for path in files:
        data = path.read_bytes()
        records = fitdecode_work(data)
        t = best_ms(
            {
                "fitdecode": lambda data=data: fitdecode_work(data),  # type: ignore[misc]
                "ours": lambda data=data: read_activity(data, source="bench"),  # type: ignore[misc]
            },
            repeat,
        )
        theirs, ours = t["fitdecode"], t["ours"]
        lines.append(
            f"| {path.name} ({len(data) / 1e3:,.0f} kB) | {records:,} | {theirs:,.1f} ms | {ours:,.1f} ms"
            f" | {theirs / ours:,.1f}x |"
        )
    return lines


def make_export(path: Path, activities: int) -> int:
    """Write a Strava-style export: activities.csv plus .gpx, .tcx.gz and .fit.gz files; return its size."""
    gpx_variants = [hike_gpx(1800 + 300 * i, seed=i) for i in range(4)]
    tcx_variants = [gzip.compress(hike_tcx(1800 + 300 * i, seed=10 + i), 6) for i in range(4)]
    fit_variants = [
        gzip.compress((DATA / "fit" / name).read_bytes(), 6)
        for name in (
            "activity-small-fenix2-run.fit",
            "2013-02-06-12-11-14.fit",
            "garmin-edge-500-activity.fit",
        )
    ]
    rows = ["Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Distance"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for i in range(activities):
            kind = i % 3
            if kind == 0:
                name, payload, compress = f"activities/{i}.gpx", gpx_variants[i % 4], zipfile.ZIP_DEFLATED
            elif kind == 1:
                name, payload, compress = f"activities/{i}.tcx.gz", tcx_variants[i % 4], zipfile.ZIP_STORED
            else:
                name, payload, compress = f"activities/{i}.fit.gz", fit_variants[i % 3], zipfile.ZIP_STORED
            archive.writestr(name, payload, compress_type=compress)
            rows.append(f'{i},"Oct 7, 2020, 2:43:11 PM",Walk {i},Walk,1800,2.0,{name},2000.0')
        archive.writestr("activities.csv", "\n".join(rows) + "\n")
    return path.stat().st_size


_CHILD = """
import sys, time
from pathlib import Path
from calfcoach.activities import iter_import, summarize
start = time.perf_counter()
ok = failed = 0
for outcome in iter_import([Path(sys.argv[1])]):
    if outcome.activity is not None:
        summarize(outcome.activity)
        ok += 1
    elif outcome.error:
        failed += 1
print(ok, failed, time.perf_counter() - start)
"""


def bench_zip(activities: int) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.zip"
        size = make_export(path, activities)
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path)], check=True, capture_output=True, text=True
        ).stdout.split()
        # The largest resident set of any child so far: this is the first and only child.
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    ok, failed, seconds = int(out[0]), int(out[1]), float(out[2])
    return [
        "| export zip | imported | failed | time | per activity | peak memory (RSS) |",
        "|---|---|---|---|---|---|",
        f"| {activities:,} activities, {size / 1e6:,.0f} MB zipped | {ok:,} | {failed} | {seconds:,.1f} s"
        f" | {seconds / max(ok, 1) * 1000:,.1f} ms | {peak_mb:,.0f} MB |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--zip-activities", type=int, default=1000)
    args = parser.parse_args()
    print("## GPX and TCX\n")
    print("\n".join(bench_xml(args.repeat)))
    print("\n## FIT (largest real files)\n")
    print("\n".join(bench_fit(args.repeat)))
    print("\n## Strava-style export zip, streamed (read + summarize each)\n")
    print("\n".join(bench_zip(args.zip_activities)))


if __name__ == "__main__":
    main()
