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
from calfcoach.activities.notes import counted
from calfcoach.activities.numtext import decimals, iso_times
from calfcoach.activities.stream import MAX_POINTS
from calfcoach.activities.stream import Readable as Readable
from calfcoach.domain.errors import Figure, Phrase
from calfcoach.i18n import N_

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
_HINT_DAMAGED = N_("the file is damaged or cut short; export it again from the app or device")
_SAFETY = N_("refused for safety; export the file again from the app or device")
FEED_BYTES = 64 * 1024  # fed to the parser at a time: the tree built from it stays in the CPU caches
MAX_POINT_ELEMENTS = 1000  # elements one track point may hold (a real one holds fewer than 20)


MAX_PROLOG_BYTES = 1024 * 1024  # an XML declaration, comments and the like before the root element


class PullParse:
    """Feed a stream to a safe pull parser chunk by chunk, yielding the start and end of chosen elements.

    The caller reads what it needs from finished elements and deletes them, so the tree never holds more
    than a batch of points and a chunk. A second parser, fed only the prolog, finds the root element first:
    a DOCTYPE is refused there, and tags_for(root tag) names the elements to report (raising ActivityError
    for a root of another format). Only start tags are reported by the parser (an end callback for every
    element would cost a third of the parse); an element's end is inferred, in document order, when a
    later reported element starts outside it, when it has left the tree's open path (the chain of last
    children from the root), or at the end of the file. XML damaged part-way ends the events with `damage`
    set (what the parser said, and where); what was parsed before it stays in the tree.
    """

    def __init__(
        self,
        stream: Readable,
        source: str,
        tags_for: Callable[[str], tuple[str, ...]],
        watch: tuple[bytes, ...] = (),
    ) -> None:
        self.source = source
        self.root: Any = None
        self.damage: str | None = None
        # Where the damage is and the parser's own words for it, for a refusal in the reader's language.
        self._damage_at: Phrase | None = None
        self._damage_detail = ""
        self.seen: set[bytes] = set()  # which of the watched byte strings (namespace URIs) occur so far
        self._watch = watch
        self._tail = b""
        self._stream = stream
        self._tags_for = tags_for
        self._parser: etree.XMLPullParser | None = None
        self._probe = etree.XMLPullParser(events=("start",), **_SAFE)
        self._prolog: list[bytes] = []
        self._open: list[Any] = []  # reported elements whose end is not known yet, outermost first

    def rounds(self) -> Iterator[list[tuple[str, Any]]]:
        """Yield the events of each chunk: ("start" | "end", element) in document order."""
        while True:
            chunk = self._stream.read(FEED_BYTES)
            if self._watch and chunk:
                self._look(chunk)
            try:
                if self._parser is None:
                    if not chunk:
                        self._probe.close()  # raises: there was no root element
                    self._find_root(chunk)
                    continue
                if not chunk:
                    self._parser.close()
                    yield self._events(final=True)
                    return
                self._parser.feed(chunk)
            except etree.XMLSyntaxError as exc:
                at = Phrase(N_("line {line}"), line=exc.lineno) if exc.lineno else Phrase(N_("the start"))
                message = (exc.msg or "no element found").split(", line ")[0]
                if self._parser is None or self.root is None:
                    raise ActivityError(
                        N_("not well-formed XML at {at}: {problem}"),
                        where=self.source,
                        hint=_HINT_DAMAGED,
                        at=at,
                        problem=message,
                    ) from None
                # The note stays English as the readers write their notes (services/import_notes.py).
                self.damage = f"the XML is damaged at {at} ({message})"
                self._damage_at, self._damage_detail = at, message
                yield self._events(final=False)
                return
            yield self._events(final=False)

    def _find_root(self, chunk: bytes) -> None:
        self._prolog.append(chunk)
        self._probe.feed(chunk)
        for _, element in self._probe.read_events():
            _refuse_doctype(element, self.source)
            root_tag = element.tag if isinstance(element.tag, str) else ""
            # The root is reported too, so the tree can be pruned before any chosen element starts.
            tags = (root_tag, *self._tags_for(root_tag))
            self._parser = etree.XMLPullParser(events=("start",), tag=tags, **_SAFE)
            prolog, self._prolog = self._prolog, []
            for part in prolog:
                self._parser.feed(part)
            return
        if sum(map(len, self._prolog)) > MAX_PROLOG_BYTES:
            raise ActivityError(
                N_("no element starts in the first {size} MB"),
                where=self.source,
                hint=N_("is this a GPX or TCX file?"),
                size=MAX_PROLOG_BYTES // 2**20,
            )

    def _events(self, *, final: bool) -> list[tuple[str, Any]]:
        assert self._parser is not None
        out: list[tuple[str, Any]] = []
        stack = self._open
        for _, element in self._parser.read_events():
            if self.root is None:
                self.root = element.getroottree().getroot()
            ancestors = _ancestors(element)
            while stack and not any(stack[-1] is a for a in ancestors):
                out.append(("end", stack.pop()))
            stack.append(element)
            out.append(("start", element))
        if final:
            out.extend(("end", element) for element in reversed(stack))
            stack.clear()
        elif stack:
            chain = _open_path(self.root)
            while stack and not any(stack[-1] is c for c in chain):
                out.append(("end", stack.pop()))
        return out

    def _look(self, chunk: bytes) -> None:
        if len(self.seen) == len(self._watch):
            return
        window = self._tail + chunk  # a watched string may straddle two chunks
        for needle in self._watch:
            if needle not in self.seen and needle in window:
                self.seen.add(needle)
        self._tail = chunk[-max(len(n) for n in self._watch) :]

    def refuse_damaged(self) -> ActivityError:
        """The error for a damaged file that gave nothing before its damage."""
        return ActivityError(
            N_("the XML is damaged at {at} ({problem}); nothing could be read before it"),
            where=self.source,
            hint=_HINT_DAMAGED,
            at=self._damage_at or Phrase(N_("the start")),
            problem=self._damage_detail,
        )


