"""How measured figures are written for people: the one place that chooses units and rounding (metric).

The activity page and `calfcoach activity` both write through these functions, so a person's choice of
units, when there is one, changes every screen at once. None (not recorded) is written as an en dash.
"""

from __future__ import annotations

MISSING = "–"
MAX_PACE_S_PER_KM = 6 * 3600.0  # slower than this is standing, not a pace


def clock(seconds: float | None) -> str:
    """A duration as a clock: 42:05, or 1:02:03 from an hour on."""
    if seconds is None:
        return MISSING
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def pace_clock(seconds_per_km: float | None) -> str:
    """A pace as minutes:seconds per kilometre, without the unit (for tables whose heading names it)."""
    if seconds_per_km is None or not 0 < seconds_per_km <= MAX_PACE_S_PER_KM:
        return MISSING
    return clock(seconds_per_km)


def pace(seconds_per_km: float | None) -> str:
    """A pace with its unit: 9:32 /km."""
    text = pace_clock(seconds_per_km)
    return text if text == MISSING else f"{text} /km"


def pace_of_speed(speed_mps: float | None) -> str:
    """The pace of a speed in metres per second: 9:32 /km."""
    return pace(1000.0 / speed_mps if speed_mps else None)


def speed_kmh(kmh: float | None) -> str:
    """A speed: 5.4 km/h."""
    return MISSING if kmh is None else f"{kmh:.1f} km/h"


def distance(metres: float | None) -> str:
    """A distance: 5.21 km, or 850 m under a kilometre."""
    if metres is None:
        return MISSING
    return f"{metres:.0f} m" if metres < 1000 else f"{metres / 1000:.2f} km"


def distance_axis(kilometres: float) -> str:
    """A distance axis label: 0, 2.5 km."""
    return f"{kilometres:g} km"


def elevation(metres: float | None) -> str:
    """A height or a climb: 123 m."""
    return MISSING if metres is None else f"{metres:.0f} m"


def elevation_number(metres: float | None) -> str:
    """A height without its unit, for tables whose heading names it: 123."""
    return MISSING if metres is None else f"{metres:.0f}"


def grade(percent: float | None) -> str:
    """A gradient: 3.5%."""
    return MISSING if percent is None else f"{percent:.1f}%"


def heart_rate(bpm: float | None) -> str:
    """A heart rate: 142 bpm."""
    return MISSING if bpm is None else f"{bpm:.0f} bpm"


def heart_rate_number(bpm: float | None) -> str:
    """A heart rate without its unit, for tables whose heading names it: 142."""
    return MISSING if bpm is None else f"{bpm:.0f}"


FILTERS = {
    "clock": clock,
    "pace": pace,
    "pace_clock": pace_clock,
    "pace_of_speed": pace_of_speed,
    "speed_kmh": speed_kmh,
    "distance": distance,
    "distance_axis": distance_axis,
    "elevation": elevation,
    "elevation_number": elevation_number,
    "grade": grade,
    "heart_rate": heart_rate,
    "heart_rate_number": heart_rate_number,
}
"""The functions by the name page templates call them."""
