"""Recognising uploaded media by its first bytes, whatever the file is called."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.services.exercise_media import sniff


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x00\x00\x00\x20ftypisom\x00\x00", "video/mp4"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00", "video/quicktime"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81", "video/webm"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"<html><body>", None),
        (b"abcdftypisom", None),  # text that happens to say "ftyp" where a box would
        (b"", None),
    ],
)
def test_the_first_bytes_decide_the_type(head: bytes, expected: str | None) -> None:
    assert sniff(head) == expected


@given(st.binary(max_size=32), st.binary(max_size=64))
def test_only_the_first_sixteen_bytes_count(head: bytes, rest: bytes) -> None:
    start = head[:16].ljust(16, b"\x00") if len(head) >= 16 else head
    assert sniff(start + rest) == sniff(start + b"\x00" * len(rest)) or len(start) < 16
