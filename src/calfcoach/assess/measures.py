"""How precise the tests are: minimal detectable change, and the knee-to-wall cm-to-degrees rule."""

from __future__ import annotations

import math

from calfcoach.domain.errors import InputError
from calfcoach.domain.log import TestKind

HEEL_RAISE_MDC_REPS = 6.5
"""Heel-rise test-retest 95% limits of agreement: -6.2 to 6.5 reps (right), -6.1 to 6.2 (left).

Hébert-Losier 2017 (Physiotherapy 103:446, abstract; trust: abstract). The widest bound, 6.5, is used on
both legs, so a change must reach 7 whole rises to be outside measurement error ("about 6 reps").
"""

KNEE_TO_WALL_MDC_CM = 1.9
"""Knee-to-wall minimal detectable change within one rater: 1.9 cm (4.7°).

Powden 2015 systematic review (Man Ther, abstract; trust: abstract). Between raters it is 1.6 cm (4.6°);
a person testing themselves is one rater, so the within-rater figure applies.
"""

KNEE_TO_WALL_MDC_BETWEEN_RATERS_CM = 1.6
"""Knee-to-wall minimal detectable change between raters: 1.6 cm (4.6°); Powden 2015 (trust: abstract)."""

KNEE_TO_WALL_DEG_PER_CM = 3.6
"""About 3.6° of ankle dorsiflexion per cm of toe-to-wall distance; Bennell 1998 (trust: secondary)."""

MDC: dict[TestKind, float] = {
    TestKind.HEEL_RAISE: HEEL_RAISE_MDC_REPS,
    TestKind.KNEE_TO_WALL: KNEE_TO_WALL_MDC_CM,
}
"""The tests with a published minimal detectable change; balance and hop pain have none in our sources."""

MDC_SOURCES: dict[TestKind, str] = {
    TestKind.HEEL_RAISE: "hebert-losier-2017",
    TestKind.KNEE_TO_WALL: "powden-2015",
}
"""The source id (data/sources.yaml) of each minimal detectable change."""


def minimal_detectable_change(kind: TestKind) -> float | None:
    """The smallest change of one side's value that is more than measurement error, if published."""
    return MDC.get(kind)


def is_real_change(kind: TestKind, before: float, after: float) -> bool:
    """Whether one side's change from `before` to `after` reaches the test's minimal detectable change."""
    for name, value in (("before", before), ("after", after)):
        if not math.isfinite(value) or value < 0:
            raise InputError(f"{name} must be a number of zero or more, got {value!r}")
    mdc = minimal_detectable_change(kind)
    if mdc is None:
        raise InputError(
            f"no minimal detectable change is published for the {kind.value} test in CalfCoach's sources",
            hint="compare with the norm and with earlier tests instead; see docs/assessments.md",
        )
    # Rounded so that 10.0 -> 11.9 cm counts as the 1.9 cm it is, whatever binary floats say.
    return round(abs(after - before), 6) >= mdc


def knee_to_wall_degrees(distance_cm: float) -> float:
    """Estimate ankle dorsiflexion in degrees from the toe-to-wall distance (Bennell 1998, about 3.6°/cm)."""
    if not math.isfinite(distance_cm) or distance_cm < 0:
        raise InputError(f"distance must be zero or more cm, got {distance_cm!r}")
    return distance_cm * KNEE_TO_WALL_DEG_PER_CM
