"""The peer corpus: test files that other activity libraries ship in their source archives on PyPI.

The archives are pinned by name, version and sha256 in corpus_expectations.toml, downloaded at test time into
a cache (never committed: their licences and sizes belong to their projects), and only their test data is
unpacked. Each file is then measured twice: by the peer library that ships it (gpxpy, tcxreader, fitdecode)
and by calfcoach, so the corpus test can compare the two distances.
"""

from __future__ import annotations

import ast
import contextlib
import fnmatch
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
import tomllib
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import fitdecode
import gpxpy
import gpxpy.geo
import platformdirs
from tcxreader.tcxreader import TCXReader

from calfcoach.activities import iter_import, summarize

MANIFEST = Path(__file__).with_name("corpus_expectations.toml")
CACHE_ENV = "CALFCOACH_CORPUS_CACHE"
INDEX_ENV = "CALFCOACH_CORPUS_INDEX"
DEFAULT_INDEX = "https://pypi.org/simple/"
TIMEOUT_S = 20.0
TOLERANCE = 0.005  # the bar: within 0.5% of the peer's own figure
_SUFFIXES = (".gpx", ".tcx", ".fit")
_COMPLETE = ".complete"
_SEMICIRCLE_DEG = 180.0 / 2**31
_UNREACHABLE_CODES = {401, 403, 407, 429}
# A clear message names what is wrong in words; these are the marks of an internal failure or of a raw
# validation message leaking through (a Python exception's class name, pydantic's wording).
_UNCLEAR = re.compile(r"\b[A-Z]\w*(?:Error|Exception)\b|Input should be|validation error|Traceback")


class CorpusUnavailable(Exception):
    """The package registry could not be reached: the corpus test skips with this reason."""


class CorpusError(Exception):
    """The registry answered, but not with the pinned archive: the test fails with this message."""


@dataclass(frozen=True)
class Source:
    """One pinned source archive and which of its members are test data."""

    package: str
    version: str
    filename: str
    sha256: str
    members: tuple[str, ...] = ()
    byte_arrays: str | None = None  # a Python file holding FIT files as bytearray([...]) literals


@dataclass(frozen=True)
class Expectation:
    """What one file should give when it is not simply "within 0.5% of the peer, or refused where the peer
    finds nothing"; reason says why in words."""

    reason: str
    against: str = "peer"  # or "positions": gpxpy's length over the positions the peer decodes
    ours_m: float | None = None  # our figure (within 0.5%) where no peer figure is the right one
    refused: bool = False  # refused with a clear message, though the peer reads something
    defect: str | None = None  # a defect that still shows: the check must fail until it is fixed


@dataclass(frozen=True)
class Manifest:
    sources: tuple[Source, ...]
    files: dict[str, Expectation]


_SOURCE_KEYS = {"package", "version", "filename", "sha256", "members", "byte_arrays"}
_FILE_KEYS = {"reason", "against", "ours_m", "refused", "defect"}


def load_manifest(path: Path = MANIFEST) -> Manifest:
    """Read the pinned sources and the per-file expectations; a typo or a missing reason is an error."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    sources = []
    for entry in raw["source"]:
        unknown = set(entry) - _SOURCE_KEYS
        if unknown:
            raise ValueError(
                f"{path.name}: source {entry.get('package')!r} has unknown keys {sorted(unknown)}"
            )
        sources.append(
            Source(
                package=entry["package"],
                version=entry["version"],
                filename=entry["filename"],
                sha256=entry["sha256"],
                members=tuple(entry.get("members", ())),
                byte_arrays=entry.get("byte_arrays"),
            )
        )
    files: dict[str, Expectation] = {}
    for key, entry in raw.get("files", {}).items():
        where = f"{path.name}: [files.{key!r}]"
        unknown = set(entry) - _FILE_KEYS
        if unknown:
            raise ValueError(f"{where} has unknown keys {sorted(unknown)} (allowed: {sorted(_FILE_KEYS)})")
        reason = entry.get("reason")
        if not isinstance(reason, str) or len(reason.split()) < 3:
            raise ValueError(f"{where} needs a reason in words")
        against = entry.get("against", "peer")
        if against not in ("peer", "positions"):
            raise ValueError(f"{where}: against must be 'peer' or 'positions', not {against!r}")
        files[key] = Expectation(
            reason=reason,
            against=against,
            ours_m=entry.get("ours_m"),
            refused=bool(entry.get("refused", False)),
            defect=entry.get("defect"),
        )
    return Manifest(sources=tuple(sources), files=files)


def cache_root() -> Path:
    """Where archives' test files are kept between runs; CALFCOACH_CORPUS_CACHE overrides it."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_cache_path("calfcoach") / "corpus"


