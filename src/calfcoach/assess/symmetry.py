"""Limb symmetry: the limb symmetry index and which side is weaker.

Convention (lsi-convention in data/sources.yaml): LSI = weaker / stronger × 100, the clinic form of
involved / uninvolved × 100 when no side is known to be injured. 90% is the usual return-to-sport cut-off,
taken from hop-test practice; it is a convention, not a finding of a primary heel-rise study. Silbernagel
2010 (Achilles rupture) is a caution: 95% symmetry by repetitions was only 76% by work, so counting rises
flatters recovery.
"""

from __future__ import annotations

import math

from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import Side

LSI_TARGET_PCT = 90.0
"""The usual return-to-sport limb symmetry (hop tests); a clinical convention (lsi-convention)."""


def _check(left: float, right: float) -> None:
    for name, value in (("left", left), ("right", right)):
        if not math.isfinite(value) or value < 0:
            raise InputError(
                f"the {name} value must be a number of zero or more, got {value!r}",
                hint="enter what was measured on that leg",
            )


def limb_symmetry_index(left: float, right: float) -> float | None:
    """Weaker side as a percentage of the stronger one (100 = equal); None when both are zero."""
    _check(left, right)
    stronger = max(left, right)
    if stronger == 0:
        return None
    return min(left, right) / stronger * 100.0


def asymmetry_pct(left: float, right: float) -> float | None:
    """How far the weaker side falls short of the stronger, in percent (100 - LSI)."""
    lsi = limb_symmetry_index(left, right)
    return None if lsi is None else 100.0 - lsi


def weaker_side(left: float, right: float, *, higher_is_better: bool = True) -> Side | None:
    """The side with the worse value (fewer reps, shorter hold, more pain); None when they are equal."""
    _check(left, right)
    if left == right:
        return None
    left_worse = left < right if higher_is_better else left > right
    return Side.LEFT if left_worse else Side.RIGHT
