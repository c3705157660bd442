"""The readers' notes are English with each counted thing in its own form ("1 point was left out", "3 points
were left out"): services/import_notes.py knows every note's forms, and the "point(s)" ones of recordings
imported before, to say them in the reader's language."""


def counted(n: int, one: str, many: str) -> str:
    """The word for a count of `n`: `one` for 1, `many` for any other count (0 too, as English says)."""
    return one if n == 1 else many
