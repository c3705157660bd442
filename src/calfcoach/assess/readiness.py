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
from calfcoach.domain.messages import Kind, Message, Spec, define, joined
from calfcoach.i18n import N_, N_plural

MIN_HEEL_RAISES = 25
"""Single-leg heel raises needed on each side: Lunsford & Perry 1995's criterion for normal (secondary)."""

MAX_ASYMMETRY_PCT = 10.0
"""The weaker side may be at most 10% behind the stronger (LSI 90% or more; limb-symmetry convention)."""

MAX_HOP_PAIN = 2
"""Highest pain (0-10) allowed on either side when hopping (running-gate convention)."""


_NO_HEEL_RAISE = define(
    "readiness.heel_raise.missing",
    N_("No heel-rise test yet: do the single-leg heel-rise test ({goal} or more each side is the goal)."),
    goal=Kind.COUNT,
)
_NO_HEEL_RAISE_SYMMETRY = define(
    "readiness.heel_raise_symmetry.missing",
    N_("No heel-rise test yet: do the single-leg heel-rise test to measure symmetry."),
)()
_HEEL_RAISES_MET = define(
    "readiness.heel_raise_count.met",
    N_("{left} left and {right} right single-leg heel raises: at least {goal} each side."),
    left=Kind.NUMBER,
    right=Kind.NUMBER,
    goal=Kind.COUNT,
)
_HEEL_RAISES_SHORT = define(
    "readiness.heel_raise_count.short",
    # TRANSLATORS: {now} lists the sides short of the goal with their count ("left 18, right 22").
    N_plural(
        "Build up to {goal} single-leg heel raise each side (now {now}).",
        "Build up to {goal} single-leg heel raises each side (now {now}).",
    ),
    counted="goal",
    goal=Kind.COUNT,
    now=Kind.MESSAGE,
)
_SIDES = {
    "left": define("readiness.side.left", N_("left {count}"), count=Kind.NUMBER),
    "right": define("readiness.side.right", N_("right {count}"), count=Kind.NUMBER),
}
_EVEN = define(
    "readiness.heel_raise_symmetry.met",
    N_("The sides differ by {gap}, within {limit}."),
    gap=Kind.PERCENT,
    limit=Spec(Kind.PERCENT, digits=0),
)
_UNEVEN = define(
    "readiness.heel_raise_symmetry.uneven",
    N_("Bring the weaker side to within {limit} of the stronger (now {gap} apart)."),
    limit=Spec(Kind.PERCENT, digits=0),
    gap=Kind.PERCENT,
)
_NO_RISES = define(
    "readiness.heel_raise_symmetry.none",
    N_("Bring the weaker side to within {limit} of the stronger (no rises on either side yet)."),
    limit=Spec(Kind.PERCENT, digits=0),
)
_NO_HOP = define(
    "readiness.hop_pain.missing",
    N_plural(
        "No hop-pain check yet: hop once on each leg and rate the pain (aim: {limit}/10 or less).",
        "No hop-pain check yet: hop {hops} times on each leg and rate the pain (aim: {limit}/10 or less).",
    ),
    counted="hops",
    hops=Kind.COUNT,
    limit=Kind.COUNT,
)
_HOP_MET = define(
    "readiness.hop_pain.met",
    N_("Hopping pain {left}/10 left, {right}/10 right: {limit}/10 or less."),
    left=Kind.NUMBER,
    right=Kind.NUMBER,
    limit=Kind.COUNT,
)
_HOP_HURTS = define(
    "readiness.hop_pain.hurts",
    N_("Hopping hurts {worst}/10; build up until it is {limit}/10 or less each side."),
    worst=Kind.NUMBER,
    limit=Kind.COUNT,
)


class GateCheck(Value):
    """One criterion of the gate, whether it is met, and why in plain words."""

    name: str
    met: bool
    detail: Message


class Readiness(Value):
    """The verdict of the running gate: ready only when every criterion is met."""

    ready: bool
    checks: tuple[GateCheck, ...]
    reasons: tuple[Message, ...]
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
        return [
            GateCheck(name="heel_raise_count", met=False, detail=_NO_HEEL_RAISE(goal=MIN_HEEL_RAISES)),
            GateCheck(name="heel_raise_symmetry", met=False, detail=_NO_HEEL_RAISE_SYMMETRY),
        ]
    left, right = heel_raise.left, heel_raise.right
    sides = (("left", left), ("right", right))
    short = [_SIDES[side](count=value) for side, value in sides if value < MIN_HEEL_RAISES]
    count = GateCheck(
        name="heel_raise_count",
        met=not short,
        detail=(
            _HEEL_RAISES_MET(left=left, right=right, goal=MIN_HEEL_RAISES)
            if not short
            else _HEEL_RAISES_SHORT(goal=MIN_HEEL_RAISES, now=joined(short, ", "))
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
            _EVEN(gap=round(gap, 1), limit=MAX_ASYMMETRY_PCT)
            if even and gap is not None
            else _NO_RISES(limit=MAX_ASYMMETRY_PCT)
            if gap is None
            else _UNEVEN(limit=MAX_ASYMMETRY_PCT, gap=round(gap, 1))
        ),
    )
    return [count, symmetry]


def _hop_pain_check(hop_pain: TestResult | None) -> GateCheck:
    if hop_pain is None:
        return GateCheck(
            name="hop_pain",
            met=False,
            detail=_NO_HOP(hops=_hops_per_leg(), limit=MAX_HOP_PAIN),
        )
    worst = max(hop_pain.left, hop_pain.right)
    met = worst <= MAX_HOP_PAIN
    return GateCheck(
        name="hop_pain",
        met=met,
        detail=(
            _HOP_MET(left=hop_pain.left, right=hop_pain.right, limit=MAX_HOP_PAIN)
            if met
            else _HOP_HURTS(worst=worst, limit=MAX_HOP_PAIN)
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
