"""The change between two doses as data, and its words: the numbers a reason states come from here only."""

from __future__ import annotations

from calfcoach.domain.exercise import Dose
from calfcoach.domain.plan import DoseChange
from calfcoach.domain.units import METRIC, Units, load_step, speed_number

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


def _shown(field: str, value: float | None, units: Units) -> str:
    if value is None:
        return "none"
    if field == "duration_s":
        value = value / 60
    elif field == "load_kg":
        value = load_step(value, units.load)
    elif field == "speed_kmh":
        value = speed_number(value, units)
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _unit(field: str, unit: str, units: Units) -> str:
    if field == "load_kg":
        return f" {units.load.value}"
    if field == "speed_kmh":
        return f" {units.speed_unit}"
    return unit


def describe_changes(changes: tuple[DoseChange, ...], units: Units = METRIC) -> str:
    """'reps 10 -> 11, load 0 -> 2.5 kg' in the person's units, or '' when nothing changed."""
    named = {field: (label, unit) for field, label, unit in FIELDS}
    parts = []
    for change in changes:
        label, unit = named[change.field]
        before, after = _shown(change.field, change.before, units), _shown(change.field, change.after, units)
        parts.append(f"{label} {before} -> {after}{_unit(change.field, unit, units)}")
    return ", ".join(parts)
