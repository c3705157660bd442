"""Measure the activity importer side by side with gpxpy, a bare lxml parse and fitdecode, as ratios.

Run: .venv/bin/python benchmarks/import_bench.py [--repeat 5] [--zip-activities 1000]
All inputs are held in memory; times are medians of --repeat runs in one thread. The export zip is
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
from lxml import etree

from calfcoach.activities import metrics as m
from calfcoach.activities import read_activity, summarize
from calfcoach.activities.synthetic import hike_gpx, hike_tcx

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "activities"


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Return the median wall time of fn in milliseconds (one warm-up run first)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def ours_same_work(data: bytes) -> tuple[float, float, float]:
    """Parse, then length and uphill/downhill: the work the gpxpy baseline does."""
    activity = read_activity(data, source="bench")
    cum = m.cumulative_distance_m(activity.track)
    gain, loss = m.climb_steps_m(m.smoothed_elevation_m(activity.track))
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


def row(label: str, ms: float, base_ms: float, note: str = "") -> str:
    return f"| {label} | {ms:,.1f} ms | {base_ms / ms:,.2f}x | {note} |"


def bench_xml(repeat: int) -> list[str]:
    lines = ["| input / method | time | speed-up vs that baseline | note |", "|---|---|---|---|"]
    gpx = hike_gpx()
    lxml_ms = median_ms(lambda: etree.fromstring(gpx), repeat)
    gpxpy_ms = median_ms(lambda: gpxpy_work(gpx), max(1, repeat // 2))
    ours_ms = median_ms(lambda: ours_same_work(gpx), repeat)
    full_ms = median_ms(lambda: summarize(read_activity(gpx, source="bench")), repeat)
    mb = len(gpx) / 1e6
    lines += [
        f"| GPX 4 h at 1 Hz, {mb:.2f} MB, 14,400 points, elevation + HR + cadence | | | |",
        row("gpxpy parse + length_2d + uphill/downhill", gpxpy_ms, gpxpy_ms, "baseline"),
        row("bare lxml.etree.fromstring (the floor)", lxml_ms, gpxpy_ms, "vs gpxpy"),
        row(
            "calfcoach read + distance + gain/loss",
            ours_ms,
            gpxpy_ms,
            f"vs gpxpy; {ours_ms / lxml_ms:.2f}x lxml",
        ),
        row("calfcoach read + full summarize()", full_ms, gpxpy_ms, "vs gpxpy (splits, grades, GAP, energy)"),
    ]
    tcx = hike_tcx()
    lxml_tcx = median_ms(lambda: etree.fromstring(tcx), repeat)
    ours_tcx = median_ms(lambda: ours_same_work(tcx), repeat)
    lines += [
        f"| TCX 4 h at 1 Hz, {len(tcx) / 1e6:.2f} MB | | | |",
        row("bare lxml.etree.fromstring (the floor)", lxml_tcx, lxml_tcx, "baseline"),
        row("calfcoach read + distance + gain/loss", ours_tcx, lxml_tcx, f"{ours_tcx / lxml_tcx:.2f}x lxml"),
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
        theirs = median_ms(lambda data=data: fitdecode_work(data), max(1, repeat // 2))  # type: ignore[misc]
        ours = median_ms(lambda data=data: read_activity(data, source="bench"), repeat)  # type: ignore[misc]
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
    parser.add_argument("--repeat", type=int, default=5)
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
