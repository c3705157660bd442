"""Schema revisions: a new database is created, an old one backed up and upgraded, a newer one refused."""

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from calfcoach.store import StoreError, StoreVersionError, open_store
from calfcoach.store.engine import make_engine, resolve_url
from calfcoach.store.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    known_revisions,
    upgrade_to,
)
from tests.store import builders

ROOT = Path(__file__).resolve().parents[2]


def _file(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def _at_first_revision_with_data(url: str) -> None:
    """Build the database as version 0001 made it, with a session in it, written with plain SQL."""
    engine = make_engine(resolve_url(url))
    upgrade_to(engine, url, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO athletes (id, name, start_date, weekdays, minutes_per_session, equipment,"
                " level, goal, sex, program_id, created_at)"
                " VALUES (1, 'Ada', '2024-01-01', '[0, 2, 4]', 30, '[\"step\"]', 'beginner',"
                " 'start_running', 'female', 'calf-foundations-to-running', :now)"
            ),
            {"now": dt.datetime(2024, 1, 1, tzinfo=dt.UTC)},
        )
        connection.execute(
            text(
                "INSERT INTO performed_sessions (id, athlete_id, uid, day, program_id, phase_id,"
                " template_id, completed, pain_during, pain_after, notes)"
                " VALUES (1, 1, 'old-1', '2024-01-03', 'p', 'f', 't', :yes, 2, 1, 'before the upgrade')"
            ),
            {"yes": True},
        )
        connection.execute(
            text(
                "INSERT INTO set_logs (session_id, position, exercise_id, set_index, side, reps, load_kg)"
                " VALUES (1, 0, 'calf-raise-step', 0, 'left', 15, 0)"
            )
        )
    engine.dispose()


def test_a_new_database_gets_a_schema_identical_to_the_models(store_url_info: tuple[str, str]) -> None:
    revision, problems = store_url_info
    assert revision == head_revision()
    assert problems == ""


@pytest.fixture
def store_url_info(database_url: str) -> tuple[str, str]:
    with open_store(database_url) as store:
        info = store.info()
    return str(info.revision), "; ".join(info.problems)


def test_an_old_database_is_backed_up_then_upgraded_with_its_data(database_url: str) -> None:
    _at_first_revision_with_data(database_url)
    with open_store(database_url) as store:
        upgrade = store.upgrade
        with store.reader() as uow:
            kept = uow.sessions.get(1, "old-1")
            profile = uow.athletes.profile(1)
        with store.unit_of_work() as uow:
            assert uow.activities.add(1, builders.activity()).created  # the new revision's table works
            uow.commit()
        assert not store.info().problems
    assert (upgrade.before, upgrade.after) == ("0001", head_revision())
    assert kept is not None
    assert kept.notes == "before the upgrade"
    assert [(s.reps, s.side.value) for s in kept.sets] == [(15, "left")]
    assert profile.weekdays == frozenset({0, 2, 4})
    path = _file(database_url)
    if path is None:
        assert upgrade.backup is None  # PostgreSQL: docs/storage.md says to pg_dump before upgrading
        return
    assert upgrade.backup is not None
    assert upgrade.backup.parent == path.parent
    assert upgrade.backup.name.startswith("calfcoach.backup-rev0001-")
    with sqlite3.connect(upgrade.backup) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert backup.execute("SELECT notes FROM performed_sessions").fetchall() == [("before the upgrade",)]


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(database_url: str) -> None:
    with open_store(database_url) as store, store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    path = _file(database_url)
    before = path.read_bytes() if path else b""
    with pytest.raises(StoreVersionError, match="revision '0099', newer than this CalfCoach knows"):
        open_store(database_url)
    if path is not None:
        assert path.read_bytes() == before
        assert sorted(p.name for p in path.parent.iterdir() if "backup" in p.name) == []
    engine = make_engine(resolve_url(database_url))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0099"
    engine.dispose()


def test_a_database_with_foreign_tables_is_not_touched(database_url: str) -> None:
    engine = make_engine(resolve_url(database_url))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    with pytest.raises(StoreError, match=r"has tables \(invoices\) but no CalfCoach schema revision"):
        open_store(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM invoices")).scalar() == 0
    engine.dispose()


def test_an_old_database_is_refused_rather_than_upgraded_when_asked(sqlite_url: str) -> None:
    _at_first_revision_with_data(sqlite_url)
    with pytest.raises(StoreError, match="at schema revision '0001', this CalfCoach needs"):
        open_store(sqlite_url, upgrade=False)


def test_two_processes_creating_the_same_database_both_succeed(database_url: str) -> None:
    command = [sys.executable, "-m", "tests.store.worker", "loop", database_url, "0", "x", "0", "10"]
    starters = [subprocess.Popen(command, cwd=ROOT) for _ in range(2)]
    assert [p.wait(timeout=120) for p in starters] == [0, 0]
    with open_store(database_url) as store:
        assert store.info().revision == head_revision()


def test_the_integrity_check_reports_a_broken_reference(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store:
        assert store.info().ok
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as raw:
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute(
            "INSERT INTO set_logs (session_id, position, exercise_id, set_index, side, load_kg)"
            " VALUES (42, 0, 'x', 0, 'both', 0)"
        )
    with open_store(sqlite_url) as store:
        info = store.info()
    assert not info.ok
    assert any("set_logs" in p and "performed_sessions" in p for p in info.problems)


def test_the_integrity_check_reports_a_missing_index(database_url: str) -> None:
    with open_store(database_url) as store:
        with store.engine.begin() as connection:
            connection.execute(text("DROP INDEX ix_performed_sessions_athlete_id_day"))
        info = store.info()
    assert any("ix_performed_sessions_athlete_id_day" in p for p in info.problems)
    assert info.as_dict()["ok"] is False


def test_the_revisions_read_from_the_files_agree_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {r.revision: r.down_revision for r in script.walk_revisions()}


def test_every_revision_downgrades_and_upgrades_again(database_url: str) -> None:
    from alembic import command

    with open_store(database_url) as store:
        with store.engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        with store.engine.connect() as connection:
            assert current_revision(connection) is None
        upgrade_to(store.engine, database_url, "head")
        assert store.info().ok


def test_revision_0009_gives_existing_check_ins_and_sessions_empty_safety_fields_and_keeps_the_triggers(
    database_url: str,
) -> None:
    engine = make_engine(resolve_url(database_url))
    upgrade_to(engine, database_url, "0008")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO athletes (id, name, start_date, weekdays, minutes_per_session, equipment,"
                " level, goal, sex, program_id, created_at)"
                " VALUES (1, 'Ada', '2024-01-01', '[0, 2, 4]', 30, '[\"step\"]', 'beginner',"
                " 'start_running', 'female', 'calf-foundations-to-running', :now)"
            ),
            {"now": dt.datetime(2024, 1, 1, tzinfo=dt.UTC)},
        )
        connection.execute(
            text(
                "INSERT INTO performed_sessions (id, athlete_id, uid, day, program_id, phase_id,"
                " template_id, completed, pain_during, pain_after, notes)"
                " VALUES (1, 1, 'old-1', '2024-01-03', 'p', 'f', 't', :yes, 4, 1, '')"
            ),
            {"yes": True},
        )
        connection.execute(
            text(
                "INSERT INTO checkins (athlete_id, day, morning_pain, stiffness, notes)"
                " VALUES (1, '2024-01-04', 2, 1, '')"
            )
        )
    engine.dispose()
    with open_store(database_url) as store:
        assert store.upgrade.before == "0008"
        with store.reader() as uow:
            history = uow.history(1)
            before = uow.athletes.revision(1)
        assert [(s.pain_from, s.pain_site) for s in history.sessions] == [((), None)]
        assert [c.symptoms for c in history.checkins] == [()]
        assert (history.screenings, history.clearances) == ((), ())
        with store.unit_of_work() as uow:  # revision 0007's triggers on the altered tables still count
            uow.checkins.add(1, builders.checkin(dt.date(2024, 1, 5), symptoms=("fever",)))
            uow.commit()
        with store.reader() as uow:
            after = uow.athletes.revision(1)
        assert before is not None
        assert after is not None
        assert after > before
        assert store.info().ok


def test_revision_0010_gives_existing_check_ins_no_recorded_instant_and_keeps_the_triggers(
    database_url: str,
) -> None:
    engine = make_engine(resolve_url(database_url))
    upgrade_to(engine, database_url, "0009")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO athletes (id, name, start_date, weekdays, minutes_per_session, equipment,"
                " level, goal, sex, program_id, created_at)"
                " VALUES (1, 'Ada', '2024-01-01', '[0, 2, 4]', 30, '[\"step\"]', 'beginner',"
                " 'start_running', 'female', 'calf-foundations-to-running', :now)"
            ),
            {"now": dt.datetime(2024, 1, 1, tzinfo=dt.UTC)},
        )
        connection.execute(
            text(
                "INSERT INTO checkins (athlete_id, day, morning_pain, stiffness, symptoms, notes)"
                " VALUES (1, '2024-01-04', 2, 1, '[\"fever\"]', '')"
            )
        )
    engine.dispose()
    with open_store(database_url) as store:
        assert store.upgrade.before == "0009"
        with store.reader() as uow:
            assert [(c.symptoms, c.recorded_at) for c in uow.history(1).checkins] == [(("fever",), None)]
            before = uow.athletes.revision(1)
        recorded = dt.datetime(2024, 1, 5, 7, tzinfo=dt.UTC)
        with store.unit_of_work() as uow:  # revision 0007's triggers on checkins still count
            uow.checkins.add(1, builders.checkin(dt.date(2024, 1, 5), recorded_at=recorded))
            uow.commit()
        with store.reader() as uow:
            after = uow.athletes.revision(1)
            assert [c.recorded_at for c in uow.checkins.since(1)] == [None, recorded]
            assert [c.recorded_at for c in uow.red_flag_history(1).checkins] == [None]
        assert before is not None
        assert after is not None
        assert after > before
        assert store.info().ok


def test_revision_0023_gives_existing_accounts_no_language_and_its_downgrade_keeps_them(
    database_url: str,
) -> None:
    from alembic import command
    from sqlalchemy import inspect

    engine = make_engine(resolve_url(database_url))
    upgrade_to(engine, database_url, "0022")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, email, password_hash, role, created_at)"
                " VALUES (1, 'coach@example.org', NULL, 'coach', :now)"
            ),
            {"now": dt.datetime(2024, 1, 1, tzinfo=dt.UTC)},
        )
    engine.dispose()
    with open_store(database_url) as store:
        assert store.upgrade.before == "0022"
        with store.reader() as uow:
            before = uow.users.get(1)
        assert before is not None
        assert (before.email, before.language) == ("coach@example.org", None)
        with store.unit_of_work() as uow:
            uow.users.set_language(1, "de")
            uow.commit()
        with store.reader() as uow:
            after = uow.users.get(1)
        assert after is not None
        assert after.language == "de"
        with store.engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0022")
        with store.engine.connect() as connection:
            assert current_revision(connection) == "0022"
            columns = {c["name"] for c in inspect(connection).get_columns("users")}
            pending = {c["name"] for c in inspect(connection).get_columns("registration_mails")}
            emails = connection.execute(text("SELECT email FROM users")).scalars().all()
        assert "language" not in columns | pending
        assert emails == ["coach@example.org"]
        upgrade_to(store.engine, database_url, "head")
        assert store.info().ok
