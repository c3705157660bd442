"""Safe XML parsing and column extraction straight into numpy, shared by the GPX and TCX readers."""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from lxml import etree

from calfcoach.activities.model import ActivityError, FloatArray
from calfcoach.activities.numtext import decimals, iso_times
from calfcoach.activities.stream import Readable as Readable

# Entities are never resolved, no DTD is loaded and nothing is fetched: XXE and entity expansion are refused
# (a DOCTYPE is rejected outright after parsing). Blank text, comments and PIs are dropped at parse time,
# which also makes the tree smaller and the parse faster.
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
CHUNK_BYTES = 1024 * 1024


def read_all(stream: Readable) -> bytes:
    """Return the rest of a stream as bytes."""
    parts = []
    while chunk := stream.read(CHUNK_BYTES):
        parts.append(chunk)
    return b"".join(parts)


_HINT_DAMAGED = "the file is damaged or cut short; export it again from the app or device"


def parse_xml(data: bytes, source: str) -> tuple[etree._Element, list[str]]:
    """Parse XML safely; a damaged file is recovered up to the damage with a warning, or refused."""
    warnings: list[str] = []
    try:
        root = etree.fromstring(data, etree.XMLParser(**_SAFE))
    except etree.XMLSyntaxError as exc:
        try:
            root = etree.fromstring(data, etree.XMLParser(recover=True, **_SAFE))
        except etree.XMLSyntaxError:
            root = None
        where = f"line {exc.lineno}" if exc.lineno else "the start"
        if root is None:
            raise ActivityError(
                f"not well-formed XML at {where}: {exc.msg}", where=source, hint=_HINT_DAMAGED
            ) from None
        _refuse_doctype(root, source)
        warnings.append(f"the XML is damaged at {where} ({exc.msg}); kept what could be read before it")
    _refuse_doctype(root, source)
    return root, warnings


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
