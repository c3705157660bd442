import json
from pathlib import Path

import pytest

from calfcoach.domain.errors import InputError
from calfcoach.domain.log import CheckIn
from calfcoach.services.logbook import check_in
from calfcoach.services.transfer import export_to, import_from
from calfcoach.store import open_store
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, sign_up


@pytest.mark.parametrize("name", ["all.json", "all.csv"])
def test_an_export_imports_into_an_empty_database_unchanged(store: Store, tmp_path: Path, name: str) -> None:
    athlete_id = sign_up(store)
    check_in(store, athlete_id, CheckIn(day=MONDAY, morning_pain=2, stiffness=1), today=MONDAY)
    done = export_to(store, tmp_path / name)
    with open_store(f"sqlite:///{tmp_path / 'other.db'}") as other:
        imported = import_from(other, Path(done["path"]))
        assert imported["counts"]["checkins"] == 1
        export_to(other, tmp_path / "again.json")
    export_to(store, tmp_path / "first.json")
    assert json.loads((tmp_path / "first.json").read_text()) == json.loads(
        (tmp_path / "again.json").read_text()
    )


def test_an_export_needs_a_known_suffix(store: Store, tmp_path: Path) -> None:
    sign_up(store)
    with pytest.raises(InputError, match=r"FILE\.json or FILE\.csv"):
        export_to(store, tmp_path / "all.txt")
