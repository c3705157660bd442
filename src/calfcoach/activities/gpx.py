"""Read GPX 1.0 and 1.1 tracks (with Garmin TrackPointExtension heart rate and cadence) into a Track."""

from __future__ import annotations

import functools
import io
import re
from typing import Any

import numpy as np

from calfcoach.activities.model import NOTHING_TO_IMPORT, ActivityError, FloatArray, Track
from calfcoach.activities.xmlread import (
    Columns,
    PointBatches,
    PullParse,
    Readable,
    merge_counted,
    parse_times,
    prune_open_path,
    to_floats,
)
from calfcoach.i18n import N_

GPX_NAMESPACES = ("http://www.topografix.com/GPX/1/1", "http://www.topografix.com/GPX/1/0", "")
_TPX = (
    "http://www.garmin.com/xmlschemas/TrackPointExtension/v1",
    "http://www.garmin.com/xmlschemas/TrackPointExtension/v2",
)


_GPX_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?gpx[\s>/]")


def sniff_gpx(head: bytes) -> bool:
    """Tell whether the start of a file looks like GPX: a <gpx> element, with or without a prefix."""
    return _GPX_ROOT.search(head) is not None


def read_gpx(stream: Readable | bytes, source: str) -> tuple[Track, dict[str, str | None], list[str]]:
    """Return the track points (or, failing those, route points), file metadata and warnings.

    The file is parsed as it streams in: finished points are read into columns in batches and deleted,
    everything else already read is deleted too, so memory stays bounded whatever the file size.
    """
    if isinstance(stream, bytes):
        stream = io.BytesIO(stream)
    tags: dict[str, str] = {}
    ns: dict[str, str] = {}

    def tags_for(root_tag: str) -> tuple[str, ...]:
        ns_uri = root_tag[1:].split("}")[0] if root_tag.startswith("{") else ""
        if root_tag.rsplit("}", 1)[-1] != "gpx" or ns_uri not in GPX_NAMESPACES:
            raise ActivityError(
                N_("the root element is <{tag}>, not a GPX <gpx>"),
                where=source,
                hint=N_("is this a GPX file?"),
                tag=root_tag,
            )
        if ns_uri:
            ns["g"] = ns_uri
        q = f"{{{ns_uri}}}" if ns_uri else ""
        tags.update({name: q + name for name in ("trk", "trkseg", "rte", "metadata", "name", "type")})
        return (tags["trk"], tags["trkseg"], tags["rte"], tags["metadata"])

    parse = PullParse(stream, source, tags_for, tuple(u.encode() for u in _TPX))
    meta: dict[str, str | None] = {"name": None, "sport": None, "device": None, "metadata_name": None}
    tracks: PointBatches | None = None
    routes: PointBatches | None = None
    container: Any = None
    points: PointBatches | None = None
    for events in parse.rounds():
        root = parse.root
        if tracks is None or routes is None:
            p = "g:" if ns else ""
            read = functools.partial(_read_batch, p=p, seen=parse.seen)
            tracks = PointBatches(f"{p}trkpt", ns, source, read)
            routes = PointBatches(f"{p}rtept", ns, source, read)
            if root is not None:
                meta["device"] = (root.get("creator") or "").strip() or None
        for event, element in events:
            tag = element.tag
            parent = element.getparent()
            if event == "start":
                if tag == tags["trkseg"] and parent is not None and parent.tag == tags["trk"]:
                    _take_track_meta(parent, tags, meta)
                    container, points = element, tracks
                    tracks.new_segment()
                elif tag == tags["rte"] and parent is root:
                    container, points = element, routes
                    routes.new_segment()
                continue
            if element is container and points is not None:
                points.take(element, closed=True)
                container = points = None
            elif tag == tags["trk"]:
                _take_track_meta(element, tags, meta)
            elif tag == tags["metadata"] and meta["metadata_name"] is None:
                meta["metadata_name"] = _child_text(element, tags["name"])
            if parent is not None:
                parent.remove(element)
        if container is not None and points is not None:
            # After damage the last point may be cut: only those before it are read.
            if parse.damage:
                _take_finished(points, container)
            else:
                points.take(container, closed=False)
        if root is not None:
            keep = functools.partial(_keep, root=root, tags=tags, meta=meta)
            prune_open_path(root, container, keep, source)
    if tracks is None or routes is None:
        raise ActivityError(N_("the file has no root element"), where=source, hint=N_("is this a GPX file?"))
    warnings: list[str] = []
    track = tracks.track()
    if len(track) == 0:
        track = routes.track()
        if len(track):
            warnings.append("the file has no track, only a planned route: read its points")
            tracks = routes
    if len(track) == 0:
        if parse.damage:
            raise parse.refuse_damaged()
        raise ActivityError(
            N_("the GPX file has no track or route points"), where=source, hint=NOTHING_TO_IMPORT
        )
    if parse.damage:
        warnings.insert(0, f"{parse.damage}; kept what could be read before it")
    warnings += merge_counted(tracks.warnings)
    return (
        track,
        {"name": meta["name"] or meta["metadata_name"], "sport": meta["sport"], "device": meta["device"]},
        warnings,
    )


