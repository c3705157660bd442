"""A process killed with SIGKILL mid-write loses nothing it confirmed and leaves nothing half-written."""

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from calfcoach.store import open_store
from calfcoach.store.exchange import export_json_file
from calfcoach.store.models import PerformedSessionRow, SetLogRow
from tests.store import builders
from tests.store.worker import SETS_PER_SESSION

ROOT = Path(__file__).resolve().parents[2]
CONFIRMED_BEFORE_KILL = 40


def test_a_writer_killed_mid_way_keeps_every_confirmed_session_whole(database_url: str) -> None:
    with open_store(database_url) as store, store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        uow.commit()
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store.worker", "loop", database_url, str(athlete), "k", "100000", "10"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    confirmed: list[str] = []
    try:
        while len(confirmed) < CONFIRMED_BEFORE_KILL:
            line = writer.stdout.readline()
            assert line, "the writer stopped before it was killed"
            status, uid = line.split()
            assert status == "ok"
            confirmed.append(uid)
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    # Lines printed before the kill but not read yet are confirmations too.
    confirmed += [line.split()[1] for line in writer.stdout.read().splitlines() if line.startswith("ok ")]

    with open_store(database_url) as store:
        with store.reader() as uow:
            stored = {s.id: s for s in uow.sessions.since(athlete)}
        with store.engine.connect() as connection:
            set_counts = dict(
                connection.execute(
                    select(PerformedSessionRow.uid, func.count(SetLogRow.id))
                    .outerjoin(SetLogRow, SetLogRow.session_id == PerformedSessionRow.id)
                    .group_by(PerformedSessionRow.uid)
                ).all()
            )
        assert not store.info().problems
    assert set(confirmed) <= set(stored)
    # At most the one commit that landed before its "ok" line could be printed is extra.
    assert len(stored) - len(confirmed) in (0, 1)
    assert set(set_counts.values()) == {SETS_PER_SESSION + 1}
    for uid in confirmed:
        assert stored[uid] == builders.session(uid, stored[uid].day, set_count=SETS_PER_SESSION)


def test_an_import_killed_mid_way_leaves_all_of_it_or_none(database_url: str, tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'source.db'}") as source, source.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        uow.sessions.add_many(
            athlete, [builders.session(f"s-{i}", builders.START + dt.timedelta(days=i)) for i in range(2000)]
        )
        uow.commit()
    with open_store(f"sqlite:///{tmp_path / 'source.db'}") as source:
        export_json_file(source, athlete, tmp_path / "export.json")
    with open_store(database_url):
        pass  # the schema exists before the importer starts, so the kill lands in the import itself
    importer = subprocess.Popen(
        [sys.executable, "-m", "tests.store.worker", "import", database_url, str(tmp_path / "export.json")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert importer.stdout is not None
    try:
        assert importer.stdout.readline().strip() == "start"
    finally:
        os.kill(importer.pid, signal.SIGKILL)
        importer.wait(timeout=30)
    with open_store(database_url) as store:
        with store.reader() as uow:
            counts = uow.counts()
        assert not store.info().problems
    assert counts["performed_sessions"] in (0, 2000)
    assert counts["set_logs"] == counts["performed_sessions"] * 7
    assert counts["athletes"] == (1 if counts["performed_sessions"] else 0)
