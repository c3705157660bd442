from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import gpxpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.activities import ActivityError, read_activity, summarize
from calfcoach.activities.gpx import read_gpx
from calfcoach.activities.metrics import cumulative_distance_m
from calfcoach.activities.synthetic import hike_gpx
from tests.activities.helpers import DATA, gpx_doc, trkpt


def test_a_gpx_track_gives_points_with_time_elevation_heart_rate_and_cadence() -> None:
    activity = read_activity(hike_gpx(600), source="hike.gpx")
    track = activity.track
    assert activity.file_format == "gpx"
    assert len(track) == 600
    assert np.all(np.diff(track.time_s) == 1.0)
    assert track.time_s[0] == dt.datetime(2024, 5, 4, 7, 0, tzinfo=dt.UTC).timestamp()
    assert np.isfinite(track.elevation_m).all()
    assert 90 < np.mean(track.hr_bpm) < 130
    assert 50 < np.mean(track.cadence_rpm) < 60
    assert activity.device == "calfcoach synthetic"


def test_gpx_1_0_files_without_a_namespace_prefix_are_read() -> None:
    # The reader alone: the file's single point is read, then refused as an activity (test_repair).
    track, _, _ = read_gpx((DATA / "gpx" / "gpx1.0_with_all_fields.gpx").read_bytes(), "a.gpx")
    assert track.lat_deg[0] == pytest.approx(10.1)
    assert track.elevation_m[0] == pytest.approx(11.1)


def test_heart_rate_from_trackpoint_extension_version_2_is_read() -> None:
    v2 = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2"
    body = "".join(
        f'<trkpt lat="46.0" lon="{14 + i * 1e-4}"><time>2024-01-01T10:00:0{i}Z</time><extensions>'
        f"<t:TrackPointExtension><t:hr>{100 + i}</t:hr><t:cad>80</t:cad></t:TrackPointExtension>"
        "</extensions></trkpt>"
        for i in range(3)
    )
    activity = read_activity(
        gpx_doc(f"<trk><trkseg>{body}</trkseg></trk>", extra=f'xmlns:t="{v2}"'), source="v2.gpx"
    )
    assert activity.track.hr_bpm.tolist() == [100, 101, 102]
    assert activity.track.cadence_rpm.tolist() == [80, 80, 80]


def test_points_missing_heart_rate_or_elevation_get_nan_and_the_rest_stay_aligned() -> None:
    points = [
        trkpt(46.0, 14.0, ele=100, time="2024-01-01T10:00:00Z", hr=90),
        trkpt(46.0001, 14.0, time="2024-01-01T10:00:01Z"),
        trkpt(46.0002, 14.0, ele=102, time="2024-01-01T10:00:02Z", hr=92),
    ]
    activity = read_activity(gpx_doc(f"<trk><trkseg>{''.join(points)}</trkseg></trk>"), source="gaps.gpx")
    assert np.isnan(activity.track.elevation_m[1])
    assert activity.track.elevation_m[[0, 2]].tolist() == [100, 102]
    assert np.isnan(activity.track.hr_bpm[1])
    assert activity.track.hr_bpm[[0, 2]].tolist() == [90, 92]


def test_time_zones_other_than_z_are_converted_to_utc() -> None:
    points = [
        trkpt(46.0, 14.0, time="2024-01-01T12:00:00+02:00"),
        trkpt(46.0001, 14.0, time="2024-01-01T10:00:05.5Z"),
        trkpt(46.0002, 14.0, time="2024-01-01T05:00:10-05:00"),
    ]
    activity = read_activity(gpx_doc(f"<trk><trkseg>{''.join(points)}</trkseg></trk>"), source="tz.gpx")
    start = dt.datetime(2024, 1, 1, 10, 0, tzinfo=dt.UTC).timestamp()
    assert (activity.track.time_s - start).tolist() == [0.0, 5.5, 10.0]
    summary = summarize(activity)
    assert summary.start_time == dt.datetime(2024, 1, 1, 10, 0, tzinfo=dt.UTC)
    assert summary.start_time.tzinfo is not None


def test_a_byte_order_mark_and_cdata_sections_are_read() -> None:
    body = (
        '<trk><trkseg><trkpt lat="46.0" lon="14.0"><ele><![CDATA[321.5]]></ele>'
        "<time>2024-01-01T10:00:00Z</time></trkpt>"
        '<trkpt lat="46.001" lon="14.0"><ele>322</ele><time>2024-01-01T10:01:00Z</time></trkpt>'
        "</trkseg></trk>"
    )
    activity = read_activity(b"\xef\xbb\xbf" + gpx_doc(body), source="bom.gpx")
    assert activity.track.elevation_m.tolist() == [321.5, 322.0]


