"""Everything a renderer needs for one exercise: view box, props, figure parts, frames and captions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from calfcoach.demos.body import Body
from calfcoach.demos.figure import Part, parts
from calfcoach.demos.kinematics import Pose
from calfcoach.demos.motion import Motion
from calfcoach.demos.props import MOVING, WORN, Prop, floor_shapes
from calfcoach.demos.shapes import Shape
from calfcoach.demos.timeline import Animator
from calfcoach.demos.translations import motion_in, muscle_word, phase_word
from calfcoach.domain.exercise import Tempo
from calfcoach.i18n import localize_decimals, translate_plural

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
    # The words shown for each phase or gait ("up", "walk") and each coloured muscle, in the scene's language.
    phase_words: Mapping[str, str] = field(default_factory=dict)
    muscle_words: Mapping[str, str] = field(default_factory=dict)

    def phase_word(self, phase: str) -> str:
        return self.phase_words.get(phase, phase)

    def muscle_word(self, muscle: str) -> str:
        return self.muscle_words.get(muscle, muscle.replace("_", " "))


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


def timing_text(motion: Motion, animator: Animator, language: str | None = None) -> str:
    """Describe the loop's timing: the tempo for repetitions, the stride for cardio (in `language`)."""
    if animator.tempo is not None:
        return animator.tempo.describe(language)
    strides = sum(s.strides for s in motion.loop())
    speeds = " / ".join(f"{3.6 * animator.speeds[name]:.1f}" for name in motion.gaits)
    said = translate_plural(
        language,
        "{strides} stride in {seconds} s, shown at about {speeds} km/h",
        "{strides} strides in {seconds} s, shown at about {speeds} km/h",
        strides,
    )
    return localize_decimals(
        said.format(strides=strides, seconds=f"{animator.period_s:g}", speeds=speeds), language
    )


def build_scene(
    motion: Motion,
    *,
    title: str,
    tempo: Tempo | None,
    fps: float,
    highlighted: tuple[str, ...],
    body: Body | None = None,
    language: str | None = None,
) -> Scene:
    """Compute the frames and lay out the drawing for one exercise, its words in `language`."""
    body = body or Body()
    motion = motion_in(motion, language)
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
        timing=timing_text(motion, animator, language),
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
        phase_words={p: phase_word(p, language) for p in [*(p.name for p in motion.phases), *motion.gaits]},
        muscle_words={m: muscle_word(m, language) for m in highlighted},
    )
