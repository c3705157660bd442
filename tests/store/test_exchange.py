"""Export and import: a lossless round trip, and a bad file named precisely with nothing written."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.domain.errors import InputError
from calfcoach.domain.log import PainSite, PerformedSession
from calfcoach.domain.log import TestKind as Kind
from calfcoach.store import Store, open_store
from calfcoach.store.exchange import (
    dumps,
    export_athlete,
    export_json_file,
    import_document,
    import_json_file,
    parse_document,
)
from tests.store import builders, strategies

RECORDED = dt.datetime(2024, 1, 1, 7, 15, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def filled(store: Store) -> int:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        uow.sessions.add_many(
            athlete,
            [
                builders.session(
                    f"s-{i}",
                    builders.START + dt.timedelta(days=i),
                    cardio=i % 2 == 0,
                    pain_from=("calf-raise-step",) if i == 3 else (),
                    pain_site=PainSite.ACHILLES if i == 3 else None,
                )
                for i in range(5)
            ],
        )
        uow.checkins.add(athlete, builders.checkin(symptoms=("night-pain", "numbness"), recorded_at=RECORDED))
        uow.clearances.add_record(athlete, builders.clearance_record(builders.START + dt.timedelta(days=9)))
        uow.tests.add(athlete, builders.result())
        uow.tests.add(athlete, builders.result(kind=Kind.BALANCE, left=21.5))
        uow.notes.add(athlete, builders.note())
        uow.plans.save(athlete, builders.plan(), created_at=dt.datetime(2024, 1, 1, 8, tzinfo=dt.UTC))
        uow.activities.add(athlete, builders.activity())
        uow.screenings.add_record(athlete, builders.screening())
        uow.commit()
    return athlete


def _export(store: Store, athlete: int) -> dict[str, Any]:
    with store.reader() as uow:
        return export_athlete(uow, athlete)


def test_export_then_import_into_an_empty_store_then_export_gives_the_same_document(
    store: Store, tmp_path: Path
) -> None:
    athlete = filled(store)
    first = tmp_path / "first.json"
    export_json_file(store, athlete, first)
    with open_store(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        summary = import_json_file(empty, first)
        second = tmp_path / "second.json"
        export_json_file(empty, summary.athlete_id, second)
    assert second.read_text() == first.read_text()
    assert summary.counts["sets"] == 5 * 7
    document = json.loads(first.read_text())
    assert (document["format"], document["version"]) == ("calfcoach-export", 1)
    kinds = ("sessions", "checkins", "tests", "notes", "plans", "activities", "screenings", "clearances")
    assert [len(document[k]) for k in kinds] == [5, 1, 2, 1, 1, 1, 1, 1]
    assert document["checkins"][0]["symptoms"] == ["night-pain", "numbness"]
    assert document["checkins"][0]["recorded_at"] == "2024-01-01T05:15:00Z"  # the instant, in UTC
    assert (document["sessions"][3]["pain_from"], document["sessions"][3]["pain_site"]) == (
        ["calf-raise-step"],
        "achilles",
    )
    assert document["clearances"][0] == {
        "day": "2024-01-10",
        "by": "GP",
        "note": "scan clear; build up slowly",
        "recorded_at": "2024-01-10T18:00:00Z",
    }


def test_importing_into_the_same_store_makes_a_second_athlete_with_the_same_records(store: Store) -> None:
    athlete = filled(store)
    document = parse_document(dumps(_export(store, athlete)))
    with store.unit_of_work() as uow:
        copy = import_document(uow, document).athlete_id
        uow.commit()
    assert copy != athlete
    assert _export(store, copy) == _export(store, athlete)


def test_an_athlete_with_records_cannot_receive_an_import(store: Store) -> None:
    athlete = filled(store)
    document = parse_document(dumps(_export(store, athlete)))
    with pytest.raises(InputError, match="already has records"), store.unit_of_work() as uow:
        import_document(uow, document, into=athlete)


def test_an_import_into_a_fresh_athlete_replaces_its_profile(store: Store) -> None:
    athlete = filled(store)
    document = parse_document(dumps(_export(store, athlete)))
    with store.unit_of_work() as uow:
        empty = uow.athletes.add(builders.profile("placeholder"))
        import_document(uow, document, into=empty)
        uow.commit()
    assert _export(store, empty) == _export(store, athlete)


def _bad(document: dict[str, Any], *path: str | int, value: object) -> str:
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(document)


@pytest.mark.parametrize(
    ("change", "message", "where"),
    [
        ((("sessions", 1, "sets", 0, "reps"), -1), "greater than or equal to 0", "sessions[1].sets[0].reps"),
        ((("checkins", 0, "morning_pain"), 11), "less than or equal to 10", "checkins[0].morning_pain"),
        ((("sessions", 0, "started_at"), "2024-01-01T07:30:00"), "time zone", "sessions[0].started_at"),
        ((("profile", "weekdays"), [9]), "weekdays must be 0", "profile.weekdays"),
        ((("tests", 0, "kind"), "jump"), "Input should be", "tests[0].kind"),
        ((("activities", 0, "track_zlib_base64"), "not base64!"), "does not decode", "activities[0]"),
        ((("sessions", 0, "colour"), "red"), "Extra inputs are not permitted", "sessions[0].colour"),
        ((("sessions", 3, "pain_site"), "elbow"), "Input should be", "sessions[3].pain_site"),
        ((("clearances", 0, "by"), ""), "at least 1 character", "clearances[0].by"),
    ],
)
def test_a_bad_value_is_reported_with_its_place_and_nothing_is_written(
    store: Store, change: tuple[tuple[str | int, ...], object], message: str, where: str
) -> None:
    document = _export(store, filled(store))
    path, value = change
    text = _bad(document, *path, value=value)
    with pytest.raises(InputError, match=message) as raised:
        parse_document(text, source="backup.json")
    assert raised.value.where is not None
    assert raised.value.where.startswith(f"backup.json: {where}")


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ('{"format": "calfcoach-export", "version": 1,\n "profile": }', "not valid JSON", "line 2 column 13"),
        ("[1, 2]", "not a CalfCoach export", "backup.json"),
        ('{"format": "calfcoach-export", "version": 7}', "version 7 is newer", "backup.json: version"),
        ('{"format": "calfcoach-export", "version": "1"}', "missing or not a number", "backup.json: version"),
        ('{"format": "calfcoach-export", "version": 1}', "Field required", "backup.json: profile"),
    ],
)
def test_a_malformed_file_gets_a_clear_error(text: str, message: str, where: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        parse_document(text, source="backup.json")
    assert raised.value.where is not None
    assert where in raised.value.where


def test_a_document_that_fails_while_writing_leaves_nothing_behind(store: Store, tmp_path: Path) -> None:
    document = _export(store, filled(store))
    document["sessions"].append(dict(document["sessions"][0]))  # valid values, but a repeated session id
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    with open_store(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        with pytest.raises(InputError, match="'s-0' appears more than once"):
            import_json_file(empty, bad)
        with empty.reader() as uow:
            assert {name: n for name, n in uow.counts().items() if n} == {}


def test_a_missing_file_is_named(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the file") as raised:
        import_json_file(store, tmp_path / "nowhere.json")
    assert raised.value.where == str(tmp_path / "nowhere.json")


@settings(max_examples=25, deadline=None)
@given(sessions=st.lists(strategies.sessions(), max_size=6, unique_by=lambda s: s.id))
def test_any_history_survives_export_and_import(sessions: list[PerformedSession]) -> None:
    with open_store("sqlite://") as first, open_store("sqlite://") as second:
        with first.unit_of_work() as uow:
            athlete = uow.athletes.add(builders.profile())
            uow.sessions.add_many(athlete, sessions)
            uow.commit()
        exported = dumps(_export(first, athlete))
        with second.unit_of_work() as uow:
            copy = import_document(uow, parse_document(exported)).athlete_id
            uow.commit()
        assert dumps(_export(second, copy)) == exported


def test_an_export_made_before_symptoms_pain_sites_and_clearances_still_imports(store: Store) -> None:
    document = _export(store, filled(store))
    del document["clearances"]
    for checkin in document["checkins"]:
        del checkin["symptoms"], checkin["recorded_at"]
    for session in document["sessions"]:
        del session["pain_from"], session["pain_site"]
    with store.unit_of_work() as uow:
        copy = import_document(uow, parse_document(json.dumps(document))).athlete_id
        uow.commit()
    again = _export(store, copy)
    assert again["clearances"] == []
    assert [(c["symptoms"], c["recorded_at"]) for c in again["checkins"]] == [([], None)]
    assert {(s["pain_from"] == [], s["pain_site"]) for s in again["sessions"]} == {(True, None)}