def _index_url() -> str:
    return os.environ.get(INDEX_ENV, DEFAULT_INDEX).rstrip("/") + "/"


def _get(url: str, *, accept: str | None = None) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        # A proxy that turns us away or an index that is down is "unreachable"; a missing page is not.
        if exc.code in _UNREACHABLE_CODES or exc.code >= 500:
            raise CorpusUnavailable(f"the package index answered {exc.code} for {url}") from exc
        raise CorpusError(f"the package index answered {exc.code} for {url}") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CorpusUnavailable(f"the package index {url} cannot be reached ({reason})") from exc


def _archive_url(source: Source) -> str:
    """Find the pinned archive in the index (PEP 691 JSON) and check that the index agrees on its hash."""
    page = _index_url() + source.package + "/"
    listing = json.loads(_get(page, accept="application/vnd.pypi.simple.v1+json"))
    for entry in listing.get("files", []):
        if entry.get("filename") == source.filename:
            indexed = entry.get("hashes", {}).get("sha256")
            if indexed is not None and indexed != source.sha256:
                raise CorpusError(
                    f"{source.filename}: the index lists sha256 {indexed}, the manifest pins {source.sha256}"
                )
            link: str = entry["url"]
            return urllib.parse.urljoin(page, link)  # PEP 691 allows relative links
    raise CorpusError(f"{source.filename} is not in the index's listing of {source.package}")


def _relative(name: str) -> PurePosixPath | None:
    """A member's path below the archive's top folder, or None when it could escape the cache folder."""
    parts = PurePosixPath(name).parts[1:]
    if not parts or any(p in ("", ".", "..") or "\\" in p for p in parts):
        return None
    return PurePosixPath(*parts)


def _fit_byte_arrays(text: str, origin: str) -> Iterator[tuple[str, bytes]]:
    """FIT files written as `name = bytearray([0x0E, ...])` attributes, read without running the file."""
    tree = ast.parse(text, filename=origin)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target, value = node.targets[0], node.value
        if not (isinstance(target, ast.Name) and target.id.startswith("fit_file_")):
            continue
        if not (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in ("bytearray", "bytes")
            and len(value.args) == 1
        ):
            continue
        yield target.id, bytes(ast.literal_eval(value.args[0]))