def _ancestors(element: Any) -> list[Any]:
    out = []
    parent = element.getparent()
    while parent is not None:
        out.append(parent)
        parent = parent.getparent()
    return out


def _open_path(root: Any) -> list[Any]:
    """The chain of last children from the root: every element still open is on it."""
    chain = []
    node = root
    while node is not None:
        chain.append(node)
        node = last_child(node)
    return chain


def last_child(element: Any) -> Any:
    """The element's last child, or None (without counting the children, as len() would)."""
    for child in element.iterchildren(reversed=True):
        return child
    return None


def prune_open_path(root: Any, container: Any, keep: Callable[[Any], None], source: str) -> None:
    """Delete every finished element along the open path from the root, but the open point container's.

    Only the last child of an element can still be open, so the others are done with: keep(element) is
    called first so the reader can take what it needs from them (a name, a lap's totals). Below the open
    container only the point being built remains; it is refused past MAX_POINT_ELEMENTS elements.
    """
    node: Any = root
    while node is not None:
        if node is container:
            point = last_child(node)
            if point is not None:
                held = sum(1 for _ in itertools.islice(point.iter(), MAX_POINT_ELEMENTS + 1))
                if held > MAX_POINT_ELEMENTS:
                    raise ActivityError(
                        N_("a point holds over {most} elements (line {line})"),
                        where=source,
                        hint=N_("refused for safety; a real track point holds a few values"),
                        most=MAX_POINT_ELEMENTS,
                        line=point.sourceline,
                    )
            return
        if len(node) > 1:
            keep(node)
            del node[:-1]
        node = node[-1] if len(node) else None


BATCH_POINTS = 2048  # finished points read into columns together, then deleted from the tree
_COLUMNS = ("time_s", "lat_deg", "lon_deg", "elevation_m", "distance_m", "hr_bpm", "cadence_rpm")


class PointBatches:
    """The points of open containers (track segments, TCX tracks), read into numpy columns in batches.

    Finished points wait in the tree until there are BATCH_POINTS of them (or their container ends), then
    are read with one XPath or one tree walk per column, and deleted. Points are counted as they come and
    refused past MAX_POINTS before any more memory is taken.
    """

    def __init__(
        self,
        point: str,
        ns: dict[str, str],
        source: str,
        read_batch: Callable[[Columns, list[str]], dict[str, FloatArray]],
    ) -> None:
        self.point, self.ns, self.source, self._read_batch = point, ns, source, read_batch
        prefix, _, local = point.rpartition(":")
        self.point_tag = f"{{{ns[prefix]}}}{local}" if prefix else local
        self.total = 0
        self.batches: list[dict[str, FloatArray]] = []
        self.segment_of: list[int] = []  # the segment of each batch
        self.segments = -1
        self.warnings: list[str] = []

    def new_segment(self) -> None:
        self.segments += 1

    def take(self, container: Any, *, closed: bool) -> None:
        """Read and delete the container's finished points once they make a batch, or all when closed.

        When the container is still open its last child may be a point still being parsed: it waits.
        """
        finished = len(container) if closed else len(container) - 1
        if self.total + finished > MAX_POINTS:
            raise ActivityError(
                N_("the recording has over {most} points (more than 48 hours at one a second)"),
                where=self.source,
                hint=N_("refused for safety; split the recording into days and import them one by one"),
                most=Figure(MAX_POINTS, grouping=True),
            )
        if finished <= 0 or (not closed and finished < BATCH_POINTS):
            return
        columns = Columns(container, self.point, self.point_tag, self.ns, finished)
        if columns.n:
            self.batches.append(self._read_batch(columns, self.warnings))
            self.segment_of.append(self.segments)
            self.total += columns.n
        del container[:finished]

    def track(self) -> Track:
        """All points read so far as one track; each segment's points share a segment number."""
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
            N_("the file declares a DOCTYPE (entities or an external DTD), which activity files never need"),
            where=source,
            hint=_SAFETY,
        )


