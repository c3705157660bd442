"""An activity drawn without a map server: the track as an SVG path, the elevation profile against distance.

Pure functions over plain arrays; the page places the returned shapes in inline SVG. The track is projected
with Web Mercator, which within the few kilometres of a walk keeps the ground's aspect like an equirectangular
projection at the track's mean latitude would, and lines up with map tiles when a tile server is configured.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

VIEW_MAX = 1000.0  # the longer side of the track's drawing, in SVG user units
VIEW_PAD = 40.0  # room around the track, so the start and finish markers are not cut off
MAX_TRACK_POINTS = 2000  # more adds bytes to the page, not detail a screen can show
MAX_LAT_DEG = 85.0511  # Web Mercator's limit
PROFILE_WIDTH = 1000.0  # the profile is stretched to the page's width (preserveAspectRatio="none")
PROFILE_HEIGHT = 200.0
MIN_ELEVATION_SPAN_M = 20.0  # a flat walk is drawn flat: its 2 m of noise do not fill the height


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class TrackDrawing:
    """The track in SVG user units: a path (one subpath per segment), its start and finish, its extent.

    `west`, `east`, `north`, `south` are the Mercator coordinates (radians of longitude, and the y of
    `mercator_y`) of the drawing's edges, padding included, for placing map tiles under it.
    """

    width: float
    height: float
    path: str
    start: Point
    finish: Point
    west: float
    east: float
    north: float
    south: float


@dataclass(frozen=True)
class Tick:
    """An axis label: where it sits (0 to 1 along the axis, from the left or the bottom) and its value."""

    at: float
    value: float


@dataclass(frozen=True)
class ProfileDrawing:
    """Elevation against distance in a PROFILE_WIDTH x PROFILE_HEIGHT box (y down), with its axis ticks."""

    line: str
    area: str
    distance_ticks: tuple[Tick, ...]
    elevation_ticks: tuple[Tick, ...]
    low_m: float
    high_m: float


def mercator_y(lat_deg: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Web Mercator's northing in radians, growing southwards like SVG's y."""
    lat = np.radians(np.clip(lat_deg, -MAX_LAT_DEG, MAX_LAT_DEG))
    result: npt.NDArray[np.float64] = -np.log(np.tan(np.pi / 4 + lat / 2))
    return result


def draw_track(
    lat_deg: Sequence[float] | npt.NDArray[np.float64],
    lon_deg: Sequence[float] | npt.NDArray[np.float64],
    segment: Sequence[int] | npt.NDArray[np.int64] | None = None,
) -> TrackDrawing | None:
    """Draw the points that have a position; None when fewer than two distinct positions were recorded.

    The longer side of the track spans VIEW_MAX - 2 * VIEW_PAD units and the shorter one keeps the
    ground's proportions; a new segment (a pause, a cut GPS jump) starts a new subpath, not a line across.
    """
    lat = np.asarray(lat_deg, dtype=np.float64)
    lon = np.asarray(lon_deg, dtype=np.float64)
    seg = np.zeros(len(lat), dtype=np.int64) if segment is None else np.asarray(segment, dtype=np.int64)
    ok = np.isfinite(lat) & np.isfinite(lon)
    if ok.sum() < 2:
        return None
    x = np.radians(lon[ok])
    y = mercator_y(lat[ok])
    seg = seg[ok]
    x0, y0 = float(x.min()), float(y.min())
    span_x, span_y = float(x.max()) - x0, float(y.max()) - y0
    span = max(span_x, span_y)
    if span <= 0:
        return None
    scale = (VIEW_MAX - 2 * VIEW_PAD) / span
    px = (x - x0) * scale + VIEW_PAD
    py = (y - y0) * scale + VIEW_PAD
    keep = _thin(len(px), seg)
    px, py, seg = px[keep], py[keep], seg[keep]
    parts = []
    for i in range(len(px)):
        command = "M" if i == 0 or seg[i] != seg[i - 1] else "L"
        parts.append(f"{command}{px[i]:.1f} {py[i]:.1f}")
    return TrackDrawing(
        width=round(span_x * scale + 2 * VIEW_PAD, 1),
        height=round(span_y * scale + 2 * VIEW_PAD, 1),
        path="".join(parts),
        start=Point(round(float(px[0]), 1), round(float(py[0]), 1)),
        finish=Point(round(float(px[-1]), 1), round(float(py[-1]), 1)),
        west=x0 - VIEW_PAD / scale,
        east=x0 + span_x + VIEW_PAD / scale,
        north=y0 - VIEW_PAD / scale,
        south=y0 + span_y + VIEW_PAD / scale,
    )