def _unpack(source: Source, archive: bytes, into: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        for member in tar.getmembers():
            rel = _relative(member.name)
            if rel is None or not member.isfile():
                continue
            if source.byte_arrays is not None and str(rel) == source.byte_arrays:
                text = _read_member(tar, member).decode("utf-8")
                for name, data in _fit_byte_arrays(text, member.name):
                    (into / f"{name}.fit").write_bytes(data)
            elif any(fnmatch.fnmatchcase(str(rel), pattern) for pattern in source.members):
                target = into / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(_read_member(tar, member))


def _read_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle = tar.extractfile(member)
    if handle is None:
        raise CorpusError(f"{member.name} cannot be read from its archive")
    with handle:
        return handle.read()


def _complete(folder: Path, source: Source) -> bool:
    marker = folder / _COMPLETE
    return marker.is_file() and marker.read_text(encoding="ascii").strip() == source.sha256


def fetch(source: Source, root: Path | None = None) -> Path:
    """The folder holding the source's test files, downloaded and unpacked on first use."""
    root = cache_root() if root is None else root
    folder = root / f"{source.package}-{source.version}"
    if _complete(folder, source):
        return folder
    archive = _get(_archive_url(source))
    digest = hashlib.sha256(archive).hexdigest()
    if digest != source.sha256:
        raise CorpusError(f"{source.filename}: downloaded sha256 {digest}, the manifest pins {source.sha256}")
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{source.package}-", dir=root))
    try:
        _unpack(source, archive, staging)
        if not any(p.is_file() for p in staging.rglob("*")):
            raise CorpusError(f"{source.filename} holds no test files matching the manifest")
        (staging / _COMPLETE).write_text(source.sha256 + "\n", encoding="ascii")
        if folder.exists() and not _complete(folder, source):
            shutil.rmtree(folder)  # a stale or broken copy
        with contextlib.suppress(OSError):
            staging.rename(folder)  # fails only when another test run has just put the same files there
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    if not _complete(folder, source):
        raise CorpusError(f"{folder} could not be filled with the test files of {source.filename}")
    return folder


def corpus_files(source: Source, folder: Path) -> list[tuple[str, Path]]:
    """(key, path) of each test file: the key is `package/path inside the archive` as in the manifest."""
    found = []
    for path in sorted(folder.rglob("*")):
        name = path.name.lower().removesuffix(".gz")
        if path.is_file() and name.endswith(_SUFFIXES):
            found.append((f"{source.package}/{path.relative_to(folder).as_posix()}", path))
    return found


# --- the peers' figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeerFigure:
    """The peer library's distance for a file; metres is None when the peer finds nothing in it."""

    peer: str
    metres: float | None
    note: str = ""


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _gpx_peer(data: bytes) -> PeerFigure:
    try:
        gpx = gpxpy.parse(data)
    except Exception as exc:  # any failure of the peer means it finds nothing
        return PeerFigure("gpxpy", None, f"gpxpy cannot parse it ({type(exc).__name__})")
    track_points = sum(len(seg.points) for trk in gpx.tracks for seg in trk.segments)
    if track_points:
        return PeerFigure("gpxpy", gpx.length_2d() or 0.0, f"length_2d over {track_points} track points")
    route_points = sum(len(route.points) for route in gpx.routes)
    if route_points:
        metres = sum(route.length() for route in gpx.routes)
        return PeerFigure("gpxpy", metres, f"route length over {route_points} route points (no track)")
    return PeerFigure("gpxpy", None, "no track or route points")


def _tcx_peer(data: bytes) -> PeerFigure:
    try:
        # only_gps=False keeps trackpoints without a position (treadmill, foot pod): the laps count them too
        with _quiet():
            exercise = TCXReader().read(io.BytesIO(data), only_gps=False)
    except Exception as exc:
        return PeerFigure("tcxreader", None, f"tcxreader cannot read it ({type(exc).__name__})")
    if not exercise.trackpoints:
        return PeerFigure("tcxreader", None, "no trackpoints")
    metres = float(exercise.distance or 0.0)
    return PeerFigure("tcxreader", metres, f"sum of {len(exercise.laps)} laps' DistanceMeters")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence the peers' own complaints about a file (warnings on CRC or undefined fields, tcxreader's
    prints): the verdict says what matters."""
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


def _fit_peer(data: bytes) -> PeerFigure:
    sessions: list[float] = []
    last_record: float | None = None
    records = 0
    try:
        with _quiet(), fitdecode.FitReader(io.BytesIO(data)) as reader:
            for frame in reader:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                if frame.name == "session" and frame.has_field("total_distance"):
                    value = frame.get_value("total_distance")
                    if value is not None:
                        sessions.append(float(value))
                elif frame.name == "record":
                    records += 1
                    if frame.has_field("distance"):
                        value = frame.get_value("distance")
                        if value is not None:
                            last_record = float(value)
    except Exception as exc:
        return PeerFigure("fitdecode", None, f"fitdecode stops ({type(exc).__name__}: {exc})")
    if sessions:
        return PeerFigure("fitdecode", sum(sessions), f"total_distance of {len(sessions)} session(s)")
    if last_record is not None:
        return PeerFigure("fitdecode", last_record, f"last record distance ({records} records)")
    return PeerFigure("fitdecode", None, f"no session or record distance ({records} records)")


def _fit_positions(data: bytes) -> list[tuple[float, float]]:
    points = []
    with _quiet(), fitdecode.FitReader(io.BytesIO(data)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                lat = frame.get_value("position_lat", fallback=None)
                lon = frame.get_value("position_long", fallback=None)
                if lat is not None and lon is not None:
                    points.append((lat * _SEMICIRCLE_DEG, lon * _SEMICIRCLE_DEG))
    return points


def _tcx_positions(data: bytes) -> list[tuple[float, float]]:
    with _quiet():
        exercise = TCXReader().read(io.BytesIO(data), only_gps=False)
    return [
        (p.latitude, p.longitude)
        for p in exercise.trackpoints
        if p.latitude is not None and p.longitude is not None
    ]


def positions_figure(path: Path) -> PeerFigure:
    """gpxpy's length_2d over the positions that the FIT or TCX peer decodes, as one unbroken line."""
    name = path.name.lower().removesuffix(".gz")
    data = _content(path)
    peer = "fitdecode" if name.endswith(".fit") else "tcxreader"
    try:
        points = _fit_positions(data) if peer == "fitdecode" else _tcx_positions(data)
    except Exception as exc:
        return PeerFigure(f"gpxpy over {peer}", None, f"{peer} cannot read it ({type(exc).__name__})")
    if len(points) < 2:
        return PeerFigure(f"gpxpy over {peer}", None, f"{len(points)} positions")
    metres = gpxpy.geo.length_2d([gpxpy.geo.Location(lat, lon) for lat, lon in points])
    return PeerFigure(
        f"gpxpy over {peer}", metres, f"length_2d over the {len(points)} positions {peer} reads"
    )


