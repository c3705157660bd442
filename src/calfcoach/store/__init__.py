"""SQLAlchemy models, repositories and Alembic migrations (SQLite by default, PostgreSQL too).

Open a store and work in units of work; repositories take and return domain values::

    store = open_store()                      # or open_store("postgresql://...")
    with store.unit_of_work() as uow:
        uow.sessions.add(athlete_id, session)
        uow.commit()                          # nothing is written without this
"""

from calfcoach.store.errors import StoreBusyError, StoreError, StoreVersionError
from calfcoach.store.records import Activity, AddedActivity, Athlete, Note, Role, User
from calfcoach.store.store import Store, StoreInfo, open_store
from calfcoach.store.uow import UnitOfWork

__all__ = [
    "Activity",
    "AddedActivity",
    "Athlete",
    "Note",
    "Role",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreInfo",
    "StoreVersionError",
    "UnitOfWork",
    "User",
    "open_store",
]
