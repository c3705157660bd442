"""Turn a motion file and a tempo into timed poses: phases, easing, anchoring and gait loops."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from calfcoach.demos.body import Body
from calfcoach.demos.kinematics import (
    CHANNELS,
    FOOT_POINTS,
    Pose,
    foot_pitch_deg,
    forward_kinematics,
    solve_arm,
    solve_leg,
)
from calfcoach.demos.motion import Gait, GaitKey, Key, Motion, channels
from calfcoach.demos.props import Prop, surface_y
from calfcoach.domain.errors import DataFileError, InputError
from calfcoach.domain.exercise import Tempo

Channels = dict[str, float]
Point = tuple[float, float]

STAIR_STEPS_PER_STRIDE = 2  # foot over foot: each stride climbs two steps
_MARK_NOMINAL_M = 0.5
_CLEARANCE_M = 1e-4
_HAND_DROP_M = (
    0.1  # fingertips rest on the wall this far below the shoulder (the heel-rise test's "shoulder height")
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the loop between two key poses (a phase, or part of one when it goes via poses)."""

    phase: str
    cue: str
    start_s: float
    duration_s: float
    start: str
    end: str


def _ease(s: float) -> float:
    """Ease in and out, so a movement starts and stops softly like a person's."""
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, s)))


def _lerp(a: Mapping[str, float], b: Mapping[str, float], s: float) -> Channels:
    return {k: a[k] + (b[k] - a[k]) * s for k in a}


def _flat_deg(props: Sequence[Prop]) -> float:
    wedges = [p.incline_deg for p in props if p.kind == "wedge"]
    return wedges[0] if wedges else 0.0


def resolve(key: Key, motion: Motion) -> Channels:
    """Return numeric channels for a key pose, solving `flat` ankles and toes against the surface."""
    raw = channels(key)
    flat = _flat_deg(motion.props)
    out: Channels = {k: (0.0 if isinstance(v, str) else v) for k, v in raw.items()}
    far_pitch = key.pitch_far if key.pitch_far is not None else (key.pitch if key.ankle_far is None else None)
    pitches = {"near": key.pitch, "far": far_pitch}
    for side, suffix in (("near", ""), ("far", "_far")):
        pitch = pitches[side]
        if pitch is None and raw["ankle" + suffix] == "flat":
            pitch = flat
        if pitch is not None:
            out["ankle" + suffix] = 0.0
            out["ankle" + suffix] = pitch - foot_pitch_deg(out, side)
        if raw["mtp" + suffix] == "flat":
            out["mtp" + suffix] = flat - foot_pitch_deg(out, side)
        out["pitch" + suffix] = foot_pitch_deg(out, side)
    if key.hands == "feet":
        out |= _hands_to_feet(out)
    return out


def _hands_to_feet(chans: Channels, body: Body | None = None) -> Channels:
    """Solve both arms so the fingertips reach the balls of the feet (or as far toward them as they go)."""
    body = body or Body()
    pose = forward_kinematics({k: chans[k] for k in CHANNELS}, body)
    shoulder, ball = pose.points["shoulder"], pose.points["ball_near"]
    reach = 0.99 * (body.upper_arm_m + body.forearm_m + body.hand_m)
    dx, dy = ball[0] - shoulder[0], ball[1] - shoulder[1]
    scale = min(1.0, reach / math.hypot(dx, dy))
    target = (shoulder[0] + dx * scale, shoulder[1] + dy * scale)
    shoulder_deg, elbow_deg = solve_arm(body, shoulder, target, chans["lean"] + chans["trunk"])
    return {
        "shoulder": shoulder_deg,
        "elbow": elbow_deg,
        "shoulder_far": shoulder_deg,
        "elbow_far": elbow_deg,
    }


