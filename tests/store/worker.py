"""A separate process that writes to a store, for the tests about locks and crashes.

python -m tests.store.worker hold URL            take the write lock, say "locked", wait for a line on stdin
python -m tests.store.worker loop URL ATHLETE PREFIX COUNT TIMEOUT_S
                                                 write COUNT sessions, one transaction each, printing
                                                 "ok ID" after each commit or "busy ID" on StoreBusyError
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from calfcoach.store import StoreBusyError, open_store
from calfcoach.store.exchange import import_document, read_document
from tests.store import builders

SETS_PER_SESSION = 25


def hold(url: str) -> None:
    store = open_store(url)
    with store.unit_of_work() as uow:
        uow.notes.add(
            uow.athletes.add(builders.profile("holder")),
            builders.note(),
        )
        print("locked", flush=True)
        sys.stdin.readline()
        uow.commit()
    store.close()


def loop(url: str, athlete: int, prefix: str, count: int, timeout_s: float) -> None:
    store = open_store(url, busy_timeout_s=timeout_s)
    for i in range(count):
        uid = f"{prefix}-{i}"
        done = builders.session(uid, builders.START + dt.timedelta(days=i % 3650), set_count=SETS_PER_SESSION)
        try:
            with store.unit_of_work() as uow:
                uow.sessions.add(athlete, done)
                uow.commit()
        except StoreBusyError:
            print(f"busy {uid}", flush=True)
        else:
            print(f"ok {uid}", flush=True)
    store.close()


def import_file(url: str, path: str) -> None:
    store = open_store(url)
    document = read_document(Path(path))  # validated first, so the kill lands among the writes
    print("start", flush=True)
    with store.unit_of_work() as uow:
        import_document(uow, document)
        uow.commit()
    print("done", flush=True)
    store.close()


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "hold":
        hold(args[0])
    elif command == "import":
        import_file(args[0], args[1])
    else:
        loop(args[0], int(args[1]), args[2], int(args[3]), float(args[4]))
