import datetime as dt
from pathlib import Path

import pytest

from calfcoach.cli import today_cache
from tests.cli.conftest import TODAY, Cli, run_json


def test_today_before_init_says_to_run_init(cli: Cli) -> None:
    result = cli("today")
    assert result.exit_code == 2
    assert "calfcoach init" in result.output


def test_today_shows_the_session_with_doses_and_reasons(signed_up: Cli) -> None:
    result = signed_up("today")
    assert result.exit_code == 0, result.output
    assert "Calf raise on a step" in result.stdout
    assert "calfcoach session" in result.stdout


def test_today_json_has_the_documented_keys(signed_up: Cli) -> None:
    data = run_json(signed_up, "today")
    assert set(data) == {
        "athlete", "day", "safety", "program", "phase", "next_phase", "pain", "session", "next_session",
        "done_today", "completion", "disclaimer",
    }  # fmt: skip
    assert set(data["safety"]) == {"mode", "stop", "refer", "caution", "advice", "flags", "cleared_on"}
    assert data["day"] == TODAY.isoformat()
    assert data["athlete"]["name"] == "Ada"
    item = data["session"]["items"][0]
    assert set(item) >= {"exercise_id", "exercise_name", "dose", "dose_text", "reason"}


def test_a_rest_day_shows_the_next_session(signed_up: Cli) -> None:
    data = run_json(signed_up, "today", "--day", (TODAY + dt.timedelta(days=1)).isoformat())
    assert data["session"] is None
    assert data["next_session"]["day"] == (TODAY + dt.timedelta(days=7)).isoformat()


def test_the_cached_answer_is_the_computed_one(signed_up: Cli, db_file: Path) -> None:
    (Path(f"{db_file}{today_cache.SUFFIX}")).unlink(missing_ok=True)
    computed = run_json(signed_up, "today")
    assert today_cache.cached_view(db_file, TODAY) == computed
    assert run_json(signed_up, "today") == computed


def test_a_write_makes_the_cached_answer_stale(signed_up: Cli, db_file: Path) -> None:
    before = run_json(signed_up, "today")
    taken = today_cache.stamp(db_file)
    result = signed_up("log", "--set", "calf-raise-step:12x2")
    assert result.exit_code == 0, result.output
    assert today_cache.stamp(db_file) != taken
    after = run_json(signed_up, "today")
    assert after["done_today"] != before["done_today"]


def test_a_cache_from_another_state_of_the_database_is_ignored(signed_up: Cli, db_file: Path) -> None:
    view = run_json(signed_up, "today")
    today_cache.save_views(db_file, [0, 0, 0, 0], {TODAY: {**view, "day": "forged"}})
    assert today_cache.cached_view(db_file, TODAY) is None
    assert run_json(signed_up, "today")["day"] == TODAY.isoformat()


def test_the_cache_finds_the_database_where_the_store_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from calfcoach.store.engine import default_database_path

    monkeypatch.delenv(today_cache.ENV_URL, raising=False)
    assert today_cache.sqlite_file(None) == default_database_path()
    assert today_cache.sqlite_file("sqlite:////tmp/x.db") == Path("/tmp/x.db")
    assert today_cache.sqlite_file("sqlite:///relative.db") == Path("relative.db")
    assert today_cache.sqlite_file("postgresql://u@h/db") is None
    assert today_cache.sqlite_file("sqlite:///:memory:") is None


def test_asking_about_another_day_keeps_todays_cached_answer(signed_up: Cli, db_file: Path) -> None:
    run_json(signed_up, "today")
    other = (TODAY + dt.timedelta(days=3)).isoformat()
    run_json(signed_up, "today", "--day", other)
    assert today_cache.cached_view(db_file, TODAY) is not None
    assert today_cache.cached_view(db_file, TODAY + dt.timedelta(days=3)) is not None


def test_a_write_refreshes_the_cache_for_today_and_tomorrow(signed_up: Cli, db_file: Path) -> None:
    signed_up("checkin", "--pain", "0", "--no-input")
    assert today_cache.cached_view(db_file, TODAY) is not None
    assert today_cache.cached_view(db_file, TODAY + dt.timedelta(days=1)) is not None


def test_a_computed_answer_also_prepares_tomorrows(signed_up: Cli, db_file: Path) -> None:
    Path(f"{db_file}{today_cache.SUFFIX}").unlink()
    run_json(signed_up, "today")
    tomorrow = today_cache.cached_view(db_file, TODAY + dt.timedelta(days=1))
    assert tomorrow is not None
    assert tomorrow == run_json(signed_up, "today", "--day", (TODAY + dt.timedelta(days=1)).isoformat())
