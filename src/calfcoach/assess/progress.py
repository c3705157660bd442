"""Compare two results of the same test: how much each side changed, and whether that is a real change."""

from __future__ import annotations

from calfcoach.assess.measures import minimal_detectable_change
from calfcoach.assess.protocols import protocol
from calfcoach.domain.base import Value
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import Side
from calfcoach.domain.log import TestKind, TestResult


class SideChange(Value):
    """One side's change between two tests; `real` is None when the test has no published MDC."""

    side: Side
    before: float
    after: float
    change: float
    real: bool | None


class Progress(Value):
    """The change between two results of one test, side by side, with sentences for a person."""

    kind: TestKind
    since: str
    mdc: float | None
    sides: tuple[SideChange, ...]
    summary: tuple[str, ...]


def _describe(change: SideChange, unit: str, higher_is_better: bool, mdc: float | None) -> str:
    suffix = "" if unit == "reps" else unit if unit.startswith("/") else f" {unit}"
    amount = f"{abs(change.change):g}{suffix}"
    if change.change == 0:
        return f"{change.side.value.capitalize()} unchanged at {change.after:g}."
    better = (change.change > 0) == higher_is_better
    direction = ("up" if change.change > 0 else "down") + f" {amount}"
    head = f"{change.side.value.capitalize()} {direction} ({change.before:g} to {change.after:g})"
    if change.real is None:
        return f"{head}; no published measurement error to judge it by."
    if not change.real:
        return f"{head}: within measurement error (less than {mdc:g}), so not yet a real change."
    return f"{head}: a real {'improvement' if better else 'decline'}."


def progress(before: TestResult, after: TestResult) -> Progress:
    """Compare an earlier and a later result of the same test, side by side."""
    if before.kind is not after.kind:
        raise InputError(f"cannot compare a {before.kind.value} test with a {after.kind.value} test")
    if before.kind is TestKind.BALANCE and before.eyes_closed != after.eyes_closed:
        raise InputError("cannot compare an eyes-open balance test with an eyes-closed one")
    if after.day < before.day:
        raise InputError(
            f"the later test ({after.day}) is dated before the earlier one ({before.day})",
            hint="pass the earlier result first",
        )
    proto = protocol(before.kind)
    mdc = minimal_detectable_change(before.kind)
    sides: list[SideChange] = []
    for side, old, new in ((Side.LEFT, before.left, after.left), (Side.RIGHT, before.right, after.right)):
        change = round(new - old, 6)
        real = None if mdc is None else abs(change) >= mdc
        sides.append(SideChange(side=side, before=old, after=new, change=change, real=real))
    lines = [f"Since {before.day.isoformat()}:"]
    lines += [_describe(s, proto.unit, proto.higher_is_better, mdc) for s in sides]
    return Progress(
        kind=before.kind, since=before.day.isoformat(), mdc=mdc, sides=tuple(sides), summary=tuple(lines)
    )
