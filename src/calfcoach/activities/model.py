"""The values every reader produces: a track of numpy arrays, laps, device totals and the activity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_

FloatArray = npt.NDArray[np.float64]


class ActivityError(InputError):
    """A recording could not be read; nothing from it is kept."""


# The hint of most refusals: the file holds nothing the app can import.
NOTHING_TO_IMPORT = N_("nothing to import")


def f64(values: object) -> FloatArray:
    """Return values as a float64 array (a typed conversion for callers building tracks)."""
    return np.asarray(values, dtype=np.float64)


def _empty() -> FloatArray:
    return np.empty(0, dtype=np.float64)


@dataclass(frozen=True, eq=False)
class Track:
    """Per-point arrays of one recording, all the same length; NaN marks a value the device did not record.

    time_s is seconds since the Unix epoch (UTC); distance_m is the device's own cumulative distance
    (odometer or footpod), not one computed from positions; cadence_rpm is as recorded (one foot for running).
    """

    time_s: FloatArray = field(default_factory=_empty)
    lat_deg: FloatArray = field(default_factory=_empty)
    lon_deg: FloatArray = field(default_factory=_empty)
    elevation_m: FloatArray = field(default_factory=_empty)
    distance_m: FloatArray = field(default_factory=_empty)
    hr_bpm: FloatArray = field(default_factory=_empty)
    cadence_rpm: FloatArray = field(default_factory=_empty)
    segment: npt.NDArray[np.int64] = field(default_factory=lambda: np.empty(0, dtype=np.int64))

    def __post_init__(self) -> None:
        n = len(self.time_s)
        if len(self.segment) == 0 and n:
            object.__setattr__(self, "segment", np.zeros(n, dtype=np.int64))
        for name in ("lat_deg", "lon_deg", "elevation_m", "distance_m", "hr_bpm", "cadence_rpm"):
            values = getattr(self, name)
            if len(values) == 0 and n:
                object.__setattr__(self, name, np.full(n, np.nan))
            elif len(values) != n:
                raise ValueError(f"track column {name} has {len(values)} points, time has {n}")

        if len(self.segment) != n:
            raise ValueError(f"track column segment has {len(self.segment)} points, time has {n}")

    def __len__(self) -> int:
        return len(self.time_s)

    def take(self, index: npt.NDArray[np.intp] | npt.NDArray[np.bool_]) -> Track:
        """Return the points selected by an index or mask, in that order."""
        return Track(**{name: getattr(self, name)[index] for name in _COLUMNS})

    @property
    def has_times(self) -> bool:
        return bool(np.isfinite(self.time_s).any())

    @property
    def has_positions(self) -> bool:
        return bool((np.isfinite(self.lat_deg) & np.isfinite(self.lon_deg)).any())

    @property
    def has_elevation(self) -> bool:
        return bool(np.isfinite(self.elevation_m).any())


_COLUMNS = ("time_s", "lat_deg", "lon_deg", "elevation_m", "distance_m", "hr_bpm", "cadence_rpm", "segment")


@dataclass(frozen=True)
class Totals:
    """Totals a device wrote itself (a FIT session or lap, a TCX lap); None where absent."""

    start_time: dt.datetime | None = None
    elapsed_s: float | None = None
    timer_s: float | None = None
    distance_m: float | None = None
    ascent_m: float | None = None
    descent_m: float | None = None
    calories_kcal: float | None = None
    avg_hr_bpm: float | None = None


@dataclass(frozen=True, eq=False)
class Activity:
    """One recording as read from a file: the track, what the device said about it, and any warnings."""

    track: Track
    source: str
    file_format: str
    content_sha256: str
    sport_hint: str | None = None
    sub_sport_hint: str | None = None
    name: str | None = None
    device: str | None = None
    serial: str | None = None
    laps: tuple[Totals, ...] = ()
    totals: Totals | None = None
    clock_known: bool = True
    warnings: tuple[str, ...] = ()
