from __future__ import annotations

import gzip
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from calfcoach.activities import iter_import, read_activity
from calfcoach.activities.batch import ImportOutcome
from calfcoach.activities.model import ActivityError
from calfcoach.activities.synthetic import hike_gpx, hike_tcx
from tests.activities.helpers import DATA

STRAVA_CSV = (  # the real export's quirks: repeated column names, dates with commas, manual rows
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,"
    "Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed\n"
    '101,"Oct 7, 2020, 2:43:11 PM",Morning Walk,Walk,,600,0.6,,,false,,,activities/101.gpx,'
    ",,600,590,600.0,2.0\n"
    '102,"Oct 8, 2020, 6:01:00 AM",Hill hike,Hike,,1800,1.2,,,false,,,activities/102.tcx.gz,'
    ",,1800,1700,1200,2\n"
    '103,"Oct 9, 2020, 7:00:00 AM",Watch run,Run,,3600,9.0,,,false,,,activities/103.fit.gz,'
    ",,3600,3500,9000,4\n"
    '104,"Oct 10, 2020, 7:00:00 AM",Gym,Weight Training,,3600,0,,,false,,,,,,3600,3600,0,0\n'
)


def _by_name(outcomes: list[ImportOutcome]) -> dict[str, ImportOutcome]:
    return {o.source.split("!", 1)[1] if "!" in o.source else Path(o.source).name: o for o in outcomes}


