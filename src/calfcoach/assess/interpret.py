"""Read a test result the way a coach would: per side, symmetry, against the norm, in plain words."""

from __future__ import annotations

import math

from calfcoach.assess.measures import (
    HEEL_RAISE_MDC_REPS,
    KNEE_TO_WALL_DEG_PER_CM,
    KNEE_TO_WALL_MDC_CM,
    knee_to_wall_degrees,
)
from calfcoach.assess.norms import Criterion, Norm, criteria_of, norm_for
from calfcoach.assess.protocols import protocol
from calfcoach.assess.readiness import MAX_HOP_PAIN
from calfcoach.assess.sources import source
from calfcoach.assess.symmetry import LSI_TARGET_PCT, limb_symmetry_index, weaker_side
from calfcoach.domain.base import Value
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import Side
from calfcoach.domain.log import TestKind, TestResult
from calfcoach.domain.profile import Sex


class CriterionCheck(Value):
    """A 'normal' threshold and whether each side (or the gap between them) meets it."""

    criterion: Criterion
    left_met: bool | None = None
    right_met: bool | None = None
    difference_met: bool | None = None


class Interpretation(Value):
    """One test result explained: the numbers a page shows and the sentences a person reads."""

    kind: TestKind
    unit: str
    left: float
    right: float
    eyes_closed: bool = False
    difference: float
    lsi_pct: float | None
    weaker_side: Side | None
    norm: Norm | None
    norm_source: str | None
    left_pct_of_norm: float | None
    right_pct_of_norm: float | None
    criteria: tuple[CriterionCheck, ...] = ()
    summary: tuple[str, ...]


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def _pct(value: float) -> str:
    return f"{value:.0f}%"


def _check(result: TestResult, age: int | None) -> None:
    if age is not None and not 0 <= age <= 130:
        raise InputError(f"age must be 0 to 130 years, got {age}")
    if result.kind is TestKind.HOP_PAIN:
        for name, value in (("left", result.left), ("right", result.right)):
            if value > 10:
                raise InputError(
                    f"hop pain is rated 0-10, got {_num(value)} on the {name}",
                    where=f"{result.day.isoformat()} hop_pain",
                    hint="0 is no pain, 10 the worst imaginable",
                )


def _symmetry_line(result: TestResult, label: str, lsi: float | None, weaker: Side | None) -> str:
    unit = "" if result.kind is TestKind.HEEL_RAISE else f" {protocol(result.kind).unit}"
    head = f"Left {_num(result.left)}{unit}, right {_num(result.right)}{unit} {label}"
    if lsi is None:
        return f"{head}: nothing on either side yet."
    if weaker is None:
        return f"{head}: both sides are equal."
    stronger = Side.RIGHT if weaker is Side.LEFT else Side.LEFT
    # Rounded down, so 89.6% never reads as a 90% that falls short of the 90% target.
    text = f"{head}: the {weaker.value} is {math.floor(lsi + 1e-9)}% of the {stronger.value}"
    if result.kind is not TestKind.HEEL_RAISE:
        # The 90% convention comes from strength and hop tests; it is not applied to range or balance.
        return f"{text}."
    # Exact comparison on the reps, as in the running gate: 27 of 30 is 90% and meets the target.
    if min(result.left, result.right) * 100 >= LSI_TARGET_PCT * max(result.left, result.right):
        return f"{text}, within the {LSI_TARGET_PCT:.0f}% symmetry target."
    return f"{text}; aim for {LSI_TARGET_PCT:.0f}% or better before running."


def _norm_line(norm: Norm, unit: str, left_pct: float, right_pct: float) -> str:
    line = (
        f"Compared with the {norm.statistic} for {norm.describe_group()} ({norm.describe_value()} {unit}; "
        f"{norm.cited.short}, {norm.trust.describe()}): left {_pct(left_pct)}, right {_pct(right_pct)}."
    )
    if norm.source == "hebert-losier-2017":
        incline = protocol(TestKind.HEEL_RAISE).parameter("incline").value
        line += f" That study tested on a {incline:g}° incline: compare closely only if you did too."
    return line


def _no_norm_line(kind: TestKind, *, age: int | None, sex: Sex, eyes_closed: bool) -> str:
    if kind is TestKind.BALANCE and eyes_closed:
        return (
            "No eyes-closed norm is given: Springer 2007 published one, but its values could not be "
            "checked; compare left with right and with your own earlier tests."
        )
    if kind is TestKind.HOP_PAIN:
        return "Hop pain has no population norm; what counts is the running gate below."
    if age is None:
        return "Add your age (and sex) to your profile to compare with published norms."
    if kind is TestKind.HEEL_RAISE and sex is Sex.UNSPECIFIED:
        return (
            f"No heel-rise norm covers age {age} without a sex: the norms are by sex "
            "(Hébert-Losier 2017), or for ages 20-59 (Lunsford & Perry 1995)."
        )
    return f"No published norm in CalfCoach's sources covers age {age} for this test."


