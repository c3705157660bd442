"""Lay a phase's week of sessions onto the days a person has, keeping hard calf days apart."""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations, pairwise

WEEK = 7


def _hard_neighbours(days: tuple[int, ...], hard: tuple[bool, ...]) -> int:
    """Count pairs of hard sessions on consecutive days, Sunday to Monday included."""
    placed = dict(zip(days, hard, strict=True))
    return sum(1 for d, is_hard in placed.items() if is_hard and placed.get((d + 1) % WEEK, False))


def _crowding(days: tuple[int, ...]) -> int:
    """Penalise uneven spacing: the sum of squared gaps is smallest when sessions are spread out."""
    ordered = sorted(days)
    gaps = [b - a for a, b in pairwise(ordered)] + [ordered[0] + WEEK - ordered[-1]]
    return sum(g * g for g in gaps)


@lru_cache(maxsize=256)
def lay_out_week(
    templates: tuple[str, ...],
    priorities: tuple[int, ...],
    hard: tuple[bool, ...],
    available: frozenset[int],
) -> dict[int, str]:
    """Map weekday (0 = Monday) to template id.

    With fewer days than sessions, the lowest-priority sessions (highest number, later in the week first)
    are left out. Among the ways to place the rest on the available days, in the program's order or a
    rotation of it, choose the one with the fewest hard sessions on consecutive days, then the most even
    spacing, then the earliest days.
    """
    keep = list(range(len(templates)))
    while len(keep) > len(available):
        drop = max(keep, key=lambda i: (priorities[i], i))
        keep.remove(drop)
    chosen = [templates[i] for i in keep]
    chosen_hard = [hard[i] for i in keep]
    best: tuple[tuple[int, int, tuple[int, ...], int], dict[int, str]] | None = None
    for days in combinations(sorted(available), len(chosen)):
        for shift in range(len(chosen)):
            order = chosen[shift:] + chosen[:shift]
            order_hard = tuple(chosen_hard[shift:] + chosen_hard[:shift])
            score = (_hard_neighbours(days, order_hard), _crowding(days), days, shift)
            if best is None or score < best[0]:
                best = (score, dict(zip(days, order, strict=True)))
    assert best is not None  # available is never empty: the profile requires at least one day
    return best[1]


def longest_gap(weekdays: frozenset[int]) -> int:
    """The longest usual gap in days between two training days of the week (7 for one day a week)."""
    days = sorted(weekdays)
    if not days:
        return WEEK
    gaps = [b - a for a, b in pairwise(days)] + [days[0] + WEEK - days[-1]]
    return max(gaps)


def break_days(after_days: int, long_after_days: int, weekdays: frozenset[int]) -> tuple[int, int]:
    """How many days without training count as a break, and as a long one, for this person's week.

    The program's numbers, but never less than two (three) of the person's usual gaps: someone who trains
    on Mondays only is not "back after a break" every Monday.
    """
    usual = longest_gap(weekdays)
    return max(after_days, 2 * usual), max(long_after_days, 3 * usual)
