"""Measure the activity importer side by side with gpxpy, a bare lxml parse and fitdecode, as ratios.

Run: .venv/bin/python benchmarks/import_bench.py [--repeat 9] [--zip-activities 1000] [--memory]
All inputs are held in memory, one thread. The methods compared on one input run in turn, round after
round (--repeat rounds), so a burst of load elsewhere on the machine hits them alike; ratios are taken
within each round, and every figure is given as the median and the range over the rounds (the spread, not
the best round). The export zip is imported in a child process so that its peak memory (ru_maxrss) is the
importer's alone. --memory runs `calfcoach import` on 200 MB GPX files under GNU time instead.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import os
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
from calfcoach.activities import read_activities, read_activity, summarize
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


def timed_rounds(methods: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Run the methods in turn for `repeat` rounds (after one warm-up each); return each round's ms.

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
    return rounds


def spread(values: list[float], fmt: str = ",.1f") -> str:
    """Median and range of a list: '12.3 (11.9-14.0)'."""
    return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


def ratios(numerators: list[float], denominators: list[float]) -> list[float]:
    """Round-by-round ratios: both methods ran side by side in each round, under the same load."""
    return [a / b for a, b in zip(numerators, denominators, strict=True)]


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


def strava_like_gpx(seconds: int = 12_000) -> bytes:
    """A GPX as Strava writes it: metadata first, one point a second with ele, time, hr and cad, and the
    heart rate missing for the first minute (the strap still pairing), so the aligned path is taken too."""
    text = hike_gpx(seconds).decode()
    text = text.replace(" <trk>", " <metadata>\n  <time>2024-05-04T07:00:00Z</time>\n </metadata>\n <trk>", 1)
    points = text.split("   <trkpt")
    for i in range(1, 61):
        start = points[i].index("      <gpxtpx:hr>")
        points[i] = points[i][:start] + points[i][points[i].index("\n", start) + 1 :]
    return "   <trkpt".join(points).encode()


def real_gpx() -> Path | None:
    """The largest real GPX in the corpus cache (tests/activities/test_corpus.py fills it), if there."""
    cache = Path.home() / ".cache" / "calfcoach" / "corpus"
    found = sorted(cache.glob("**/*.gpx"), key=lambda p: p.stat().st_size) if cache.is_dir() else []
    return found[-1] if found else None


def bench_xml(repeat: int) -> list[str]:
    lines = [
        "| input / method | time, ms: median (range) | vs gpxpy: times faster"
        " | vs bare lxml: times its time |",
        "|---|---|---|---|",
    ]
    inputs = [
        ("GPX, synthetic hike: 4 h at 1 Hz, elevation + HR + cadence", hike_gpx()),
        ("GPX, Strava-like: 3 h 20 min at 1 Hz, metadata, HR missing for a minute", strava_like_gpx()),
    ]
    real = real_gpx()
    if real is not None:
        inputs.append((f"GPX, real: {real.name} (Garmin Connect, 30-digit coordinates)", real.read_bytes()))
    for label, gpx in inputs:
        t = timed_rounds(
            {
                "lxml": lambda gpx=gpx: etree.fromstring(gpx),  # type: ignore[misc]
                "gpxpy": lambda gpx=gpx: gpxpy_work(gpx),  # type: ignore[misc]
                "ours": lambda gpx=gpx: ours_same_work(gpx),  # type: ignore[misc]
                "full": lambda gpx=gpx: summarize(read_activity(gpx, source="bench")),  # type: ignore[misc]
            },
            repeat,
        )
        lines.append(f"| **{label}**, {len(gpx) / 1e6:.2f} MB | | | |")
        for name, key in (
            ("gpxpy parse + length_2d + uphill/downhill", "gpxpy"),
            ("bare lxml.etree.fromstring (the floor)", "lxml"),
            ("calfcoach read + distance + gain/loss", "ours"),
            ("calfcoach read + full summarize()", "full"),
        ):
            vs_gpxpy = spread(ratios(t["gpxpy"], t[key]))
            vs_lxml = spread(ratios(t[key], t["lxml"]), ",.2f")
            lines.append(f"| {name} | {spread(t[key])} | {vs_gpxpy} | {vs_lxml} |")
    tcx = hike_tcx()
    t = timed_rounds({"lxml": lambda: etree.fromstring(tcx), "ours": lambda: ours_same_work(tcx)}, repeat)
    lines += [
        f"| **TCX, synthetic hike: 4 h at 1 Hz**, {len(tcx) / 1e6:.2f} MB | | | |",
        f"| bare lxml.etree.fromstring (the floor) | {spread(t['lxml'])} | | 1.00 |",
        f"| calfcoach read + distance + gain/loss | {spread(t['ours'])} | |"
        f" {spread(ratios(t['ours'], t['lxml']), ',.2f')} |",
    ]
    return lines


def bench_fit(repeat: int) -> list[str]:
    lines = [
        "| FIT file | records | fitdecode, median (range) | calfcoach read | speed-up, median (range) |",
        "|---|---|---|---|---|",
    ]
    files = sorted((p for p in (DATA / "fit").glob("*.fit")), key=lambda p: p.stat().st_size, reverse=True)[
        :3
    ]
    for path in files:
        data = path.read_bytes()
        records = fitdecode_work(data)
        t = timed_rounds(
            {
                "fitdecode": lambda data=data: fitdecode_work(data),  # type: ignore[misc]
                "ours": lambda data=data: read_activities(io.BytesIO(data), source="bench"),  # type: ignore[misc]
            },
            repeat,
        )
        theirs, ours = t["fitdecode"], t["ours"]
        lines.append(
            f"| {path.name} ({len(data) / 1e3:,.0f} kB) | {records:,} | {spread(theirs)} ms"
            f" | {spread(ours)} ms | {spread(ratios(theirs, ours))}x |"
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


def _write_gpx(path: Path, points: int, *, pad: int = 0, waypoints: int = 0, day: int = 0) -> int:
    """Write a GPX to disk a piece at a time (never whole in memory): a 1 Hz walk of `points` points
    starting `day` days after 2024-05-04, each padded with a <desc> of `pad` characters, after `waypoints`
    waypoints; return its size."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
    )
    start = 1_714_806_000 + day * 86_400  # 2024-05-04 07:00 UTC
    note = "x" * pad
    with path.open("w", encoding="ascii") as out:
        out.write(head)
        for i in range(waypoints):
            out.write(
                f'<wpt lat="{46.0 + i * 1e-7:.7f}" lon="14.0"><name>w{i}</name><desc>{note}</desc></wpt>\n'
            )
        out.write(" <trk><name>bench</name><type>hiking</type><trkseg>\n")
        step = 10_000
        for first in range(0, points, step):
            rows = []
            for i in range(first, min(points, first + step)):
                stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + i))
                rows.append(
                    f'  <trkpt lat="{46.0 + (i % 20_000) * 1e-5:.7f}"'
                    f' lon="{14.0 + (i // 20_000) * 1e-3:.7f}">'
                    f"<ele>{500 + 30 * math.sin(i / 600):.1f}</ele><time>{stamp}</time>"
                    + (f"<desc>{note}</desc>" if pad else "")
                    + "<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>120</gpxtpx:hr>"
                    "<gpxtpx:cad>55</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>\n"
                )
            out.write("".join(rows))
        out.write(" </trkseg></trk>\n</gpx>\n")
    return path.stat().st_size


