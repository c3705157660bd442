"""The server's memory on large uploads: peak RSS of `calfcoach serve` for one, then two at once.

Makes synthetic 1 Hz GPX files (the hike of calfcoach.activities.synthetic), gzipped as `.gpx.gz`:

  long      as long as it takes to reach 200 MB (`--inflated-mb`): 194 hours, over the cap on points
            per activity (48 hours), so the reader refuses it part-way
  48h       172,800 points, the most one activity may have
  day       24 hours at 1 Hz
  fat       the same day with a note of words in each point, 200 MB in all: the whole file is read

For each, it starts `calfcoach serve` on a new SQLite file, registers and onboards athletes through the
API, and uploads the file with an API token as a multipart POST (as the web page does), reading the
server's /proc/<pid>/status (VmHWM: the peak resident set; VmRSS: now). Each scenario runs on a fresh
server process: one upload, then two at once (two athletes, the same file). The peak is reset after the
sign-ups (/proc/<pid>/clear_refs), whose argon2 password hashes take 64 MB each, so it is the upload's.

    .venv/bin/python benchmarks/upload_memory.py [--inflated-mb 200] [--keep DIR] [--only long,48h,day,fat]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from calfcoach.activities.synthetic import hike_arrays

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find `benchmarks`
from benchmarks.serving import free_port, wait_until_serving

PASSWORD = "correct horse battery"
BLOCK_POINTS = 20_000  # points formatted at a time while writing the file: the benchmark stays small too
CAP_POINTS = 48 * 3600  # activities.stream.MAX_POINTS
DAY_POINTS = 24 * 3600 - 60  # a day at 1 Hz (a minute short: under 24 h of moving time is a session)
# Words for the fat file's notes: drawn at random, they compress about as much as a real GPX does.
WORDS = [
    "calf",
    "heel",
    "raise",
    "slow",
    "steady",
    "hill",
    "path",
    "stone",
    "root",
    "wet",
    "dry",
    "left",
    "right",
    "knee",
    "ankle",
    "tendon",
    "soft",
    "firm",
    "warm",
    "cold",
    "wind",
    "rain",
    "sun",
    "shade",
    "river",
    "bridge",
    "gate",
    "stile",
    "field",
    "wood",
    "forest",
    "ridge",
    "summit",
    "valley",
    "village",
]
HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gpx version="1.1" creator="calfcoach upload_memory" xmlns="http://www.topografix.com/GPX/1/1"'
    ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
    " <trk>\n  <name>Synthetic long hike</name>\n  <type>hiking</type>\n  <trkseg>\n"
)
TAIL = "  </trkseg>\n </trk>\n</gpx>\n"
POINT = (
    '   <trkpt lat="{:.7f}" lon="{:.7f}">\n    <ele>{:.1f}</ele>\n    <time>{}Z</time>\n{}'
    "    <extensions>\n     <gpxtpx:TrackPointExtension>\n      <gpxtpx:hr>{}</gpxtpx:hr>\n"
    "      <gpxtpx:cad>{}</gpxtpx:cad>\n     </gpxtpx:TrackPointExtension>\n    </extensions>\n   </trkpt>\n"
)


def make_gpx_gz(path: Path, points: int, end: dt.datetime, note_bytes: int = 0) -> int:
    """Write a gzipped 1 Hz GPX of `points` points ending at `end` (each with a note of about
    `note_bytes` bytes when not 0); return its size inflated."""
    arrays = hike_arrays(points, start=end - dt.timedelta(seconds=points))
    stamps = arrays["time"].astype("datetime64[s]").astype(str)
    rng = np.random.default_rng(7)
    written = 0
    with gzip.open(path, "wb", compresslevel=6) as out:
        for text in _pieces(arrays, stamps, points, note_bytes, rng):
            data = text.encode()
            written += len(data)
            out.write(data)
    return written


def point_bytes(note_bytes: int = 0) -> int:
    """The size of one point as written (its note included)."""
    note = f"    <desc>{'x' * note_bytes}</desc>\n" if note_bytes else ""
    return len(POINT.format(46.4300001, 13.8300001, 900.0, "2026-01-01T00:00:00", note, 110, 55).encode())


def _notes(rng: np.random.Generator, count: int, note_bytes: int) -> list[str]:
    if not note_bytes:
        return [""] * count
    words = rng.choice(WORDS, size=(count, note_bytes // 6))
    return [f"    <desc>{' '.join(row)[:note_bytes]}</desc>\n" for row in words]


def _pieces(
    arrays: dict[str, Any], stamps: Any, points: int, note_bytes: int, rng: np.random.Generator
) -> Iterator[str]:
    yield HEAD
    for start in range(0, points, BLOCK_POINTS):
        block = slice(start, min(points, start + BLOCK_POINTS))
        notes = _notes(rng, block.stop - block.start, note_bytes)
        yield "".join(
            POINT.format(lat, lon, ele, stamp, note, int(hr), int(cad))
            for lat, lon, ele, stamp, note, hr, cad in zip(
                arrays["lat"][block],
                arrays["lon"][block],
                arrays["elevation"][block],
                stamps[block],
                notes,
                arrays["hr"][block],
                arrays["cadence"][block],
                strict=True,
            )
        )
    yield TAIL


def memory_mb(pid: int) -> dict[str, float]:
    """VmHWM (peak resident set) and VmRSS (now) of a process, in MB, from /proc."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            found[key] = int(value.split()[0]) / 1024  # kB
    return found


