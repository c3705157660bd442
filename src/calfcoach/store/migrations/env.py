"""Alembic environment: use the connection the store hands over, else CALFCOACH_DATABASE_URL (developers)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from calfcoach.store.engine import make_engine, resolve_url
from calfcoach.store.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


_given = context.config.attributes.get("connection")
if isinstance(_given, Connection):
    _run(_given)
else:
    _engine = make_engine(resolve_url(None))
    with _engine.connect() as _connection:
        _run(_connection)
        _connection.commit()
