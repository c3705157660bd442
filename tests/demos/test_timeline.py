"""The demonstrations move like people: in range, on the floor, where the exercise says, on the tempo."""

import math
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.demos.body import RANGES_OF_MOTION, Body
from calfcoach.demos.kinematics import FOOT_POINTS, Pose
from calfcoach.demos.motion import Motion, load_motion, motion_ids
from calfcoach.demos.props import Prop, surface_y
from calfcoach.demos.timeline import Animator
from calfcoach.domain.exercise import Tempo

BODY = Body()
FPS = 12.0
ALL = motion_ids()
REPS = [e for e in ALL if not load_motion(e).is_gait]
GAITS = [e for e in ALL if load_motion(e).is_gait]
STEP_RAISES = [
    "calf-raise-step",
    "single-leg-calf-raise-step",
    "bent-knee-calf-raise",
    "eccentric-heel-drop-straight",
    "eccentric-heel-drop-bent",
    "step-box-raise",
]
STRAIGHT = [
    "calf-raise-step",
    "eccentric-heel-drop-straight",
    "floor-calf-raise",
    "wall-calf-stretch-straight",
]
BENT = [
    "bent-knee-calf-raise",
    "eccentric-heel-drop-bent",
    "bent-knee-floor-calf-raise",
    "wall-calf-stretch-bent",
]
SIDES = ("near", "far")
TOUCH_M = 0.005


@cache
def animator(exercise_id: str) -> Animator:
    return Animator(load_motion(exercise_id), None, BODY)


@cache
def loop(exercise_id: str) -> tuple[Pose, ...]:
    return tuple(animator(exercise_id).frames(FPS))


def sole_points(pose: Pose, side: str, n: int = 8) -> list[tuple[float, float]]:
    """Points along the sole and the toes: heel to ball to toe tip."""
    heel, ball, toe = (pose.points[f"{p}_{side}"] for p in FOOT_POINTS)
    out = []
    for a, b in ((heel, ball), (ball, toe)):
        out += [(a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n) for i in range(n + 1)]
    return out


def gap_m(props: tuple[Prop, ...], point: tuple[float, float], scroll_m: float) -> float:
    return point[1] - surface_y(props, point[0], scroll_m)


@pytest.mark.parametrize("exercise_id", ALL)
def test_joints_stay_within_human_ranges_of_motion(exercise_id: str) -> None:
    a = animator(exercise_id)
    for pose in loop(exercise_id):
        for joint, angle in pose.joints_deg.items():
            kind, _, side = joint.partition("_")
            if kind == "ankle":
                low = min(gap_m(a.props, p, pose.scroll_m) for p in sole_points(pose, side))
                kind = "ankle_loaded" if low < TOUCH_M else "ankle"
            rom = RANGES_OF_MOTION[kind]
            assert rom.contains(angle), f"{joint} at {angle:.1f}° ({pose.phase}, t={pose.time_s:.2f} s)"


@pytest.mark.parametrize("exercise_id", ALL)
def test_feet_never_pass_through_the_floor_the_step_or_the_box(exercise_id: str) -> None:
    a = animator(exercise_id)
    for pose in loop(exercise_id):
        for side in SIDES:
            for point in sole_points(pose, side):
                assert gap_m(a.props, point, pose.scroll_m) > -0.002, (
                    f"{side} foot inside a surface at {point} ({pose.phase}, t={pose.time_s:.2f} s)"
                )


@pytest.mark.parametrize("exercise_id", REPS)
def test_the_foot_points_in_contact_stay_on_their_surface(exercise_id: str) -> None:
    a = animator(exercise_id)
    for pose in loop(exercise_id):
        for side, names in pose.contacts.items():
            for name in names:
                point = pose.points[f"{name}_{side}"]
                assert abs(gap_m(a.props, point, 0.0)) < 0.002, (
                    f"{side} {name} off its surface at t={pose.time_s}"
                )


def _lowest_foot_m(exercise_id: str, pose: Pose) -> float:
    props = animator(exercise_id).props
    return min(gap_m(props, p, pose.scroll_m) for side in SIDES for p in sole_points(pose, side))


WALKS = [e for e in GAITS if "run" not in load_motion(e).gaits]
RUNS = [e for e in GAITS if "run" in load_motion(e).gaits]


@pytest.mark.parametrize("exercise_id", WALKS)
def test_a_walker_always_has_a_foot_on_the_ground(exercise_id: str) -> None:
    assert all(_lowest_foot_m(exercise_id, pose) < TOUCH_M for pose in loop(exercise_id))