def _thin(n: int, segment: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
    """Every k-th point, about MAX_TRACK_POINTS in all; each segment's first and last point stay."""
    if n <= MAX_TRACK_POINTS:
        return np.arange(n)
    step = math.ceil(n / MAX_TRACK_POINTS)
    keep = np.zeros(n, dtype=bool)
    keep[::step] = True
    changes = np.flatnonzero(segment[1:] != segment[:-1])
    keep[changes] = True  # the last point of a segment
    keep[changes + 1] = True  # the first point of the next
    keep[-1] = True
    return np.flatnonzero(keep)


def draw_profile(
    distance_m: Sequence[float] | npt.NDArray[np.float64],
    elevation_m: Sequence[float] | npt.NDArray[np.float64],
    *,
    distance_unit_m: float = 1000.0,
    height_unit_m: float = 1.0,
) -> ProfileDrawing | None:
    """Draw elevation against distance; None with fewer than two points or no distance covered.

    The height shows at least MIN_ELEVATION_SPAN_M, so the noise of a level walk does not look like hills.
    The axes' ticks are round in the reader's units (`distance_unit_m`: a km or a mile; `height_unit_m`: a
    metre or a foot); their values stay in km and metres.
    """
    d = np.asarray(distance_m, dtype=np.float64)
    e = np.asarray(elevation_m, dtype=np.float64)
    ok = np.isfinite(d) & np.isfinite(e)
    d, e = d[ok], e[ok]
    if len(d) < 2 or float(d[-1] - d[0]) <= 0:
        return None
    lowest, highest = float(e.min()), float(e.max())
    middle = (lowest + highest) / 2
    half = max(highest - lowest, MIN_ELEVATION_SPAN_M) / 2 * 1.1
    low, high = middle - half, middle + half
    x = (d - d[0]) / float(d[-1] - d[0]) * PROFILE_WIDTH
    y = (high - e) / (high - low) * PROFILE_HEIGHT
    line = "M" + "L".join(f"{a:.1f} {b:.1f}" for a, b in zip(x, y, strict=True))
    area = f"{line}L{PROFILE_WIDTH:.0f} {PROFILE_HEIGHT:.0f}L0 {PROFILE_HEIGHT:.0f}Z"
    length = float(d[-1] - d[0]) / distance_unit_m
    along = nice_ticks(0.0, length)
    heights = [v * height_unit_m for v in nice_ticks(low / height_unit_m, high / height_unit_m)]
    return ProfileDrawing(
        line=line,
        area=area,
        distance_ticks=tuple(Tick(v / length, v * distance_unit_m / 1000.0) for v in along),
        elevation_ticks=tuple(Tick((v - low) / (high - low), v) for v in heights),
        low_m=lowest,
        high_m=highest,
    )


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round values from low to high (steps of 1, 2 or 5 times a power of ten), as many as fit in `most`."""
    if not high > low:
        return [low]
    power = 10 ** math.floor(math.log10((high - low) / most))
    for step in (m * power for m in (1, 2, 5, 10, 20, 50)):
        first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
        if last - first + 1 <= most:
            return [round(k * step, 10) for k in range(first, last + 1)]
    return [low, high]


@dataclass(frozen=True)
class TilePlace:
    """A map tile (zoom, column, row of the Web Mercator grid) and where it lies in the track's drawing."""

    z: int
    x: int
    y: int
    left: float
    top: float
    size: float


def tiles_under(drawing: TrackDrawing, *, most: int = 16, max_zoom: int = 18) -> tuple[TilePlace, ...]:
    """The tiles of the deepest zoom that covers the drawing with at most `most` tiles, placed under it.

    Standard Web Mercator tiles (as OpenStreetMap's): at zoom z the world is 2^z by 2^z tiles, column 0 at
    180° west and row 0 at the northern limit. Rows beyond the grid (near the poles) are left out.
    """
    per_radian = drawing.width / (drawing.east - drawing.west)
    for z in range(max_zoom, -1, -1):
        count = 2**z
        span = 2 * math.pi / count  # one tile's side, in radians of the projection
        x0, x1 = math.floor((drawing.west + math.pi) / span), math.floor((drawing.east + math.pi) / span)
        y0, y1 = math.floor((drawing.north + math.pi) / span), math.floor((drawing.south + math.pi) / span)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > most and z > 0:
            continue
        return tuple(
            TilePlace(
                z=z,
                x=column % count,
                y=row,
                left=round((column * span - math.pi - drawing.west) * per_radian, 2),
                top=round((row * span - math.pi - drawing.north) * per_radian, 2),
                size=round(span * per_radian, 2),
            )
            for row in range(max(y0, 0), min(y1, count - 1) + 1)
            for column in range(x0, x1 + 1)
        )
    return ()