def test_several_tracks_and_segments_are_joined_without_distance_across_the_breaks() -> None:
    seg_a = trkpt(46.0, 14.0, time="2024-01-01T10:00:00Z") + trkpt(46.001, 14.0, time="2024-01-01T10:01:00Z")
    seg_b = trkpt(47.0, 14.0, time="2024-01-01T11:00:00Z") + trkpt(47.001, 14.0, time="2024-01-01T11:01:00Z")
    seg_c = trkpt(48.0, 14.0, time="2024-01-01T12:00:00Z") + trkpt(48.001, 14.0, time="2024-01-01T12:01:00Z")
    body = f"<trk><trkseg>{seg_a}</trkseg><trkseg>{seg_b}</trkseg></trk><trk><trkseg>{seg_c}</trkseg></trk>"
    activity = read_activity(gpx_doc(body), source="multi.gpx")
    assert activity.track.segment.tolist() == [0, 0, 1, 1, 2, 2]
    assert cumulative_distance_m(activity.track)[-1] == pytest.approx(3 * 111.2, rel=0.01)


@pytest.mark.parametrize(
    "name", ["Mojstrovka.gpx", "cerknicko-without-times.gpx", "track-with-empty-segment.gpx"]
)
def test_distance_is_within_half_a_percent_of_gpxpy_on_real_tracks(name: str) -> None:
    data = (DATA / "gpx" / name).read_bytes()
    ours = summarize(read_activity(data, source=name)).distance_m
    theirs = gpxpy.parse(data.decode("utf-8-sig")).length_2d()
    assert ours == pytest.approx(theirs, rel=0.005)


def test_distance_is_within_half_a_percent_of_gpxpy_on_a_four_hour_hike() -> None:
    data = hike_gpx()
    ours = summarize(read_activity(data, source="hike.gpx")).distance_m
    assert ours == pytest.approx(gpxpy.parse(data.decode()).length_2d(), rel=0.005)


def test_placeholder_times_are_ignored_and_the_track_is_kept_for_distance() -> None:
    activity = read_activity((DATA / "gpx" / "Mojstrovka.gpx").read_bytes(), source="m.gpx")
    assert not activity.track.has_times
    assert any("times ignored" in w for w in activity.warnings)
    assert summarize(activity).elevation_gain_m > 300


def test_a_route_without_a_track_is_read_with_a_warning() -> None:
    activity = read_activity((DATA / "gpx" / "route.gpx").read_bytes(), source="route.gpx")
    assert len(activity.track) > 10
    assert any("route" in w for w in activity.warnings)


def test_a_file_with_only_waypoints_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ActivityError, match="no track or route points"):
        read_activity((DATA / "gpx" / "gpx_with_garmin_extension.gpx").read_bytes(), source="wpt.gpx")


def test_a_truncated_gpx_keeps_the_points_before_the_cut_with_a_warning() -> None:
    data = hike_gpx(300)
    activity = read_activity(data[: len(data) // 2], source="cut.gpx")
    assert 100 < len(activity.track) < 200
    assert any("damaged" in w for w in activity.warnings)


def test_text_that_is_not_xml_at_all_is_an_error_naming_the_file() -> None:
    with pytest.raises(ActivityError, match=r"bad\.gpx"):
        read_activity(b"<gpx <<<>>> &&&", source="bad.gpx")


def test_an_external_entity_is_refused_and_never_read() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&x;</name><trkseg>'
        b'<trkpt lat="1" lon="2"><time>2024-01-01T10:00:00Z</time></trkpt></trkseg></trk></gpx>'
    )
    with pytest.raises(ActivityError, match="DOCTYPE") as caught:
        read_activity(xxe, source="xxe.gpx")
    assert "root:" not in str(caught.value)


def test_entity_expansion_is_refused() -> None:
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY l0 "lol">{lol}]>'
        '<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&l9;</name></trk></gpx>'
    ).encode()
    with pytest.raises(ActivityError):
        read_activity(bomb, source="lol.gpx")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=30))
