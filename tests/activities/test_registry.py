from __future__ import annotations

import pytest

from calfcoach.activities.registry import is_later_part, part_source


@pytest.mark.parametrize(
    ("source", "later"),
    [
        ("tri.fit", False),
        ("tri.fit#1", False),
        ("tri.fit#2", True),
        ("export.zip!activities/7.fit.gz#12", True),
        ("run #2.fit", False),
        ("odd#name.fit", False),
    ],
)
def test_later_parts_of_a_file_are_told_by_their_source(source: str, later: bool) -> None:
    assert is_later_part(source) is later


def test_is_later_part_reads_what_part_source_writes() -> None:
    assert [is_later_part(part_source("a.fit", i, 3)) for i in (1, 2, 3)] == [False, True, True]
    assert not is_later_part(part_source("a.fit", 1, 1))
