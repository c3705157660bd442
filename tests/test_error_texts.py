"""Every service error a person reads is a catalog template: German differs from English, no field is left
unfilled, and `str(error)` (the logs', the API's message) keeps its English words."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from calfcoach.api.links import parse_public_url
from calfcoach.domain.errors import CalfCoachError
from calfcoach.domain.screening import screen
from calfcoach.library.screening import load_questionnaire
from calfcoach.services import accounts, clock, erasure, mail, transfer
from calfcoach.store.backup import backup, backup_format
from calfcoach.store.csv_exchange import read_csv_folder
from calfcoach.store.engine import check_sqlite_file, resolve_url
from calfcoach.store.errors import StoreBusyError, StoreVersionError
from calfcoach.store.exchange import parse_document
from calfcoach.store.store import Store
from calfcoach.web.map_tiles import map_tiles
from calfcoach.web.metrics import allowed_networks

SMTP = {"CALFCOACH_SMTP_HOST": "smtp.example.org", "CALFCOACH_SMTP_FROM": "coach@example.org"}


def _written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _raised(action: Callable[[], object]) -> CalfCoachError:
    with pytest.raises(CalfCoachError) as caught:
        action()
    return caught.value


CASES: dict[str, tuple[Callable[[Path], object], str]] = {
    "short password": (
        lambda _: accounts.check_password("short"),
        "the password has 5 characters, fewer than 10",
    ),
    "long password": (
        lambda _: accounts.check_password("x" * 2000),
        "the password is longer than 1024 characters",
    ),
    "clock not a date": (lambda _: clock.parse_today("garbage"), "CALFCOACH_TODAY: 'garbage' is not a date"),
    "clock without offset": (
        lambda _: clock.parse_today("2027-02-01T09:30:00"),
        "CALFCOACH_TODAY: '2027-02-01T09:30:00' has no UTC offset",
    ),
    "server refuses a moved clock": (
        lambda _: clock.clock_for_server({clock.ENV_TODAY: "2027-02-01"}),
        "CALFCOACH_TODAY: the server does not start with its date moved",
    ),
    "smtp port": (
        lambda _: mail.mail_settings(SMTP | {"CALFCOACH_SMTP_PORT": "port"}),
        "CALFCOACH_SMTP_PORT: 'port' is not a port (e.g. 587 or 465)",
    ),
    "smtp security": (
        lambda _: mail.mail_settings(SMTP | {"CALFCOACH_SMTP_SECURITY": "rot13"}),
        "CALFCOACH_SMTP_SECURITY: 'rot13' is not a way to secure SMTP",
    ),
    "smtp sender": (
        lambda _: mail.mail_settings({"CALFCOACH_SMTP_HOST": "smtp.example.org"}),
        "CALFCOACH_SMTP_FROM: the sender address is missing",
    ),
    "e-mail address": (lambda _: mail.checked_address("nope"), "email: 'nope' is not an e-mail address"),
    "deletion word": (lambda _: erasure.check_confirmation("yes"), "confirm: type DELETE to confirm"),
    "screening": (
        lambda _: screen(load_questionnaire(), {"nonsense": True}),
        "screening: unanswered: heart, chest-pain",
    ),
    "export format": (
        # The name is refused before the store is read: none is needed.
        lambda tmp: transfer.export_to(cast("Store", None), tmp / "x.txt"),
        "cannot tell the format from 'x.txt'",
    ),
    "not an export": (
        lambda _: parse_document(b'{"format": "other"}', source="in.json"),
        'in.json: not a CalfCoach export (expected "format": "calfcoach-export")',
    ),
    "not JSON": (
        lambda _: parse_document(b"{", source="in.json"),
        "in.json, line 1 column 2: not valid JSON",
    ),
    "newer export": (
        lambda _: parse_document(b'{"format": "calfcoach-export", "version": 999}', source="in.json"),
        "in.json: version: export format version 999 is newer than this CalfCoach reads",
    ),
    "invalid export": (
        lambda _: parse_document(b'{"format": "calfcoach-export", "version": 1}', source="in.json"),
        "in.json: profile: Field required",
    ),
    "csv folder without a profile": (lambda tmp: read_csv_folder(tmp), "the file is missing"),
    "csv folder": (
        lambda tmp: transfer.read_export(tmp / "none.csv", today=dt.date(2026, 1, 7)),
        "not a folder of CSV files (give the folder `export` wrote)",
    ),
    "map tile address": (
        lambda _: map_tiles("ftp://tiles.example.org/{z}/{x}/{y}.png", "©"),
        "CALFCOACH_MAP_TILES: the map tile address 'ftp://tiles.example.org/{z}/{x}/{y}.png' is not",
    ),
    "map tile places": (
        lambda _: map_tiles("https://tiles.example.org/{z}.png", "©"),
        "lacks {x}, {y} (a tile's zoom, column and row) (for example CALFCOACH_MAP_TILES=https://tile.",
    ),
    "map attribution": (
        lambda _: map_tiles("https://tiles.example.org/{z}/{x}/{y}.png", " "),
        "CALFCOACH_MAP_ATTRIBUTION: map tiles need their attribution",
    ),
    "public URL scheme": (
        lambda _: parse_public_url("ftp://coach.example.org"),
        "the public URL 'ftp://coach.example.org' is not an http:// or https:// address with a host name",
    ),
    "public URL query": (
        lambda _: parse_public_url("https://coach.example.org/?a=1"),
        "has a query, fragment or user name; give only the scheme, host, port and path",
    ),
    "metrics network": (
        lambda _: allowed_networks("10.0.0.5,nowhere"),
        "CALFCOACH_METRICS_ALLOW: 'nowhere' is not an address or a network",
    ),
    "database URL": (lambda _: resolve_url("::nothing"), "not a database URL: '::nothing'"),
    "database folder": (
        lambda tmp: check_sqlite_file(tmp, create=False),
        ": this is a folder, not a database file (run `calfcoach init` to make one there",
    ),
    "no database": (
        lambda tmp: check_sqlite_file(tmp / "none.db", create=False),
        "none.db: there is no database here; nothing was created (run `calfcoach init`",
    ),
    "not SQLite": (
        lambda tmp: check_sqlite_file(_written(tmp / "notes.txt", b"shopping list"), create=False),
        "notes.txt: this file is not a SQLite database; nothing was changed",
    ),
    "newer database": (
        lambda _: (_ for _ in ()).throw(StoreVersionError("calfcoach.db", "r9999", "r0022")),
        "calfcoach.db: the database is at schema revision 'r9999', newer than this CalfCoach knows",
    ),
    "backup of a folder": (lambda tmp: backup_format(tmp), ": this is a folder, not a backup file"),
    "no backup file": (
        lambda tmp: backup_format(tmp / "none.db"),
        "none.db: there is no such file; nothing was changed",
    ),
    "not a backup": (
        lambda tmp: backup_format(_written(tmp / "notes.txt", b"shopping list")),
        "this file is not a CalfCoach backup (neither a SQLite database nor a pg_dump archive)",
    ),
    "backup of no database": (
        lambda tmp: backup(f"sqlite:///{tmp / 'none.db'}", tmp / "backup.db"),
        "none.db: there is no database here; nothing was written",
    ),
    "busy database": (
        lambda _: (_ for _ in ()).throw(StoreBusyError("calfcoach.db")),
        "the database is busy; try again (calfcoach.db is being written by another process)",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_error_is_said_in_german_and_keeps_its_english(name: str, tmp_path: Path) -> None:
    action, english = CASES[name]
    error = _raised(lambda: action(tmp_path))
    assert english in str(error)
    assert error.text_in("en") == str(error)
    german = error.text_in("de")
    assert german != str(error)
    # No field left unfilled: the only braces are the ones the English text shows too (a tile address's {z}).
    assert set(re.findall(r"[{}]\w*[{}]?", german)) <= set(re.findall(r"[{}]\w*[{}]?", str(error)))
