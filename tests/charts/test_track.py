"""The track and the elevation profile drawn without a map server: bounds, proportions, odd tracks."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.charts.track import (
    MAX_TRACK_POINTS,
    MIN_ELEVATION_SPAN_M,
    PROFILE_HEIGHT,
    PROFILE_WIDTH,
    VIEW_MAX,
    VIEW_PAD,
    draw_profile,
    draw_track,
    nice_ticks,
    tiles_under,
)

LAT = 46.05  # Ljubljana: a degree of longitude is about 0.69 of a degree of latitude on the ground


def _points(path: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", path)]


def test_a_track_twice_as_wide_as_tall_on_the_ground_is_drawn_twice_as_wide() -> None:
    # 2 km east, then 1 km north: the degrees differ (a degree of longitude is shorter here).
    east_deg = 2000 / (111_320 * math.cos(math.radians(LAT)))
    north_deg = 1000 / 110_950
    drawing = draw_track([LAT, LAT, LAT + north_deg], [14.5, 14.5 + east_deg, 14.5 + east_deg])
    assert drawing is not None
    assert drawing.width == pytest.approx(VIEW_MAX)
    inner_w, inner_h = drawing.width - 2 * VIEW_PAD, drawing.height - 2 * VIEW_PAD
    assert inner_w / inner_h == pytest.approx(2.0, rel=0.01)


def test_every_point_lies_inside_the_drawing_with_north_up_and_start_and_finish_marked() -> None:
    drawing = draw_track([LAT, LAT + 0.01, LAT + 0.01, LAT], [14.5, 14.5, 14.52, 14.52])
    assert drawing is not None
    points = _points(drawing.path)
    assert len(points) == 4
    assert all(VIEW_PAD - 0.1 <= x <= drawing.width - VIEW_PAD + 0.1 for x, _ in points)
    assert all(VIEW_PAD - 0.1 <= y <= drawing.height - VIEW_PAD + 0.1 for _, y in points)
    assert points[1][1] < points[0][1]  # going north goes up the page
    assert (drawing.start.x, drawing.start.y) == points[0]
    assert (drawing.finish.x, drawing.finish.y) == points[-1]
    assert drawing.north < drawing.south
    assert drawing.west < drawing.east


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        ([], []),
        ([LAT], [14.5]),
        ([LAT, LAT], [14.5, 14.5]),  # two fixes at one place: no line to draw
        ([math.nan] * 50, [math.nan] * 50),  # a treadmill: times and distance, no positions
        ([LAT, math.nan, math.nan], [14.5, math.nan, math.nan]),
    ],
)
def test_a_track_without_two_distinct_positions_is_not_drawn(lat: list[float], lon: list[float]) -> None:
    assert draw_track(lat, lon) is None


def test_points_without_a_position_are_skipped_and_a_new_segment_starts_a_new_line() -> None:
    lat = [LAT, LAT + 0.001, math.nan, LAT + 0.002, LAT + 0.003]
    lon = [14.5, 14.5, math.nan, 14.501, 14.502]
    drawing = draw_track(lat, lon, segment=[0, 0, 0, 1, 1])
    assert drawing is not None
    assert drawing.path.count("M") == 2
    assert len(_points(drawing.path)) == 4


def test_a_long_track_is_thinned_but_keeps_its_ends_and_segment_breaks() -> None:
    n = 14_400  # four hours at one point a second
    lat = LAT + np.linspace(0, 0.05, n)
    lon = 14.5 + 0.01 * np.sin(np.linspace(0, 20, n))
    segment = np.where(np.arange(n) < 7000, 0, 1)
    drawing = draw_track(lat, lon, segment)
    assert drawing is not None
    points = _points(drawing.path)
    assert len(points) <= MAX_TRACK_POINTS + 4
    assert drawing.path.count("M") == 2
    assert (drawing.finish.x, drawing.finish.y) == points[-1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-60, 60), st.floats(-179, 179)),
        min_size=2,
        max_size=60,
    ),
    st.floats(0.0001, 0.3),
)
def test_any_track_keeps_within_its_box_and_the_longer_side_fills_it(
    offsets: list[tuple[float, float]], size_deg: float
) -> None:
    lat = [o[0] + size_deg * i / len(offsets) for i, o in enumerate(offsets[:1] * len(offsets))]
    lon = [offsets[0][1] + size_deg * math.sin(i) for i in range(len(offsets))]
    drawing = draw_track(lat, lon)
    assert drawing is not None
    points = _points(drawing.path)
    assert max(drawing.width, drawing.height) == pytest.approx(VIEW_MAX, abs=0.2)
    assert all(VIEW_PAD - 0.1 <= x <= drawing.width - VIEW_PAD + 0.1 for x, _ in points)
    assert all(VIEW_PAD - 0.1 <= y <= drawing.height - VIEW_PAD + 0.1 for _, y in points)


def test_the_profile_spans_its_box_and_labels_round_heights_and_distances() -> None:
    distance = np.linspace(0, 5200, 120)
    elevation = 300 + 80 * np.sin(distance / 1000)
    drawing = draw_profile(distance, elevation)
    assert drawing is not None
    points = _points(drawing.line)
    assert points[0][0] == 0
    assert points[-1][0] == PROFILE_WIDTH
    assert all(0 <= y <= PROFILE_HEIGHT for _, y in points)
    assert [t.value for t in drawing.distance_ticks] == [0, 1, 2, 3, 4, 5]
    assert all(0 <= t.at <= 1 for t in drawing.distance_ticks + drawing.elevation_ticks)
    assert [t.value for t in drawing.elevation_ticks] == [250, 300, 350]
    assert drawing.low_m == pytest.approx(elevation.min())
    assert drawing.high_m == pytest.approx(elevation.max())


def test_in_miles_and_feet_the_profiles_ticks_are_round_miles_and_feet() -> None:
    """Round kilometres and metres read as 0.62 mi and 262 ft; the ticks are chosen in the reader's units."""
    distance = np.linspace(0, 5200, 120)
    elevation = 300 + 80 * np.sin(distance / 1000)
    drawing = draw_profile(distance, elevation, distance_unit_m=1609.344, height_unit_m=0.3048)
    assert drawing is not None
    miles = [round(t.value * 1000 / 1609.344, 9) for t in drawing.distance_ticks]
    feet = [round(t.value / 0.3048, 9) for t in drawing.elevation_ticks]
    assert miles == [0, 1, 2, 3]
    assert feet == [700, 800, 900, 1000, 1100, 1200]
    assert all(0 <= t.at <= 1 for t in drawing.distance_ticks + drawing.elevation_ticks)


