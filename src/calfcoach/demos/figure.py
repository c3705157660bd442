"""The figure as rigid parts: each part's shapes in its own frame, and where a pose puts it.

A part's frame has its origin at the proximal joint and +x along the segment; +y is a quarter turn
counter-clockwise (the front of the leg for a leg hanging down, the back of the trunk for a trunk
standing up). Muscles are drawn on the parts, so they move rigidly with the bones they span.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

from calfcoach.demos.body import Body
from calfcoach.demos.kinematics import Pose
from calfcoach.demos.shapes import (
    FAR_INK,
    INK,
    MUSCLE_COLOURS,
    MUSCLE_OFF,
    SKIN,
    Shape,
    circle,
    line,
    polygon,
)

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Part:
    name: str
    origin: str  # a point of the pose
    direction: str  # a direction of the pose
    shapes: tuple[Shape, ...]


def _lens(x0: float, x1: float, base: float, bulge: float, n: int = 10) -> tuple[Point, ...]:
    """Outline a muscle belly: a straight edge at `base`, a sine-shaped belly out to `base + bulge`."""
    out = [(x0 + (x1 - x0) * i / n, base + bulge * math.sin(math.pi * i / n)) for i in range(n + 1)]
    return (*out, (x1, base), (x0, base))


def _muscle(name: str, points: tuple[Point, ...], highlighted: Collection[str]) -> Shape:
    fill = MUSCLE_COLOURS.get(name, MUSCLE_OFF) if name in highlighted else MUSCLE_OFF
    return Shape("polygon", points, stroke=None, fill=fill, muscle=name)


def _leg_parts(body: Body, side: str, highlighted: Collection[str], worn: Collection[str]) -> list[Part]:
    ink = INK if side == "near" else FAR_INK
    muscles = highlighted if side == "near" else ()
    th, sh = body.thigh_m, body.shank_m
    thigh_w, shank_w = 0.13, 0.095
    thigh: list[Shape] = [line((0, 0), (th, 0), stroke=ink, width_m=thigh_w)]
    shank: list[Shape] = [line((0, 0), (sh, 0), stroke=ink, width_m=shank_w)]
    if side == "near":
        thigh += [
            _muscle("gluteals", _lens(-0.04, th * 0.3, -0.03, -0.07), muscles),
            _muscle("quadriceps", _lens(th * 0.1, th * 0.85, 0.0, 0.06), muscles),
            _muscle("hamstrings", _lens(th * 0.2, th * 0.9, -0.01, -0.05), muscles),
        ]
        # The soleus lies under the gastrocnemius and shows below it, down to the Achilles tendon.
        shank += [
            _muscle("soleus", _lens(sh * 0.3, sh * 0.85, -0.015, -0.05), muscles),
            _muscle("gastrocnemius", _lens(sh * 0.04, sh * 0.62, -0.01, -0.075), muscles),
            _muscle("tibialis_anterior", _lens(sh * 0.08, sh * 0.75, 0.012, 0.035), muscles),
        ]
    if "ankle_weights" in worn:
        shank.append(
            polygon(
                (sh * 0.78, -0.07),
                (sh * 0.92, -0.07),
                (sh * 0.92, 0.07),
                (sh * 0.78, 0.07),
                fill="#3d5a80",
                stroke="#1b263b",
                width_m=0.006,
            )
        )
    if "weights" in worn and side == "near":
        # A dumbbell resting across the thigh just above the knee (seated calf raise).
        thigh += [
            polygon((th * 0.74, 0.062), (th * 0.9, 0.062), (th * 0.9, 0.16), (th * 0.74, 0.16), fill="#555"),
            line((th * 0.82, 0.07), (th * 0.82, 0.15), stroke="#777", width_m=0.02),
        ]
    hb, bf, ah, toes = body.heel_back_m, body.ball_forward_m, body.ankle_height_m, body.toes_m
    foot_fill = "#2f3e46" if side == "near" else "#b8c0c8"
    foot = (
        polygon(
            (-hb, -ah),
            (bf, -ah),
            (bf, -ah + 0.035),
            (0.02, 0.03),
            (-hb * 0.6, 0.025),
            (-hb - 0.01, -ah + 0.03),
            fill=foot_fill,
        ),
        *(
            [_muscle("foot_intrinsics", _lens(-hb * 0.3, bf * 0.9, -ah + 0.006, 0.018), muscles)]
            if side == "near"
            else []
        ),
    )
    toe = (polygon((0, 0), (toes, 0.0), (toes, 0.022), (0, 0.035), fill=foot_fill),)
    return [
        Part(f"thigh_{side}", "hip", f"thigh_{side}", tuple(thigh)),
        Part(f"shank_{side}", f"knee_{side}", f"shank_{side}", tuple(shank)),
        Part(f"foot_{side}", f"ankle_{side}", f"foot_{side}", foot),
        Part(f"toes_{side}", f"ball_{side}", f"toes_{side}", toe),
    ]


def _arm_parts(body: Body, side: str) -> list[Part]:
    ink = INK if side == "near" else FAR_INK
    fore = body.forearm_m
    return [
        Part(
            f"upper_arm_{side}",
            "shoulder",
            f"upper_arm_{side}",
            (line((0, 0), (body.upper_arm_m, 0), stroke=ink, width_m=0.075),),
        ),
        Part(
            f"forearm_{side}",
            f"elbow_{side}",
            f"forearm_{side}",
            (
                line((0, 0), (fore, 0), stroke=ink, width_m=0.06),
                line((fore, 0), (fore + body.hand_m * 0.8, 0), stroke=ink, width_m=0.045),
            ),
        ),
    ]


def parts(body: Body, highlighted: Collection[str] = (), worn: Collection[str] = ()) -> list[Part]:
    """Build the figure's parts in drawing order (far side first, near side last)."""
    r = body.head_radius_m
    trunk = Part(
        "trunk",
        "hip",
        "trunk",
        (
            line((0, 0), (body.trunk_m, 0), stroke=INK, width_m=0.2),
            *(
                [
                    _muscle(
                        "heart_and_lungs",
                        _lens(body.trunk_m * 0.55, body.trunk_m * 0.9, 0.0, -0.06),
                        highlighted,
                    )
                ]
                if "heart_and_lungs" in highlighted
                else []
            ),
        ),
    )
    head = Part(
        "head",
        "shoulder",
        "head",
        (
            line((0, 0), (body.neck_m + 0.02, 0), stroke=INK, width_m=0.07),
            circle((body.neck_m + r, 0), r, fill=SKIN, stroke=INK, width_m=0.018),
            circle(
                (body.neck_m + r * 1.15, -r * 0.55), r * 0.12, fill=INK
            ),  # the eye shows which way it faces
        ),
    )
    return [
        *_arm_parts(body, "far"),
        *_leg_parts(body, "far", highlighted, worn),
        trunk,
        head,
        *_leg_parts(body, "near", highlighted, worn),
        *_arm_parts(body, "near"),
    ]


def placement(part: Part, pose: Pose) -> tuple[float, float, float]:
    """Return where a pose puts a part: origin x, origin y and direction (radians)."""
    x, y = pose.points[part.origin]
    return x, y, pose.directions[part.direction]


def to_world(point: Point, place: tuple[float, float, float]) -> Point:
    """Map a point from a part's frame into the world."""
    x, y, a = place
    c, s = math.cos(a), math.sin(a)
    return (x + point[0] * c - point[1] * s, y + point[0] * s + point[1] * c)