def segments(motion: Motion, tempo: Tempo) -> list[Segment]:
    """Lay out one repetition's phases in time; phases with no time are skipped."""
    durations = {"up": tempo.up_s, "top": tempo.top_s, "down": tempo.down_s, "bottom": tempo.bottom_s}
    out: list[Segment] = []
    clock = 0.0
    previous = motion.phases[-1].to
    for phase in motion.phases:
        stops = [*phase.via, phase.to]
        duration = durations[phase.name]
        if duration > 0:
            share = duration / len(stops)
            for i, stop in enumerate(stops):
                start = previous if i == 0 else stops[i - 1]
                out.append(Segment(phase.name, phase.cue, clock + i * share, share, start, stop))
        clock += duration
        previous = phase.to
    return out


class Animator:
    """Compute the pose of an exercise at any time in its loop."""

    def __init__(self, motion: Motion, tempo: Tempo | None, body: Body | None = None) -> None:
        self.motion = motion
        self.body = body or Body()
        if motion.is_gait:
            self.tempo = None
            self.period_s = sum(g.strides * motion.gaits[g.gait].stride_s for g in motion.loop())
            self.stairs = self._stairs()
            self.speeds = {name: self._stride_speed(g) for name, g in motion.gaits.items()}
            self.props = self._fit_moving_props()
            self.segments: list[Segment] = []
        else:
            chosen = tempo or motion.tempo
            assert chosen is not None  # the motion validator demands a default tempo
            if chosen.rep_s <= 0:
                raise InputError(
                    "the tempo adds up to no time at all", hint="give at least one phase seconds"
                )
            self.tempo = chosen
            self.period_s = chosen.rep_s
            self.props = motion.props
            self.keys = {name: resolve(key, motion) for name, key in motion.poses.items()}
            self.segments = segments(motion, chosen)

    # Repetitions -------------------------------------------------------------------------------------

    def _rep_pose(self, t: float) -> Pose:
        t = t % self.period_s
        seg = next((s for s in reversed(self.segments) if s.start_s <= t), self.segments[-1])
        s = _ease((t - seg.start_s) / seg.duration_s)
        chans = _lerp(self.keys[seg.start], self.keys[seg.end], s)
        anchor = self.motion.anchor
        if anchor.ball_at is not None:
            for side, suffix, target in (
                ("near", "", anchor.ball_at),
                ("far", "_far", anchor.ball_far_at or anchor.ball_at),
            ):
                hip_deg, knee_deg, ankle_deg = solve_leg(
                    self.body,
                    (0.0, 0.0),
                    (target[0] - anchor.at[0], target[1] - anchor.at[1]),
                    chans["pitch" + suffix],
                    chans["lean"],
                )
                del side
                chans["hip" + suffix], chans["knee" + suffix], chans["ankle" + suffix] = (
                    hip_deg,
                    knee_deg,
                    ankle_deg,
                )
        pose = forward_kinematics({k: chans[k] for k in CHANNELS}, self.body, time_s=t)
        if anchor.plant_far:
            chans = self._plant_far(pose, chans)
            pose = forward_kinematics({k: chans[k] for k in CHANNELS}, self.body, time_s=t)
        far_planted = (
            "far" in self.motion.poses[seg.start].contacts and "far" in self.motion.poses[seg.end].contacts
        )
        if not far_planted:
            chans = self._clear_far_foot(pose, chans)
            pose = forward_kinematics({k: chans[k] for k in CHANNELS}, self.body, time_s=t)
        if anchor.hands_on_wall:
            chans = self._hands_on_wall(pose, chans)
            pose = forward_kinematics({k: chans[k] for k in CHANNELS}, self.body, time_s=t)
        start_contacts = self.motion.poses[seg.start].contacts
        end_contacts = self.motion.poses[seg.end].contacts
        contacts = {
            side: tuple(p for p in pts if p in end_contacts.get(side, ()))
            for side, pts in start_contacts.items()
        }
        pose = self._anchor(pose, 0.0)
        return Pose(
            pose.time_s,
            pose.points,
            pose.directions,
            pose.joints_deg,
            seg.phase,
            seg.cue,
            {k: v for k, v in contacts.items() if v},
            0.0,
        )

    def _clear_far_foot(self, pose: Pose, chans: Channels) -> Channels:
        """Lift a moving far foot that would dip into a surface (between key poses) just clear of it."""
        placed = self._anchor(pose, 0.0)
        sole = [placed.points[f"{p}_far"] for p in FOOT_POINTS]
        sole += [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in pairwise(sole)]
        dip = min(y - surface_y(self.props, x) for x, y in sole)
        if dip >= -_CLEARANCE_M:
            return chans
        hip = placed.points["hip"]
        bx, by = placed.points["ball_far"]
        try:
            hip_deg, knee_deg, ankle_deg = solve_leg(
                self.body, (0.0, 0.0), (bx - hip[0], by - dip - hip[1]), chans["pitch_far"], chans["lean"]
            )
        except ValueError:
            return chans
        return chans | {"hip_far": hip_deg, "knee_far": knee_deg, "ankle_far": ankle_deg}

    def _plant_far(self, pose: Pose, chans: Channels) -> Channels:
        """Re-solve the far leg so its ball rests on the surface where it is, at the key poses' pitch."""
        placed = self._anchor(pose, 0.0)
        hip = placed.points["hip"]
        pinned = self.motion.anchor.ball_far_at
        bx = placed.points["ball_far"][0] if pinned is None else pinned[0]
        ball = (bx - hip[0], surface_y(self.props, bx) - hip[1])
        hip_deg, knee_deg, ankle_deg = solve_leg(
            self.body, (0.0, 0.0), ball, chans["pitch_far"], chans["lean"]
        )
        chans = chans | {"hip_far": hip_deg, "knee_far": knee_deg, "ankle_far": ankle_deg}
        chans["mtp_far"] = _flat_deg(self.props) - foot_pitch_deg(chans, "far")  # toes flat on the floor
        return chans

    def _hands_on_wall(self, pose: Pose, chans: Channels) -> Channels:
        """Solve both arms so the fingertips touch the wall a little below shoulder height."""
        placed = self._anchor(pose, 0.0)
        dx = placed.points["hip"][0] - pose.points["hip"][0]
        wall_x = min(p.x_m for p in self.props if p.kind == "wall") - dx
        shoulder = pose.points["shoulder"]
        reach = 0.98 * (self.body.upper_arm_m + self.body.forearm_m + self.body.hand_m)
        across = wall_x - shoulder[0]
        if not 0 < across < reach:
            raise InputError(
                f"the wall is out of reach ({across:.2f} m from the shoulder)", where=self.motion.exercise
            )
        drop = min(_HAND_DROP_M, math.sqrt(reach**2 - across**2))
        tilt = chans["lean"] + chans["trunk"]
        shoulder_deg, elbow_deg = solve_arm(self.body, shoulder, (wall_x, shoulder[1] - drop), tilt)
        chans = chans | {
            "shoulder": shoulder_deg,
            "elbow": elbow_deg,
            "shoulder_far": shoulder_deg,
            "elbow_far": elbow_deg,
        }
        return chans

    def _anchor(self, pose: Pose, scroll_m: float) -> Pose:
        anchor = self.motion.anchor
        if anchor.point == "ground":
            gap = min(
                pose.points[f"{p}_{side}"][1] - surface_y(self.props, pose.points[f"{p}_{side}"][0], scroll_m)
                for side in ("near", "far")
                for p in FOOT_POINTS
            )
            return pose.moved(0.0, -gap + pose.points["hip"][1])
        if anchor.point not in pose.points:
            raise InputError(f"anchor point {anchor.point!r} is not a joint", where=self.motion.exercise)
        x, y = pose.points[anchor.point]
        return pose.moved(anchor.at[0] - x, anchor.at[1] - y)

    # Gait --------------------------------------------------------------------------------------------

    @staticmethod
    def _periodic(keys: Sequence[GaitKey], f: float) -> Channels:
        """Interpolate the keys around the stride with a closed Catmull-Rom spline (smooth, through keys)."""
        f %= 1.0
        n = len(keys)
        i = max(j for j in range(n) if keys[j].at <= f) if f >= keys[0].at else n - 1
        k0, k1, k2, k3 = (keys[(i + d) % n] for d in (-1, 0, 1, 2))
        span = (k2.at - k1.at) % 1.0 or 1.0
        u = ((f - k1.at) % 1.0) / span
        out: Channels = {}
        for name in ("hip", "knee", "ankle", "mtp", "shoulder", "elbow", "lift_m"):
            p0, p1, p2, p3 = (getattr(k, name) for k in (k0, k1, k2, k3))
            out[name] = 0.5 * (
                2 * p1
                + (-p0 + p2) * u
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * u**2
                + (-p0 + 3 * p1 - 3 * p2 + p3) * u**3
            )
        return out

    def _gait_channels(self, gait: Gait, f: float) -> Channels:
        near = self._periodic(gait.keys, f)
        far = self._periodic(gait.keys, f + 0.5)
        chans: Channels = {"lean": gait.lean, "trunk": gait.trunk, "neck": gait.neck}
        for name in ("hip", "knee", "ankle", "mtp", "shoulder", "elbow"):
            chans[name] = near[name]
            chans[name + "_far"] = far[name]
        # Knees and toes stop at their anatomical limits even where the spline overshoots between keys.
        for name in ("knee", "knee_far"):
            chans[name] = max(0.0, chans[name])
        chans["lift_m"] = max(0.0, near["lift_m"]) + max(0.0, far["lift_m"])
        return chans

    def _ball_offsets(self, gait: Gait, f: float) -> tuple[Point, Point]:
        """Return where the near and far balls of the feet are relative to the hip at stride fraction f."""
        pose = forward_kinematics(self._gait_channels(gait, f) | {"lift_m": 0.0}, self.body)
        return pose.points["ball_near"], pose.points["ball_far"]

    def _stairs(self) -> tuple[float, float] | None:
        """Return the (tread, rise) the stair gait's own geometry steps over, or None off stairs.

        On stairs the standing foot is pinned to its tread; the other foot lands half a stride later
        exactly one step up and along, so the steps are sized from where the landing foot arrives.
        """
        if not any(p.kind in ("stairs", "stair_climber") for p in self.motion.props):
            return None
        if len(self.motion.gaits) != 1:
            raise InputError("a stair motion has exactly one gait", where=self.motion.exercise)
        gait = next(iter(self.motion.gaits.values()))
        near, far = self._ball_offsets(gait, 0.5)
        return (far[0] - near[0], far[1] - near[1])

    def _stride_speed(self, gait: Gait) -> float:
        """Return the speed (m/s) at which the standing foot moves back under the hip during its stance."""
        if self.stairs is not None:
            return STAIR_STEPS_PER_STRIDE * self.stairs[0] / gait.stride_s

        def foot_x(f: float) -> float:
            pose = forward_kinematics(self._gait_channels(gait, f), self.body)
            return (pose.points["heel_near"][0] + pose.points["ball_near"][0]) / 2

        return (foot_x(0.0) - foot_x(gait.stance)) / (gait.stance * gait.stride_s)

    def _fit_moving_props(self) -> tuple[Prop, ...]:
        """Space moving marks so the loop's total travel is a whole number of patterns (a seamless loop)."""
        total = self._scroll_at(self.period_s)
        fitted: list[Prop] = []
        for prop in self.motion.props:
            if prop.kind in ("stairs", "stair_climber") and self.stairs is not None:
                prop = prop.model_copy(update={"tread_m": self.stairs[0], "rise_m": self.stairs[1]})
            elif prop.kind in ("treadmill", "slope"):
                prop = prop.model_copy(update={"mark_m": total / max(1, round(total / _MARK_NOMINAL_M))})
            fitted.append(prop)
        return tuple(fitted)

    def _locate(self, t: float) -> tuple[int, float]:
        """Return which stretch of the gait loop `t` falls in and the time since that stretch began."""
        clock = 0.0
        loop = self.motion.loop()
        for i, stretch in enumerate(loop):
            length = stretch.strides * self.motion.gaits[stretch.gait].stride_s
            if t < clock + length or i == len(loop) - 1:
                return i, t - clock
            clock += length
        raise AssertionError("unreachable: the loop is never empty")

    def _scroll_at(self, t: float) -> float:
        clock, travelled = 0.0, 0.0
        for stretch in self.motion.loop():
            length = stretch.strides * self.motion.gaits[stretch.gait].stride_s
            step = min(length, max(0.0, t - clock))
            travelled += step * self.speeds[stretch.gait]
            clock += length
        return travelled

    def _gait_pose(self, t: float) -> Pose:
        t %= self.period_s
        loop = self.motion.loop()
        i, local = self._locate(t)
        stretch = loop[i]
        gait = self.motion.gaits[stretch.gait]
        f = (local / gait.stride_s) % 1.0
        chans = self._gait_channels(gait, f)
        previous = loop[i - 1]
        blend_s = 0.4 * gait.stride_s
        if previous.gait != stretch.gait and local < blend_s:
            before = self._gait_channels(self.motion.gaits[previous.gait], f)
            chans = _lerp(before, chans, _ease(local / blend_s))
        scroll = self._scroll_at(t)
        pose = forward_kinematics(chans | {"lift_m": 0.0}, self.body, time_s=t)
        if self.stairs is not None:
            pose = self._on_stairs(pose, local / gait.stride_s, scroll)
        else:
            pose = self._anchor(pose, scroll).moved(0.0, chans["lift_m"])
        return Pose(
            pose.time_s, pose.points, pose.directions, pose.joints_deg, stretch.gait, stretch.cue, {}, scroll
        )

    def _on_stairs(self, pose: Pose, strides: float, scroll_m: float) -> Pose:
        """Place a stair climber by the standing foot: near foot for the first half stride, then the far."""
        assert self.stairs is not None
        tread, rise = self.stairs
        whole, f = divmod(strides, 1.0)
        steps = 2 * int(whole) + (1 if f >= 0.5 else 0)
        side = "far" if f >= 0.5 else "near"
        # The first landing sits mid-tread, far enough in that heel and toes are both on it.
        heel_room = self.body.ball_forward_m + self.body.heel_back_m
        first_x = (heel_room + tread - self.body.toes_m) / 2
        ball_stairs = (first_x + steps * tread, steps * rise)
        # Stair coordinates slide back and down by the scroll, keeping the climber in view.
        ball_world = (ball_stairs[0] - scroll_m, ball_stairs[1] - scroll_m * rise / tread)
        ball_now = pose.points[f"ball_{side}"]
        return pose.moved(ball_world[0] - ball_now[0], ball_world[1] - ball_now[1])

    # Public ------------------------------------------------------------------------------------------

    def pose_at(self, t: float) -> Pose:
        """Return the figure at `t` seconds into the loop."""
        try:
            return self._gait_pose(t) if self.motion.is_gait else self._rep_pose(t)
        except ValueError as exc:  # a limb asked to reach where it cannot: the motion file is wrong
            raise DataFileError(
                f"at {t:.2f} s: {exc}",
                where=f"demos/motions/{self.motion.exercise}.yaml",
                hint="move the anchor, the planted foot or the wall within the limb's reach",
            ) from None

    def travel_m(self) -> float:
        """Return how far the moving props scroll over one loop (0 for repetitions)."""
        return self._scroll_at(self.period_s) if self.motion.is_gait else 0.0

    def frame_count(self, fps: float) -> int:
        return max(2, round(self.period_s * fps))

    def frames(self, fps: float) -> list[Pose]:
        """Sample one loop evenly; the frames together last exactly one period."""
        if not 1 <= fps <= 60:
            raise InputError(f"fps {fps:g} is out of range", hint="use 1 to 60 frames a second")
        n = self.frame_count(fps)
        return [self.pose_at(i * self.period_s / n) for i in range(n)]