def test_a_level_walk_is_drawn_level_not_as_hills() -> None:
    distance = np.linspace(0, 3000, 100)
    elevation = 200 + np.resize([0.0, 1.5], 100)  # 1.5 m of noise
    drawing = draw_profile(distance, elevation)
    assert drawing is not None
    ys = [y for _, y in _points(drawing.line)]
    assert max(ys) - min(ys) <= PROFILE_HEIGHT * 1.5 / MIN_ELEVATION_SPAN_M


@pytest.mark.parametrize(
    ("distance", "elevation"),
    [([], []), ([0.0], [100.0]), ([0.0, 0.0], [100.0, 101.0]), ([0.0, 10.0], [math.nan, math.nan])],
)
def test_a_profile_without_two_points_over_some_distance_is_not_drawn(
    distance: list[float], elevation: list[float]
) -> None:
    assert draw_profile(distance, elevation) is None


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 5.2, [0, 1, 2, 3, 4, 5]),
        (0, 9.02, [0, 2, 4, 6, 8]),
        (0, 3.4, [0, 1, 2, 3]),
        (0, 0.8, [0, 0.2, 0.4, 0.6, 0.8]),
        (281, 347, [290, 300, 310, 320, 330, 340]),
        (0, 42.2, [0, 10, 20, 30, 40]),
    ],
)
def test_ticks_are_round_values_within_the_range(low: float, high: float, expected: list[float]) -> None:
    assert nice_ticks(low, high) == expected


def test_the_tiles_under_a_track_cover_it_at_the_deepest_zoom_that_fits() -> None:
    # Ljubljana's castle hill, about 1 km across.
    drawing = draw_track([46.045, 46.052, 46.049], [14.500, 14.505, 14.515])
    assert drawing is not None
    tiles = tiles_under(drawing, most=16)
    assert 0 < len(tiles) <= 16
    assert len({t.z for t in tiles}) == 1
    z = tiles[0].z
    assert 14 <= z <= 16
    # The tile holding the first point, by the standard slippy-map formulas.
    n = 2**z
    column = int((14.500 + 180) / 360 * n)
    lat = math.radians(46.045)
    row = int((1 - math.log(math.tan(lat) + 1 / math.cos(lat)) / math.pi) / 2 * n)
    start = next(t for t in tiles if (t.x, t.y) == (column, row))
    assert start.left <= drawing.start.x <= start.left + start.size
    assert start.top <= drawing.start.y <= start.top + start.size
    # Together they cover the whole drawing, and one deeper zoom would need more than 16.
    assert min(t.left for t in tiles) <= 0
    assert min(t.top for t in tiles) <= 0
    assert max(t.left + t.size for t in tiles) >= drawing.width
    assert max(t.top + t.size for t in tiles) >= drawing.height
    assert len(tiles_under(drawing, most=16, max_zoom=z + 1)) == len(tiles)  # z + 1 did not fit
    assert len(tiles_under(drawing, most=10_000, max_zoom=z + 1)) > 16
