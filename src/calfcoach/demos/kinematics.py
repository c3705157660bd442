"""Forward kinematics of the side-view figure: joint angles in, joint positions and segment directions out.

World axes: x forward (the way the figure faces), y up, metres. The pelvis (hip joint) is the root at
(0, 0); callers translate the result to anchor it. Every segment is rigid, so lengths hold by construction.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from calfcoach.demos.body import Body

Point = tuple[float, float]

# The channels a pose is made of (degrees, except lift_m). Near = the leg and arm facing the viewer.
CHANNELS: tuple[str, ...] = (
    "lean",  # whole body tipped forward about the hips' vertical, positive = forward
    "trunk",  # trunk flexed forward relative to the legs' axis
    "neck",  # head flexed forward
    "hip",
    "knee",
    "ankle",  # dorsiflexion positive
    "mtp",  # toe extension positive
    "hip_far",
    "knee_far",
    "ankle_far",
    "mtp_far",
    "shoulder",  # flexion (arm raised forward) positive
    "elbow",
    "shoulder_far",
    "elbow_far",
    "lift_m",  # extra height of the whole figure (a running stride's flight)
)

SIDES: tuple[str, ...] = ("near", "far")
FOOT_POINTS: tuple[str, ...] = ("heel", "ball", "toe")


def _down(angle_deg: float) -> Point:
    """Unit vector pointing down, turned forward (counter-clockwise) by the angle."""
    a = math.radians(angle_deg)
    return (math.sin(a), -math.cos(a))


def _up(angle_deg: float) -> Point:
    """Unit vector pointing up, tipped forward (clockwise) by the angle."""
    a = math.radians(angle_deg)
    return (math.sin(a), math.cos(a))


def _add(p: Point, v: Point, scale: float) -> Point:
    return (p[0] + v[0] * scale, p[1] + v[1] * scale)


def _angle(v: Point) -> float:
    return math.atan2(v[1], v[0])


@dataclass(frozen=True, slots=True)
class Pose:
    """One drawn frame: where every joint is, which way every segment points, and what is being said."""

    time_s: float
    points: Mapping[str, Point]
    directions: Mapping[str, float]  # world angle (radians, counter-clockwise from +x) of each part
    joints_deg: Mapping[str, float]  # anatomical joint angles, for range-of-motion checks
    phase: str = ""
    cue: str = ""
    contacts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    scroll_m: float = 0.0  # how far moving props (belt, ground, stairs) have travelled

    def moved(self, dx: float, dy: float) -> Pose:
        """Return the same pose translated."""
        points = {k: (x + dx, y + dy) for k, (x, y) in self.points.items()}
        return Pose(
            self.time_s,
            points,
            self.directions,
            self.joints_deg,
            self.phase,
            self.cue,
            self.contacts,
            self.scroll_m,
        )


def _leg(
    body: Body, hip: Point, lean: float, hip_deg: float, knee_deg: float, ankle_deg: float, mtp_deg: float
) -> tuple[dict[str, Point], dict[str, float]]:
    thigh_a = hip_deg - lean
    shank_a = thigh_a - knee_deg
    foot_a = shank_a + 90.0 + ankle_deg
    toe_a = foot_a + mtp_deg
    knee = _add(hip, _down(thigh_a), body.thigh_m)
    ankle = _add(knee, _down(shank_a), body.shank_m)
    forward = _down(foot_a)
    normal = (-forward[1], forward[0])  # up out of the sole when the foot is flat
    sole = _add(ankle, normal, -body.ankle_height_m)
    heel = _add(sole, forward, -body.heel_back_m)
    ball = _add(sole, forward, body.ball_forward_m)
    toe = _add(ball, _down(toe_a), body.toes_m)
    points = {"knee": knee, "ankle": ankle, "heel": heel, "ball": ball, "toe": toe}
    directions = {
        "thigh": _angle(_down(thigh_a)),
        "shank": _angle(_down(shank_a)),
        "foot": _angle(forward),
        "toes": _angle(_down(toe_a)),
    }
    return points, directions


def _arm(
    body: Body, shoulder: Point, trunk_tilt: float, shoulder_deg: float, elbow_deg: float
) -> tuple[dict[str, Point], dict[str, float]]:
    upper_a = shoulder_deg - trunk_tilt
    fore_a = upper_a + elbow_deg
    elbow = _add(shoulder, _down(upper_a), body.upper_arm_m)
    wrist = _add(elbow, _down(fore_a), body.forearm_m)
    finger = _add(wrist, _down(fore_a), body.hand_m)
    return (
        {"elbow": elbow, "wrist": wrist, "finger": finger},
        {"upper_arm": _angle(_down(upper_a)), "forearm": _angle(_down(fore_a))},
    )


def forward_kinematics(angles: Mapping[str, float], body: Body, *, time_s: float = 0.0) -> Pose:
    """Place every joint from the channels in `CHANNELS`, with the hip joint at the origin."""
    a = angles
    lean, trunk_tilt = a["lean"], a["lean"] + a["trunk"]
    hip: Point = (0.0, a["lift_m"])
    points: dict[str, Point] = {"hip": hip}
    directions: dict[str, float] = {}
    for side, suffix in (("near", ""), ("far", "_far")):
        leg_points, leg_dirs = _leg(
            body,
            hip,
            lean,
            a["hip" + suffix],
            a["knee" + suffix],
            a["ankle" + suffix],
            a["mtp" + suffix],
        )
        points.update({f"{k}_{side}": v for k, v in leg_points.items()})
        directions.update({f"{k}_{side}": v for k, v in leg_dirs.items()})
    trunk_dir = _up(trunk_tilt)
    shoulder = _add(hip, trunk_dir, body.trunk_m)
    head_dir = _up(trunk_tilt + a["neck"])
    chin = _add(shoulder, head_dir, body.neck_m)
    points.update(shoulder=shoulder, chin=chin, head=_add(chin, head_dir, body.head_radius_m))
    directions.update(trunk=_angle(trunk_dir), head=_angle(head_dir))
    for side, suffix in (("near", ""), ("far", "_far")):
        arm_points, arm_dirs = _arm(body, shoulder, trunk_tilt, a["shoulder" + suffix], a["elbow" + suffix])
        points.update({f"{k}_{side}": v for k, v in arm_points.items()})
        directions.update({f"{k}_{side}": v for k, v in arm_dirs.items()})
    joints = {
        "hip_near": a["hip"] + a["trunk"],
        "hip_far": a["hip_far"] + a["trunk"],
        "knee_near": a["knee"],
        "knee_far": a["knee_far"],
        "ankle_near": a["ankle"],
        "ankle_far": a["ankle_far"],
        "toes_near": a["mtp"],
        "toes_far": a["mtp_far"],
        "shoulder_near": a["shoulder"],
        "shoulder_far": a["shoulder_far"],
        "elbow_near": a["elbow"],
        "elbow_far": a["elbow_far"],
        "neck": a["neck"],
    }
    return Pose(time_s, points, directions, joints)


def foot_pitch_deg(angles: Mapping[str, float], side: str) -> float:
    """Return how far the sole is tipped toes-up from horizontal for the given leg's angles."""
    suffix = "" if side == "near" else "_far"
    return angles["hip" + suffix] - angles["lean"] - angles["knee" + suffix] + angles["ankle" + suffix]


