"""Alembic migrations shipped inside the package; `calfcoach.store.migrate` runs them programmatically."""
