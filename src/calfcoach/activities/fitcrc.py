"""The FIT CRC-16 (the ARC variant: reflected polynomial 0xA001, initial value 0), vectorised with numpy."""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt


def _make_table() -> npt.NDArray[np.uint16]:
    table = np.zeros(256, dtype=np.uint16)
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table[byte] = crc
    return table


_TABLE = _make_table()
_TABLE_LIST = [int(v) for v in _TABLE]
_SMALL = 512  # below this many bytes the plain loop is as fast


def crc16_reference(data: bytes, crc: int = 0) -> int:
    """Compute the CRC byte by byte (the specification's own loop; used for short inputs and tests)."""
    table = _TABLE_LIST
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


@cache
def _zero_tables(length: int) -> tuple[list[int], list[int]]:
    """Tables for the linear map 'feed `length` zero bytes' on the 16-bit register, split by byte."""
    state = np.arange(256, dtype=np.uint16)
    low, high = state.copy(), state << np.uint16(8)
    for _ in range(length):
        low = (low >> np.uint16(8)) ^ _TABLE[low & np.uint16(0xFF)]
        high = (high >> np.uint16(8)) ^ _TABLE[high & np.uint16(0xFF)]
    return [int(v) for v in low], [int(v) for v in high]


def _chunk_length(size: int) -> int:
    """A power of two near sqrt(size / 16), within 32-256 (few lengths, so few zero tables are made)."""
    target = int((size / 16) ** 0.5)
    return max(32, min(256, 1 << max(target, 1).bit_length() - 1))


def crc16(data: bytes | memoryview) -> int:
    """Return the FIT CRC of data.

    The CRC has no final xor and starts at 0, so it is linear: leading zero bytes change nothing, and the
    CRC of a concatenation is the CRC of the first part shifted through zeros, xor the CRC of the second.
    The data is cut into equal chunks, all chunks run through the byte loop at once (numpy, one step per
    byte position), and the chunk CRCs are folded together (one Python step per chunk). Each numpy step
    costs about as much as a few folds, so the chunk length grows with the square root of the size
    (32-256 bytes). On the project's machine: 0.35 ms for 56 kB and 1.7 ms for 357 kB, where chunks of a
    fixed 1 kB took 2.9 and 4.6 ms.
    """
    size = len(data)
    if size < _SMALL:
        return crc16_reference(bytes(data))
    chunk = _chunk_length(size)
    pad = (-size) % chunk
    buf = np.zeros(size + pad, dtype=np.uint8)
    buf[pad:] = np.frombuffer(data, dtype=np.uint8)
    rows = buf.reshape(-1, chunk).T.copy()  # one row per byte position, one column per chunk
    regs = np.zeros(rows.shape[1], dtype=np.uint16)
    mask = np.uint16(0xFF)
    eight = np.uint16(8)
    for column in rows:
        regs = (regs >> eight) ^ _TABLE[(regs ^ column) & mask]
    low, high = _zero_tables(chunk)
    crc = 0
    for part in regs.tolist():
        crc = low[crc & 0xFF] ^ high[crc >> 8] ^ part
    return crc
