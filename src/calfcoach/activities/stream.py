"""The content of an uploaded file as a stream: gzip inflated as it is read, sizes capped, content hashed."""

from __future__ import annotations

import hashlib
import zlib
from typing import Protocol

from calfcoach.activities.model import ActivityError
from calfcoach.i18n import N_

MAX_FILE_BYTES = 256 * 1024 * 1024  # far above a 24-hour 1 Hz recording (about 40 MB of GPX)
MAX_RATIO = 100  # gzip and zip members may not expand more than this (XML compresses about 10:1)
RATIO_FREE_BYTES = 1024 * 1024  # below this size any ratio is allowed (tiny files compress oddly)
MAX_POINTS = 48 * 3600  # points in one activity: 48 hours at one a second; refused above, while reading
CHUNK_BYTES = 1024 * 1024  # what a reader asks for at a time: few Python calls, little memory
SNIFF_BYTES = 4096
GZIP_MAGIC = b"\x1f\x8b"
_HINT_AGAIN = N_("copy or download the file again")


class Readable(Protocol):
    """A binary stream: anything with read(n), such as an open file, an upload or a zip member."""

    def read(self, n: int = ..., /) -> bytes: ...


def _too_big(size: int, source: str) -> ActivityError:
    return ActivityError(
        N_("the file is {size} MB or more, over the {limit} MB limit"),
        where=source,
        hint=N_("a real recording is far smaller; check the file"),
        size=size // 2**20,
        limit=MAX_FILE_BYTES // 2**20,
    )


class Content:
    """The decompressed bytes of one file, read chunk by chunk from a binary stream.

    A gzipped file is inflated as it is read; the inflated size is checked at every step against
    MAX_FILE_BYTES and against MAX_RATIO times the compressed bytes consumed so far (so a zip bomb is
    refused after inflating at most about one chunk past the limit, never whole). The SHA-256 of the
    decompressed content is updated as it passes, so it equals hashlib.sha256(whole content) once the
    stream has been read to its end (drain()).
    """

    def __init__(self, raw: Readable, source: str) -> None:
        self.source = source
        self._raw = raw
        self._raw_bytes = 0
        self._out_bytes = 0
        self._sha = hashlib.sha256()
        self._raw_eof = False
        self._pending = b""  # compressed input not yet inflated
        first = b""
        while len(first) < SNIFF_BYTES and (more := self._read_raw(SNIFF_BYTES - len(first))):
            first += more  # a pipe or socket may return less than asked before its end
        self.gzipped = first.startswith(GZIP_MAGIC)
        self._inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS) if self.gzipped else None
        self._head_left = b""
        if self._inflater is not None:
            self._pending = first
            head = b""
            while len(head) < SNIFF_BYTES:
                more = self._next(SNIFF_BYTES - len(head))
                if not more:
                    break
                head += more
        else:
            head = self._count(first)
        self.head = head  # the first bytes, for telling the format; read() returns them first
        self._head_left = head

    @property
    def size(self) -> int:
        """Decompressed bytes read so far."""
        return self._out_bytes

    def _read_raw(self, n: int) -> bytes:
        if self._raw_eof:
            return b""
        try:
            data = self._raw.read(n)
        except OSError as exc:
            raise ActivityError(
                N_("the file cannot be read ({problem})"),
                where=self.source,
                hint=_HINT_AGAIN,
                problem=exc.strerror or str(exc),
            ) from None
        if not data:
            self._raw_eof = True
            return b""
        self._raw_bytes += len(data)
        if self._raw_bytes > MAX_FILE_BYTES:
            raise _too_big(self._raw_bytes, self.source)
        return bytes(data)

    def _count(self, out: bytes) -> bytes:
        self._out_bytes += len(out)
        self._sha.update(out)
        return out

    def _next(self, n: int) -> bytes:
        """Up to n new bytes of content; b"" at the end."""
        inflater = self._inflater
        if inflater is None:
            return self._count(self._read_raw(n))
        while True:
            if inflater.eof:
                return b""  # bytes after the gzip member are not content (as gzip -d ignores a trailer)
            if not self._pending:
                self._pending = self._read_raw(CHUNK_BYTES // 8)
                if not self._pending:
                    raise ActivityError(N_("the gzip data is cut short"), where=self.source, hint=_HINT_AGAIN)
            try:
                out = inflater.decompress(self._pending, n)
            except zlib.error as exc:
                raise ActivityError(
                    N_("the gzip data is damaged ({problem})"),
                    where=self.source,
                    hint=_HINT_AGAIN,
                    problem=str(exc),
                ) from None
            self._pending = inflater.unconsumed_tail
            consumed = self._raw_bytes - len(self._pending) - len(inflater.unused_data)
            total = self._out_bytes + len(out)
            limit = min(MAX_FILE_BYTES, max(RATIO_FREE_BYTES, MAX_RATIO * consumed))
            if total > limit:
                raise ActivityError(
                    N_(
                        "the compressed file expands past {size} MB ({ratio}x its compressed size or"
                        " {most} MB; a zip bomb?)"
                    ),
                    where=self.source,
                    hint=N_("refused for safety; a real recording is far smaller"),
                    size=limit // 2**20,
                    ratio=MAX_RATIO,
                    most=MAX_FILE_BYTES // 2**20,
                )
            if out:
                return self._count(out)

    def read(self, n: int = CHUNK_BYTES) -> bytes:
        """Return up to n bytes of content (fewer only at the end); b"" at the end."""
        if self._head_left:
            out, self._head_left = self._head_left[:n], self._head_left[n:]
            return out
        return self._next(n)

    def read_all(self) -> bytes:
        """Return the rest of the content as one bytes object (for small binary formats such as FIT)."""
        parts = []
        while chunk := self.read(CHUNK_BYTES):
            parts.append(chunk)
        return b"".join(parts)

    def drain(self) -> None:
        """Read what is left, so that the size checks and the hash cover the whole content."""
        while self.read(CHUNK_BYTES):
            pass

    def hexdigest(self) -> str:
        """The SHA-256 of the content read so far (of all of it after drain())."""
        return self._sha.hexdigest()
