"""Everything a renderer needs for one exercise: view box, props, figure parts, frames and captions."""

from __future__ import annotations

from dataclasses import dataclass

from calfcoach.demos.body import Body
from calfcoach.demos.figure import Part, parts
from calfcoach.demos.kinematics import Pose
from calfcoach.demos.motion import Motion
from calfcoach.demos.props import MOVING, WORN, Prop, floor_shapes
from calfcoach.demos.shapes import Shape
from calfcoach.demos.timeline import Animator
from calfcoach.domain.exercise import Tempo

View = tuple[float, float, float, float]
_MARGIN_M = 0.18
_ASPECT = 0.8  # width / height of the drawing, a phone-friendly portrait


@dataclass(frozen=True, slots=True)
class Scene:
    exercise_id: str
    title: str
    label: str
    timing: str
    view: View
    props: tuple[Shape, ...]
    moving: tuple[tuple[Prop, tuple[Shape, ...]], ...]
    parts: tuple[Part, ...]
    frames: tuple[Pose, ...]
    period_s: float
    travel_m: float  # how far moving props scroll over one loop (a whole number of their patterns)
    highlighted: tuple[str, ...]
    cues: tuple[tuple[str, str], ...]  # (phase, cue) in the order they appear, for a still picture
    rules: str  # what holds for the whole movement ("heels never touch the ground"), shown throughout


def _view(frames: list[Pose], props: tuple[Prop, ...], body: Body) -> View:
    xs = [x for f in frames for x, _ in f.points.values()]
    ys = [y for f in frames for _, y in f.points.values()]
    for p in props:
        if p.kind in ("step", "step_box", "chair", "wedge"):
            xs += [p.x_m, p.x_m + p.depth_m]
        elif p.kind == "wall":
            xs += [p.x_m + 0.12]
    x0, x1 = min(xs) - _MARGIN_M, max(xs) + _MARGIN_M
    y0, y1 = min([*ys, 0.0]) - _MARGIN_M, max(ys) + body.head_radius_m + _MARGIN_M
    width, height = x1 - x0, y1 - y0
    if width < height * _ASPECT:
        pad = (height * _ASPECT - width) / 2
        x0, x1 = x0 - pad, x1 + pad
    else:
        pad = width / _ASPECT - height
        y0 -= pad * 0.3
        y1 += pad * 0.7
    return (x0, y0, x1, y1)


def timing_text(motion: Motion, animator: Animator) -> str:
    """Describe the loop's timing: the tempo for repetitions, the stride for cardio."""
    if animator.tempo is not None:
        return animator.tempo.describe()
    strides = sum(s.strides for s in motion.loop())
    paces = " / ".join(f"{3.6 * animator.speeds[name]:.1f}" for name in motion.gaits)
    stride = f"{strides} stride{'s' if strides > 1 else ''} in {animator.period_s:g} s"
    return f"{stride}, shown at about {paces} km/h"


def build_scene(
    motion: Motion,
    *,
    title: str,
    tempo: Tempo | None,
    fps: float,
    highlighted: tuple[str, ...],
    body: Body | None = None,
) -> Scene:
    """Compute the frames and lay out the drawing for one exercise."""
    body = body or Body()
    animator = Animator(motion, tempo, body)
    frames = animator.frames(fps)
    props = animator.props
    view = _view(frames, props, body)
    travel = animator.travel_m()
    wide: View = (view[0] - 0.5, view[1], view[2] + travel + 1.0, view[3])
    static: list[Shape] = []
    if not any(p.kind in ("slope", "stairs", "stair_climber") for p in props):
        static += floor_shapes(view)
    moving: list[tuple[Prop, tuple[Shape, ...]]] = []
    for prop in props:
        static += prop.shapes(view)
        if prop.kind in MOVING:
            moving.append((prop, tuple(prop.moving_shapes(wide))))
    worn = tuple(p.kind for p in props if p.kind in WORN)
    seen: list[tuple[str, str]] = []
    for f in frames:
        if f.cue and (f.phase, f.cue) not in seen:
            seen.append((f.phase, f.cue))
    return Scene(
        exercise_id=motion.exercise,
        title=title,
        label=motion.label,
        timing=timing_text(motion, animator),
        view=view,
        props=tuple(static),
        moving=tuple(moving),
        parts=tuple(parts(body, highlighted, worn)),
        frames=tuple(frames),
        period_s=animator.period_s,
        travel_m=travel,
        highlighted=highlighted,
        cues=tuple(seen),
        rules=motion.rules(),
    )
