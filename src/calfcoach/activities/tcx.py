"""Read Garmin Training Center (TCX) activities: laps, track points, heart rate and cadence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt

from calfcoach.activities.model import ActivityError, FloatArray, Totals, Track
from calfcoach.activities.xmlread import (
    Columns,
    Readable,
    element_texts,
    first_text,
    parse_times,
    parse_xml,
    read_all,
    to_floats,
)

TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
_AX = "http://www.garmin.com/xmlschemas/ActivityExtension/v2"
PAUSE_BREAK_S = 30.0  # a longer gap between two TCX tracks is a pause: no distance is counted across it


def sniff_tcx(head: bytes) -> bool:
    """Tell whether the start of a file looks like TCX."""
    return b"<TrainingCenterDatabase" in head


def read_tcx(
    stream: Readable | bytes, source: str
) -> list[tuple[Track, dict[str, str | None], tuple[Totals, ...], list[str]] | ActivityError]:
    """Return each activity's track, metadata, lap totals and warnings, in file order.

    An activity that cannot be read (no track points) is returned as its ActivityError, so that the
    others of the file still count.
    """
    data = stream if isinstance(stream, bytes) else read_all(stream)
    root, warnings = parse_xml(data, source)
    if root.tag != f"{{{TCX_NS}}}TrainingCenterDatabase":
        raise ActivityError(
            f"the root element is <{root.tag}>, not a TCX <TrainingCenterDatabase>",
            where=source,
            hint="is this a TCX file?",
        )
    ns = {"t": TCX_NS, "ax": _AX}
    activities = root.xpath("t:Activities/t:Activity", namespaces=ns)
    assert isinstance(activities, list)
    if not activities:
        raise ActivityError(
            "the TCX file has no activity (it may be a course or a workout)",
            where=source,
            hint="nothing to import",
        )
    # Tags found only in trackpoints (given one activity and no courses) are walked, not XPath'd.
    only_points = len(activities) == 1 and not root.xpath("t:Courses", namespaces=ns)
    parts: list[tuple[Track, dict[str, str | None], tuple[Totals, ...], list[str]] | ActivityError] = []
    for index, activity in enumerate(activities, start=1):
        where = source if len(activities) == 1 else f"{source}#{index}"
        try:
            parts.append(_read_activity(root, activity, index, only_points, list(warnings), where))
        except ActivityError as exc:
            parts.append(exc)
    return parts


def _read_activity(
    root: Any, activity: Any, index: int, only_points: bool, warnings: list[str], source: str
) -> tuple[Track, dict[str, str | None], tuple[Totals, ...], list[str]]:
    ns = {"t": TCX_NS, "ax": _AX}
    columns = Columns(root, f"t:Activities/t:Activity[{index}]/t:Lap/t:Track", "t:Trackpoint", ns)
    n = columns.n
    if n == 0:
        raise ActivityError("the TCX activity has no track points", where=source, hint="nothing to import")
    tag = f"{{{TCX_NS}}}"

    def column(name: str, relative: str, label: str) -> FloatArray:
        texts = columns.texts_by_tag(tag + name, relative) if only_points else columns.texts(relative)
        return to_floats(texts, n, warnings, label)

    laps_el = activity.xpath("t:Lap", namespaces=ns)
    per_lap = [int(lap.xpath("count(t:Track/t:Trackpoint)", namespaces=ns)) for lap in laps_el]

    def shared(name: str, lap_level: str, relative: str, label: str) -> FloatArray:
        texts = _walk_past_laps(root, laps_el, per_lap, tag + name, lap_level, ns) if only_points else None
        if texts == []:  # no point and no lap has it
            return np.full(n, np.nan)
        return to_floats(texts if texts is not None else columns.texts(relative), n, warnings, label)

    cadence = shared("Cadence", "t:Cadence/text()", "t:Cadence[1]/text()[1]", "cadence")
    if np.isnan(cadence).all():
        run_cadence = columns.texts("t:Extensions/ax:TPX/ax:RunCadence[1]/text()[1]")
        cadence = to_floats(run_cadence, n, warnings, "cadence")
    time_s = parse_times(
        columns.texts_by_tag(tag + "Time", "t:Time[1]/text()[1]")
        if only_points
        else columns.texts("t:Time[1]/text()[1]"),
        n,
        warnings,
    )
    track = Track(
        time_s=time_s,
        lat_deg=column("LatitudeDegrees", "t:Position[1]/t:LatitudeDegrees[1]/text()[1]", "latitude"),
        lon_deg=column("LongitudeDegrees", "t:Position[1]/t:LongitudeDegrees[1]/text()[1]", "longitude"),
        elevation_m=column("AltitudeMeters", "t:AltitudeMeters[1]/text()[1]", "altitude"),
        distance_m=shared(
            "DistanceMeters", "t:DistanceMeters/text()", "t:DistanceMeters[1]/text()[1]", "distance"
        ),
        hr_bpm=shared(
            "Value",
            "t:AverageHeartRateBpm/t:Value/text() | t:MaximumHeartRateBpm/t:Value/text()",
            "t:HeartRateBpm[1]/t:Value[1]/text()[1]",
            "heart-rate",
        ),
        cadence_rpm=cadence,
        segment=track_segments(columns.sizes, time_s),
    )
    laps = tuple(_lap_totals(lap, ns) for lap in laps_el)
    meta = {
        "sport": (activity.get("Sport") or "").strip() or None,
        "name": first_text(activity, "t:Notes/text()", ns),
        "device": first_text(activity, "t:Creator/t:Name/text()", ns),
        "serial": first_text(activity, "t:Creator/t:UnitId/text()", ns),
    }
    return track, meta, laps, warnings


def track_segments(sizes: list[int], time_s: FloatArray) -> npt.NDArray[np.int64]:
    """Segment numbers for points read track by track: a new TCX <Track> (a lap, or the watch resumed after
    a pause) starts a new segment only when over PAUSE_BREAK_S passed since the point before it, or when
    either time is unknown; a lap change at the recording's pace is no break in the movement."""
    starts = np.cumsum([0, *sizes[:-1]])[np.asarray(sizes) > 0]
    new = np.zeros(len(time_s), dtype=np.int64)
    for start in starts[1:]:
        gap = time_s[start] - time_s[start - 1]
        if not gap <= PAUSE_BREAK_S:  # NaN (no time) counts as a break, as it cannot be told
            new[start] = 1
    return np.cumsum(new)


