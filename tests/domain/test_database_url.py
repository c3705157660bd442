"""The database a command uses, chosen and located without SQLAlchemy, exactly as the store parses it."""

import subprocess
import sys
from pathlib import Path

import pytest

from calfcoach.domain import database_url
from calfcoach.store.engine import resolve_url, sqlite_path

URLS = [
    "sqlite:////tmp/x.db",
    "sqlite:///relative.db",
    "sqlite:///my%20file.db",
    "sqlite:///a%2520b.db",
    "sqlite:////tmp/x.db?mode=ro",
    "sqlite+pysqlite:////tmp/x.db",
    "sqlite:///:memory:",
    "sqlite:///",
    "sqlite://",
    "postgresql://me@db/calf",
    "postgresql+psycopg://me:secret@db:5432/calf",
]


@pytest.mark.parametrize("url", URLS)
def test_the_sqlite_file_is_the_one_the_store_opens(url: str) -> None:
    assert database_url.sqlite_file(url) == sqlite_path(resolve_url(url))


def test_a_percent_encoded_name_is_the_file_it_names() -> None:
    assert database_url.sqlite_file("sqlite:///my%20file.db") == Path("my file.db")


def test_the_argument_then_the_environment_then_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv(database_url.ENV_URL, raising=False)
    assert database_url.chosen_url(None) == f"sqlite:///{tmp_path / 'calfcoach' / 'calfcoach.db'}"
    assert database_url.sqlite_file(None) == tmp_path / "calfcoach" / "calfcoach.db"
    assert not database_url.url_from_environment(None)
    monkeypatch.setenv(database_url.ENV_URL, "sqlite:////tmp/env.db")
    assert database_url.sqlite_file(None) == Path("/tmp/env.db")
    assert database_url.url_from_environment(None)
    assert database_url.sqlite_file("sqlite:////tmp/given.db") == Path("/tmp/given.db")
    assert not database_url.url_from_environment("sqlite:////tmp/given.db")


def test_finding_the_database_imports_no_sqlalchemy() -> None:
    code = (
        "import sys, calfcoach.domain.database_url as d, calfcoach.cli.today_cache\n"
        "d.sqlite_file(None)\n"
        "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
