"""What a server keeps per athlete between requests, while the athlete's revision and day stay the same.

The database raises an athlete's revision on every change to their profile or history (store revisions 0007
and 0009), whichever process writes, so a request that has read the athlete row knows for free whether a
kept value is still right. The key also holds the row's creation time, since SQLite gives a deleted
athlete's id to the next one, whose revision may well match. Values are shared between requests: callers
must not change them.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from typing import Generic, Protocol, TypeVar

V = TypeVar("V")


class Revised(Protocol):
    """What a kept value is keyed by: an athlete as read (store.records.Athlete, or a dashboard's
    ClientKey)."""

    @property
    def id(self) -> int: ...

    @property
    def revision(self) -> int: ...

    @property
    def created_at(self) -> dt.datetime: ...


class KeptByRevision(Generic[V]):
    """The latest value computed for each athlete, the least recently used dropped past `size`."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[int, tuple[int, dt.datetime, dt.date, V]] = OrderedDict()
        self._lock = threading.Lock()

    def kept(self, athlete: Revised, day: dt.date) -> V | None:
        """The kept value if it is still right for the athlete as just read, else None."""
        with self._lock:
            entry = self._entries.get(athlete.id)
            if entry is not None and entry[:3] == (athlete.revision, athlete.created_at, day):
                self._entries.move_to_end(athlete.id)
                return entry[3]
        return None

    def keep(self, athlete: Revised, revision: int, day: dt.date, value: V) -> None:
        """Keep a value computed from a snapshot in which the athlete had `revision`; a slower request that
        read an older snapshot does not replace a newer value."""
        with self._lock:
            entry = self._entries.get(athlete.id)
            if entry is not None and entry[1] == athlete.created_at and entry[0] > revision:
                return
            self._entries[athlete.id] = (revision, athlete.created_at, day, value)
            self._entries.move_to_end(athlete.id)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def forget(self, athlete_id: int) -> None:
        """Drop an athlete's kept value (their account was deleted: nothing of theirs stays in memory)."""
        with self._lock:
            self._entries.pop(athlete_id, None)
