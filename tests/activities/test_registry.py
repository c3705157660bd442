from __future__ import annotations

import gzip
import io

import pytest

from calfcoach.activities.model import ActivityError
from calfcoach.activities.registry import is_later_part, part_source, read_activities
from tests.activities.helpers import DATA, fit_data, fit_definition, fit_file, gpx_doc, trkpt


@pytest.mark.parametrize(
    ("source", "later"),
    [
        ("tri.fit", False),
        ("tri.fit#1", False),
        ("tri.fit#2", True),
        ("export.zip!activities/7.fit.gz#12", True),
        ("run #2.fit", False),
        ("odd#name.fit", False),
    ],
)
def test_later_parts_of_a_file_are_told_by_their_source(source: str, later: bool) -> None:
    assert is_later_part(source) is later


def test_is_later_part_reads_what_part_source_writes() -> None:
    assert [is_later_part(part_source("a.fit", i, 3)) for i in (1, 2, 3)] == [False, True, True]
    assert not is_later_part(part_source("a.fit", 1, 1))


NS = "http://www.topografix.com/GPX/1/1"
TCX = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
DAMAGED = (
    "the file is damaged or cut short; export it again from the app or device",
    "die Datei ist beschädigt oder abgeschnitten; exportieren Sie sie erneut aus der App oder vom Gerät",
)


def _bad_files() -> list[tuple[str, bytes, str, str]]:
    """(name, content, English refusal after the name, its German) for a file refused by each reader."""
    fit_header = fit_file([fit_definition(0, 0, [(0, 1, 0x00)]), fit_data(0, "B", 4)])
    one_point = gpx_doc("<trk><trkseg>" + trkpt(46, 14, time="2024-05-01T10:00:00Z") + "</trkseg></trk>")
    return [
        (
            "empty.gpx",
            b"",
            "the file is empty (nothing to import)",
            "die Datei ist leer (nichts zu importieren)",
        ),
        (
            "notes.txt",
            b"a shopping list, not a recording\n" * 4,
            "not a GPX, TCX or FIT activity (judged by its content) (export the activity as GPX, TCX or FIT)",
            "keine GPX-, TCX- oder FIT-Aktivität (nach ihrem Inhalt beurteilt)"
            " (exportieren Sie die Aktivität als GPX, TCX oder FIT)",
        ),
        (
            "cut.gpx.gz",
            gzip.compress(gpx_doc("<trk/>"))[:30],
            "the gzip data is cut short (copy or download the file again)",
            "die gzip-Daten sind abgeschnitten (kopieren oder laden Sie die Datei erneut herunter)",
        ),
        (
            "bomb.gpx.gz",
            gzip.compress(b"<gpx>" + b" " * (20 * 2**20)),
            "the compressed file expands past 1 MB (100x its compressed size or 256 MB; a zip bomb?)"
            " (refused for safety; a real recording is far smaller)",
            "die komprimierte Datei entpackt sich auf mehr als 1 MB (100-mal ihre komprimierte Größe oder"
            " 256 MB; eine ZIP-Bombe?) (aus Sicherheitsgründen abgelehnt; eine echte Aufzeichnung ist viel"
            " kleiner)",
        ),
        (
            "broken.fit",
            (DATA / "fit" / "invalid" / "activity-filecrc.fit").read_bytes(),
            "the FIT file's CRC does not match its contents"
            " (the file is damaged; copy it from the device again)",
            "die Prüfsumme (CRC) der FIT-Datei passt nicht zu ihrem Inhalt"
            " (die Datei ist beschädigt; kopieren Sie sie erneut vom Gerät)",
        ),
        (
            "empty.fit",
            fit_header,
            "the FIT file has no track points (record messages): it has none, and no session totals"
            " (nothing to import)",
            "die FIT-Datei hat keine Streckenpunkte (Messpunkte): sie hat keine, und keine Gesamtwerte einer"
            " Einheit (nichts zu importieren)",
        ),
        (
            "comment.gpx",
            b'<?xml version="1.0"?>\n<!-- <gpx> -->\n',
            f"not well-formed XML at line 3: Start tag expected, '<' not found ({DAMAGED[0]})",
            f"kein wohlgeformtes XML bei Zeile 3: Start tag expected, '<' not found ({DAMAGED[1]})",
        ),
        (
            "other.gpx",
            b'<?xml version="1.0"?><gpx xmlns="http://example.org/x"></gpx>',
            "the root element is <{http://example.org/x}gpx>, not a GPX <gpx> (is this a GPX file?)",
            "das Wurzelelement ist <{http://example.org/x}gpx>, kein GPX-<gpx> (ist das eine GPX-Datei?)",
        ),
        (
            "none.gpx",
            gpx_doc("<trk><trkseg></trkseg></trk>"),
            "the GPX file has no track or route points (nothing to import)",
            "die GPX-Datei hat keine Strecken- oder Routenpunkte (nichts zu importieren)",
        ),
        (
            "entity.gpx",
            f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "b">]><gpx xmlns="{NS}"></gpx>'.encode(),
            "the file declares a DOCTYPE (entities or an external DTD), which activity files never need"
            " (refused for safety; export the file again from the app or device)",
            "die Datei deklariert einen DOCTYPE (Entitäten oder eine externe DTD), den Aktivitätsdateien nie"
            " brauchen (aus Sicherheitsgründen abgelehnt; exportieren Sie die Datei erneut aus der App oder"
            " vom Gerät)",
        ),
        (
            "course.tcx",
            f'<TrainingCenterDatabase xmlns="{TCX}"><Courses/></TrainingCenterDatabase>'.encode(),
            "the TCX file has no activity (it may be a course or a workout) (nothing to import)",
            "die TCX-Datei hat keine Aktivität (vielleicht ist sie eine Strecke oder ein Training)"
            " (nichts zu importieren)",
        ),
        (
            "one.gpx",
            one_point,
            "the recording has a single point: one point is not an activity"
            " (export the whole activity again from the device or app)",
            "die Aufzeichnung hat nur einen Punkt: ein Punkt ist keine Aktivität"
            " (exportieren Sie die ganze Aktivität erneut vom Gerät oder aus der App)",
        ),
    ]


@pytest.mark.parametrize(
    ("name", "content", "english", "german"), _bad_files(), ids=[case[0] for case in _bad_files()]
)
def test_a_refused_file_is_said_in_german_and_its_english_is_unchanged(
    name: str, content: bytes, english: str, german: str
) -> None:
    # The reasons a file is refused were English f-strings, shown so on the German upload page and CLI.
    with pytest.raises(ActivityError) as caught:
        read_activities(io.BytesIO(content), source=name)
    assert str(caught.value) == f"{name}: {english}"
    assert caught.value.text_in("en") == f"{name}: {english}"
    assert caught.value.text_in("de") == f"{name}: {german}"