def _take_finished(points: PointBatches, container: Any) -> None:
    """Read the points before the damage: all the container's children but the last (cut) one."""
    if len(container):
        del container[-1]
    points.take(container, closed=True)


def _read_batch(columns: Columns, warnings: list[str], *, p: str, seen: set[bytes]) -> dict[str, FloatArray]:
    n = columns.n
    batch = {
        "lat_deg": columns.floats("@lat", warnings, "latitude"),
        "lon_deg": columns.floats("@lon", warnings, "longitude"),
        "elevation_m": columns.floats(f"{p}ele[1]/text()[1]", warnings, "elevation"),
        "time_s": parse_times(columns.texts(f"{p}time[1]/text()[1]"), n, warnings),
    }
    hr = np.full(n, np.nan)
    cadence = np.full(n, np.nan)
    for uri in _TPX:
        if uri.encode() not in seen:  # the namespace never occurred in the file: no tree walk for it
            continue
        found_hr, found_cad = _extension_columns(columns, uri, p, warnings)
        hr = np.where(np.isnan(hr), found_hr, hr)
        cadence = np.where(np.isnan(cadence), found_cad, cadence)
    batch["hr_bpm"], batch["cadence_rpm"] = hr, cadence
    return batch


def _child_text(element: Any, tag: str) -> str | None:
    found = element.find(tag)
    text = found.text.strip() if found is not None and found.text else ""
    return text or None


def _take_track_meta(trk: Any, tags: dict[str, str], meta: dict[str, str | None]) -> None:
    """The first track's name and type (by the schema they come before its segments)."""
    if meta["name"] is None:
        meta["name"] = _child_text(trk, tags["name"])
    if meta["sport"] is None:
        meta["sport"] = _child_text(trk, tags["type"])


def _keep(node: Any, *, root: Any, tags: dict[str, str], meta: dict[str, str | None]) -> None:
    """Take what is needed from finished elements before they are deleted."""
    if node.tag == tags["trk"]:
        _take_track_meta(node, tags, meta)
    elif node is root and meta["metadata_name"] is None:
        # GPX 1.1 names the file in <metadata>, GPX 1.0 in a <name> under the root
        for child in node[:-1]:
            if child.tag == tags["metadata"]:
                meta["metadata_name"] = _child_text(child, tags["name"])
            elif child.tag == tags["name"]:
                meta["metadata_name"] = (child.text or "").strip() or None


def _extension_columns(
    columns: Columns, uri: str, p: str, warnings: list[str]
) -> tuple[FloatArray, FloatArray]:
    """Return heart rate and cadence from a Garmin TrackPointExtension namespace.

    The schema allows at most one hr and one cad per point, and the container holds points only, so a
    walk over the tree yields them in point order: about twice as fast as the equivalent XPath.
    """
    n = columns.n
    hr_tag, cad_tag = f"{{{uri}}}hr", f"{{{uri}}}cad"
    # One walk for both: with hr and cad on every point (2n in all, at most one each by the schema),
    # they alternate in the schema's order, hr first (other values such as atemp may come between);
    # the first point is checked to be sure.
    both = columns.walk(hr_tag, cad_tag)
    if not both:
        return np.full(n, np.nan), np.full(n, np.nan)
    first = columns.root.find(f".//{{{uri}}}TrackPointExtension")
    order = [c.tag for c in first if c.tag in (hr_tag, cad_tag)] if first is not None else []
    if len(both) == 2 * n and order == [hr_tag, cad_tag]:
        return to_floats(both[0::2], n, warnings, "heart-rate"), to_floats(both[1::2], n, warnings, "cadence")
    ext = columns.with_namespaces({"x": uri})
    out = []
    for name, label in (("hr", "heart-rate"), ("cad", "cadence")):
        relative = f"{p}extensions[1]/x:TrackPointExtension[1]/x:{name}[1]/text()[1]"
        out.append(to_floats(ext.texts_by_tag(f"{{{uri}}}{name}", relative), n, warnings, label))
    return out[0], out[1]
