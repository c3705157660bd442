"""The change between two doses as data, and its words: the numbers a reason states come from here only."""

from __future__ import annotations

from calfcoach.domain.exercise import Dose
from calfcoach.domain.messages import Kind, Message, Spec, Template, define, joined
from calfcoach.domain.plan import DoseChange
from calfcoach.i18n import N_


# The quantities a reason speaks of, in the order it names them, each with its words ("load 0 -> 2.5 kg").
def _change(field: str, text: str, kind: Kind) -> Template:
    return define(f"change.{field}", text, before=Spec(kind, bare=True), after=kind)


CHANGES: dict[str, Template] = {
    "sets": _change("sets", N_("sets {before} -> {after}"), Kind.COUNT),
    "reps": _change("reps", N_("reps {before} -> {after}"), Kind.COUNT),
    # TRANSLATORS: an isometric hold's length in seconds, before and after.
    "hold_s": _change("hold_s", N_("hold {before} -> {after} s"), Kind.COUNT),
    "load_kg": _change("load_kg", N_("load {before} -> {after}"), Kind.LOAD),
    # TRANSLATORS: a bout's duration; {after} carries its unit (min).
    "duration_s": _change("duration_s", N_("time {before} -> {after}"), Kind.DURATION),
    # TRANSLATORS: a walking or running speed; {after} carries its unit (km/h or mph).
    "speed_kmh": _change("speed_kmh", N_("pace {before} -> {after}"), Kind.SPEED),
    # TRANSLATORS: a treadmill or hill gradient in percent.
    "grade_pct": _change("grade_pct", N_("grade {before} -> {after}"), Kind.PERCENT),
    # TRANSLATORS: a machine's resistance level (a stair climber's, a treadmill's).
    "level": _change("level", N_("level {before} -> {after}"), Kind.COUNT),
    # TRANSLATORS: the length of each run of a run/walk interval, in seconds.
    "run_s": _change("run_s", N_("runs {before} -> {after} s"), Kind.COUNT),
    # TRANSLATORS: the length of each walk of a run/walk interval, in seconds.
    "walk_s": _change("walk_s", N_("walks {before} -> {after} s"), Kind.COUNT),
}
FIELDS = tuple(CHANGES)


def dose_changes(before: Dose, after: Dose) -> tuple[DoseChange, ...]:
    """Every quantity that differs between the two doses, with its value before and after."""
    found: list[DoseChange] = []
    for field in FIELDS:
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            found.append(DoseChange(field=field, before=old, after=new))
    return tuple(found)


def describe_changes(changes: tuple[DoseChange, ...]) -> Message:
    """'reps 10 -> 11, load 0 -> 2.5 kg' as a message (written in the person's units), EMPTY when nothing
    changed."""
    return joined(
        (CHANGES[c.field](before=c.before, after=c.after) for c in changes),
        ", ",
    )
