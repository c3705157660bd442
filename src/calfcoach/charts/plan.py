"""A recording against its plan, drawn: a band per planned step where it was done, the speed line over it.

Pure: the score's steps and the one-second speed series in, shapes in a PLAN_WIDTH x PLAN_HEIGHT box out
(y down, stretched to the page's width like the elevation profile). A step with a speed target is drawn as
its band (the ±0.5 km/h a watch holds it to); a run or walk step without one as the speeds of its gait
(running from 7.2 km/h, walking below), so a run walked shows as a line under its band.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from calfcoach.charts.track import Tick, nice_ticks
from calfcoach.domain.compliance import StepScore

PLAN_WIDTH = 1000.0
PLAN_HEIGHT = 200.0
MAX_LINE_POINTS = 600  # more adds bytes, not detail a screen can show
RUN_FROM_KMH = 7.2  # the walk-run speed of activities/intervals.py (Hreljac 1993)
WALK_FROM_KMH = 1.8  # below this the person is standing (activities/intervals.py)
MIN_TOP_KMH = 8.0  # the speed axis shows at least up to here: a walk is drawn below a jog's speeds


@dataclass(frozen=True)
class Band:
    """One planned step's box: x and width along the time axis, y and height on the speed axis."""

    x: float
    width: float
    y: float
    height: float
    kind: str  # "target" (a speed band), "run" or "walk" (the speeds of a gait)
    verdict: str
    label: str


@dataclass(frozen=True)
class PlanDrawing:
    bands: tuple[Band, ...]
    line: str  # the speed actually held, as an SVG path ('' without a speed series)
    time_ticks: tuple[Tick, ...]  # value: minutes from the recording's start
    speed_ticks: tuple[Tick, ...]  # value: speed in the reader's unit
    minutes: float

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of band drawn, in the order a legend names them."""
        drawn = {band.kind for band in self.bands}
        return tuple(kind for kind in ("target", "run", "walk") if kind in drawn)


def draw_plan(
    steps: Sequence[StepScore],
    time_s: Sequence[float] | npt.NDArray[np.float64],
    speed_kmh: Sequence[float] | npt.NDArray[np.float64],
    *,
    to_unit: Callable[[float], float] = lambda kmh: kmh,
) -> PlanDrawing | None:
    """Draw the steps over the speed series; None without steps or a recording of some length.

    `to_unit` turns km/h into the reader's speed unit (the axis and its ticks are in it). A step not found
    in the recording is drawn where the plan would have put it, after the first step found.
    """
    t = np.asarray(time_s, dtype=np.float64)
    v = np.asarray(speed_kmh, dtype=np.float64)
    found = [s for s in steps if s.start_s is not None]
    end = max(
        float(t[-1]) if len(t) else 0.0,
        max((s.start_s or 0.0) + s.planned_s for s in found) if found else 0.0,
    )
    if not steps or end <= 0:
        return None
    offset = (found[0].start_s or 0.0) - found[0].planned_start_s if found else 0.0
    highest = max(
        [MIN_TOP_KMH, float(np.nanmax(v)) if len(v) and np.isfinite(v).any() else 0.0]
        + [s.speed_high_kmh for s in steps if s.speed_high_kmh is not None]
    )
    top = to_unit(highest * 1.1)

    def y(kmh: float) -> float:
        return PLAN_HEIGHT - min(to_unit(kmh), top) / top * PLAN_HEIGHT

    def x(seconds: float) -> float:
        return max(0.0, min(PLAN_WIDTH, seconds / end * PLAN_WIDTH))

    bands = []
    for step in steps:
        start = step.start_s if step.start_s is not None else step.planned_start_s + offset
        if step.speed_low_kmh is not None and step.speed_high_kmh is not None:
            low, high, kind = step.speed_low_kmh, step.speed_high_kmh, "target"
        elif step.running:
            low, high, kind = RUN_FROM_KMH, highest * 1.1, "run"
        else:
            low, high, kind = WALK_FROM_KMH, RUN_FROM_KMH, "walk"
        left, right = x(start), x(start + step.planned_s)
        bands.append(
            Band(
                x=round(left, 1),
                width=round(max(right - left, 0.5), 1),
                y=round(y(high), 1),
                height=round(y(low) - y(high), 1),
                kind=kind,
                verdict=step.verdict.value,
                label=step.name,
            )
        )
    line = ""
    ok = np.isfinite(t) & np.isfinite(v)
    if ok.sum() >= 2:
        tt, vv = t[ok], v[ok]
        if len(tt) > MAX_LINE_POINTS:
            pick = np.linspace(0, len(tt) - 1, MAX_LINE_POINTS).round().astype(np.intp)
            tt, vv = tt[pick], vv[pick]
        line = "M" + "L".join(f"{x(a):.1f} {y(b):.1f}" for a, b in zip(tt, vv, strict=True))
    minutes = end / 60.0
    along = nice_ticks(0.0, minutes, most=5)
    speeds = nice_ticks(0.0, top, most=5)
    return PlanDrawing(
        bands=tuple(bands),
        line=line,
        time_ticks=tuple(Tick(m / minutes, m) for m in along),
        speed_ticks=tuple(Tick(s / top, s) for s in speeds),
        minutes=minutes,
    )
