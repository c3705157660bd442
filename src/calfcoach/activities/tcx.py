"""Read Garmin Training Center (TCX) activities: laps, track points, heart rate and cadence."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import numpy as np
import numpy.typing as npt

from calfcoach.activities.model import NOTHING_TO_IMPORT, ActivityError, FloatArray, Totals, Track
from calfcoach.activities.xmlread import (
    Columns,
    PointBatches,
    PullParse,
    Readable,
    first_text,
    merge_counted,
    parse_times,
    prune_open_path,
    to_floats,
)
from calfcoach.i18n import N_

TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
_AX = "http://www.garmin.com/xmlschemas/ActivityExtension/v2"
_NS = {"t": TCX_NS, "ax": _AX}
_T = f"{{{TCX_NS}}}"
PAUSE_BREAK_S = 30.0  # a longer gap between two TCX tracks is a pause: no distance is counted across it
_LAP_VALUES = {
    "elapsed_s": "t:TotalTimeSeconds/text()",
    "distance_m": "t:DistanceMeters/text()",
    "calories_kcal": "t:Calories/text()",
    "avg_hr_bpm": "t:AverageHeartRateBpm/t:Value/text()",
}
_ACTIVITY_VALUES = {
    "name": "t:Notes/text()",
    "device": "t:Creator/t:Name/text()",
    "serial": "t:Creator/t:UnitId/text()",
}

Part = tuple[Track, dict[str, str | None], tuple[Totals, ...], list[str]]


def sniff_tcx(head: bytes) -> bool:
    """Tell whether the start of a file looks like TCX."""
    return b"<TrainingCenterDatabase" in head


class _Activity:
    """What is gathered of one <Activity> while it streams past."""

    def __init__(self, element: Any, source: str) -> None:
        self.element = element
        self.source = source
        self.meta: dict[str, str | None] = {
            "sport": (element.get("Sport") or "").strip() or None,
            "name": None,
            "device": None,
            "serial": None,
        }
        self.points = PointBatches("t:Trackpoint", _NS, source, _read_batch)
        self.laps: list[Totals] = []
        self.lap: dict[str, str | None] = {}

    def keep(self, element: Any) -> None:
        """Take the activity's or the lap's own values before their elements are deleted."""
        if element.tag == _T + "Activity":
            _fill(self.meta, element, _ACTIVITY_VALUES)
        elif element.tag == _T + "Lap":
            _fill(self.lap, element, _LAP_VALUES)

    def start_lap(self, lap: Any) -> None:
        self.lap = dict.fromkeys(_LAP_VALUES) | {"start": lap.get("StartTime")}

    def end_lap(self, lap: Any) -> None:
        _fill(self.lap, lap, _LAP_VALUES)
        self.laps.append(_lap_totals(self.lap))

    def finish(self) -> Part | ActivityError:
        _fill(self.meta, self.element, _ACTIVITY_VALUES)
        track = self.points.track()
        if len(track) == 0:
            return ActivityError(
                N_("the TCX activity has no track points"), where=self.source, hint=NOTHING_TO_IMPORT
            )
        track = Track(
            time_s=track.time_s,
            lat_deg=track.lat_deg,
            lon_deg=track.lon_deg,
            elevation_m=track.elevation_m,
            distance_m=track.distance_m,
            hr_bpm=track.hr_bpm,
            cadence_rpm=track.cadence_rpm,
            segment=join_laps(track.segment, track.time_s),
        )
        return track, self.meta, tuple(self.laps), merge_counted(self.points.warnings)


def read_tcx(stream: Readable | bytes, source: str) -> list[Part | ActivityError]:
    """Return each activity's track, metadata, lap totals and warnings, in file order.

    An activity that cannot be read (no track points) is returned as its ActivityError, so that the
    others of the file still count. The file is parsed as it streams in (see gpx.read_gpx).
    """
    if isinstance(stream, bytes):
        stream = io.BytesIO(stream)

    def tags_for(root_tag: str) -> tuple[str, ...]:
        if root_tag != _T + "TrainingCenterDatabase":
            raise ActivityError(
                N_("the root element is <{tag}>, not a TCX <TrainingCenterDatabase>"),
                where=source,
                hint=N_("is this a TCX file?"),
                tag=root_tag,
            )
        return (_T + "Activity", _T + "Lap", _T + "Track")

    parse = PullParse(stream, source, tags_for)
    parts: list[Part | ActivityError] = []
    current: _Activity | None = None
    container: Any = None
    for events in parse.rounds():
        for event, element in events:
            tag = element.tag
            parent = element.getparent()
            parent_tag = parent.tag if parent is not None else None
            if event == "start":
                if tag == _T + "Activity" and parent_tag == _T + "Activities":
                    current = _Activity(element, source)
                elif current is not None and tag == _T + "Lap" and parent_tag == _T + "Activity":
                    current.start_lap(element)
                elif current is not None and tag == _T + "Track" and parent_tag == _T + "Lap":
                    container = element
                    current.points.new_segment()
                continue
            if current is None:
                pass
            elif element is container:
                current.points.take(element, closed=True)
                container = None
            elif tag == _T + "Lap" and parent_tag == _T + "Activity":
                current.end_lap(element)
            elif element is current.element:
                parts.append(current.finish())
                current = None
            if parent is not None:
                parent.remove(element)
        if current is not None and container is not None:
            if parse.damage:  # the last point may be cut: only those before it are read
                if len(container):
                    del container[-1]
                current.points.take(container, closed=True)
            else:
                current.points.take(container, closed=False)
        if parse.root is not None:
            prune_open_path(parse.root, container, current.keep if current else _ignore, source)
    if current is not None and parse.damage:  # an activity cut by the damage: keep what was read
        parts.append(current.finish())
    if not parts:
        if parse.damage:
            raise parse.refuse_damaged()
        raise ActivityError(
            N_("the TCX file has no activity (it may be a course or a workout)"),
            where=source,
            hint=NOTHING_TO_IMPORT,
        )
    if parse.damage:
        note = f"{parse.damage}; kept what could be read before it"
        parts = [(p[0], p[1], p[2], [note, *p[3]]) if not isinstance(p, ActivityError) else p for p in parts]
    return parts


def _ignore(element: Any) -> None:
    """Nothing is needed from finished elements outside an activity (courses, workouts)."""


def _read_batch(columns: Columns, warnings: list[str]) -> dict[str, FloatArray]:
    # A <Track> holds trackpoints only, so each tag can be walked in document order (no lap values).
    n = columns.n

    def column(name: str, relative: str, label: str) -> FloatArray:
        return to_floats(columns.texts_by_tag(_T + name, relative), n, warnings, label)

    cadence = column("Cadence", "t:Cadence[1]/text()[1]", "cadence")
    if np.isnan(cadence).all():
        run_cadence = columns.texts("t:Extensions/ax:TPX/ax:RunCadence[1]/text()[1]")
        cadence = to_floats(run_cadence, n, warnings, "cadence")
    return {
        "time_s": parse_times(columns.texts_by_tag(_T + "Time", "t:Time[1]/text()[1]"), n, warnings),
        "lat_deg": column("LatitudeDegrees", "t:Position[1]/t:LatitudeDegrees[1]/text()[1]", "latitude"),
        "lon_deg": column("LongitudeDegrees", "t:Position[1]/t:LongitudeDegrees[1]/text()[1]", "longitude"),
        "elevation_m": column("AltitudeMeters", "t:AltitudeMeters[1]/text()[1]", "altitude"),
        "distance_m": column("DistanceMeters", "t:DistanceMeters[1]/text()[1]", "distance"),
        "hr_bpm": column("Value", "t:HeartRateBpm[1]/t:Value[1]/text()[1]", "heart-rate"),
        "cadence_rpm": cadence,
    }


def join_laps(segment: npt.NDArray[np.int64], time_s: FloatArray) -> npt.NDArray[np.int64]:
    """Segment numbers for points read track by track: a new TCX <Track> (a lap, or the watch resumed after
    a pause) starts a new segment only when over PAUSE_BREAK_S passed since the point before it, or when
    either time is unknown; a lap change at the recording's pace is no break in the movement."""
    if len(segment) < 2:
        return np.zeros(len(segment), dtype=np.int64)
    gap = np.diff(time_s)
    with np.errstate(invalid="ignore"):
        breaks = (np.diff(segment) != 0) & ~(gap <= PAUSE_BREAK_S)  # NaN: cannot be told, a break
    return np.concatenate(([0], np.cumsum(breaks))).astype(np.int64)


def _fill(values: dict[str, str | None], element: Any, paths: dict[str, str]) -> None:
    for name, path in paths.items():
        if values.get(name) is None:
            values[name] = first_text(element, path, _NS)


def _lap_totals(values: dict[str, str | None]) -> Totals:
    def number(name: str) -> float | None:
        text = values.get(name)
        try:
            return float(text) if text is not None else None
        except ValueError:
            return None

    start = values.get("start")
    try:
        start_time = dt.datetime.fromisoformat(start.strip()) if start else None
    except ValueError:
        start_time = None
    if start_time is not None and start_time.tzinfo is None:
        start_time = start_time.replace(tzinfo=dt.UTC)
    return Totals(
        start_time=start_time.astimezone(dt.UTC) if start_time else None,
        elapsed_s=number("elapsed_s"),
        distance_m=number("distance_m"),
        calories_kcal=number("calories_kcal"),
        avg_hr_bpm=number("avg_hr_bpm"),
    )
