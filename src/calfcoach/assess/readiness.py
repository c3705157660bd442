"""The running-readiness gate: strong enough, even enough and pain-free enough to start running.

No consensus criteria exist for returning to running (a systematic review found 19 of 35 studies stated any,
none the same). CalfCoach uses a defensible clinical convention (running-gate-convention in
data/sources.yaml; trust: convention): 25 or more single-leg heel raises each side, the weaker side within
10% of the stronger, and pain 2/10 or less on hopping. EVIDENCE.md words the middle one "< 10% asymmetry";
CalfCoach reads it as a limb symmetry index of 90% or more, the same boundary as the default program's
gate (min_symmetry_pct: 90), so the two can never disagree.
"""

from __future__ import annotations

from calfcoach.assess.protocols import protocol
from calfcoach.assess.symmetry import asymmetry_pct
from calfcoach.domain.base import Value
from calfcoach.domain.errors import InputError
from calfcoach.domain.log import TestKind, TestResult

MIN_HEEL_RAISES = 25
"""Single-leg heel raises needed on each side: Lunsford & Perry 1995's criterion for normal (secondary)."""

MAX_ASYMMETRY_PCT = 10.0
"""The weaker side may be at most 10% behind the stronger (LSI 90% or more; limb-symmetry convention)."""

MAX_HOP_PAIN = 2
"""Highest pain (0-10) allowed on either side when hopping (running-gate convention)."""


class GateCheck(Value):
    """One criterion of the gate, whether it is met, and why in plain words."""

    name: str
    met: bool
    detail: str


class Readiness(Value):
    """The verdict of the running gate: ready only when every criterion is met."""

    ready: bool
    checks: tuple[GateCheck, ...]
    reasons: tuple[str, ...]
    """One sentence per unmet criterion, saying what to do next."""


def _hops_per_leg() -> int:
    return round(protocol(TestKind.HOP_PAIN).parameter("hops per leg").value)


def _require(result: TestResult | None, kind: TestKind, argument: str) -> None:
    if result is not None and result.kind is not kind:
        raise InputError(
            f"{argument} must be a {kind.value} test, got a {result.kind.value} test from {result.day}",
        )


def _heel_raise_checks(heel_raise: TestResult | None) -> list[GateCheck]:
    if heel_raise is None:
        missing = "No heel-rise test yet: do the single-leg heel-rise test"
        return [
            GateCheck(
                name="heel_raise_count",
                met=False,
                detail=f"{missing} ({MIN_HEEL_RAISES} or more each side is the goal).",
            ),
            GateCheck(name="heel_raise_symmetry", met=False, detail=f"{missing} to measure symmetry."),
        ]
    left, right = heel_raise.left, heel_raise.right
    sides = (("left", left), ("right", right))
    short = [f"{side} {value:g}" for side, value in sides if value < MIN_HEEL_RAISES]
    count = GateCheck(
        name="heel_raise_count",
        met=not short,
        detail=(
            f"{left:g} left and {right:g} right single-leg heel raises: at least {MIN_HEEL_RAISES} each side."
            if not short
            else f"Build up to {MIN_HEEL_RAISES} single-leg heel raises each side (now {', '.join(short)})."
        ),
    )
    gap = asymmetry_pct(left, right)
    low, high = sorted((left, right))
    # Cross-multiplied so that exactly 10% apart (27 vs 30) is never rounded to just over 10%.
    even = high > 0 and (high - low) * 100 <= MAX_ASYMMETRY_PCT * high
    symmetry = GateCheck(
        name="heel_raise_symmetry",
        met=even,
        detail=(
            f"The sides differ by {round(gap, 1):g}%, within {MAX_ASYMMETRY_PCT:.0f}%."
            if even and gap is not None
            else f"Bring the weaker side to within {MAX_ASYMMETRY_PCT:.0f}% of the stronger "
            + ("(no rises on either side yet)." if gap is None else f"(now {round(gap, 1):g}% apart).")
        ),
    )
    return [count, symmetry]


def _hop_pain_check(hop_pain: TestResult | None) -> GateCheck:
    if hop_pain is None:
        return GateCheck(
            name="hop_pain",
            met=False,
            detail=(
                f"No hop-pain check yet: hop {_hops_per_leg()} times on each leg and rate the pain "
                f"(aim: {MAX_HOP_PAIN}/10 or less)."
            ),
        )
    worst = max(hop_pain.left, hop_pain.right)
    met = worst <= MAX_HOP_PAIN
    return GateCheck(
        name="hop_pain",
        met=met,
        detail=(
            f"Hopping pain {hop_pain.left:g}/10 left, {hop_pain.right:g}/10 right: {MAX_HOP_PAIN}/10 or less."
            if met
            else f"Hopping hurts {worst:g}/10; build up until it is {MAX_HOP_PAIN}/10 or less each side."
        ),
    )


def running_readiness(heel_raise: TestResult | None, hop_pain: TestResult | None) -> Readiness:
    """Apply the running gate to the latest heel-rise test and hop-pain check (None = not done yet)."""
    _require(heel_raise, TestKind.HEEL_RAISE, "heel_raise")
    _require(hop_pain, TestKind.HOP_PAIN, "hop_pain")
    checks = (*_heel_raise_checks(heel_raise), _hop_pain_check(hop_pain))
    return Readiness(
        ready=all(c.met for c in checks),
        checks=checks,
        reasons=tuple(c.detail for c in checks if not c.met),
    )
