"""Drawing primitives shared by the SVG and GIF renderers, in metres with y up."""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]

INK = "#1f2933"
FAR_INK = "#9aa5b1"
SKIN = "#f4d8c4"
PROP = "#c9b79c"
PROP_EDGE = "#7c6a55"
GROUND = "#52606d"
MUSCLE_OFF = INK  # a muscle not being worked keeps its shape (the calf bulge) in the body's colour
MUSCLE_COLOURS = {
    "gastrocnemius": "#e4572e",
    "soleus": "#2e86ab",
    "tibialis_anterior": "#3bb273",
    "quadriceps": "#f3a712",
    "hamstrings": "#a23b72",
    "gluteals": "#7768ae",
    "foot_intrinsics": "#c1666b",
    "heart_and_lungs": "#d7263d",
}


@dataclass(frozen=True, slots=True)
class Shape:
    """A polyline, polygon or circle; `muscle` names the muscle it draws, if any."""

    kind: str  # "line" | "polygon" | "circle"
    points: tuple[Point, ...]
    stroke: str | None = None
    fill: str | None = None
    width_m: float = 0.0
    radius_m: float = 0.0
    muscle: str | None = None


def line(*points: Point, stroke: str = INK, width_m: float = 0.02) -> Shape:
    return Shape("line", tuple(points), stroke=stroke, width_m=width_m)


def polygon(*points: Point, fill: str, stroke: str | None = None, width_m: float = 0.0) -> Shape:
    return Shape("polygon", tuple(points), stroke=stroke, fill=fill, width_m=width_m)


def circle(
    center: Point, radius_m: float, *, fill: str, stroke: str | None = None, width_m: float = 0.0
) -> Shape:
    return Shape("circle", (center,), stroke=stroke, fill=fill, width_m=width_m, radius_m=radius_m)


def rect(x0: float, y0: float, x1: float, y1: float, *, fill: str, stroke: str | None = PROP_EDGE) -> Shape:
    return polygon((x0, y0), (x1, y0), (x1, y1), (x0, y1), fill=fill, stroke=stroke, width_m=0.008)
