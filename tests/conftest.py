"""Shared database fixtures: every store test runs on SQLite and on the real PostgreSQL server.

PostgreSQL: a fresh, uniquely named database is created for the test session on the server at
CALFCOACH_TEST_POSTGRES_URL (default: user postgres on 127.0.0.1:5432, trust auth) and dropped at the end;
each test starts from an empty schema. Without a reachable server those runs skip, saying why.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from calfcoach.store import Store, open_store

POSTGRES_ADMIN_URLS = (
    "postgresql://postgres@127.0.0.1:5432/postgres",
    "postgresql://postgres@127.0.0.1:5432/test",
)


def _admin_urls() -> tuple[str, ...]:
    given = os.environ.get("CALFCOACH_TEST_POSTGRES_URL")
    return (given,) if given else POSTGRES_ADMIN_URLS


def _with_database(url: str, name: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """Create a uniquely named PostgreSQL database for this test session; yield its URL; drop it after."""
    import psycopg

    errors: list[str] = []
    admin: psycopg.Connection[tuple[object, ...]] | None = None
    admin_url = ""
    for candidate in _admin_urls():
        try:
            admin = psycopg.connect(candidate.replace("+psycopg", ""), autocommit=True, connect_timeout=3)
            admin_url = candidate
            break
        except psycopg.Error as error:
            errors.append(f"{candidate}: {str(error).strip()}")
    if admin is None:
        pytest.skip(f"PostgreSQL not reachable at {'; '.join(errors)}")
    name = f"calfcoach_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield _with_database(admin_url, name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_postgres(url: str) -> None:
    """Drop everything in the database (a fresh schema for the next test)."""
    import psycopg

    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return the URL of an empty database: a SQLite file, or the session's PostgreSQL database emptied."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'calfcoach.db'}"
    url: str = request.getfixturevalue("postgres_database")
    empty_postgres(url)
    return url


@pytest.fixture
def postgres_url(postgres_database: str) -> str:
    """Return the URL of the session's PostgreSQL database, emptied (for PostgreSQL-only tests)."""
    empty_postgres(postgres_database)
    return postgres_database


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """Return an open store on an empty database of each backend."""
    opened = open_store(database_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sqlite_store(sqlite_url: str) -> Iterator[Store]:
    """Return an open store on an empty SQLite file (for tests about SQLite itself, or many examples)."""
    opened = open_store(sqlite_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Return the URL of an empty SQLite file (for tests about SQLite itself)."""
    return f"sqlite:///{tmp_path / 'calfcoach.db'}"
