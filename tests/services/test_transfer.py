import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from calfcoach.domain.errors import InputError
from calfcoach.domain.log import CheckIn
from calfcoach.services.logbook import check_in
from calfcoach.services.transfer import export_to, import_from, read_export
from calfcoach.store import open_store
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, sign_up
from tests.store import builders


@pytest.mark.parametrize("name", ["all.json", "all.csv"])
def test_an_export_imports_into_an_empty_database_unchanged(store: Store, tmp_path: Path, name: str) -> None:
    athlete_id = sign_up(store)
    check_in(store, athlete_id, CheckIn(day=MONDAY, morning_pain=2, stiffness=1), today=MONDAY)
    done = export_to(store, tmp_path / name)
    assert done.counts["checkins"] == 1  # a CSV export said {}: nothing counted
    with open_store(f"sqlite:///{tmp_path / 'other.db'}") as other:
        imported = import_from(other, read_export(Path(done.path), today=MONDAY))
        assert imported.counts["checkins"] == 1
        export_to(other, tmp_path / "again.json")
    export_to(store, tmp_path / "first.json")
    assert json.loads((tmp_path / "first.json").read_text()) == json.loads(
        (tmp_path / "again.json").read_text()
    )


def test_an_export_needs_a_known_suffix(store: Store, tmp_path: Path) -> None:
    sign_up(store)
    with pytest.raises(InputError, match=r"FILE\.json or FILE\.csv"):
        export_to(store, tmp_path / "all.txt")


def _document(store: Store, tmp_path: Path) -> dict[str, Any]:
    """An export of a person with one session, one activity and one check-in, as JSON data to edit."""
    athlete_id = sign_up(store)
    check_in(store, athlete_id, CheckIn(day=MONDAY, morning_pain=2, stiffness=1), today=MONDAY)
    recording = builders.activity(content=b"morning run")
    with store.unit_of_work() as uow:
        session = builders.session("s-1", MONDAY, cardio=False).model_copy(update={"sets": builders.sets(4)})
        uow.sessions.add(athlete_id, session)
        uow.activities.add(athlete_id, recording.model_copy(update={"id": recording.content_sha256[:12]}))
        uow.commit()
    export_to(store, tmp_path / "all.json")
    data: dict[str, Any] = json.loads((tmp_path / "all.json").read_text())
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    target = tmp_path / "edited.json"
    target.write_text(json.dumps(data))
    return target


def test_a_checked_export_imports_with_true_counts(store: Store, tmp_path: Path) -> None:
    data = _document(store, tmp_path)
    data["activities"].append(dict(data["activities"][0]))  # the same recording twice: stored once
    document = read_export(_write(tmp_path, data), today=MONDAY)
    with open_store(f"sqlite:///{tmp_path / 'other.db'}") as other:
        done = import_from(other, document)
        with other.reader() as uow:
            assert uow.activities.count(done.athlete_id) == 1
    assert done.counts["activities"] == 1  # it said 2
    assert done.duplicates == {"activities": 1}
    assert done.counts["sessions"] == 1
    assert done.counts["checkins"] == 1


@pytest.mark.parametrize(
    ("change", "message", "where"),
    [
        (
            lambda d: d["sessions"][0]["sets"][0].update(exercise_id="moon-walk"),
            "exercise 'moon-walk' is not in the library",
            "sessions[0] (id 's-1').sets[0].exercise_id",
        ),
        (
            lambda d: d["sessions"][0].update(day="2999-01-01"),
            "the session is dated 2999-01-01, in the future",
            "sessions[0] (id 's-1').day",
        ),
        (
            lambda d: d["activities"][0].update(content_sha256="0" * 64),
            "does not match the activity's id",
            "activities[0]",
        ),
        (
            lambda d: d["checkins"][0].update(day="2999-01-01"),
            "the check-in is dated 2999-01-01",
            "checkins[0].day",
        ),
        (lambda d: d["profile"].update(program_id="couch-to-moon"), "no program 'couch-to-moon'", "profile"),
        (lambda d: d["profile"].update(weekdays=[{}]), "valid integer", "profile.weekdays[0]"),
    ],
)
def test_an_import_is_refused_where_log_and_the_api_refuse_naming_the_record(
    store: Store, tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str, where: str
) -> None:
    data = _document(store, tmp_path)
    change(data)
    target = _write(tmp_path, data)
    with pytest.raises(InputError, match=re.escape(message)) as raised:
        read_export(target, today=MONDAY)
    assert raised.value.where is not None
    assert raised.value.where.startswith(f"{target}: {where}")