def test_points_missing_any_field_read_the_same_as_a_point_by_point_reading(
    shape: list[tuple[bool, bool, bool]],
) -> None:
    points = []
    for i, (has_ele, has_time, has_hr) in enumerate(shape):
        points.append(
            trkpt(
                46.0 + i * 1e-4,
                14.0,
                ele=100.0 + i if has_ele else None,
                time=f"2024-01-01T10:{i // 60:02d}:{i % 60:02d}Z" if has_time else None,
                hr=100 + i if has_hr else None,
            )
        )
    from calfcoach.activities.gpx import read_gpx

    track, _, _ = read_gpx(gpx_doc(f"<trk><trkseg>{''.join(points)}</trkseg></trk>"), "p.gpx")
    for i, (has_ele, has_time, has_hr) in enumerate(shape):
        assert (track.elevation_m[i] == 100.0 + i) if has_ele else np.isnan(track.elevation_m[i])
        assert np.isfinite(track.time_s[i]) == has_time
        assert (track.hr_bpm[i] == 100 + i) if has_hr else np.isnan(track.hr_bpm[i])


def test_heart_rate_by_tree_walk_equals_heart_rate_by_xpath() -> None:
    data = hike_gpx(200)
    walked = read_activity(data, source="a.gpx").track
    # A waypoint with its own extensions makes the reader align by XPath instead of walking the tree.
    marker = b" <trk>"
    waypoint = b' <wpt lat="46.4" lon="13.8"><name>hut</name></wpt>\n'
    aligned = read_activity(data.replace(marker, waypoint + marker, 1), source="b.gpx").track
    np.testing.assert_array_equal(walked.hr_bpm, aligned.hr_bpm)
    np.testing.assert_array_equal(walked.cadence_rpm, aligned.cadence_rpm)
    assert np.isfinite(walked.hr_bpm).all()


GPX11 = "http://www.topografix.com/GPX/1/1"
TPX_V2 = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2"


def _reference_columns(data: bytes) -> dict[str, np.ndarray]:
    """Read every track point on its own, value by value with float() and fromisoformat(): the slow,
    obviously aligned reading the column-wise reader must reproduce bit for bit."""
    from lxml import etree

    from tests.activities.helpers import TPX_V1

    root = etree.fromstring(data)
    ns = {"g": etree.QName(root).namespace or ""}
    points = root.xpath("g:trk/g:trkseg/g:trkpt", namespaces=ns)

    def number(point: etree._Element, path: str, extra: dict[str, str] | None = None) -> float:
        found = point.xpath(path, namespaces={**ns, **(extra or {})})
        try:
            value = float(found[0]) if found else np.nan
        except ValueError:
            return np.nan
        return value if np.isfinite(value) else np.nan

    def when(point: etree._Element) -> float:
        found = point.xpath("g:time[1]/text()[1]", namespaces=ns)
        if not found:
            return np.nan
        try:
            stamp = dt.datetime.fromisoformat(str(found[0]).strip())
        except ValueError:
            return np.nan
        return (stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)).timestamp()

    def extension(point: etree._Element, name: str) -> float:
        for uri in (TPX_V1, TPX_V2):
            path = f"g:extensions[1]/x:TrackPointExtension[1]/x:{name}[1]/text()[1]"
            value = number(point, path, {"x": uri})
            if np.isfinite(value):
                return value
        return np.nan

    return {
        "lat_deg": np.array([number(p, "@lat") for p in points]),
        "lon_deg": np.array([number(p, "@lon") for p in points]),
        "elevation_m": np.array([number(p, "g:ele[1]/text()[1]") for p in points]),
        "time_s": np.array([when(p) for p in points]),
        "hr_bpm": np.array([extension(p, "hr") for p in points]),
        "cadence_rpm": np.array([extension(p, "cad") for p in points]),
    }


def _assert_same_bits(got: np.ndarray, want: np.ndarray) -> None:
    assert got.shape == want.shape
    assert np.array_equal(np.isnan(got), np.isnan(want))
    ok = ~np.isnan(want)
    assert np.array_equal(got[ok].view(np.int64), want[ok].view(np.int64))