def peer_figure(path: Path) -> PeerFigure:
    """The distance the peer library for this format gives, by the file's name (the peers need it)."""
    name = path.name.lower().removesuffix(".gz")
    data = _content(path)
    if name.endswith(".gpx"):
        return _gpx_peer(data)
    if name.endswith(".tcx"):
        return _tcx_peer(data)
    return _fit_peer(data)


# --- our figure -----------------------------------------------------------------------------------------


@dataclass
class OurFigure:
    """What calfcoach makes of a file: the activities' total distance, or the errors it gives."""

    metres: float = 0.0
    activities: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def our_figure(path: Path) -> OurFigure:
    ours = OurFigure()
    for outcome in iter_import([path]):
        if outcome.activity is not None:
            ours.activities += 1
            ours.metres += summarize(outcome.activity).distance_m
        elif outcome.error is not None:
            ours.errors.append(outcome.error)
        elif outcome.skipped is not None:
            ours.skipped.append(outcome.skipped)
    return ours


def unclear(message: str) -> bool:
    """True when an error message shows an internal failure or a raw validation message."""
    return _UNCLEAR.search(message) is not None


# --- the verdict ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    key: str
    ok: bool
    detail: str


def _fmt(metres: float | None) -> str:
    return "nothing" if metres is None else f"{metres:,.1f} m"


def _refused(ours: OurFigure) -> bool:
    # A part skipped with its reason (a settings file chained to nothing else) refuses it as well as an error
    return ours.activities == 0 and bool(ours.errors or ours.skipped)


def _within(ours: OurFigure, target: float, what: str) -> str | None:
    if ours.activities == 0:
        return f"refused ({'; '.join(ours.errors) or 'no outcome'}), expected {_fmt(target)} ({what})"
    if target == 0.0:
        return None if ours.metres == 0.0 else f"{_fmt(ours.metres)}, expected 0 m ({what})"
    off = (ours.metres - target) / target
    if abs(off) <= TOLERANCE:
        return None
    return f"{_fmt(ours.metres)} against {_fmt(target)} ({what}): {off:+.2%}"


def check(path: Path, ours: OurFigure, expectation: Expectation | None) -> tuple[str | None, str]:
    """(what is wrong or None, the figure compared with) for one file against its expectation."""
    if any(unclear(e) for e in ours.errors + ours.skipped):
        return f"refused with an unclear message: {ours.errors + ours.skipped}", ""
    if any(path.name not in e for e in ours.errors):
        return f"refused with a message that does not name the file: {ours.errors}", ""
    if expectation is not None and expectation.refused:
        problem = None if _refused(ours) else f"imported ({_fmt(ours.metres)}), expected refused"
        return problem, "refusal expected"
    if expectation is not None and expectation.ours_m is not None:
        return _within(
            ours, expectation.ours_m, "our documented figure"
        ), f"documented {_fmt(expectation.ours_m)}"
    if expectation is not None and expectation.against == "positions":
        figure = positions_figure(path)
    else:
        figure = peer_figure(path)
    compared = f"{figure.peer} {_fmt(figure.metres)} ({figure.note})"
    if figure.metres is None or figure.metres == 0.0:
        if _refused(ours):
            return None, compared
        return f"{figure.peer} finds nothing ({figure.note}) but we import {_fmt(ours.metres)}", compared
    return _within(ours, figure.metres, f"{figure.peer}, {figure.note}"), compared


def judge(key: str, path: Path, expectation: Expectation | None) -> Verdict:
    """One file's verdict: a recorded defect passes while it still shows and fails once it is fixed."""
    ours = our_figure(path)
    problem, compared = check(path, ours, expectation)
    if expectation is not None and expectation.defect is not None:
        if problem is None:
            return Verdict(
                key,
                False,
                f"the defect recorded for it ({expectation.defect}) no longer shows: delete that defect line "
                f"in {MANIFEST.name} (ours {_fmt(ours.metres)}; {compared})",
            )
        return Verdict(key, True, f"defect still shows: {problem}")
    if problem is None:
        return Verdict(key, True, f"ours {_fmt(ours.metres)}; {compared}")
    return Verdict(key, False, problem)
