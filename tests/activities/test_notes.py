"""The readers' notes say each count in its English form (activities/notes.py)."""

import pytest

from calfcoach.activities.notes import counted


@pytest.mark.parametrize(("n", "word"), [(0, "points"), (1, "point"), (2, "points"), (5, "points")])
def test_one_is_singular_and_every_other_count_plural(n: int, word: str) -> None:
    assert counted(n, "point", "points") == word
