"""A database shared with a server holds several athletes: the CLI acts for the one named, or asks, never
silently for the first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from calfcoach.cli import database
from calfcoach.cli.main import app
from calfcoach.domain.errors import InputError
from calfcoach.services.athletes import local_athlete
from calfcoach.store import open_store
from tests.cli.conftest import TODAY, Cli
from tests.store import builders


def _add_bob(db_file: Path) -> int:
    """A second athlete, signed up through the web app: an account with an e-mail and its profile."""
    with open_store(f"sqlite:///{db_file}") as store, store.unit_of_work() as uow:
        user = uow.users.add("bob@example.org")
        bob = uow.athletes.add(builders.profile("Bob"), user_id=user.id)
        uow.commit()
    return bob


def _checkins_of(db_file: Path) -> dict[str, int]:
    with open_store(f"sqlite:///{db_file}") as store, store.reader() as uow:
        return {a.profile.name: len(uow.checkins.since(a.id)) for a in uow.athletes.all()}


def _checkin(
    db_file: Path, *before: str, env: dict[str, str] | None = None, input: str | None = None
) -> Result:
    args = ["--db", f"sqlite:///{db_file}", *before, "checkin", "--pain", "1", "--no-input", "--json"]
    return CliRunner().invoke(app, args, env=env, input=input)


def test_a_write_on_a_database_with_several_athletes_and_none_named_is_refused(
    signed_up: Cli, db_file: Path
) -> None:
    _add_bob(db_file)
    result = _checkin(db_file)
    assert result.exit_code == 2, result.output
    assert "holds 2 athletes" in result.output
    assert "--athlete ID|NAME|EMAIL or CALFCOACH_ATHLETE" in result.output
    assert _checkins_of(db_file) == {"Ada": 0, "Bob": 0}  # it went into Ada's, the first, silently


@pytest.mark.parametrize("who", ["Bob", "bob", "bob@example.org", "id"])
def test_the_athlete_named_by_id_name_or_email_gets_the_write(
    signed_up: Cli, db_file: Path, who: str
) -> None:
    bob = _add_bob(db_file)
    result = _checkin(db_file, "--athlete", str(bob) if who == "id" else who)
    assert result.exit_code == 0, result.output
    assert _checkins_of(db_file) == {"Ada": 0, "Bob": 1}


def test_the_environment_variable_names_the_athlete(signed_up: Cli, db_file: Path) -> None:
    _add_bob(db_file)
    result = _checkin(db_file, env={"CALFCOACH_ATHLETE": "Ada"})
    assert result.exit_code == 0, result.output
    assert _checkins_of(db_file) == {"Ada": 1, "Bob": 0}


def test_an_athlete_that_is_not_there_is_refused_with_who_is(signed_up: Cli, db_file: Path) -> None:
    _add_bob(db_file)
    result = _checkin(db_file, "--athlete", "Carol")
    assert result.exit_code == 2, result.output
    assert "no athlete 'Carol'" in result.output
    assert "Bob <bob@example.org>" in result.output


def test_at_a_terminal_the_person_is_asked_which_athlete(
    signed_up: Cli, db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_bob(db_file)
    monkeypatch.setattr(database, "_interactive", lambda: True)
    result = _checkin(db_file, input="Carol\nbob\n")
    assert result.exit_code == 0, result.output
    assert "'carol' is none of them" in result.output
    assert _checkins_of(db_file) == {"Ada": 0, "Bob": 1}


def test_today_is_cached_per_athlete_named(signed_up: Cli, db_file: Path) -> None:
    bob = _add_bob(db_file)
    for who, name in (("Ada", "Ada"), (str(bob), "Bob"), ("Ada", "Ada")):
        args = ["--db", f"sqlite:///{db_file}", "--athlete", who, "today", "--json"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        view = json.loads(result.stdout)
        assert view["day"] == TODAY.isoformat()
        assert view["athlete"]["name"] == name


def test_the_choice_ends_with_the_command(signed_up: Cli, db_file: Path) -> None:
    _add_bob(db_file)
    assert _checkin(db_file, "--athlete", "Bob").exit_code == 0
    with (
        open_store(f"sqlite:///{db_file}") as store,
        store.reader() as uow,
        pytest.raises(InputError, match="holds 2 athletes"),
    ):
        local_athlete(uow)  # not still Bob, in whatever runs next in this process


def test_log_and_import_data_also_refuse_to_guess(signed_up: Cli, db_file: Path, tmp_path: Path) -> None:
    exported = tmp_path / "ada.json"
    assert signed_up("export", str(exported)).exit_code == 0
    _add_bob(db_file)
    for args in (["log", "--set", "calf-raise-step:12x3"], ["import-data", str(exported)]):
        result = CliRunner().invoke(app, ["--db", f"sqlite:///{db_file}", *args])
        assert result.exit_code == 2, result.output
        assert "holds 2 athletes" in result.output
    with open_store(f"sqlite:///{db_file}") as store, store.reader() as uow:
        assert [uow.sessions.count(a.id) for a in uow.athletes.all()] == [0, 0]
