"""How measured figures are written for people: the one place pages and the CLI choose units and rounding.

The activity pages and `calfcoach activity` both write through these functions with the person's units
(`domain.units` holds the conversions), so their choice changes every screen at once. None (not recorded)
is written as an en dash.
"""

from __future__ import annotations

from collections.abc import Callable

from calfcoach.domain.units import (
    MAX_PACE_S_PER_KM,
    METRIC,
    MISSING,
    Units,
    clock,
    distance_text,
    height_number,
    height_text,
    pace_clock,
    pace_text,
    speed_number,
    speed_text,
)

__all__ = ["MAX_PACE_S_PER_KM", "MISSING", "clock", "pace_clock"]


def pace(seconds_per_km: float | None, units: Units = METRIC) -> str:
    """A pace with its unit: 9:32 /km, 15:21 /mi."""
    return pace_text(seconds_per_km, units)


def pace_of_speed(speed_mps: float | None, units: Units = METRIC) -> str:
    """The pace of a speed in metres per second: 9:32 /km, 15:21 /mi."""
    return pace_text(1000.0 / speed_mps if speed_mps else None, units)


def speed_kmh(kmh: float | None, units: Units = METRIC) -> str:
    """A speed: 5.4 km/h, 3.4 mph."""
    return speed_text(kmh, units)


def distance(metres: float | None, units: Units = METRIC) -> str:
    """A distance: 5.21 km, or 850 m under a kilometre; 3.24 mi, or 300 ft under a tenth of a mile."""
    return distance_text(metres, units)


def distance_axis(kilometres: float, units: Units = METRIC) -> str:
    """A distance axis label: 0, 2.5 km; 1.6 mi."""
    value = kilometres * 1000 / 1609.344 if units.imperial else kilometres
    return f"{round(value, 2):g} {units.distance_unit}"


def elevation(metres: float | None, units: Units = METRIC) -> str:
    """A height or a climb: 123 m, 404 ft."""
    return height_text(metres, units)


def elevation_number(metres: float | None, units: Units = METRIC) -> str:
    """A height without its unit, for tables whose heading names it: 123."""
    return height_number(metres, units)


def grade(percent: float | None) -> str:
    """A gradient: 3.5%."""
    return MISSING if percent is None else f"{percent:.1f}%"


def heart_rate(bpm: float | None) -> str:
    """A heart rate: 142 bpm."""
    return MISSING if bpm is None else f"{bpm:.0f} bpm"


def speed_figure(kmh: float | None, units: Units = METRIC) -> str:
    """A speed without its unit, for tables whose heading names it: 5.4 (km/h), 3.4 (mph)."""
    return MISSING if kmh is None else f"{speed_number(kmh, units):.1f}"


def heart_rate_number(bpm: float | None) -> str:
    """A heart rate without its unit, for tables whose heading names it: 142."""
    return MISSING if bpm is None else f"{bpm:.0f}"


FILTERS: dict[str, Callable[[float | None], str]] = {
    "clock": clock,
    "grade": grade,
    "heart_rate": heart_rate,
    "heart_rate_number": heart_rate_number,
}
"""The functions by the name page templates call them."""

UNIT_FILTERS: dict[str, Callable[..., str]] = {
    "pace": pace,
    "pace_clock": pace_clock,
    "pace_of_speed": pace_of_speed,
    "speed_kmh": speed_kmh,
    "speed_figure": speed_figure,
    "distance": distance,
    "distance_axis": distance_axis,
    "elevation": elevation,
    "elevation_number": elevation_number,
}
"""The functions that write in the person's units, by the name templates call them (given `units`)."""