def _walk_past_laps(
    root: Any, laps: list[Any], per_lap: list[int], tag: str, lap_level: str, ns: dict[str, str]
) -> list[str | None] | None:
    """Walk a tag that laps carry too (distance, heart rate, cadence), leaving out each lap's own.

    By the schema a lap's own values come before its track, so in document order each lap contributes
    its own values then one per trackpoint. The lap's values are checked against an XPath on the lap;
    any mismatch (a point without the tag, an out-of-order file) returns None and XPath is used instead.
    """
    walked = element_texts(root, tag)
    if not walked:
        return []
    own = [[str(v) for v in lap.xpath(lap_level, namespaces=ns, smart_strings=False)] for lap in laps]
    if len(walked) != sum(per_lap) + sum(len(o) for o in own):
        return None
    out: list[str | None] = []
    pos = 0
    for lap_own, points in zip(own, per_lap, strict=True):
        if walked[pos : pos + len(lap_own)] != lap_own:
            return None
        pos += len(lap_own)
        out.extend(walked[pos : pos + points])
        pos += points
    return out


def _lap_totals(lap: Any, ns: dict[str, str]) -> Totals:
    def number(path: str) -> float | None:
        text = first_text(lap, path, ns)
        try:
            return float(text) if text is not None else None
        except ValueError:
            return None

    start = lap.get("StartTime")
    try:
        start_time = dt.datetime.fromisoformat(start.strip()) if start else None
    except ValueError:
        start_time = None
    if start_time is not None and start_time.tzinfo is None:
        start_time = start_time.replace(tzinfo=dt.UTC)
    return Totals(
        start_time=start_time.astimezone(dt.UTC) if start_time else None,
        elapsed_s=number("t:TotalTimeSeconds/text()"),
        distance_m=number("t:DistanceMeters/text()"),
        calories_kcal=number("t:Calories/text()"),
        avg_hr_bpm=number("t:AverageHeartRateBpm/t:Value/text()"),
    )
