"""Generate realistic synthetic recordings (GPX, TCX, tracks) for tests, benchmarks and demos."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from calfcoach.activities.model import Track, f64

_START = dt.datetime(2024, 5, 4, 7, 0, tzinfo=dt.UTC)


def hike_arrays(
    duration_s: int = 4 * 3600, *, seed: int = 4, start: dt.datetime = _START
) -> dict[str, npt.NDArray[np.float64]]:
    """Return 1 Hz arrays of a hilly hike: time (unix s), lat, lon, elevation, heart rate, cadence."""
    rng = np.random.default_rng(seed)
    t = np.arange(duration_s, dtype=np.float64)
    # A smooth walk speed around 1.3 m/s with slow turns, so the track wanders like a real path.
    speed = 1.3 + 0.2 * np.sin(t / 600.0) + rng.normal(0, 0.05, duration_s)
    heading = np.cumsum(rng.normal(0, 0.02, duration_s)) + 0.3 * np.sin(t / 900.0)
    north_m = np.cumsum(speed * np.cos(heading))
    east_m = np.cumsum(speed * np.sin(heading))
    lat0, lon0 = 46.43, 13.83
    lat = lat0 + north_m / 111_195.0
    lon = lon0 + east_m / (111_195.0 * math.cos(math.radians(lat0)))
    elevation = 900.0 + 400.0 * np.sin(t / 2400.0) + rng.normal(0, 0.4, duration_s)
    hr = 110.0 + 25.0 * np.sin(t / 2400.0) + rng.normal(0, 2.0, duration_s)
    cadence = 55.0 + rng.normal(0, 2.0, duration_s)
    return {
        "time": start.timestamp() + t,
        "lat": np.round(lat, 7),
        "lon": np.round(lon, 7),
        "elevation": np.round(elevation, 1),
        "hr": np.round(hr),
        "cadence": np.round(cadence),
    }


def _iso(times: npt.NDArray[np.float64]) -> list[str]:
    stamps = times.astype("datetime64[s]").astype(str)
    return [f"{s}Z" for s in stamps]


def hike_gpx(duration_s: int = 4 * 3600, *, seed: int = 4, start: dt.datetime = _START) -> bytes:
    """Return a GPX 1.1 hike at 1 Hz with elevation, time and Garmin heart rate and cadence."""
    a = hike_arrays(duration_s, seed=seed, start=start)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="calfcoach synthetic" xmlns="http://www.topografix.com/GPX/1/1"'
        ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
        " <trk>\n  <name>Synthetic hike</name>\n  <type>hiking</type>\n  <trkseg>\n"
    ]
    for lat, lon, ele, stamp, hr, cad in zip(
        a["lat"], a["lon"], a["elevation"], _iso(a["time"]), a["hr"], a["cadence"], strict=True
    ):
        parts.append(
            f'   <trkpt lat="{lat:.7f}" lon="{lon:.7f}">\n    <ele>{ele:.1f}</ele>\n'
            f"    <time>{stamp}</time>\n    <extensions>\n     <gpxtpx:TrackPointExtension>\n"
            f"      <gpxtpx:hr>{int(hr)}</gpxtpx:hr>\n      <gpxtpx:cad>{int(cad)}</gpxtpx:cad>\n"
            "     </gpxtpx:TrackPointExtension>\n    </extensions>\n   </trkpt>\n"
        )
    parts.append("  </trkseg>\n </trk>\n</gpx>\n")
    return "".join(parts).encode()


def hike_tcx(duration_s: int = 4 * 3600, *, seed: int = 4, start: dt.datetime = _START) -> bytes:
    """Return a TCX hike at 1 Hz with position, altitude, distance, heart rate and cadence."""
    a = hike_arrays(duration_s, seed=seed, start=start)
    stamps = _iso(a["time"])
    lat_r, lon_r = np.radians(a["lat"]), np.radians(a["lon"])
    step = 6_371_008.8 * np.hypot(np.diff(lat_r), np.diff(lon_r) * np.cos(lat_r[1:]))
    distance = np.concatenate(([0.0], np.cumsum(step)))
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">\n'
        f' <Activities>\n  <Activity Sport="Other">\n   <Id>{stamps[0]}</Id>\n'
        f'   <Lap StartTime="{stamps[0]}">\n    <TotalTimeSeconds>{duration_s}</TotalTimeSeconds>\n'
        f"    <DistanceMeters>{distance[-1]:.1f}</DistanceMeters>\n    <Track>\n"
    ]
    for i, stamp in enumerate(stamps):
        parts.append(
            f"     <Trackpoint>\n      <Time>{stamp}</Time>\n      <Position>\n"
            f"       <LatitudeDegrees>{a['lat'][i]:.7f}</LatitudeDegrees>\n"
            f"       <LongitudeDegrees>{a['lon'][i]:.7f}</LongitudeDegrees>\n      </Position>\n"
            f"      <AltitudeMeters>{a['elevation'][i]:.1f}</AltitudeMeters>\n"
            f"      <DistanceMeters>{distance[i]:.2f}</DistanceMeters>\n"
            f"      <HeartRateBpm>\n       <Value>{int(a['hr'][i])}</Value>\n      </HeartRateBpm>\n"
            f"      <Cadence>{int(a['cadence'][i])}</Cadence>\n     </Trackpoint>\n"
        )
    parts.append("    </Track>\n   </Lap>\n  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n")
    return "".join(parts).encode()


def interval_track(
    parts: Sequence[tuple[str, float, float]],
    *,
    seed: int = 7,
    position_noise_m: float = 2.0,
    dropouts: int = 0,
    cadence: bool = False,
    start: dt.datetime = _START,
) -> Track:
    """A 1 Hz recording of timed parts, each (gait 'run', 'walk' or 'stop', seconds, speed m/s).

    The person's own speed wanders smoothly (±0.1 m/s) and changes gait over about three seconds; the
    positions carry GPS noise that is correlated from second to second, as a wrist GPS's is (an AR(1)
    error of `position_noise_m` standard deviation); `dropouts` stretches of 5-30 s lose their points
    (tree cover, a tunnel); with `cadence`, a footpod's cadence (strides a minute, as FIT records it) is
    about 82 for running and 57 for walking. Returns the track; the true boundaries are the parts' sums.
    """
    rng = np.random.default_rng(seed)
    target = np.concatenate([np.full(round(seconds), speed) for _, seconds, speed in parts])
    n = len(target)
    kernel = np.ones(3) / 3.0
    speed = np.convolve(np.pad(target, 1, mode="edge"), kernel, mode="valid")
    wander = np.convolve(rng.normal(0, 0.1, n + 29), np.ones(30) / np.sqrt(30), mode="valid")
    speed = np.maximum(speed + np.where(target > 0, wander, 0.0), 0.0)
    heading = 0.4 * np.sin(np.arange(n) / 300.0)
    north, east = np.cumsum(speed * np.cos(heading)), np.cumsum(speed * np.sin(heading))
    error = np.zeros((n, 2))
    step = rng.normal(0, position_noise_m * np.sqrt(1 - 0.95**2), (n, 2))
    for i in range(1, n):
        error[i] = 0.95 * error[i - 1] + step[i]
    lat0, lon0 = 46.05, 14.5
    lat = lat0 + (north + error[:, 0]) / 111_195.0
    lon = lon0 + (east + error[:, 1]) / (111_195.0 * math.cos(math.radians(lat0)))
    time = start.timestamp() + np.arange(n, dtype=np.float64)
    keep = np.ones(n, dtype=bool)
    for _ in range(dropouts):
        length = int(rng.integers(5, 31))
        at = int(rng.integers(1, max(2, n - length - 1)))
        keep[at : at + length] = False
    gait = np.concatenate([np.full(round(seconds), kind) for kind, seconds, _ in parts])
    strides = np.where(gait == "run", 82.0, np.where(gait == "walk", 57.0, 0.0)) + rng.normal(0, 1.5, n)
    return Track(
        time_s=time[keep],
        lat_deg=np.round(lat, 7)[keep],
        lon_deg=np.round(lon, 7)[keep],
        elevation_m=np.full(int(keep.sum()), 300.0),
        cadence_rpm=f64(
            np.round(np.maximum(strides, 0.0))[keep] if cadence else np.full(int(keep.sum()), np.nan)
        ),
    )


def track_gpx(track: Track, name: str = "Synthetic intervals") -> bytes:
    """A GPX 1.1 file of a track's timed positions (and cadence where recorded)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="calfcoach synthetic" xmlns="http://www.topografix.com/GPX/1/1"'
        ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
        f" <trk>\n  <name>{name}</name>\n  <type>running</type>\n  <trkseg>\n"
    ]
    for lat, lon, ele, stamp, cad in zip(
        track.lat_deg, track.lon_deg, track.elevation_m, _iso(track.time_s), track.cadence_rpm, strict=True
    ):
        extension = (
            "    <extensions>\n     <gpxtpx:TrackPointExtension>\n"
            f"      <gpxtpx:cad>{int(cad)}</gpxtpx:cad>\n"
            "     </gpxtpx:TrackPointExtension>\n    </extensions>\n"
            if np.isfinite(cad)
            else ""
        )
        parts.append(
            f'   <trkpt lat="{lat:.7f}" lon="{lon:.7f}">\n    <ele>{ele:.1f}</ele>\n'
            f"    <time>{stamp}</time>\n{extension}   </trkpt>\n"
        )
    parts.append("  </trkseg>\n </trk>\n</gpx>\n")
    return "".join(parts).encode()
