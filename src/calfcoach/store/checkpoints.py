"""WAL checkpoints off the request path: a server copies SQLite's log back in a thread of its own.

By default SQLite checkpoints inside the commit that takes its write-ahead log past 1,000 pages: that
commit copies the pages into the database file and syncs it while holding the write lock. Under the API
load (benchmarks/api_bench.py) that made one commit in a few hundred take 100-250 ms, and every write
queued behind it: the few requests over 50 ms in a run were all behind such a commit. A server turns the
automatic checkpoint off and runs passive checkpoints from this thread instead. A passive checkpoint takes
no lock a reader or writer waits for, so commits go on while it copies; it copies what no reader still
needs, and the next writer starts the log over once all of it is copied (the same as the automatic one).
Durability is unchanged: each commit still syncs the log (`synchronous=FULL`).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import NamedTuple

log = logging.getLogger("calfcoach.store")

CHECKPOINT_INTERVAL_S = 0.5  # at 200 logged sessions a second, a few MB of log between two checkpoints


class Checkpoint(NamedTuple):
    """What a passive checkpoint reports: pages in the log, and how many of them are now in the database."""

    log_pages: int
    copied_pages: int


class Checkpointer:
    """A thread that checkpoints one SQLite database every `interval_s` seconds until stopped.

    `connect` opens the thread's own connection, with the store's own arguments (a `file:` URI included).
    """

    def __init__(
        self,
        location: str,
        connect: Callable[[], sqlite3.Connection],
        *,
        interval_s: float = CHECKPOINT_INTERVAL_S,
        busy_timeout_s: float,
    ) -> None:
        self.location = location
        self._connect = connect
        self.interval_s = interval_s
        self._busy_timeout_ms = int(busy_timeout_s * 1000)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="calfcoach-checkpoints", daemon=True)
        self._failing = False
        self.done = 0  # checkpoints the thread has run

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread (after the checkpoint it may be running) and wait for it."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def checkpoint(self, connection: sqlite3.Connection) -> Checkpoint:
        """Run one passive checkpoint on `connection` (it never waits for readers or writers)."""
        _busy, log_pages, copied_pages = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return Checkpoint(log_pages, copied_pages)

    def _run(self) -> None:
        connection = self._connect()
        try:
            connection.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
            while not self._stop.wait(self.interval_s):
                self._checkpoint_logging_failures(connection)
            self._checkpoint_logging_failures(connection)  # leave as little log as possible behind
        finally:
            connection.close()

    def _checkpoint_logging_failures(self, connection: sqlite3.Connection) -> None:
        # A failed checkpoint loses nothing (the pages stay in the log and the next one tries again), but
        # the log grows until one succeeds: say so once when it starts failing, and once when it recovers.
        try:
            self.checkpoint(connection)
        except sqlite3.Error as error:
            if not self._failing:
                log.warning(
                    "%s: the WAL checkpoint failed (%s); retrying every %.1f s",
                    self.location,
                    error,
                    self.interval_s,
                )
            self._failing = True
            return
        if self._failing:
            log.warning("%s: WAL checkpoints work again", self.location)
        self._failing = False
        self.done += 1