class Columns:
    """Extract one value per point from a container's first children, vectorised.

    The points are the `point` children among the container's first `children` children (the rest, at
    most one, may still be being parsed, so its values are left out of every walk). The container holds
    nothing but points (and perhaps its own extensions), so a tag the schema allows once per point can be
    walked in document order instead of XPath'd.
    """

    def __init__(
        self, container: Any, point: str, point_tag: str, namespaces: dict[str, str], children: int
    ) -> None:
        self.root = container
        self.ns = namespaces
        self.point_tag = point_tag
        self._tail = list(container[children:])
        # A point still being parsed: its values, last in document order, are cut off each result (an
        # XPath predicate on position instead costs as much as the rest of the column).
        self._tail_points = [t for t in self._tail if t.tag == point_tag]
        self.n = int(container.xpath(f"count({point})", namespaces=namespaces)) - len(self._tail_points)
        self.point = point
        self._points: list[etree._Element] | None = None

    def with_namespaces(self, extra: dict[str, str]) -> Columns:
        """Return the same columns with more namespace prefixes for the relative paths."""
        other = copy.copy(self)
        other.ns = {**self.ns, **extra}
        return other

    def walk(self, *tags: str) -> list[str | None]:
        """The text of every element with these tags under the finished points, in document order."""
        texts = element_texts(self.root, *tags)
        if self._tail:
            extra = sum(len(element_texts(t, *tags)) for t in self._tail)
            if extra:
                del texts[len(texts) - extra :]
        return texts

    def texts(self, relative: str) -> Sequence[str | None] | None:
        """Return the text (or attribute) at `relative` for every point, None where a point lacks it."""
        found = self.root.xpath(f"{self.point}/{relative}", namespaces=self.ns, smart_strings=False)
        assert isinstance(found, list)
        for tail in self._tail_points:
            extra = tail.xpath(relative, namespaces=self.ns, smart_strings=False)
            if isinstance(extra, list) and extra:
                del found[len(found) - len(extra) :]
        if not found:
            return None
        if len(found) == self.n:
            return found  # already plain str (smart_strings=False): no copy per point
        # Some points lack the value (or carry it twice): align point by point, the slow but exact way.
        if self._points is None:
            self._points = list(self.root.xpath(self.point, namespaces=self.ns))[: self.n]
        path = etree.XPath(relative, namespaces=self.ns, smart_strings=False)
        out: list[str | None] = []
        for point in self._points:
            hits = path(point)
            out.append(str(hits[0]) if isinstance(hits, list) and hits else None)
        return out

    def texts_by_tag(self, tag: str, relative: str) -> Sequence[str | None] | None:
        """Like texts(), for a tag the schema allows only once per point (`relative` names it there).

        One walk over the tree gives the values in point order; when some points lack the tag, a walk
        over the points and the tag together tells which point each value belongs to (the first of a
        point's values is taken, as texts() does).
        """
        fast = self.walk(tag)
        if len(fast) == self.n:
            return fast
        if not fast:
            return None
        out: list[str | None] = [None] * self.n
        index = -1
        for element in self.root.iter(self.point_tag, tag):
            if element.tag == self.point_tag:
                index += 1
                if index >= self.n:
                    break
            elif index >= 0 and out[index] is None:
                out[index] = element.text
        return out

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
        warnings.append(
            f"{bad} unreadable {label} {counted(bad, 'value', 'values')}"
            f" {counted(bad, 'was', 'were')} left out"
        )
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
        warnings.append(
            f"{bad} unreadable time {counted(bad, 'value', 'values')} {counted(bad, 'was', 'were')} left out"
        )
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