def _strava_export(path: Path, *, bomb: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("activities.csv", STRAVA_CSV)
        z.writestr("profile.csv", "Athlete ID\n1\n")
        z.writestr("activities/101.gpx", hike_gpx(600))
        z.writestr("activities/102.tcx.gz", gzip.compress(hike_tcx(600)))
        z.writestr(
            "activities/103.fit.gz",
            gzip.compress((DATA / "fit" / "activity-small-fenix2-run.fit").read_bytes()),
        )
        z.writestr("media/photo.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
        if bomb:
            z.writestr("activities/999.gpx", b" " * (40 * 2**20))
    return path


def test_a_strava_export_yields_each_activity_with_its_name_and_type(tmp_path: Path) -> None:
    outcomes = list(iter_import([_strava_export(tmp_path / "export.zip")]))
    found = _by_name(outcomes)
    assert set(found) == {"activities/101.gpx", "activities/102.tcx.gz", "activities/103.fit.gz"}
    walk = found["activities/101.gpx"].activity
    assert walk is not None
    assert walk.name == "Morning Walk"
    assert walk.sport_hint == "Walk"
    hike = found["activities/102.tcx.gz"].activity
    assert hike is not None
    assert hike.file_format == "tcx"
    assert hike.name == "Hill hike"
    run = found["activities/103.fit.gz"].activity
    assert run is not None
    assert run.file_format == "fit"
    assert run.sport_hint == "Run"


def test_a_zip_bomb_member_is_refused_and_the_rest_of_the_export_is_read(tmp_path: Path) -> None:
    outcomes = list(iter_import([_strava_export(tmp_path / "export.zip", bomb=True)]))
    found = _by_name(outcomes)
    assert found["activities/999.gpx"].error is not None
    assert "zip bomb" in found["activities/999.gpx"].error
    assert sum(o.ok for o in outcomes) == 3


def test_a_gzip_bomb_is_refused() -> None:
    with pytest.raises(ActivityError, match="zip bomb"):
        read_activity(gzip.compress(b"<gpx>" + b" " * (20 * 2**20)), source="bomb.gpx.gz")


def test_a_folder_of_mixed_files_imports_the_good_reports_the_bad_and_skips_the_rest(tmp_path: Path) -> None:
    for name in ("activity-small-fenix2-run.fit", "garmin-fenix-5-walk.fit", "LICENSE-python-fitparse.txt"):
        shutil.copy(DATA / "fit" / name, tmp_path / name)
    shutil.copy(DATA / "fit" / "invalid" / "activity-filecrc.fit", tmp_path / "broken.fit")
    shutil.copy(DATA / "fit" / "not-activity" / "Settings.fit", tmp_path / "settings.fit")
    (tmp_path / "walk.gpx.gz").write_bytes(gzip.compress(hike_gpx(300)))
    outcomes = _by_name(list(iter_import([tmp_path])))
    assert outcomes["activity-small-fenix2-run.fit"].ok
    assert outcomes["garmin-fenix-5-walk.fit"].ok
    assert outcomes["walk.gpx.gz"].ok
    assert outcomes["LICENSE-python-fitparse.txt"].skipped
    assert "CRC" in (outcomes["broken.fit"].error or "")
    assert "not an activity" in (outcomes["settings.fit"].error or "")


def test_the_format_comes_from_the_content_not_the_file_name(tmp_path: Path) -> None:
    misnamed = tmp_path / "really-a-gpx.fit"
    misnamed.write_bytes(hike_gpx(60))
    (outcome,) = list(iter_import([misnamed]))
    assert outcome.activity is not None
    assert outcome.activity.file_format == "gpx"


def test_a_named_file_that_is_no_activity_is_an_error_and_a_missing_path_too(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    outcomes = list(iter_import([text, tmp_path / "missing.gpx"]))
    assert "not a GPX, TCX or FIT" in (outcomes[0].error or "")
    assert "no such file" in (outcomes[1].error or "")


def test_a_zip_inside_a_zip_is_skipped_not_opened(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("a.gpx", hike_gpx(10))
    path = tmp_path / "outer.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("inner.zip", inner.getvalue())
        z.writestr("b.gpx", hike_gpx(10))
    found = _by_name(list(iter_import([path])))
    assert found["inner.zip"].skipped
    assert found["b.gpx"].ok


def test_an_empty_file_is_a_clear_error() -> None:
    with pytest.raises(ActivityError, match="empty"):
        read_activity(b"", source="empty.gpx")


def test_a_damaged_gzip_is_a_clear_error() -> None:
    with pytest.raises(ActivityError, match="gzip"):
        read_activity(gzip.compress(hike_gpx(10))[:-30], source="cut.gpx.gz")


def test_outcomes_come_one_file_at_a_time(tmp_path: Path) -> None:
    good = tmp_path / "a.gpx"
    good.write_bytes(hike_gpx(30))
    outcomes = iter_import([good, tmp_path / "later-missing.gpx"])
    first = next(outcomes)
    assert first.ok
    assert "no such file" in (next(outcomes).error or "")


def test_an_uploaded_file_object_is_read_plain_gzipped_or_zipped() -> None:
    from calfcoach.activities.batch import iter_import_file

    (plain,) = list(iter_import_file(io.BytesIO(hike_gpx(60)), "walk.gpx"))
    assert plain.ok
    assert plain.source == "walk.gpx"
    (packed,) = list(iter_import_file(io.BytesIO(gzip.compress(hike_tcx(60))), "walk.tcx.gz"))
    assert packed.activity is not None
    assert packed.activity.file_format == "tcx"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.gpx", hike_gpx(30))
        z.writestr("notes.txt", "not a recording")
    archive.seek(0)
    found = _by_name(list(iter_import_file(archive, "two.zip")))
    assert found["a.gpx"].ok
    assert found["notes.txt"].skipped


def test_a_file_of_several_activities_gives_one_outcome_each(tmp_path: Path) -> None:
    from calfcoach.activities.batch import iter_import_file

    text = hike_tcx(120).decode()
    start, end = text.index("  <Activity "), text.index(" </Activities>")
    data = (text[:end] + text[start:end] + text[end:]).encode()
    outcomes = list(iter_import_file(io.BytesIO(data), "two.tcx"))
    assert [(o.source, o.ok) for o in outcomes] == [("two.tcx#1", True), ("two.tcx#2", True)]
    (tmp_path / "two.tcx").write_bytes(data)
    assert [o.source for o in iter_import([tmp_path])] == [f"{tmp_path}/two.tcx#1", f"{tmp_path}/two.tcx#2"]


def test_a_file_is_read_as_a_stream_never_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "walk.gpx"
    path.write_bytes(hike_gpx(600))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the whole file was read"))
    (outcome,) = list(iter_import([path]))
    assert outcome.ok


def test_a_zip_member_that_lies_about_its_size_is_a_clear_error(tmp_path: Path) -> None:
    from calfcoach.activities import batch

    path = tmp_path / "liar.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.gpx", hike_gpx(60) + b" " * (3 * 2**20))
    raw = bytearray(path.read_bytes())
    declared = (3 * 2**20 + len(hike_gpx(60))).to_bytes(4, "little")
    small = (1000).to_bytes(4, "little")
    raw = raw.replace(declared, small)  # in the local header and the central directory
    path.write_bytes(bytes(raw))
    (outcome,) = list(batch.iter_import([path]))
    assert outcome.error == (
        f"{path}!big.gpx: cannot be unpacked (Bad CRC-32 for file 'big.gpx') (the zip file is damaged)"
    )


def test_a_file_none_of_whose_parts_is_an_activity_fails_for_each_part(tmp_path: Path) -> None:
    one_point = (
        '<Activity Sport="Running"><Id>2024-01-01T1{h}:00:00Z</Id><Lap StartTime="2024-01-01T1{h}:00:00Z">'
        "<Track><Trackpoint><Time>2024-01-01T1{h}:00:00Z</Time><HeartRateBpm><Value>120</Value></HeartRateBpm>"
        "</Trackpoint></Track></Lap></Activity>"
    )
    path = tmp_path / "two.tcx"
    path.write_text(
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f"<Activities>{one_point.format(h=0)}{one_point.format(h=1)}</Activities></TrainingCenterDatabase>"
    )
    outcomes = list(iter_import([path]))
    assert [o.source for o in outcomes] == [f"{path}#1", f"{path}#2"]
    assert all(o.activity is None and o.skipped is None for o in outcomes)
    assert all(o.error is not None and "single point" in o.error for o in outcomes)


def test_a_zip_members_refusal_is_said_in_german_and_its_english_is_unchanged(tmp_path: Path) -> None:
    # The zip's own refusals were English f-strings: the German upload page showed them so.
    found = _by_name(list(iter_import([_strava_export(tmp_path / "export.zip", bomb=True)])))
    bomb = found["activities/999.gpx"]
    assert bomb.refusal is not None
    source = f"{tmp_path / 'export.zip'}!activities/999.gpx"
    assert bomb.error == (
        f"{source}: expands to 40 MB or more, past the size or compression-ratio limit (a zip bomb?);"
        " refused for safety"
    )
    assert bomb.refusal.text_in("de") == (
        f"{source}: entpackt sich auf 40 MB oder mehr, über die Grenze für Größe oder"
        " Kompressionsverhältnis hinaus (eine ZIP-Bombe?); aus Sicherheitsgründen abgelehnt"
    )


def test_a_missing_path_and_a_broken_zip_are_refused_in_german_too(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    missing, unreadable = iter_import([tmp_path / "gone.gpx", broken])
    assert missing.error == f"{tmp_path / 'gone.gpx'}: no such file or folder"
    assert missing.refusal is not None
    assert (
        missing.refusal.text_in("de")
        == f"{tmp_path / 'gone.gpx'}: keine solche Datei und kein solcher Ordner"
    )
    assert unreadable.error == f"{broken}: not a readable zip file (File is not a zip file)"
    assert unreadable.refusal is not None
    assert unreadable.refusal.text_in("de") == f"{broken}: keine lesbare ZIP-Datei (File is not a zip file)"
