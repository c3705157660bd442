"""The notes an imported recording carries, in the reader's language (services/import_notes.py)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from calfcoach.activities.batch import iter_import_file
from calfcoach.activities.model import ActivityError
from calfcoach.domain.errors import Phrase
from calfcoach.services.import_notes import FORMS, _Form, device_in, note_in, report_in
from calfcoach.services.views import (
    ActivityCoachView,
    FileFailure,
    FileSkipped,
    FileWarning,
    ImportedActivity,
    ImportReportView,
)

START = dt.datetime(2026, 1, 6, 7, 0, tzinfo=dt.UTC)


def faulty_gpx(start: dt.datetime = START) -> bytes:
    """A 17-minute walk whose device misbehaved: an elevation spike, a heart rate of 400, a (0, 0) fix and an
    unreadable elevation."""
    points = []
    for i in range(200):
        stamp = (start + dt.timedelta(seconds=5 * i)).isoformat().replace("+00:00", "Z")
        lat, lon = (0.0, 0.0) if i == 50 else (52.5 + i * 0.00005, 13.4)
        elevation = "abc" if i == 30 else f"{30000.0 if i in (10, 11, 12) else 40.0 + i * 0.01}"
        hr = 400 if i in (20, 21) else 120
        points.append(
            f'<trkpt lat="{lat}" lon="{lon}"><ele>{elevation}</ele><time>{stamp}</time><extensions>'
            f"<gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr></gpxtpx:TrackPointExtension>"
            "</extensions></trkpt>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test"'
        ' xmlns="http://www.topografix.com/GPX/1/1"'
        ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><trkseg>'
        + "".join(points)
        + "</trkseg></trk></gpx>"
    ).encode()


def test_the_notes_a_faulty_recording_is_read_with_are_german_for_a_german_reader() -> None:
    (outcome,) = iter_import_file(io.BytesIO(faulty_gpx()), "walk.gpx")
    assert outcome.activity is not None
    notes = outcome.activity.warnings
    assert "3 elevation values outside -500..9000 m were left out" in notes
    assert "1 unreadable elevation value was left out" in notes
    german = [note_in(note, "de") for note in notes]
    assert "3 Höhenwerte außerhalb von -500 bis 9000 m wurden weggelassen" in german
    assert "2 Herzfrequenzwerte außerhalb von 25–250 Schlägen/min wurden weggelassen" in german
    assert "1 unlesbarer Wert für Höhe wurde weggelassen" in german
    assert not [n for n in german if "left out" in n or "value" in n or "(e)" in n], german
    assert [note_in(note, "en") for note in notes] == list(notes)  # English as it was written


# One note of each form, as the readers and the import wrote them before the readers wrote real plurals
# ("value(s)"; activities/, services/activities.py): notes stored so must still be said in German.
WRITTEN = (
    "3 elevation value(s) outside -500..9000 m were left out",
    "4 elevation value(s) changing faster than 20 m/s (a sensor fault, not a climb) were left out",
    "4 elevation value(s) changing by over 3 m per metre along (a sensor fault, not a climb) were left out",
    "the elevation is unusable: 90 of its 100 values are outside -500..9000 m or change faster than 20 m/s;"
    " it was left out (no climb counted)",
    "2 heart-rate value(s) outside 25-250 bpm were left out",
    "1 position(s) outside latitude -90..90 or longitude -180..180 were left out",
    "1 position(s) at exactly (0, 0), a device's placeholder for no fix, were left out",
    "5 point(s) in 1 track segment(s) without any time were kept for the distance and climb; their duration"
    " and pace cannot be known",
    "only 1 of 40 points have a distinct, plausible time: times ignored (distance and climb only)",
    "2 point(s) without a plausible time were left out",
    "3 point(s) over 2 days from the rest were left out",
    "1 point(s) left out because their time went back",
    "6 point(s) sharing a time with the one before were merged into it",
    "2 GPS position(s) jumped faster than 100 m/s and were left out",
    "1 GPS jump(s) faster than 100 m/s were not counted as distance",
    "the device's distance is already 812 m at the first point, more than any step between points: a"
    " resumed or trimmed recording, so the distance counts from the first point",
    "1 unreadable time value(s) were left out",
    "the XML is damaged at line 40 (Premature end of data); kept what could be read before it",
    "the file has no track, only a planned route: read its points",
    "the recording has no times: distance and climb only, no duration or pace",
    "the device recorded no clock time (only time since power-on): start time unknown",
    "the records carry no times: the start time and duration are the session's own totals",
    "the session has no records: read from its totals (start, duration, distance) only",
    "the file has 3 sessions, but its records carry no times to tell them apart: read as one activity",
    "ignored 12 trailing byte(s) after the FIT data (not a FIT header)",
    "the file is cut short (it has 900 of 1200 bytes) and unreadable from byte 850: kept the 30 message(s)"
    " before; its CRC could not be checked",
    "ignored a chained FIT file at byte 4000 whose CRC does not match",
    "chained FIT file 2 of 3 holds no records or sessions: left out",
    "chained FIT files 2, 3 of 4 hold no records or sessions: left out",
    "a transition between sports (1 min 5 s, 200 m) was left out: it is not an activity",
    "a transition between sports was left out: it is not an activity",
    "classified as 'other': stored, not counted as calf or running work",
    "dated 2015-08-15, before the program's start: stored, not counted as a session",
    "9.5 h of moving time, over the 8 h one session can last: stored, not counted as a session (log it by"
    " hand as the sessions it was, or split the recording in the device's app and import the parts)",
    "not an activity file",
    "a zip inside a zip is not opened",
)


@pytest.mark.parametrize("note", WRITTEN)
def test_each_form_of_note_reads_in_german(note: str) -> None:
    german = note_in(note, "de")
    assert german != note
    for english in (
        "left out",
        "stored",
        "value",
        "point(s)",
        "the file",
        "the device",
        "faster than",
        "(e)",
    ):
        assert english not in german, german


def test_every_form_has_a_written_example_above() -> None:
    unmatched = [form.template for form in FORMS if not any(form.pattern.match(note) for note in WRITTEN)]
    assert not unmatched


def test_a_notes_figures_and_day_are_written_as_german_writes_them() -> None:
    assert note_in(
        "dated 2015-08-15, before the program's start: stored, not counted as a session", "de"
    ) == ("datiert auf 15.08.2015, vor dem Programmstart: gespeichert, zählt aber nicht als Einheit")
    long = note_in(WRITTEN[-3], "de")
    assert long.startswith("9,5 h Bewegungszeit, mehr als die 8 h")
    # 'other' as a sport, not the pain site's 'elsewhere' ('woanders') the bare word is translated as
    assert note_in(WRITTEN[-5], "de") == (
        "eingeordnet als eine andere Sportart: gespeichert, zählt aber nicht als Waden- oder Lauftraining"
    )


def test_a_note_of_no_known_form_is_shown_as_written() -> None:
    assert note_in("a reader's new words", "de") == "a reader's new words"


def test_a_devices_product_number_is_said_in_german() -> None:
    assert device_in("garmin product 1967", "de") == "garmin Produkt 1967"
    assert device_in("garmin product 1967", "en") == "garmin product 1967"
    assert device_in("Suunto Ambit", "de") == "Suunto Ambit"


def test_an_import_answer_keeps_its_english_and_adds_the_readers_words() -> None:
    coach = ActivityCoachView(
        session_id="s1",
        day=START.date(),
        exercise_id="brisk-walk",
        block=None,
        planned=True,
        speed_kmh=5.0,
        grade_pct=None,
    )
    walk = ImportedActivity(
        id="a1",
        sport="walk",
        start_time=START,
        distance_m=1100.0,
        elapsed_s=995.0,
        moving_s=995.0,
        elevation_gain_m=None,
        elevation_loss_m=None,
        avg_speed_mps=1.1,
        gap_speed_mps=None,
        points=200,
        source_file="a.gpx",
        device="",
        name=None,
        coach=coach,
    )
    answer = ImportReportView(
        imported=[walk],
        duplicates=[],
        failed=[],
        warnings=[FileWarning(source_file="a.gpx", warning=WRITTEN[0])],
        skipped=[FileSkipped(source_file="b.txt", reason="not an activity file")],
    )
    said = report_in(answer, "de")
    assert said.warnings == [
        FileWarning(source_file="a.gpx", warning=WRITTEN[0], said=note_in(WRITTEN[0], "de"))
    ]
    assert said.skipped == [
        FileSkipped(source_file="b.txt", reason="not an activity file", said="keine Aktivitätsdatei")
    ]
    (imported,) = said.imported
    assert (imported.sport, imported.sport_name, imported.exercise_name) == ("walk", "Gehen", "Zügiges Gehen")
    # In English the name stands lowercased inside the page's sentence ("logged as an extra brisk walk").
    (english_walk,) = report_in(answer, "en").imported
    assert english_walk.exercise_name == "brisk walk"


def test_an_answers_refusals_are_said_in_the_readers_language_and_their_english_kept() -> None:
    # A refused file's reason stayed English in the answer the German upload page shows.
    outcomes = list(iter_import_file(io.BytesIO(b""), "leer.gpx"))
    (outcome,) = outcomes
    assert outcome.refusal is not None
    answer = ImportReportView(
        imported=[],
        duplicates=[],
        failed=[
            FileFailure.of(outcome.source, outcome.refusal),
            FileFailure(source_file="old.gpx", error="old.gpx: kept from before"),  # no error to say again
        ],
        warnings=[],
        skipped=[
            FileSkipped.of(
                "s.fit#1",
                "s.fit#1: the FIT file is a 'settings' file, not an activity (nothing to import)",
                ActivityError(
                    "{part} is a '{kind}' file, not an activity",
                    where="s.fit#1",
                    hint="nothing to import",
                    part=Phrase("the FIT file"),
                    kind="settings",
                ),
            )
        ],
    )
    said = report_in(answer, "de")
    new, old = said.failed
    assert new.error == "leer.gpx: the file is empty (nothing to import)"
    assert new.said == "leer.gpx: die Datei ist leer (nichts zu importieren)"
    assert old.said == "old.gpx: kept from before"
    (skipped,) = said.skipped
    assert (
        skipped.said
        == "s.fit#1: die FIT-Datei ist eine Datei vom Typ 'settings', keine Aktivität (nichts zu importieren)"
    )
    assert report_in(answer, "en").failed[0].said == new.error
    # The JSON a client reads has the English and what is said, never the error kept to say it.
    assert set(new.model_dump()) == {"source_file", "error", "said"}


COUNTS = (0, 1, 2, 5)
COUNTING = [
    (form, note) for form in FORMS if form.plural is not None for note in WRITTEN if form.pattern.match(note)
]
_FORGOTTEN_FORM = re.compile(r"\w\((?:e|en|n|r|s)\)|/Sprünge")


def _old_note(note: str, form_pattern: re.Pattern[str], n: int) -> str:
    """The stored "(s)" note with its count set to n."""
    found = form_pattern.match(note)
    assert found is not None
    start, end = found.span("n")
    return note[:start] + str(n) + note[end:]


def _new_note(form: _Form, note: str, n: int) -> str:
    """The note as the readers write it now, with its count n: the form for one or for many."""
    assert form.plural is not None
    found = form.pattern.match(note)
    assert found is not None
    fields = found.groupdict()
    if "segments" in fields:
        segments = int(fields["segments"])
        fields["segments"] = f"{segments} track segment" + ("" if segments == 1 else "s")
    return (form.template if n == 1 else form.plural).format(**{**fields, "n": str(n)})


def test_every_counting_form_has_a_stored_example() -> None:
    assert {id(form) for form, _ in COUNTING} == {id(f) for f in FORMS if f.plural is not None}
    assert len(COUNTING) >= 15


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize(("form", "note"), COUNTING, ids=[note[:40] for _, note in COUNTING])
def test_a_counted_note_old_or_new_is_said_in_german_with_the_form_for_its_count(
    form: _Form, note: str, n: int
) -> None:
    new, old = _new_note(form, note, n), _old_note(note, form.pattern, n)
    assert "(s)" not in new
    german = note_in(new, "de")
    assert german == note_in(old, "de"), "a note stored with '(s)' reads as one written now"
    assert german != new
    assert not _FORGOTTEN_FORM.search(german), german
    assert note_in(new, "en") == new
    # Only the count and the words it governs change: 0, 2 and 5 read alike, 1 reads otherwise.
    words = set(re.findall(r"[^\W\d]+", german))
    one = set(re.findall(r"[^\W\d]+", note_in(_new_note(form, note, 1), "de")))
    many = set(re.findall(r"[^\W\d]+", note_in(_new_note(form, note, 2), "de")))
    assert one != many
    assert words == (one if n == 1 else many)


@pytest.mark.parametrize(
    ("note", "german"),
    [
        (
            "1 elevation value outside -500..9000 m was left out",
            "1 Höhenwert außerhalb von -500 bis 9000 m wurde weggelassen",
        ),
        (
            "1 elevation value(s) outside -500..9000 m were left out",
            "1 Höhenwert außerhalb von -500 bis 9000 m wurde weggelassen",
        ),
        (
            "0 elevation values outside -500..9000 m were left out",
            "0 Höhenwerte außerhalb von -500 bis 9000 m wurden weggelassen",
        ),
        (
            "1 point in 1 track segment without any time was kept for the distance and climb; its duration"
            " and pace cannot be known",
            "1 Punkt in 1 Streckenabschnitt ohne jede Zeit wurde für Distanz und Anstieg behalten; seine"
            " Dauer und Pace sind nicht bekannt",
        ),
        (
            "5 point(s) in 2 track segment(s) without any time were kept for the distance and climb; their"
            " duration and pace cannot be known",
            "5 Punkte in 2 Streckenabschnitten ohne jede Zeit wurden für Distanz und Anstieg behalten; ihre"
            " Dauer und Pace sind nicht bekannt",
        ),
        (
            "1 GPS jump(s) faster than 100 m/s were not counted as distance",
            "1 GPS-Sprung schneller als 100 m/s wurde nicht als Distanz gezählt",
        ),
        (
            "ignored 1 trailing byte after the FIT data (not a FIT header)",
            "1 überzähliges Byte nach den FIT-Daten nicht beachtet (kein FIT-Kopf)",
        ),
    ],
)
def test_a_counted_note_reads_in_german_as_german_counts(note: str, german: str) -> None:
    assert note_in(note, "de") == german
