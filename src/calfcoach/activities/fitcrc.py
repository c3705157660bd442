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
_CHUNK = 1024


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


def crc16(data: bytes | memoryview) -> int:
    """Return the FIT CRC of data.

    The CRC has no final xor and starts at 0, so it is linear: leading zero bytes change nothing, and the
    CRC of a concatenation is the CRC of the first part shifted through zeros, xor the CRC of the second.
    The data is cut into equal chunks, all chunks run through the byte loop at once (numpy, one step per
    byte position), and the chunk CRCs are folded together. About 100x the plain loop on a 1 MB file.
    """
    size = len(data)
    if size < 4 * _CHUNK:
        return crc16_reference(bytes(data))
    pad = (-size) % _CHUNK
    buf = np.zeros(size + pad, dtype=np.uint8)
    buf[pad:] = np.frombuffer(data, dtype=np.uint8)
    rows = buf.reshape(-1, _CHUNK).T.copy()  # one row per byte position, one column per chunk
    regs = np.zeros(rows.shape[1], dtype=np.uint16)
    mask = np.uint16(0xFF)
    eight = np.uint16(8)
    for column in rows:
        regs = (regs >> eight) ^ _TABLE[(regs ^ column) & mask]
    low, high = _zero_tables(_CHUNK)
    crc = 0
    for part in regs.tolist():
        crc = low[crc & 0xFF] ^ high[crc >> 8] ^ part
    return crc
