"""Motion files: one YAML file per exercise describing its key poses, phases, contacts, props and cues."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Literal

import yaml
from pydantic import Field, ValidationError, model_validator

from calfcoach.demos.kinematics import CHANNELS
from calfcoach.demos.props import Prop
from calfcoach.domain.base import Value
from calfcoach.domain.errors import DataFileError, NotFoundError, input_error
from calfcoach.domain.exercise import Muscle, Tempo

PhaseName = Literal["up", "top", "down", "bottom"]
FootPoint = Literal["heel", "ball", "toe"]
Side = Literal["near", "far"]
Flat = Literal["flat"]
Angle = float | Flat

_PACKAGE = "calfcoach.demos.motions"


class Key(Value):
    """A key pose: joint angles in degrees (far limbs copy the near ones unless given) and foot contacts.

    `ankle: flat` / `mtp: flat` solve the angle that lays the sole / the toes flat on what they stand on.
    `pitch` gives the sole's tilt from horizontal (toes up positive) instead of the ankle angle; with a
    seated anchor (`ball_at`) or a planted far foot the leg is then solved to match it.
    """

    lean: float = 0.0
    trunk: float = 0.0
    neck: float = 0.0
    hip: float = 0.0
    knee: float = 0.0
    ankle: Angle = 0.0
    mtp: Angle = 0.0
    hip_far: float | None = None
    knee_far: float | None = None
    ankle_far: Angle | None = None
    mtp_far: Angle | None = None
    shoulder: float = 0.0
    elbow: float = 10.0
    shoulder_far: float | None = None
    elbow_far: float | None = None
    lift_m: float = 0.0
    pitch: float | None = None
    pitch_far: float | None = None
    hands: Literal["feet"] | None = None  # solve the arms so the fingertips hold the balls of the feet
    contacts: dict[Side, tuple[FootPoint, ...]] = Field(default_factory=dict)


class Anchor(Value):
    """What holds the figure in place: a body point pinned to a spot, or feet grounded on the surface.

    `point` is a joint name from the kinematics (`ball_near`, `heel_near`, `hip`, ...). `ball_at` with a
    hip `point` pins both ends of the leg (seated work): hip and knee are then solved from `pitch`.
    """

    point: str = "ground"
    at: tuple[float, float] = (0.0, 0.0)
    ball_at: tuple[float, float] | None = None
    ball_far_at: tuple[float, float] | None = None
    # Re-solve the far leg so its ball rests on the surface: at `ball_far_at` x if given, else where it is.
    plant_far: bool = False
    hands_on_wall: bool = False  # solve both arms so the fingertips rest on the wall, just below the shoulder


class Phase(Value):
    """A part of one repetition, named like the tempo, moving to (or holding) a key pose."""

    name: PhaseName
    to: str
    via: tuple[str, ...] = ()  # poses passed on the way, evenly spaced in the phase's time
    cue: str = ""


class GaitKey(Value):
    """The near leg and arm at a fraction of the stride; the far side runs half a stride behind."""

    at: Annotated[float, Field(ge=0, lt=1)]
    hip: float
    knee: float
    ankle: float
    mtp: float = 0.0
    shoulder: float = 0.0
    elbow: float = 20.0
    lift_m: float = 0.0


class Gait(Value):
    """One stride (two steps) of walking, running or stair climbing, looped."""

    stride_s: Annotated[float, Field(gt=0.2, le=5)]
    # Share of the stride the foot is on the ground, from foot contact at `at: 0` (walking about 0.6,
    # Perry 1992; running about 0.35-0.4, Novacheck 1998; stair ascent about 0.6, McFadyen & Winter 1988).
    stance: Annotated[float, Field(gt=0.2, lt=0.8)] = 0.6
    lean: float = 0.0
    trunk: float = 0.0
    neck: float = 0.0
    keys: Annotated[tuple[GaitKey, ...], Field(min_length=2)]

    @model_validator(mode="after")
    def _ordered(self) -> Gait:
        times = [k.at for k in self.keys]
        if times != sorted(set(times)):
            raise ValueError("gait keys must be in increasing order of `at`, without repeats")
        return self


class Stretch(Value):
    """A run of strides of one gait in the loop (run-walk intervals alternate several)."""

    gait: str
    strides: Annotated[int, Field(ge=1, le=20)] = 1
    cue: str = ""


class Motion(Value):
    """Everything needed to animate one exercise."""

    exercise: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    label: str = ""
    props: tuple[Prop, ...] = ()
    muscles: tuple[Muscle, ...] = ()
    source: str = ""
    # Repetitions: key poses, the four tempo phases and a default tempo for when the exercise has none.
    tempo: Tempo | None = None
    anchor: Anchor = Anchor()
    poses: dict[str, Key] = Field(default_factory=dict)
    phases: tuple[Phase, ...] = ()
    # Cardio: named gaits and the order they loop in.
    gaits: dict[str, Gait] = Field(default_factory=dict)
    sequence: tuple[Stretch, ...] = ()
    cues: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _complete(self) -> Motion:
        if bool(self.phases) == bool(self.gaits):
            raise ValueError("a motion has either `phases` (repetitions) or `gaits` (cardio), not both")
        if self.phases:
            if self.tempo is None:
                raise ValueError("a repetition motion needs a default `tempo`")
            names = sorted(p.name for p in self.phases)
            if names != ["bottom", "down", "top", "up"]:
                raise ValueError(f"phases must be up, top, down and bottom, once each; got {names}")
            for phase in self.phases:
                for pose in (*phase.via, phase.to):
                    if pose not in self.poses:
                        raise ValueError(f"phase {phase.name!r} goes to unknown pose {pose!r}")
        if self.anchor.hands_on_wall and not any(p.kind == "wall" for p in self.props):
            raise ValueError("`hands_on_wall` needs a wall among the props")
        for stretch in self.sequence:
            if stretch.gait not in self.gaits:
                raise ValueError(f"sequence names unknown gait {stretch.gait!r}")
        return self

    @property
    def is_gait(self) -> bool:
        return bool(self.gaits)

    def loop(self) -> tuple[Stretch, ...]:
        """Return the gait sequence, defaulting to one stride of the only gait."""
        if self.sequence:
            return self.sequence
        name = next(iter(self.gaits))
        return (Stretch(gait=name, strides=1, cue=self.cues[0] if self.cues else ""),)

    def rules(self) -> str:
        """Return what holds throughout (shown all along): the cues not already shown phase by phase."""
        if self.is_gait and not self.sequence:
            return " · ".join(self.cues[1:])
        return " · ".join(self.cues)


def channels(key: Key) -> dict[str, float | str]:
    """Return every kinematic channel of a key pose, far limbs copying near ones when not given."""
    out: dict[str, float | str] = {}
    for name in CHANNELS:
        value = getattr(key, name)
        if value is None:
            value = getattr(key, name.removesuffix("_far"))
        out[name] = value
    return out


def motion_ids() -> list[str]:
    """List every exercise that has a motion file, sorted."""
    root = resources.files(_PACKAGE)
    return sorted(p.name.removesuffix(".yaml") for p in root.iterdir() if p.name.endswith(".yaml"))


def parse_motion(text: str, where: str) -> Motion:
    """Parse and validate motion-file text; errors name the file and field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}", where=where) from exc
    if not isinstance(data, dict):
        raise DataFileError("a motion file must be a mapping", where=where)
    try:
        return Motion.model_validate(data)
    except ValidationError as exc:
        hint = "see docs/demos.md for the motion file format"
        raise input_error(exc, where=where, hint=hint, kind=DataFileError) from exc


@cache
def load_motion(exercise_id: str) -> Motion:
    """Load the motion of one exercise from the package's motion files."""
    path = resources.files(_PACKAGE) / f"{exercise_id}.yaml"
    if not path.is_file():
        raise NotFoundError(
            f"no demonstration for exercise {exercise_id!r} yet: add demos/motions/{exercise_id}.yaml "
            "(see docs/demos.md)"
        )
    motion = parse_motion(path.read_text(encoding="utf-8"), where=f"demos/motions/{exercise_id}.yaml")
    if motion.exercise != exercise_id:
        raise DataFileError(
            f"file is for {motion.exercise!r}", where=f"demos/motions/{exercise_id}.yaml", hint="rename it"
        )
    return motion
