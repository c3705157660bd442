"""CSV export: one readable file per kind, read back losslessly, a bad cell named by file, line and column."""

import csv
import json
from pathlib import Path

import pytest

from calfcoach.domain.errors import InputError
from calfcoach.domain.units import LoadUnit, Units, UnitSystem
from calfcoach.store import Store, open_store
from calfcoach.store.csv_exchange import TABLES, export_csv, import_csv_folder
from calfcoach.store.exchange import dumps, export_athlete, import_document, parse_document
from tests.store import builders
from tests.store.test_exchange import filled


def test_the_csv_export_writes_one_readable_file_per_kind(store: Store, tmp_path: Path) -> None:
    written = export_csv(store, filled(store), tmp_path / "csv")
    assert sorted(p.name for p in written) == sorted(TABLES)
    with (tmp_path / "csv" / "sets.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 * 7
    assert rows[0] == {
        "session_id": "s-0",
        "day": "2024-01-01",
        "exercise_id": "calf-raise-step",
        "block": "main",
        "set_index": "0",
        "side": "left",
        "reps": "12",
        "hold_s": "",
        "load_kg": "0.0",
        "rpe": "5.5",
    }
    with (tmp_path / "csv" / "planned_sessions.csv").open(newline="") as handle:
        planned = list(csv.DictReader(handle))
    assert json.loads(planned[0]["items"])[0]["dose"]["reps_max"] == 15


def test_a_csv_export_imported_into_an_empty_store_gives_back_the_same_records(
    store: Store, tmp_path: Path
) -> None:
    athlete = filled(store)
    export_csv(store, athlete, tmp_path / "first")
    with store.reader() as uow:
        original = export_athlete(uow, athlete)
    with open_store(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        summary = import_csv_folder(empty, tmp_path / "first")
        with empty.reader() as uow:
            again = export_athlete(uow, summary.athlete_id)
        export_csv(empty, summary.athlete_id, tmp_path / "second")
    assert again == original
    assert original["checkins"][0]["recorded_at"] == "2024-01-01T05:15:00Z"
    for name in TABLES:
        assert (tmp_path / "second" / name).read_text() == (tmp_path / "first" / name).read_text()


def _edit(folder: Path, name: str, line: int, column: str, value: str) -> None:
    with (folder / name).open(newline="") as handle:
        rows = list(csv.DictReader(handle))
        columns = list(rows[0])
    rows[line - 2][column] = value
    with (folder / name).open("w", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize(
    ("name", "line", "column", "value", "message"),
    [
        ("sets.csv", 4, "reps", "-3", "greater than or equal to 0"),
        ("sets.csv", 3, "session_id", "nobody", "matches no row"),
        ("checkins.csv", 2, "morning_pain", "eleven", "valid integer"),
        ("sessions.csv", 2, "day", "2024-13-01", "valid date"),
        ("planned_sessions.csv", 2, "items", "[{", "not valid JSON"),
        ("activities.csv", 2, "track_zlib_base64", "AAAA", "does not decode"),
        ("checkins.csv", 2, "symptoms", '["night-pain"', "not valid JSON"),
        ("clearances.csv", 2, "day", "2024-02-30", "valid date"),
        ("sessions.csv", 2, "completed", "yes", "valid boolean"),
    ],
)
def test_a_bad_cell_is_named_by_file_line_and_column_and_nothing_is_written(
    store: Store, tmp_path: Path, name: str, line: int, column: str, value: str, message: str
) -> None:
    export_csv(store, filled(store), tmp_path / "csv")
    _edit(tmp_path / "csv", name, line, column, value)
    with open_store(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        with pytest.raises(InputError, match=message) as raised:
            import_csv_folder(empty, tmp_path / "csv")
        with empty.reader() as uow:
            assert {table: n for table, n in uow.counts().items() if n} == {}
    assert raised.value.where is not None
    assert raised.value.where.startswith(f"{tmp_path / 'csv' / name}, line {line}")


def test_an_unknown_column_or_a_missing_profile_is_refused(tmp_path: Path, sqlite_store: Store) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    with pytest.raises(InputError, match="the file is missing"):
        import_csv_folder(sqlite_store, folder)
    (folder / "profile.csv").write_text("field,value\nstart_date,2024-01-01\nweekdays,[0]\n")
    (folder / "notes.csv").write_text("day,txt\n2024-01-01,hello\n")
    with pytest.raises(InputError, match="unknown column 'txt'"):
        import_csv_folder(sqlite_store, folder)
    (folder / "notes.csv").unlink()
    assert import_csv_folder(sqlite_store, folder).counts["sessions"] == 0


def test_a_csv_export_made_before_symptoms_pain_sites_and_clearances_still_imports(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "old"
    export_csv(store, filled(store), folder)
    (folder / "clearances.csv").unlink()
    for name, dropped in (
        ("checkins.csv", {"symptoms", "recorded_at"}),
        ("sessions.csv", {"pain_from", "pain_site"}),
    ):
        with (folder / name).open(newline="") as handle:
            rows = [{k: v for k, v in row.items() if k not in dropped} for row in csv.DictReader(handle)]
        with (folder / name).open("w", newline="") as handle:
            writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    with open_store(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        summary = import_csv_folder(empty, folder)
        with empty.reader() as uow:
            history = uow.history(summary.athlete_id)
    assert summary.counts["clearances"] == 0
    assert [(c.symptoms, c.recorded_at) for c in history.checkins] == [((), None)]
    assert {(s.pain_from, s.pain_site) for s in history.sessions} == {((), None)}


def test_a_persons_units_survive_json_and_csv_export_and_import(store: Store, tmp_path: Path) -> None:
    """Miles with kilograms: both choices come back from either format; the stored profile is not metric."""
    with store.unit_of_work() as uow:
        profile = builders.profile().model_copy(
            update={"units": UnitSystem.IMPERIAL, "load_units": LoadUnit.KG}
        )
        athlete = uow.athletes.add(profile)
        uow.commit()
    with store.reader() as uow:
        document = export_athlete(uow, athlete)
    assert (document["profile"]["units"], document["profile"]["load_units"]) == ("imperial", "kg")
    export_csv(store, athlete, tmp_path / "csv")
    with open_store(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        summary = import_csv_folder(empty, tmp_path / "csv")
        with empty.reader() as uow:
            assert uow.athletes.profile(summary.athlete_id).preferred_units == Units.chosen(
                UnitSystem.IMPERIAL, LoadUnit.KG
            )
            assert export_athlete(uow, summary.athlete_id)["profile"] == document["profile"]
    with open_store(f"sqlite:///{tmp_path / 'json.db'}") as empty, empty.unit_of_work() as uow:
        into = uow.athletes.add(builders.profile("placeholder"))
        import_document(uow, parse_document(dumps(document)), into=into)
        assert uow.athletes.profile(into).preferred_units.load is LoadUnit.KG
        assert uow.athletes.profile(into).units is UnitSystem.IMPERIAL