@pytest.mark.parametrize("exercise_id", RUNS)
def test_a_runner_leaves_the_ground_between_steps_but_not_for_long(exercise_id: str) -> None:
    running = [p for p in loop(exercise_id) if p.phase == "run"]
    airborne = [p for p in running if _lowest_foot_m(exercise_id, p) > 0.02]
    assert airborne
    assert len(airborne) < 0.4 * len(running)


def _step(props: tuple[Prop, ...]) -> Prop:
    return next(p for p in props if p.kind in ("step", "step_box"))


@pytest.mark.parametrize("exercise_id", STEP_RAISES)
def test_step_raises_stand_on_the_ball_of_the_foot_with_the_heel_over_the_edge(exercise_id: str) -> None:
    step = _step(animator(exercise_id).props)
    for pose in loop(exercise_id):
        x, y = pose.points["ball_near"]
        assert step.x_m - 1e-6 <= x <= step.x_m + step.depth_m
        assert abs(y - step.height_m) < 1e-6
        assert pose.points["heel_near"][0] < step.x_m


@pytest.mark.parametrize("exercise_id", STEP_RAISES[:3])
def test_step_raises_lower_the_heels_below_the_step_and_lift_them_above(exercise_id: str) -> None:
    step = _step(animator(exercise_id).props)
    heights = [pose.points["heel_near"][1] - step.height_m for pose in loop(exercise_id)]
    assert min(heights) < -0.02
    assert max(heights) > 0.06


def test_in_the_step_box_raise_the_heels_never_touch_the_ground() -> None:
    for pose in loop("step-box-raise"):
        for side in SIDES:
            assert pose.points[f"heel_{side}"][1] > 0.1


def test_toe_raises_on_a_ledge_stand_on_the_heels_with_the_toes_over_the_edge() -> None:
    ledge = _step(animator("toe-raise-ledge").props)
    toe_heights = []
    for pose in loop("toe-raise-ledge"):
        heel_x, heel_y = pose.points["heel_near"]
        assert ledge.x_m <= heel_x <= ledge.x_m + ledge.depth_m + 1e-6
        assert abs(heel_y - ledge.height_m) < 1e-6
        assert pose.points["ball_near"][0] > ledge.x_m + ledge.depth_m
        toe_heights.append(pose.points["toe_near"][1] - ledge.height_m)
    assert min(toe_heights) < -0.05 < 0.05 < max(toe_heights)


@pytest.mark.parametrize(
    "exercise_id", [e for e in ALL if any(p.kind == "wall" for p in load_motion(e).props)]
)
def test_hands_and_knees_never_go_through_the_wall(exercise_id: str) -> None:
    wall_x = next(p.x_m for p in animator(exercise_id).props if p.kind == "wall")
    for pose in loop(exercise_id):
        for name in ("finger_near", "finger_far", "toe_near", "toe_far"):
            assert pose.points[name][0] <= wall_x + 1e-6
        assert pose.points["knee_near"][0] + 0.065 <= wall_x + 0.002


def test_the_knee_to_wall_test_touches_the_wall_with_the_heel_down() -> None:
    wall_x = next(p.x_m for p in animator("knee-to-wall-test").props if p.kind == "wall")
    poses = loop("knee-to-wall-test")
    assert max(p.points["knee_near"][0] + 0.065 for p in poses) > wall_x - 0.005
    assert all(abs(p.points["heel_near"][1]) < 1e-6 for p in poses)


@pytest.mark.parametrize(("straight", "bent"), list(zip(STRAIGHT, BENT, strict=True)))
def test_straight_and_bent_knee_variants_are_visibly_different(straight: str, bent: str) -> None:
    assert max(p.joints_deg["knee_near"] for p in loop(straight)) < 5
    assert min(p.joints_deg["knee_near"] for p in loop(bent)) > 20


tempos = st.builds(
    Tempo,
    up_s=st.floats(0.5, 5),
    top_s=st.floats(0, 5),
    down_s=st.floats(0.5, 6),
    bottom_s=st.floats(0, 3),
)


