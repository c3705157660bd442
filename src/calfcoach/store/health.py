"""The integrity check behind `doctor`: storage-level checks, then the schema compared with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, text

from calfcoach.store.models import Base


def find_problems(connection: Connection) -> list[str]:
    """Return what is wrong with the database, in words; an empty list means healthy."""
    problems: list[str] = []
    if connection.dialect.name == "sqlite":
        checked = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
        problems += [f"integrity_check: {line}" for line in checked if line != "ok"]
        problems += [
            f"foreign key broken: {row[0]} row {row[1]} points at a missing {row[2]}"
            for row in connection.exec_driver_sql("PRAGMA foreign_key_check")
        ]
    elif connection.dialect.name == "postgresql":
        # An index left invalid (say, by an interrupted build) silently stops guarding uniqueness.
        invalid = connection.execute(
            text(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)"
            )
        ).scalars()
        problems += [f"index {name} is invalid; rebuild it with REINDEX" for name in invalid]
        unvalidated = connection.execute(
            text(
                "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                "WHERE n.nspname = current_schema() AND NOT c.convalidated"
            )
        ).scalars()
        problems += [f"constraint {name} is not validated" for name in unvalidated]
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    problems += [
        f"schema differs from this version: {diff}" for diff in compare_metadata(context, Base.metadata)
    ]
    return problems