def bench_memory() -> list[str]:
    """Peak resident memory of `calfcoach import` on 200 MB GPX files (GNU time's maximum RSS)."""
    calfcoach = Path(sys.executable).parent / "calfcoach"
    lines = [
        "| 200 MB GPX | size | import result | peak RSS of `calfcoach import` | wall time |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "CALFCOACH_DATABASE_URL": f"sqlite:///{tmp}/bench.db",
            "CALFCOACH_TODAY": "2024-05-06",
        }
        subprocess.run(
            [
                str(calfcoach),
                "init",
                "--no-input",
                "--all-no",
                "--name",
                "Bench",
                "--weekdays",
                "mon,wed,fri",
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        cases = [
            ("1 Hz walk, 850,000 points (over the cap)", 850_000, 0, 0),
            ("23 h at 1 Hz (82,800 points), each with a 2,180-byte note", 82_800, 2180, 0),
            ("2,700,000 waypoints, then a 1-hour walk", 3600, 0, 2_700_000),
        ]
        for day, (label, points, pad, waypoints) in enumerate(cases):
            path = Path(tmp) / "big.gpx"
            size = _write_gpx(path, points, pad=pad, waypoints=waypoints, day=-3 * day)
            run = subprocess.run(
                ["/usr/bin/time", "-v", str(calfcoach), "import", "--json", str(path)],
                env=env,
                capture_output=True,
                text=True,
            )
            rss_kb = int(run.stderr.split("Maximum resident set size (kbytes):")[1].split()[0])
            wall = run.stderr.split("Elapsed (wall clock) time (h:mm:ss or m:ss):")[1].split()[0]
            result = _result(run.stdout)
            lines.append(f"| {label} | {size / 1e6:,.0f} MB | {result} | {rss_kb / 1024:,.0f} MB | {wall} |")
            path.unlink()
    return lines


def _result(report: str) -> str:
    try:
        found = json.loads(report)
    except ValueError:
        return "no report: " + report.strip()[:200]
    if found.get("duplicates"):
        return "a duplicate of an earlier run (give each case its own start)"
    if found.get("imported"):
        return f"imported, {found['imported'][0].get('distance_m', 0) / 1000:,.1f} km"
    failed = found.get("failed") or [{}]
    return "refused: " + str(failed[0].get("error") or failed[0])[:200]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--zip-activities", type=int, default=1000)
    parser.add_argument("--memory", action="store_true", help="only the 200 MB GPX memory runs")
    args = parser.parse_args()
    if args.memory:
        print("## Memory: 200 MB GPX files through the CLI\n")
        print("\n".join(bench_memory()))
        return
    print("## GPX and TCX\n")
    print("\n".join(bench_xml(args.repeat)))
    print("\n## FIT (largest real files)\n")
    print("\n".join(bench_fit(args.repeat)))
    print("\n## Strava-style export zip, streamed (read + summarize each)\n")
    print("\n".join(bench_zip(args.zip_activities)))


if __name__ == "__main__":
    main()
