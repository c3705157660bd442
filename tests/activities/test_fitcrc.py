from __future__ import annotations

import numpy as np
import pytest

from calfcoach.activities.fitcrc import _chunk_length, crc16, crc16_reference


@pytest.mark.parametrize("size", [511, 512, 513, 4_097, 70_001, 300_000, 1_500_003])
def test_the_vectorised_crc_equals_the_byte_loop_at_every_chunk_length(size: int) -> None:
    data = np.random.default_rng(size).integers(0, 256, size, dtype=np.uint8).tobytes()
    assert crc16(data) == crc16_reference(data)
    assert crc16(memoryview(data)[1:]) == crc16_reference(data[1:])


def test_chunks_grow_with_the_size_between_32_and_256_bytes() -> None:
    lengths = [_chunk_length(n) for n in (512, 56_000, 120_000, 357_000, 2_000_000, 10**9)]
    assert lengths == sorted(lengths)
    assert lengths[0] == 32
    assert lengths[-1] == 256
    assert all(n & (n - 1) == 0 for n in lengths)
