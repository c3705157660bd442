"""The app's start-up and shut-down: what a running server changes about its store."""

from fastapi.testclient import TestClient

from calfcoach.store import Store
from calfcoach.web.app import create_app


def _autocheckpoint(store: Store) -> int:
    with store.engine.connect() as connection:
        pages: int = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one()
        return pages


def test_while_the_app_runs_its_commits_leave_checkpoints_to_a_thread(sqlite_store: Store) -> None:
    app = create_app(sqlite_store)
    with TestClient(app) as client:
        assert client.get("/api/v1/programs").status_code == 200
        assert _autocheckpoint(sqlite_store) == 0
        assert sqlite_store._checkpointer is not None
    assert _autocheckpoint(sqlite_store) == 1000
    assert sqlite_store._checkpointer is None