def _segment_lengths(pose: Pose) -> list[float]:
    pairs = [
        ("hip", "knee_near"), ("knee_near", "ankle_near"), ("ankle_near", "heel_near"),
        ("ankle_near", "ball_near"), ("heel_near", "ball_near"), ("ball_near", "toe_near"),
        ("hip", "knee_far"), ("knee_far", "ankle_far"), ("ankle_far", "heel_far"), ("ball_far", "toe_far"),
        ("hip", "shoulder"), ("shoulder", "chin"), ("shoulder", "elbow_near"), ("elbow_near", "wrist_near"),
        ("wrist_near", "finger_near"), ("shoulder", "elbow_far"), ("elbow_far", "finger_far"),
    ]  # fmt: skip
    return [math.dist(pose.points[a], pose.points[b]) for a, b in pairs]


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(REPS), tempos)
def test_segment_lengths_never_change_whatever_the_tempo(exercise_id: str, tempo: Tempo) -> None:
    poses = Animator(load_motion(exercise_id), tempo, BODY).frames(8)
    first = _segment_lengths(poses[0])
    for pose in poses[1:]:
        assert all(abs(a - b) < 1e-9 for a, b in zip(first, _segment_lengths(pose), strict=True))


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(REPS), tempos)
def test_the_animation_lasts_one_repetition_of_the_tempo(exercise_id: str, tempo: Tempo) -> None:
    a = Animator(load_motion(exercise_id), tempo, BODY)
    assert a.period_s == pytest.approx(tempo.rep_s)
    frames = a.frames(10)
    assert len(frames) == max(2, round(tempo.rep_s * 10))
    # The phase shown at each moment follows the tempo's schedule.
    edges = {"up": (0, tempo.up_s), "top": (tempo.up_s, tempo.up_s + tempo.top_s)}
    edges["down"] = (edges["top"][1], edges["top"][1] + tempo.down_s)
    edges["bottom"] = (edges["down"][1], tempo.rep_s)
    for pose in frames:
        start, end = edges[pose.phase]
        assert start - 1e-9 <= pose.time_s < end + 1e-9


@pytest.mark.parametrize("exercise_id", ALL)
def test_the_loop_closes_without_a_jump(exercise_id: str) -> None:
    a = animator(exercise_id)
    end = a.pose_at(a.period_s - 1e-6)
    start = a.pose_at(0.0)
    for name in ("hip", "ankle_near", "finger_near", "toe_far"):
        assert math.dist(end.points[name], start.points[name]) < 0.01


def test_a_slower_tempo_slows_the_lowering() -> None:
    motion: Motion = load_motion("calf-raise-step")
    quick = Animator(motion, Tempo(up_s=1, top_s=0, down_s=1, bottom_s=0), BODY)
    slow = Animator(motion, Tempo(up_s=1, top_s=0, down_s=4, bottom_s=0), BODY)
    assert quick.pose_at(1.5).points["heel_near"][1] < slow.pose_at(1.5).points["heel_near"][1]


def test_walking_and_running_differ() -> None:
    walk, run = loop("brisk-walk"), loop("steady-jog")
    assert max(p.joints_deg["knee_near"] for p in run) > max(p.joints_deg["knee_near"] for p in walk) + 20
    assert min(p.joints_deg["elbow_near"] for p in run) > 60  # runners carry the arms bent
    assert animator("steady-jog").speeds["run"] > 1.5 * animator("brisk-walk").speeds["walk"]


def test_walking_speed_is_a_brisk_human_pace() -> None:
    # Comfortable walking is about 1.3-1.4 m/s for adults (Bohannon & Andrews 2011); brisk is faster.
    assert 1.3 < animator("brisk-walk").speeds["walk"] < 1.9


def test_uphill_walks_on_a_slope_and_leans_into_it() -> None:
    slope = next(p for p in animator("uphill-walk").props if p.kind == "slope")
    assert slope.grade_pct > 0
    assert load_motion("uphill-walk").gaits["walk"].lean > load_motion("brisk-walk").gaits["walk"].lean


def test_stairs_climb_two_steps_a_stride_with_feet_landing_on_treads() -> None:
    a = animator("stair-climb")
    stairs = next(p for p in a.props if p.kind == "stairs")
    assert 0.25 < stairs.tread_m < 0.4  # building codes ask for treads of about 0.28 m or more
    assert a.travel_m() == pytest.approx(2 * stairs.tread_m)


def test_run_walk_intervals_alternate_running_and_walking() -> None:
    phases = [p.phase for p in loop("run-walk-intervals")]
    assert phases[0] == "run"
    assert "walk" in phases
    assert phases.index("walk") > 0


def test_the_moving_floor_loops_seamlessly() -> None:
    for exercise_id in GAITS:
        a = animator(exercise_id)
        for prop in a.props:
            if prop.kind in ("treadmill", "slope", "stairs", "stair_climber"):
                patterns = a.travel_m() / prop.pattern_m()
                assert abs(patterns - round(patterns)) < 1e-9


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(REPS), tempos)
def test_feet_stay_out_of_every_surface_whatever_the_tempo(exercise_id: str, tempo: Tempo) -> None:
    a = Animator(load_motion(exercise_id), tempo, BODY)
    for pose in a.frames(6):
        for side in SIDES:
            assert all(gap_m(a.props, p, 0.0) > -0.002 for p in sole_points(pose, side))