def solve_leg(
    body: Body, hip: Point, ball: Point, pitch_deg: float, lean: float
) -> tuple[float, float, float]:
    """Find hip, knee and ankle angles that put the ball of the foot at `ball` with the sole at `pitch_deg`.

    The knee bends forward (the only human solution); raises ValueError when the foot is out of reach.
    """
    forward = _down(90.0 + pitch_deg)
    normal = (-forward[1], forward[0])
    sole = _add(ball, forward, -body.ball_forward_m)
    ankle = _add(sole, normal, body.ankle_height_m)
    dx, dy = ankle[0] - hip[0], ankle[1] - hip[1]
    reach = math.hypot(dx, dy)
    thigh, shank = body.thigh_m, body.shank_m
    if not abs(thigh - shank) <= reach <= thigh + shank:
        raise ValueError(f"the foot at {ball} is out of the leg's reach from the hip at {hip}")
    # Angle at the hip between the hip-ankle line and the thigh (law of cosines).
    inner = math.acos((thigh**2 + reach**2 - shank**2) / (2 * thigh * reach))
    line_a = math.degrees(math.atan2(dx, -dy))  # the hip-ankle line as a `_down` angle
    thigh_a = line_a + math.degrees(inner)  # knee in front of the line
    knee_pt = _add(hip, _down(thigh_a), thigh)
    shank_a = math.degrees(math.atan2(ankle[0] - knee_pt[0], -(ankle[1] - knee_pt[1])))
    hip_deg = thigh_a + lean
    knee_deg = thigh_a - shank_a
    ankle_deg = pitch_deg - shank_a
    return hip_deg, knee_deg, ankle_deg


def solve_arm(body: Body, shoulder: Point, target: Point, trunk_tilt: float) -> tuple[float, float]:
    """Find shoulder and elbow flexion that put the fingertips at `target`, the elbow bending downward.

    Raises ValueError when the target is out of the arm's reach.
    """
    upper, lower = body.upper_arm_m, body.forearm_m + body.hand_m
    dx, dy = target[0] - shoulder[0], target[1] - shoulder[1]
    reach = math.hypot(dx, dy)
    if not abs(upper - lower) <= reach <= upper + lower:
        raise ValueError(f"the hand target {target} is out of the arm's reach from the shoulder {shoulder}")
    inner = math.acos((upper**2 + reach**2 - lower**2) / (2 * upper * reach))
    line_a = math.degrees(math.atan2(dx, -dy))
    upper_a = line_a - math.degrees(inner)  # elbow below the shoulder-hand line
    elbow_pt = _add(shoulder, _down(upper_a), upper)
    fore_a = math.degrees(math.atan2(target[0] - elbow_pt[0], -(target[1] - elbow_pt[1])))
    return upper_a + trunk_tilt, fore_a - upper_a
