"""The change between two doses as data, and its words: the numbers a reason states come from here only."""

from __future__ import annotations

from calfcoach.domain.exercise import Dose
from calfcoach.domain.plan import DoseChange

# The quantities a reason speaks of, in the order it names them, with their units.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("sets", "sets", ""),
    ("reps", "reps", ""),
    ("hold_s", "hold", " s"),
    ("load_kg", "load", " kg"),
    ("duration_s", "time", " min"),
    ("speed_kmh", "pace", " km/h"),
    ("grade_pct", "grade", "%"),
    ("level", "level", ""),
    ("run_s", "runs", " s"),
    ("walk_s", "walks", " s"),
)


def dose_changes(before: Dose, after: Dose) -> tuple[DoseChange, ...]:
    """Every quantity that differs between the two doses, with its value before and after."""
    found: list[DoseChange] = []
    for field, _, _ in FIELDS:
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            found.append(DoseChange(field=field, before=old, after=new))
    return tuple(found)


def _shown(field: str, value: float | None) -> str:
    if value is None:
        return "none"
    if field == "duration_s":
        value = value / 60
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def describe_changes(changes: tuple[DoseChange, ...]) -> str:
    """'reps 10 -> 11, load 0 -> 2.5 kg', or '' when nothing changed."""
    units = {field: (label, unit) for field, label, unit in FIELDS}
    parts = []
    for change in changes:
        label, unit = units[change.field]
        parts.append(
            f"{label} {_shown(change.field, change.before)} -> {_shown(change.field, change.after)}{unit}"
        )
    return ", ".join(parts)
