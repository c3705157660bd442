"""Safe streaming XML parsing and column extraction straight into numpy, shared by the GPX and TCX readers."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
from lxml import etree

from calfcoach.activities.model import ActivityError, FloatArray, Track
from calfcoach.activities.numtext import decimals, iso_times
from calfcoach.activities.stream import MAX_POINTS
from calfcoach.activities.stream import Readable as Readable

# Entities are never resolved, no DTD is loaded and nothing is fetched: XXE and entity expansion are refused
# (a DOCTYPE is rejected outright, at the root's start tag). Blank text, comments and PIs are dropped at
# parse time, which also makes the tree smaller and the parse faster.
_SAFE = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_blank_text": True,
    "remove_comments": True,
    "remove_pis": True,
    "collect_ids": False,
}
_HINT_DAMAGED = "the file is damaged or cut short; export it again from the app or device"
FEED_BYTES = 64 * 1024  # fed to the parser at a time: the tree built from it stays in the CPU caches
MAX_POINT_ELEMENTS = 1000  # elements one track point may hold (a real one holds fewer than 20)


class PullParse:
    """Feed a stream to a safe pull parser chunk by chunk, yielding each chunk's events for some tags.

    The caller reads what it needs from the finished elements and deletes them, so the tree never holds
    more than a chunk's worth of elements. The root element and a DOCTYPE are checked on the first
    start tag by a second parser fed only the file's prolog. XML damaged part-way ends the events with
    `damage` set (what the parser said, and where); what was parsed before it stays in the tree.
    """

    def __init__(
        self, stream: Readable, source: str, tags: tuple[str, ...], watch: tuple[bytes, ...] = ()
    ) -> None:
        self.source = source
        self.root_tag: str | None = None
        self.damage: str | None = None
        self.seen: set[bytes] = set()  # which of the watched byte strings (namespace URIs) occur so far
        self._watch = watch
        self._tail = b""
        self._stream = stream
        self._parser = etree.XMLPullParser(events=("start", "end"), tag=tags, **_SAFE)
        self._probe: etree.XMLPullParser | None = etree.XMLPullParser(events=("start",), **_SAFE)

    def rounds(self) -> Iterator[list[tuple[str, Any]]]:
        """Yield the events of each chunk; the last list holds those found before the end or the damage."""
        parser = self._parser
        while True:
            chunk = self._stream.read(FEED_BYTES)
            try:
                if not chunk:
                    parser.close()
                    yield list(parser.read_events())
                    return
                if self._probe is not None:
                    self._read_root(chunk)
                if self._watch:
                    self._look(chunk)
                parser.feed(chunk)
            except etree.XMLSyntaxError as exc:
                where = f"line {exc.lineno}" if exc.lineno else "the start"
                message = (exc.msg or "no element found").split(", line ")[0]
                if self.root_tag is None:
                    raise ActivityError(
                        f"not well-formed XML at {where}: {message}", where=self.source, hint=_HINT_DAMAGED
                    ) from None
                self.damage = f"the XML is damaged at {where} ({message})"
                yield list(parser.read_events())
                return
            yield list(parser.read_events())

    def _look(self, chunk: bytes) -> None:
        window = self._tail + chunk  # a watched string may straddle two chunks
        for needle in self._watch:
            if needle not in self.seen and needle in window:
                self.seen.add(needle)
        self._tail = chunk[-max(len(n) for n in self._watch) :]

    def _read_root(self, chunk: bytes) -> None:
        assert self._probe is not None
        try:
            self._probe.feed(chunk)
        except etree.XMLSyntaxError:
            self._probe = None  # the main parser reports the damage
            return
        for _, element in self._probe.read_events():
            _refuse_doctype(element, self.source)
            self.root_tag = element.tag if isinstance(element.tag, str) else ""
            self._probe = None
            return

    def refuse_damaged(self) -> ActivityError:
        """The error for a damaged file that gave nothing before its damage."""
        return ActivityError(
            f"{self.damage}; nothing could be read before it", where=self.source, hint=_HINT_DAMAGED
        )


def prune_open_path(root: Any, container: Any, keep: Callable[[Any], None], source: str) -> None:
    """Delete every finished element along the open path from the root, but the open point container's.

    Only the last child of an element can still be open, so the others are done with: keep(element) is
    called first so the reader can take what it needs from them (a name, a lap's totals). Below the open
    container only the point being built remains; it is refused past MAX_POINT_ELEMENTS elements.
    """
    node: Any = root
    while node is not None:
        if node is container:
            if len(node):
                point = node[-1]
                held = sum(1 for _ in itertools.islice(point.iter(), MAX_POINT_ELEMENTS + 1))
                if held > MAX_POINT_ELEMENTS:
                    raise ActivityError(
                        f"a point holds over {MAX_POINT_ELEMENTS} elements (line {point.sourceline})",
                        where=source,
                        hint="refused for safety; a real track point holds a few values",
                    )
            return
        if len(node) > 1:
            keep(node)
            del node[:-1]
        node = node[-1] if len(node) else None


BATCH_POINTS = 8192  # points moved out of the parse tree and read into columns together
_COLUMNS = ("time_s", "lat_deg", "lon_deg", "elevation_m", "distance_m", "hr_bpm", "cadence_rpm")


class PointBatches:
    """Finished points moved out of the parse tree, read into numpy columns a batch at a time.

    Moving them into a tree of their own leaves the parser's tree small, and gives the column reading a
    finished subtree holding nothing but points: one XPath (or one tree walk) per column over many points.
    Points are counted as they come, and refused past MAX_POINTS before any more memory is taken.
    """

    def __init__(
        self,
        point: str,
        ns: dict[str, str],
        source: str,
        read_batch: Callable[[Any, Columns, list[str]], dict[str, FloatArray]],
    ) -> None:
        self.point, self.ns, self.source, self._read_batch = point, ns, source, read_batch
        self.holder = etree.Element("points")
        self.held = 0
        self.total = 0
        self.batches: list[dict[str, FloatArray]] = []
        self.segment_of: list[int] = []  # the segment of each batch
        self.segments = -1
        self.warnings: list[str] = []

    def new_segment(self) -> None:
        self.flush()
        self.segments += 1

    def take(self, container: Any, count: int) -> None:
        """Move the container's first `count` children (finished points) out of the parse tree."""
        if count <= 0:
            return
        self.total += count
        if self.total > MAX_POINTS:
            raise ActivityError(
                f"the recording has over {MAX_POINTS:,} points (more than 48 hours at one a second)",
                where=self.source,
                hint="refused for safety; split the recording into days and import them one by one",
            )
        self.holder.extend(container[:count])
        self.held += count
        if self.held >= BATCH_POINTS:
            self.flush()

    def flush(self) -> None:
        if not self.held:
            return
        holder, self.holder, self.held = self.holder, etree.Element("points"), 0
        columns = Columns(holder, ".", self.point, self.ns)
        if columns.n == 0:
            return
        self.batches.append(self._read_batch(holder, columns, self.warnings))
        self.segment_of.append(self.segments)

    def track(self) -> Track:
        """All points read so far as one track; each segment's points share a segment number."""
        self.flush()
        if not self.batches:
            return Track()
        sizes = [len(b["time_s"]) for b in self.batches]
        columns = {
            name: np.concatenate(
                [
                    b[name] if name in b else np.full(k, np.nan)
                    for b, k in zip(self.batches, sizes, strict=True)
                ]
            )
            for name in _COLUMNS
        }
        segment = np.repeat(np.asarray(self.segment_of, dtype=np.int64), sizes)
        return Track(**columns, segment=segment)


def merge_counted(warnings: list[str]) -> list[str]:
    """Merge warnings that differ only in their leading count ('3 unreadable ...' + '2 unreadable ...'),
    as a file read batch by batch gives one per batch."""
    counts: dict[str, int] = {}
    out: list[str] = []
    for text in warnings:
        head, _, rest = text.partition(" ")
        if head.isdigit() and rest:
            if rest not in counts:
                out.append(rest)
                counts[rest] = 0
            counts[rest] += int(head)
        elif text not in out:
            out.append(text)
    return [f"{counts[text]} {text}" if text in counts else text for text in out]


def _refuse_doctype(root: etree._Element, source: str) -> None:
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise ActivityError(
            "the file declares a DOCTYPE (entities or an external DTD), which activity files never need",
            where=source,
            hint="refused for safety; export the file again from the app or device",
        )


class Columns:
    """Extract one value per point, vectorised when every point has the value.

    Points are the `point` children of each container (track segments, TCX tracks); evaluating from
    the containers rather than the root saves XPath steps over the whole document for every column.
    """

    def __init__(
        self, root: etree._Element, container_path: str, point: str, namespaces: dict[str, str]
    ) -> None:
        self.root = root
        self.point = point
        self.ns = namespaces
        containers = root.xpath(container_path, namespaces=namespaces)
        assert isinstance(containers, list)
        self.containers: list[etree._Element] = containers
        self.sizes = [int(c.xpath(f"count({point})", namespaces=namespaces)) for c in containers]
        self.n = sum(self.sizes)
        self._points: list[etree._Element] | None = None

    def with_namespaces(self, extra: dict[str, str]) -> Columns:
        """Return the same columns with more namespace prefixes for the relative paths."""
        other = copy.copy(self)
        other.ns = {**self.ns, **extra}
        return other

    def _each(self, path: str) -> list[Any]:
        if len(self.containers) == 1:
            found = self.containers[0].xpath(path, namespaces=self.ns, smart_strings=False)
            assert isinstance(found, list)
            return found
        out: list[Any] = []
        for container in self.containers:
            out.extend(container.xpath(path, namespaces=self.ns, smart_strings=False))
        return out

    def texts(self, relative: str) -> Sequence[str | None] | None:
        """Return the text (or attribute) at `relative` for every point, None where a point lacks it."""
        found = self._each(f"{self.point}/{relative}")
        if not found:
            return None
        if len(found) == self.n:
            return found  # already plain str (smart_strings=False): no copy per point
        # Some points lack the value (or carry it twice): align point by point, the slow but exact way.
        if self._points is None:
            self._points = self._each(self.point)
        path = etree.XPath(relative, namespaces=self.ns, smart_strings=False)
        out: list[str | None] = []
        for point in self._points:
            hits = path(point)
            out.append(str(hits[0]) if isinstance(hits, list) and hits else None)
        return out

    def texts_by_tag(self, tag: str, relative: str) -> Sequence[str | None] | None:
        """Like texts(), for a tag the schema allows only once per point and nowhere else in the document.

        A plain walk over the tree is then in point order and, when every point has the tag, aligned;
        it avoids XPath's node-set sorting, which grows with the tag's position among its siblings.
        """
        fast = element_texts(self.root, tag)
        if len(fast) == self.n:
            return fast
        return self.texts(relative) if fast else None

    def floats(self, relative: str, warnings: list[str], label: str) -> FloatArray:
        """Return the values at `relative` as floats, NaN where absent or unreadable (with a warning)."""
        return to_floats(self.texts(relative), self.n, warnings, label)


def to_floats(texts: Sequence[str | None] | None, n: int, warnings: list[str], label: str) -> FloatArray:
    """Convert texts to float64, NaN for None; unreadable values become NaN with a warning."""
    if texts is None:
        return np.full(n, np.nan)
    fast = decimals(texts)  # type: ignore[arg-type]  # a None makes it decline
    if fast is not None:
        return fast
    try:  # numbers with spaces around or exponents: still one C loop
        return np.array(texts, dtype=np.float64)
    except (ValueError, TypeError):
        pass
    out = np.full(n, np.nan)
    bad = 0
    for i, text in enumerate(texts):
        if text is None:
            continue
        try:
            value = float(text)
        except ValueError:
            bad += 1
            continue
        if math.isfinite(value):
            out[i] = value
        else:
            bad += 1
    if bad:
        warnings.append(f"{bad} unreadable {label} value(s) were left out")
    return out


def parse_times(texts: Sequence[str | None] | None, n: int, warnings: list[str]) -> FloatArray:
    """Convert ISO 8601 times to Unix seconds; a time without a zone is taken as UTC (as GPX specifies)."""
    if texts is None:
        return np.full(n, np.nan)
    fast = iso_times(texts)  # type: ignore[arg-type]  # a None makes it decline
    if fast is not None:
        return fast
    out = np.full(n, np.nan)
    bad = 0
    for i, text in enumerate(texts):
        if text is None:
            continue
        try:
            when = dt.datetime.fromisoformat(text.strip())
        except ValueError:
            bad += 1
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        out[i] = when.timestamp()
    if bad:
        warnings.append(f"{bad} unreadable time value(s) were left out")
    return out


def element_texts(root: etree._Element, *tags: str) -> list[str | None]:
    """Return the text of every element with these tags in document order (faster than XPath, deep tags)."""
    return [e.text for e in root.iter(*tags)]


def first_text(root: etree._Element, path: str, namespaces: dict[str, str]) -> str | None:
    """Return the first text found at path, stripped, or None."""
    found = root.xpath(path, namespaces=namespaces, smart_strings=False)
    if isinstance(found, list) and found:
        text = str(found[0]).strip()
        return text or None
    return None