point_shapes = st.lists(
    st.tuples(
        st.booleans(),  # elevation
        st.booleans(),  # time
        st.booleans(),  # heart rate
        st.booleans(),  # cadence
        st.floats(-400, 8000, allow_nan=False),
        st.integers(0, 2),  # number of decimals of the elevation
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(
    point_shapes,
    st.sampled_from(["", "gpx:"]),  # the GPX namespace as default or under a prefix
    st.sampled_from([("gpxtpx", "v1"), ("ns3", "v2"), ("x", "v1")]),
    st.sampled_from(["Z", ".250Z", "+02:00", "-0530", ".5-03:30", ""]),
)
def test_column_reading_equals_point_by_point_reading_on_generated_files(
    shape: list[tuple[bool, bool, bool, bool, float, int]],
    gpx_prefix: str,
    extension: tuple[str, str],
    zone: str,
) -> None:
    from calfcoach.activities.gpx import read_gpx
    from tests.activities.helpers import TPX_V1

    tpx_prefix, version = extension
    tpx_uri = TPX_V1 if version == "v1" else TPX_V2
    g = gpx_prefix
    body = []
    for i, (has_ele, has_time, has_hr, has_cad, ele, places) in enumerate(shape):
        inner = f"<{g}ele>{ele:.{places}f}</{g}ele>" if has_ele else ""
        if has_time:
            inner += f"<{g}time>2024-03-31T01:{i // 60:02d}:{i % 60:02d}{zone}</{g}time>"
        tpx = f"<{tpx_prefix}:hr>{90 + i}</{tpx_prefix}:hr>" if has_hr else ""
        tpx += f"<{tpx_prefix}:cad>{70 + i % 9}</{tpx_prefix}:cad>" if has_cad else ""
        if tpx:
            inner += (
                f"<{g}extensions><{tpx_prefix}:TrackPointExtension>{tpx}"
                f"</{tpx_prefix}:TrackPointExtension></{g}extensions>"
            )
        body.append(f'<{g}trkpt lat="{46 + i * 1e-4:.7f}" lon="{-3 - i * 1e-4:.6f}">{inner}</{g}trkpt>')
    declare = f'xmlns:gpx="{GPX11}"' if g else f'xmlns="{GPX11}"'
    data = (
        f'<?xml version="1.0"?><{g}gpx version="1.1" creator="t" {declare}'
        f' xmlns:{tpx_prefix}="{tpx_uri}"><{g}trk><{g}trkseg>{"".join(body)}</{g}trkseg></{g}trk></{g}gpx>'
    ).encode()
    track, _, _ = read_gpx(data, "generated.gpx")
    for name, want in _reference_columns(data).items():
        _assert_same_bits(getattr(track, name), want)


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "gpx").glob("*.gpx")))
def test_real_files_read_the_same_with_and_without_the_column_converters(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calfcoach.activities import xmlread
    from calfcoach.activities.gpx import read_gpx

    data = (DATA / "gpx" / name).read_bytes()
    try:
        fast, _, fast_warnings = read_gpx(data, name)
    except ActivityError:
        return  # a file refused either way (checked by the other tests)
    monkeypatch.setattr(xmlread, "decimals", lambda texts: None)
    monkeypatch.setattr(xmlread, "iso_times", lambda texts: None)
    exact, _, exact_warnings = read_gpx(data, name)
    for column in ("time_s", "lat_deg", "lon_deg", "elevation_m", "hr_bpm", "cadence_rpm"):
        _assert_same_bits(getattr(fast, column), getattr(exact, column))
    assert fast_warnings == exact_warnings


def test_a_file_with_a_point_missing_values_reads_as_point_by_point() -> None:
    from calfcoach.activities.gpx import read_gpx

    data = gpx_doc(
        "<trk><trkseg>"
        + trkpt(46.0, 14.0, ele=500.5, time="2024-01-01T10:00:00.125+01:00", hr=101)
        + trkpt(46.0001, 14.0, time="2024-01-01T10:00:01.5+01:00")
        + trkpt(46.0002, 14.0, ele=-2.25, hr=99)
        + "</trkseg></trk>"
    )
    track, _, _ = read_gpx(data, "gaps.gpx")
    for name, want in _reference_columns(data).items():
        _assert_same_bits(getattr(track, name), want)
    assert track.time_s[0] == dt.datetime(2024, 1, 1, 9, 0, 0, 125000, tzinfo=dt.UTC).timestamp()


def test_a_gpx_with_a_namespace_prefix_is_read_and_found_in_a_folder(tmp_path: Path) -> None:
    from calfcoach.activities import iter_import

    plain = hike_gpx(120)
    prefixed = (
        plain.replace(b"<gpx ", b"<g:gpx ")
        .replace(b"</gpx>", b"</g:gpx>")
        .replace(b'xmlns="http://www.topografix.com/GPX/1/1"', b'xmlns:g="http://www.topografix.com/GPX/1/1"')
    )
    for name in (b"trk", b"name", b"type", b"trkseg", b"trkpt", b"ele", b"time", b"extensions"):
        prefixed = prefixed.replace(b"<" + name + b">", b"<g:" + name + b">")
        prefixed = prefixed.replace(b"<" + name + b" ", b"<g:" + name + b" ")
        prefixed = prefixed.replace(b"</" + name + b">", b"</g:" + name + b">")
    activity = read_activity(prefixed, source="prefixed.gpx")
    np.testing.assert_array_equal(activity.track.lat_deg, read_activity(plain, source="p.gpx").track.lat_deg)
    assert activity.name == "Synthetic hike"
    (tmp_path / "prefixed.gpx").write_bytes(prefixed)
    (outcome,) = list(iter_import([tmp_path]))
    assert outcome.ok


def test_points_past_the_cap_are_refused_while_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from calfcoach.activities import xmlread

    monkeypatch.setattr(xmlread, "MAX_POINTS", 1000)
    data = hike_gpx(5000)
    stream = io.BytesIO(data)
    with pytest.raises(ActivityError, match="over 1,000 points") as caught:
        read_activity(data, source="long.gpx")
    assert "split the recording" in str(caught.value)
    from calfcoach.activities.gpx import read_gpx

    with pytest.raises(ActivityError):
        read_gpx(stream, "long.gpx")
    assert stream.tell() < len(data) / 2  # refused as soon as the cap was passed, not at the end


@pytest.mark.parametrize("kind", ["track", "waypoints"])
def test_the_parse_tree_stays_small_whatever_the_file_length(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calfcoach.activities import gpx, xmlread

    largest: list[int] = []
    prune = xmlread.prune_open_path

    def measured(root: Any, *args: Any) -> None:
        largest.append(sum(1 for _ in root.iter()))  # what the parse built since the last pruning
        prune(root, *args)

    monkeypatch.setattr("calfcoach.activities.gpx.prune_open_path", measured)
    peaks = []
    for seconds in (20_000, 60_000):  # both over a batch of points (8,192)
        largest.clear()
        data = hike_gpx(seconds)
        if kind == "waypoints":  # a track of one point after a long list of waypoints
            start, end = data.index(b"   <trkpt"), data.index(b"  </trkseg>")
            points = data[start:end].replace(b"<trkpt", b"<wpt").replace(b"</trkpt>", b"</wpt>")
            data = data[:start] + data[start : data.index(b"</trkpt>", start) + 9] + data[end:]
            data = data.replace(b" <trk>", points + b" <trk>", 1)
        gpx.read_gpx(data, "long.gpx")
        peaks.append(max(largest))
    assert peaks[1] < 1.2 * peaks[0]  # three times the points, about the same tree
    assert peaks[1] < 100_000


def test_a_point_with_thousands_of_elements_is_refused() -> None:
    junk = "<x/>" * 50_000  # longer than a chunk fed to the parser: the point is still open after it
    body = f'<trk><trkseg><trkpt lat="1" lon="2"><extensions>{junk}</extensions></trkpt></trkseg></trk>'
    with pytest.raises(ActivityError, match="a point holds over 1000 elements"):
        read_activity(gpx_doc(body), source="odd.gpx")


def test_a_track_without_times_among_timed_ones_keeps_its_distance() -> None:
    path = DATA / "gpx" / "korita-zbevnica.gpx"
    activity = read_activity(path.read_bytes(), source="korita.gpx")
    summary = summarize(activity)
    reference = gpxpy.parse(path.read_text()).length_2d()  # 14.9 km, 8.6 km of it in the untimed track
    assert summary.distance_m == pytest.approx(reference, rel=0.005)
    assert any("duration and pace cannot be known" in w for w in activity.warnings)
    assert summary.points == 871


def test_the_pace_is_that_of_the_timed_points_alone() -> None:
    timed = "".join(
        trkpt(46.0 + i * 1e-4, 14.0, time=f"2024-01-01T10:{i // 60:02d}:{i % 60:02d}Z") for i in range(120)
    )
    untimed = "".join(trkpt(47.0 + i * 1e-3, 14.0) for i in range(50))
    alone = summarize(read_activity(gpx_doc(f"<trk><trkseg>{timed}</trkseg></trk>"), source="t.gpx"))
    both = summarize(
        read_activity(
            gpx_doc(f"<trk><trkseg>{timed}</trkseg></trk><trk><trkseg>{untimed}</trkseg></trk>"),
            source="both.gpx",
        )
    )
    assert both.distance_m == pytest.approx(alone.distance_m + 49 * 111.2, rel=0.01)
    assert both.avg_speed_mps == pytest.approx(alone.avg_speed_mps)
    assert both.moving_s == alone.moving_s
    assert both.elapsed_s == alone.elapsed_s
