"""Metric or imperial: exact conversions, the rounding a person accepts, and figures written in their units.

Stored values and the API stay SI (km/h, s/km, m, kg); only what a person reads or types is converted, here.
The constants are the international definitions (1959), exact by definition.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import NamedTuple

M_PER_MILE = 1609.344
KG_PER_LB = 0.45359237
M_PER_FT = 0.3048
KM_PER_MILE = M_PER_MILE / 1000

MISSING = "–"
MAX_PACE_S_PER_KM = 6 * 3600.0  # slower than this is standing, not a pace
LB_FINE_BELOW = 10.0  # ankle weights come in half pounds; heavier loads in whole pounds


class UnitSystem(StrEnum):
    METRIC = "metric"
    IMPERIAL = "imperial"


class LoadUnit(StrEnum):
    KG = "kg"
    LB = "lb"


class Units(NamedTuple):
    """What a person reads: distances, speeds and paces in `system`, loads in `load`."""

    system: UnitSystem = UnitSystem.METRIC
    load: LoadUnit = LoadUnit.KG

    @classmethod
    def chosen(cls, system: UnitSystem, load: LoadUnit | None = None) -> Units:
        """The units of a choice: loads follow the system unless chosen on their own (kg with miles)."""
        default = LoadUnit.LB if system is UnitSystem.IMPERIAL else LoadUnit.KG
        return cls(system, load or default)

    @property
    def imperial(self) -> bool:
        return self.system is UnitSystem.IMPERIAL

    @property
    def speed_unit(self) -> str:
        return "mph" if self.imperial else "km/h"

    @property
    def pace_unit(self) -> str:
        return "/mi" if self.imperial else "/km"

    @property
    def distance_unit(self) -> str:
        return "mi" if self.imperial else "km"

    @property
    def height_unit(self) -> str:
        return "ft" if self.imperial else "m"


METRIC = Units()


def kmh_to_mph(kmh: float) -> float:
    return kmh / KM_PER_MILE


def mph_to_kmh(mph: float) -> float:
    return mph * KM_PER_MILE


def kg_to_lb(kg: float) -> float:
    return kg / KG_PER_LB


def lb_to_kg(lb: float) -> float:
    return lb * KG_PER_LB


def m_to_ft(metres: float) -> float:
    return metres / M_PER_FT


def ft_to_m(feet: float) -> float:
    return feet * M_PER_FT


def s_per_km_to_s_per_mile(seconds: float) -> float:
    return seconds * KM_PER_MILE


def _half_up(value: float, step: float) -> float:
    """`value` to the nearest multiple of `step`, halves up (2.25 -> 2.5 with step 0.5), as people round."""
    return math.floor(value / step + 0.5 + 1e-9) * step


def load_step(kg: float, unit: LoadUnit) -> float:
    """A load in `unit` as a person would pick it up: 0.5 kg, 0.5 lb under 10 lb, then whole pounds."""
    if unit is LoadUnit.KG:
        return _half_up(kg, 0.5)
    pounds = kg_to_lb(kg)
    return _half_up(pounds, 0.5 if pounds < LB_FINE_BELOW else 1.0)


def clock(seconds: float | None) -> str:
    """A duration as a clock: 42:05, or 1:02:03 from an hour on."""
    if seconds is None:
        return MISSING
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def load_text(kg: float, units: Units = METRIC) -> str:
    """A load: 2.5 kg, 5.5 lb."""
    return f"{_number(load_step(kg, units.load))} {units.load.value}"


def speed_number(kmh: float, units: Units = METRIC) -> float:
    """A speed in the person's unit, to 0.1."""
    return round(kmh_to_mph(kmh) if units.imperial else kmh, 1)


def speed_text(kmh: float | None, units: Units = METRIC) -> str:
    """A speed: 5.4 km/h, 3.4 mph."""
    return MISSING if kmh is None else f"{speed_number(kmh, units):.1f} {units.speed_unit}"


def pace_clock(seconds_per_km: float | None, units: Units = METRIC) -> str:
    """A pace as minutes:seconds per km or mile, without the unit (for tables whose heading names it)."""
    if seconds_per_km is None or not 0 < seconds_per_km <= MAX_PACE_S_PER_KM:
        return MISSING
    return clock(s_per_km_to_s_per_mile(seconds_per_km) if units.imperial else seconds_per_km)


def pace_text(seconds_per_km: float | None, units: Units = METRIC) -> str:
    """A pace with its unit: 9:32 /km, 15:21 /mi."""
    text = pace_clock(seconds_per_km, units)
    return text if text == MISSING else f"{text} {units.pace_unit}"


def distance_text(metres: float | None, units: Units = METRIC) -> str:
    """A distance: 5.21 km or 850 m; 3.24 mi, or 300 ft under a tenth of a mile."""
    if metres is None:
        return MISSING
    if units.imperial:
        miles = metres / M_PER_MILE
        return f"{m_to_ft(metres):.0f} ft" if miles < 0.1 else f"{miles:.2f} mi"
    return f"{metres:.0f} m" if metres < 1000 else f"{metres / 1000:.2f} km"


def height_number(metres: float | None, units: Units = METRIC) -> str:
    """A height or a climb without its unit, whole metres or feet: 123."""
    if metres is None:
        return MISSING
    return f"{m_to_ft(metres) if units.imperial else metres:.0f}"


def height_text(metres: float | None, units: Units = METRIC) -> str:
    """A height or a climb: 123 m, 404 ft."""
    text = height_number(metres, units)
    return text if text == MISSING else f"{text} {units.height_unit}"


SPEED_UNITS = {"kmh": UnitSystem.METRIC, "km/h": UnitSystem.METRIC, "kph": UnitSystem.METRIC}
SPEED_UNITS |= {"mph": UnitSystem.IMPERIAL}


def speed_kmh_of(number: float, unit: str) -> float:
    """A typed speed (5.4 with 'kmh', 3.2 with 'mph') in km/h."""
    return mph_to_kmh(number) if SPEED_UNITS[unit] is UnitSystem.IMPERIAL else number


def load_kg_of(number: float, unit: LoadUnit) -> float:
    """A typed load (20 with lb) in kg, exactly."""
    return lb_to_kg(number) if unit is LoadUnit.LB else number


def distance_m_of(number: float, unit: str) -> float:
    """A typed distance ('km', 'm', 'mi', 'ft') in metres."""
    return number * {"km": 1000.0, "m": 1.0, "mi": M_PER_MILE, "ft": M_PER_FT}[unit]
