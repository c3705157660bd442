from __future__ import annotations

import gzip
import hashlib
import io

import pytest

from calfcoach.activities.model import ActivityError
from calfcoach.activities.stream import CHUNK_BYTES, MAX_RATIO, Content
from calfcoach.activities.synthetic import hike_gpx


class _Trickle(io.RawIOBase):
    """A stream that returns at most 7 bytes a call, as a pipe or socket may."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        return self._data.read(min(n, 7) if n >= 0 else 7)


@pytest.mark.parametrize("packed", [False, True])
def test_the_content_and_its_hash_are_those_of_the_decompressed_file(packed: bool) -> None:
    data = hike_gpx(900)
    content = Content(io.BytesIO(gzip.compress(data) if packed else data), "walk.gpx")
    assert content.gzipped is packed
    assert data.startswith(content.head)
    out = b""
    while chunk := content.read(CHUNK_BYTES // 3):
        out += chunk
    assert out == data
    assert content.hexdigest() == hashlib.sha256(data).hexdigest()


def test_short_reads_still_give_the_whole_head() -> None:
    data = hike_gpx(60)
    content = Content(_Trickle(data), "walk.gpx")
    assert content.head == data[:4096]
    assert content.read_all() == data


def test_a_gzip_bomb_is_refused_before_it_is_inflated_whole() -> None:
    bomb = gzip.compress(b" " * (200 * 2**20))
    content = Content(io.BytesIO(bomb), "bomb.gpx.gz")
    with pytest.raises(ActivityError, match="zip bomb") as caught:
        content.drain()
    # Refused within a chunk or so of the ratio limit over what was consumed, not after 200 MB.
    assert content.size <= MAX_RATIO * len(bomb) + CHUNK_BYTES
    assert "bomb.gpx.gz" in str(caught.value)