def _criteria_checks(result: TestResult, difference: float) -> tuple[list[CriterionCheck], list[str]]:
    checks: list[CriterionCheck] = []
    lines: list[str] = []
    for crit in criteria_of(result.kind):
        cited = f"({crit.cited.short}; {crit.trust.describe()})"
        if crit.applies_to == "difference":
            met = crit.met_by(difference)
            checks.append(CriterionCheck(criterion=crit, difference_met=met))
            verdict = "within it" if met else "more than that"
            lines.append(
                f"{_num(crit.value)} {protocol(result.kind).unit} or less is {crit.label} {cited}: "
                f"yours is {_num(difference)} {protocol(result.kind).unit}, {verdict}."
            )
            continue
        left_met, right_met = crit.met_by(result.left), crit.met_by(result.right)
        checks.append(CriterionCheck(criterion=crit, left_met=left_met, right_met=right_met))
        if left_met and right_met:
            verdict = "both sides meet it"
        elif not left_met and not right_met:
            verdict = "neither side meets it yet"
        else:
            verdict = f"the {'right' if left_met else 'left'} side does not meet it yet"
        lines.append(f"{_num(crit.value)} or more is {crit.label} {cited}: {verdict}.")
    return checks, lines


def _extra_lines(result: TestResult) -> list[str]:
    if result.kind is TestKind.HEEL_RAISE:
        real = math.ceil(HEEL_RAISE_MDC_REPS)
        return [
            f"Between two tests, a change of {real} rises or more is real; a smaller one is within "
            f"measurement error ({source('hebert-losier-2017').short}). Counting rises flatters recovery, "
            "so rise as high as you can every time."
        ]
    if result.kind is TestKind.KNEE_TO_WALL:
        return [
            f"That is about {knee_to_wall_degrees(result.left):.0f}° left and "
            f"{knee_to_wall_degrees(result.right):.0f}° right of ankle bend ({source('bennell-1998').short}, "
            f"about {KNEE_TO_WALL_DEG_PER_CM:g}° per cm). A change of {KNEE_TO_WALL_MDC_CM:g} cm or more "
            f"between your own tests is a real change ({source('powden-2015').short})."
        ]
    if result.kind is TestKind.HOP_PAIN:
        worst = max(result.left, result.right)
        if worst <= MAX_HOP_PAIN:
            return [f"Pain is {MAX_HOP_PAIN}/10 or less on both sides, as the running gate asks."]
        sides = [s for s, v in (("left", result.left), ("right", result.right)) if v > MAX_HOP_PAIN]
        return [f"The running gate asks for {MAX_HOP_PAIN}/10 or less: the {' and '.join(sides)} is above."]
    return []


def interpret(result: TestResult, *, age: int | None, sex: Sex) -> Interpretation:
    """Explain one test result: per-side values, symmetry, the fitting norm, and summary lines."""
    _check(result, age)
    kind = result.kind
    proto = protocol(kind)
    eyes_closed = result.eyes_closed and kind is TestKind.BALANCE
    difference = abs(result.left - result.right)
    lsi = None if kind is TestKind.HOP_PAIN else limb_symmetry_index(result.left, result.right)
    weaker = weaker_side(result.left, result.right, higher_is_better=proto.higher_is_better)
    norm = None if kind is TestKind.HOP_PAIN else norm_for(kind, age=age, sex=sex, eyes_closed=eyes_closed)

    label = proto.value_label
    if kind is TestKind.BALANCE:
        label = f"{label}, eyes {'closed' if eyes_closed else 'open'}"
    lines: list[str] = []
    if kind is TestKind.HOP_PAIN:
        lines.append(f"Pain on hopping: left {_num(result.left)}/10, right {_num(result.right)}/10.")
    else:
        lines.append(_symmetry_line(result, label, lsi, weaker))

    left_pct = right_pct = None
    if norm is not None:
        left_pct = result.left / norm.reference * 100.0
        right_pct = result.right / norm.reference * 100.0
        lines.append(_norm_line(norm, proto.unit, left_pct, right_pct))
    else:
        lines.append(_no_norm_line(kind, age=age, sex=sex, eyes_closed=eyes_closed))
    checks, criteria_lines = _criteria_checks(result, difference)
    lines.extend(criteria_lines)
    lines.extend(_extra_lines(result))

    return Interpretation(
        kind=kind,
        unit=proto.unit,
        left=result.left,
        right=result.right,
        eyes_closed=eyes_closed,
        difference=difference,
        lsi_pct=lsi,
        weaker_side=weaker,
        norm=norm,
        norm_source=None if norm is None else norm.cited.citation,
        left_pct_of_norm=left_pct,
        right_pct_of_norm=right_pct,
        criteria=tuple(checks),
        summary=tuple(lines),
    )