@contextmanager
def serving(folder: Path) -> Iterator[tuple[str, int]]:
    """Run `calfcoach serve` (one process: uvicorn serves in it) on a new SQLite file; yield URL and pid."""
    port = free_port()
    database = folder / f"upload-{port}.db"
    calfcoach = Path(sys.executable).with_name("calfcoach")
    command = [str(calfcoach), "serve", "--port", str(port), "--db", f"sqlite:///{database}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, process, 60)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def athlete(base: str, number: int) -> tuple[dict[str, str], int]:
    """Register, onboard and make an API token for an athlete; return its auth header and athlete id."""
    email = f"upload{number}@example.org"
    with httpx.Client(base_url=base, timeout=30) as client:
        screening = {q["id"]: False for q in client.get("/api/v1/screening").json()["questions"]}
        client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
        signed = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        csrf = {"x-csrf-token": signed.json()["csrf_token"]}
        profile = {
            "name": f"Upload {number}",
            "start_date": "2026-01-05",
            "weekdays": ["mon", "wed", "fri"],
            "equipment": ["step", "wall"],
        }
        body = {"profile": profile, "screening": screening}
        made = client.post("/api/v1/me/athlete", json=body, headers=csrf)
        made.raise_for_status()
        token = client.post("/api/v1/auth/tokens", json={"name": "bench"}, headers=csrf).json()["token"]
    return {"authorization": f"Bearer {token}"}, int(made.json()["athlete_id"])


def upload(base: str, person: tuple[dict[str, str], int], path: Path, answers: list[str]) -> None:
    """Send the file as the web page does (multipart field `file`); note what the server answered."""
    headers, athlete_id = person
    with path.open("rb") as handle, httpx.Client(base_url=base, timeout=600) as client:
        answer = client.post(
            f"/api/v1/athletes/{athlete_id}/activities",
            files={"file": (path.name, handle, "application/gzip")},
            headers=headers,
        )
    if answer.status_code >= 300:
        answers.append(f"{answer.status_code}: {answer.text[:200]}")
        return
    report = answer.json()
    if report["imported"]:
        item = report["imported"][0]
        answers.append(f"imported: {item['points']} points, {item['distance_m'] / 1000:.1f} km")
    else:
        failed = report["failed"][0]["error"] if report["failed"] else "nothing"
        answers.append(f"not imported: {failed[:200]}")


def scenario(folder: Path, path: Path, uploads: int) -> dict[str, Any]:
    with serving(folder) as (base, pid):
        people = [athlete(base, number) for number in range(uploads)]
        lifetime = memory_mb(pid)["VmHWM"]  # start-up and sign-up (argon2 takes 64 MB per password hash)
        # Reset the peak to the present (Linux: clear_refs 5), so the peak measured is the upload's own.
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        before = memory_mb(pid)
        answers: list[str] = []
        threads = [threading.Thread(target=upload, args=(base, p, path, answers)) for p in people]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        after = memory_mb(pid)
        time.sleep(5)
        settled = memory_mb(pid)
    return {
        "lifetime_peak": max(lifetime, after["VmHWM"]),
        "idle_rss": before["VmRSS"],
        "peak": after["VmHWM"],
        "rss_after": after["VmRSS"],
        "rss_5s_after": settled["VmRSS"],
        "seconds": seconds,
        "answers": answers,
    }


def files(inflated_mb: float) -> dict[str, tuple[str, int, int]]:
    """The files measured: their description, points and note size."""
    target = int(inflated_mb * 1e6)
    fat_note = max(0, (target // DAY_POINTS) - point_bytes(1)) + 1
    return {
        "long": ("1 Hz, over the points cap", target // point_bytes() + 1, 0),
        "48h": ("1 Hz, the points cap", CAP_POINTS, 0),
        "day": ("1 Hz, a day", DAY_POINTS, 0),
        "fat": ("a day, a note in each point", DAY_POINTS, fat_note),
    }


def _answers(answers: list[str]) -> str:
    if len(answers) > 1 and len(set(answers)) == 1:
        return f"each {answers[0]}"
    return "; ".join(answers)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--inflated-mb", type=float, default=200.0, help="size of the long and fat files")
    parser.add_argument("--keep", type=Path, help="folder for the files and databases (default: temporary)")
    parser.add_argument("--only", default="long,48h,day,fat", help="which files, comma-separated")
    args = parser.parse_args()
    end = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory(prefix="calfcoach-upload-memory-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        chosen = args.only.split(",")
        for key, (what, points, note_bytes) in files(args.inflated_mb).items():
            if key not in chosen:
                continue
            path = folder / f"{key}.gpx.gz"
            inflated = make_gpx_gz(path, points, end, note_bytes)
            print(
                f"{key}.gpx.gz ({what}): {points:,} points ({points / 3600:.0f} h), "
                f"{inflated / 1e6:.1f} MB inflated, {path.stat().st_size / 1e6:.1f} MB gzipped"
            )
            for name, uploads in (("one upload", 1), ("two at once", 2)):
                got = scenario(folder, path, uploads)
                print(
                    f"  {name}: peak RSS {got['peak']:.0f} MB (idle {got['idle_rss']:.0f} MB, "
                    f"process peak with sign-up {got['lifetime_peak']:.0f} MB), "
                    f"RSS after {got['rss_after']:.0f} MB, 5 s later {got['rss_5s_after']:.0f} MB, "
                    f"{got['seconds']:.1f} s; " + _answers(got["answers"])
                )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
