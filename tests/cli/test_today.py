import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from calfcoach.cli import today_cache
from calfcoach.cli.main import app
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


def test_after_the_days_session_is_logged_today_says_done_and_shows_the_next(signed_up: Cli) -> None:
    """Regression (issue 14): the logged session was offered again ("Start it with calfcoach session")."""
    logged = signed_up("log", "--set", "calf-raise-step:12x2")
    assert logged.exit_code == 0, logged.output
    result = signed_up("today")
    assert result.exit_code == 0, result.output
    assert "Done today:" in result.stdout
    assert "calfcoach session" not in result.stdout
    assert "Next session:" in result.stdout
    assert "Rest day" not in result.stdout


def test_today_json_has_the_documented_keys(signed_up: Cli) -> None:
    data = run_json(signed_up, "today")
    assert set(data) == {
        "athlete", "day", "safety", "program", "phase", "next_phase", "pain", "session", "next_session",
        "done_today", "done", "start", "completion", "disclaimer", "language",
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
    taken = today_cache.revisions(db_file)
    result = signed_up("log", "--set", "calf-raise-step:12x2")
    assert result.exit_code == 0, result.output
    assert today_cache.revisions(db_file) != taken
    after = run_json(signed_up, "today")
    assert after["done_today"] != before["done_today"]


def test_a_cache_from_another_revision_of_the_athlete_is_ignored(signed_up: Cli, db_file: Path) -> None:
    view = run_json(signed_up, "today")
    revision = today_cache.revisions(db_file)
    assert revision is not None
    stale = {athlete: [state[0] - 1, *state[1:]] for athlete, state in revision.items()}
    today_cache.save_views(db_file, stale, {TODAY: {**view, "day": "forged"}})
    assert today_cache.cached_view(db_file, TODAY) is None
    assert run_json(signed_up, "today")["day"] == TODAY.isoformat()


def test_an_unchanged_database_answers_from_the_cache(signed_up: Cli, db_file: Path) -> None:
    view = run_json(signed_up, "today")
    today_cache.save_views(
        db_file, today_cache.revisions(db_file), {TODAY: {**view, "day": "from the cache"}}
    )
    assert run_json(signed_up, "today")["day"] == "from the cache"


def _rename_keeping_size_and_mtime(database: Path, name: str) -> None:
    """Rename the athlete from outside CalfCoach, then put the file's size and modification time back."""
    before = database.stat()
    connection = sqlite3.connect(database)
    try:
        with connection:
            connection.execute("UPDATE athletes SET name = ?", (name,))
    finally:
        connection.close()  # the last connection: the log is checkpointed into the file and removed
    assert not Path(f"{database}-wal").exists()
    os.utime(database, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = database.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_write_that_keeps_the_files_size_and_time_is_seen(signed_up: Cli, db_file: Path) -> None:
    assert run_json(signed_up, "today")["athlete"]["name"] == "Ada"
    _rename_keeping_size_and_mtime(db_file, "Bea")
    assert run_json(signed_up, "today")["athlete"]["name"] == "Bea"


def test_a_write_by_another_process_is_seen_at_once(signed_up: Cli, db_file: Path) -> None:
    assert run_json(signed_up, "today")["athlete"]["name"] == "Ada"
    script = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "with c:\n"
        "    c.execute(\"UPDATE athletes SET name = 'Cy'\")\n"
        "c.close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db_file)], check=True, timeout=60)
    assert run_json(signed_up, "today")["athlete"]["name"] == "Cy"


def test_a_write_through_the_store_as_the_server_does_is_seen_at_once(signed_up: Cli, db_file: Path) -> None:
    from calfcoach.store.store import open_store

    view = run_json(signed_up, "today")
    with open_store(f"sqlite:///{db_file}") as store, store.unit_of_work() as uow:
        athlete = view["athlete"]["id"]
        uow.athletes.update(athlete, uow.athletes.profile(athlete).model_copy(update={"name": "Di"}))
        uow.commit()
    assert run_json(signed_up, "today")["athlete"]["name"] == "Di"


def _add_athlete(db_file: Path, email: str, name: str) -> int:
    from calfcoach.store.store import open_store

    with open_store(f"sqlite:///{db_file}") as store, store.unit_of_work() as uow:
        first = uow.athletes.first()
        assert first is not None
        user = uow.users.add(email)
        added = uow.athletes.add(first.profile.model_copy(update={"name": name}), user_id=user.id)
        uow.commit()
    return added


def test_a_second_athlete_ends_the_answer_for_the_only_one(signed_up: Cli, db_file: Path) -> None:
    run_json(signed_up, "today")
    assert today_cache.cached_view(db_file, TODAY) is not None
    _add_athlete(db_file, "bo@example.org", "Bo")
    assert today_cache.cached_view(db_file, TODAY) is None
    result = signed_up("today")
    assert result.exit_code == 2
    assert "--athlete" in result.output


@pytest.mark.parametrize("wanted", ["Bo", "bo", "BO@example.org", "{id}"])
def test_the_cache_answers_for_the_athlete_named(signed_up: Cli, db_file: Path, wanted: str) -> None:
    bo = _add_athlete(db_file, "bo@example.org", "Bo")
    wanted = wanted.format(id=bo)
    computed = run_json(signed_up, "--athlete", wanted, "today")
    assert computed["athlete"] == {"id": bo, "name": "Bo"}
    assert today_cache.cached_view(db_file, TODAY, wanted) == computed
    assert today_cache.cached_view(db_file, TODAY, "Ada") is None
    assert today_cache.cached_view(db_file, TODAY) is None


def test_a_write_for_another_athlete_keeps_the_cached_answer(signed_up: Cli, db_file: Path) -> None:
    bo = _add_athlete(db_file, "bo@example.org", "Bo")
    run_json(signed_up, "--athlete", "Ada", "today")
    result = signed_up("--athlete", str(bo), "checkin", "--pain", "0", "--no-input")
    assert result.exit_code == 0, result.output
    assert today_cache.cached_view(db_file, TODAY, "Ada") is not None


def test_a_new_athlete_with_the_old_ones_id_and_revision_is_not_answered_for_them(
    signed_up: Cli, db_file: Path
) -> None:
    assert run_json(signed_up, "today")["athlete"]["name"] == "Ada"
    connection = sqlite3.connect(db_file)
    try:
        with connection:
            # SQLite gives a new row the id of a deleted last one; the revision is set to the old value.
            row = connection.execute("SELECT * FROM athletes").fetchone()
            names = [d[0] for d in connection.execute("SELECT * FROM athletes").description]
            connection.execute("DELETE FROM athletes")
            changed = dict(zip(names, row, strict=True)) | {
                "name": "Eve",
                "created_at": "2026-12-05 01:02:03",
            }
            marks = ", ".join("?" for _ in names)
            connection.execute(
                f"INSERT INTO athletes ({', '.join(names)}) VALUES ({marks})", list(changed.values())
            )
    finally:
        connection.close()
    assert run_json(signed_up, "today")["athlete"]["name"] == "Eve"


def test_a_database_named_with_percent_encoding_is_cached(tmp_path: Path) -> None:
    database = tmp_path / "my calf.db"
    url = f"sqlite:///{tmp_path}/my%20calf.db"
    runner = CliRunner()
    signed = runner.invoke(app, ["--db", url, "init", "--no-input", "--all-no", "--skip-test"])
    assert signed.exit_code == 0, signed.output
    assert database.exists()
    result = runner.invoke(app, ["--db", url, "today", "--json"])
    assert result.exit_code == 0, result.output
    assert today_cache.cached_view(database, TODAY) == json.loads(result.stdout)


def test_a_database_without_revisions_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    database = tmp_path / "old.db"
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE athletes (id INTEGER PRIMARY KEY, name TEXT)")
    connection.close()
    assert today_cache.revisions(database) is None
    assert today_cache.athlete_revision(database, None) is None
    assert today_cache.revisions(tmp_path / "missing.db") is None
    assert not (tmp_path / "missing.db").exists()


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
