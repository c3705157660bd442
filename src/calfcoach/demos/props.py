"""The props an exercise needs: what they look like and the surfaces a foot may stand on."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field

from calfcoach.demos.shapes import GROUND, PROP, PROP_EDGE, Shape, line, polygon, rect
from calfcoach.domain.base import Value

PropKind = Literal[
    "step",
    "step_box",
    "wall",
    "chair",
    "wedge",
    "mat",
    "treadmill",
    "slope",
    "stairs",
    "stair_climber",
    "ankle_weights",
    "weights",
]
# Props that move with the figure's stride (their pattern scrolls), and props worn by the figure.
MOVING: frozenset[str] = frozenset({"treadmill", "slope", "stairs", "stair_climber"})
WORN: frozenset[str] = frozenset({"ankle_weights", "weights"})

TREADMILL_DECK_M = 0.2
MARK_SPACING_M = 0.5


class Prop(Value):
    """One prop. Positions are metres from the hip's starting point (x forward), floor at y = 0."""

    kind: PropKind
    x_m: float = 0.0
    depth_m: Annotated[float, Field(gt=0, le=5)] = 0.3
    height_m: Annotated[float, Field(ge=0, le=1.5)] = 0.15
    incline_deg: Annotated[float, Field(ge=0, le=30)] = 0.0
    grade_pct: Annotated[float, Field(ge=0, le=45)] = 0.0
    rise_m: Annotated[float, Field(gt=0, le=0.25)] = 0.17
    tread_m: Annotated[float, Field(gt=0, le=0.6)] = 0.3
    mark_m: Annotated[float, Field(gt=0, le=2)] = MARK_SPACING_M  # spacing of moving marks (belt, path)

    def top_y(self, x: float, scroll_m: float = 0.0) -> float | None:
        """Return the height a foot may stand on at `x`, or None where this prop is not under it."""
        if self.kind in ("step", "step_box", "chair") and self.x_m <= x <= self.x_m + self.depth_m:
            return self.height_m
        if self.kind == "wedge" and self.x_m <= x <= self.x_m + self.depth_m:
            return self.height_m + (x - self.x_m) * math.tan(math.radians(self.incline_deg))
        if self.kind == "treadmill":
            return TREADMILL_DECK_M
        if self.kind == "slope":
            return x * self.grade_pct / 100
        if self.kind in ("stairs", "stair_climber"):
            return self._stair_y(x, scroll_m)
        return None

    def _stair_y(self, x: float, scroll_m: float) -> float:
        # The stairs slide down and back as the figure climbs, so the figure stays in view.
        steps = math.floor((x + scroll_m) / self.tread_m)
        return steps * self.rise_m - scroll_m * self.rise_m / self.tread_m

    def shapes(self, view: tuple[float, float, float, float]) -> list[Shape]:
        """Draw the prop's fixed parts over the view box (x0, y0, x1, y1)."""
        x0, _, x1, _ = view
        x, d, h = self.x_m, self.depth_m, self.height_m
        if self.kind == "step":
            return [rect(x, 0, x + d, h, fill=PROP), *_level_guide(x, h)]
        if self.kind == "step_box":
            return [
                rect(x, h * 0.35, x + d, h, fill="#4f6d7a"),
                rect(x + 0.03, 0, x + 0.09, h * 0.35, fill="#333c44"),
                rect(x + d - 0.09, 0, x + d - 0.03, h * 0.35, fill="#333c44"),
                *_level_guide(x, h),
            ]
        if self.kind == "wall":
            return [rect(x, 0, x + 0.12, 2.3, fill="#d9d4cc", stroke="#a39e93")]
        if self.kind == "chair":
            return [
                rect(x, h - 0.04, x + d, h, fill=PROP),
                rect(x, 0, x + 0.03, h + 0.45, fill=PROP),
                rect(x + d - 0.03, 0, x + d, h - 0.04, fill=PROP),
            ]
        if self.kind == "wedge":
            top = h + d * math.tan(math.radians(self.incline_deg))
            return [
                polygon((x, 0), (x + d, 0), (x + d, top), (x, h), fill=PROP, stroke=PROP_EDGE, width_m=0.008)
            ]
        if self.kind == "mat":
            return [rect(x, -0.012, x + d, 0.0, fill="#5b8e7d", stroke=None)]
        if self.kind == "treadmill":
            return [
                rect(x0 + 0.2, 0, x1 - 0.2, TREADMILL_DECK_M, fill="#39424e", stroke="#1f2933"),
                line((x1 - 0.3, TREADMILL_DECK_M), (x1 - 0.15, 1.15), stroke="#39424e", width_m=0.04),
                line((x1 - 0.15, 1.15), (x1 - 0.55, 1.05), stroke="#39424e", width_m=0.04),
            ]
        if self.kind == "slope":
            g = self.grade_pct / 100
            return [polygon((x0, x0 * g), (x1, x1 * g), (x1, x0 * g - 1), (x0, x0 * g - 1), fill="#a3b18a")]
        if self.kind == "stair_climber":
            return [
                line((x1 - 0.25, 0.2), (x1 - 0.1, 1.5), stroke="#39424e", width_m=0.05),
                line((x1 - 0.1, 1.5), (x1 - 0.6, 1.4), stroke="#39424e", width_m=0.04),
            ]
        return []

    def moving_shapes(self, view: tuple[float, float, float, float]) -> list[Shape]:
        """Draw the parts that scroll with the stride (at scroll 0), one pattern period beyond the view."""
        x0, y0, x1, _ = view
        if self.kind == "treadmill":
            n = int((x1 - x0) / self.mark_m) + 3
            return [
                line(
                    (x0 + i * self.mark_m, TREADMILL_DECK_M - 0.004),
                    (x0 + i * self.mark_m + 0.12, TREADMILL_DECK_M - 0.004),
                    stroke="#c0c8d0",
                    width_m=0.012,
                )
                for i in range(n)
            ]
        if self.kind == "slope":
            g = self.grade_pct / 100
            n = int((x1 - x0) / self.mark_m) + 3
            return [
                line(
                    (x0 + i * self.mark_m, (x0 + i * self.mark_m) * g - 0.04),
                    (x0 + i * self.mark_m + 0.1, (x0 + i * self.mark_m + 0.1) * g - 0.04),
                    stroke="#588157",
                    width_m=0.02,
                )
                for i in range(n)
            ]
        if self.kind in ("stairs", "stair_climber"):
            first = math.floor(x0 / self.tread_m) - 1
            last = math.ceil(x1 / self.tread_m) + 3
            edges: list[tuple[float, float]] = []
            for k in range(first, last):
                edges += [(k * self.tread_m, (k - 1) * self.rise_m), (k * self.tread_m, k * self.rise_m)]
            fill = "#6b7682" if self.kind == "stair_climber" else PROP
            bottom = y0 - 2.0
            return [
                polygon(
                    (edges[0][0], bottom),
                    *edges,
                    (edges[-1][0] + self.tread_m, edges[-1][1]),
                    (edges[-1][0] + self.tread_m, bottom),
                    fill=fill,
                    stroke=PROP_EDGE,
                    width_m=0.008,
                )
            ]
        return []

    def clip_box(self, view: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """Return the box (x0, y0, x1, y1) the moving parts are seen through: the belt for a treadmill."""
        if self.kind == "treadmill":
            return (view[0] + 0.2, 0.0, view[2] - 0.2, TREADMILL_DECK_M)
        return view

    def scroll_vector(self) -> tuple[float, float]:
        """Return how a moving prop's pattern shifts per metre of stride (x, y)."""
        if self.kind == "slope":
            return (-1.0, -self.grade_pct / 100)
        if self.kind in ("stairs", "stair_climber"):
            return (-1.0, -self.rise_m / self.tread_m)
        return (-1.0, 0.0)

    def pattern_m(self) -> float:
        """Return the scroll distance after which the moving pattern looks the same again."""
        return self.tread_m if self.kind in ("stairs", "stair_climber") else self.mark_m


def _level_guide(edge_x: float, top_y: float) -> list[Shape]:
    """Dash the step's top level back past its edge, so a heel is plainly below or above it."""
    dash, gap = 0.025, 0.025
    return [
        line(
            (edge_x - (i + 1) * (dash + gap), top_y),
            (edge_x - (i + 1) * (dash + gap) + dash, top_y),
            stroke="#b0a48f",
            width_m=0.006,
        )
        for i in range(6)
    ]


def floor_shapes(view: tuple[float, float, float, float]) -> list[Shape]:
    """Draw the floor line across the view."""
    x0, _, x1, _ = view
    return [
        rect(x0, -0.3, x1, 0.0, fill="#e9e4dc", stroke=None),
        line((x0, 0), (x1, 0), stroke=GROUND, width_m=0.01),
    ]


def surface_y(props: tuple[Prop, ...], x: float, scroll_m: float = 0.0) -> float:
    """Return the highest surface a foot could stand on at `x` (the floor, unless a prop is higher)."""
    tops = [t for p in props if (t := p.top_y(x, scroll_m)) is not None]
    if any(p.kind in ("slope", "stairs", "stair_climber") for p in props):
        return max(tops)
    return max([0.0, *tops])
