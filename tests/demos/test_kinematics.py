import math

from hypothesis import given
from hypothesis import strategies as st

from calfcoach.demos.body import Body
from calfcoach.demos.kinematics import CHANNELS, Pose, forward_kinematics, solve_arm, solve_leg

BODY = Body()
SEGMENTS = {
    ("hip", "knee_near"): BODY.thigh_m,
    ("knee_near", "ankle_near"): BODY.shank_m,
    ("hip", "knee_far"): BODY.thigh_m,
    ("knee_far", "ankle_far"): BODY.shank_m,
    ("ball_near", "toe_near"): BODY.toes_m,
    ("hip", "shoulder"): BODY.trunk_m,
    ("shoulder", "chin"): BODY.neck_m,
    ("shoulder", "elbow_near"): BODY.upper_arm_m,
    ("elbow_near", "wrist_near"): BODY.forearm_m,
    ("wrist_near", "finger_near"): BODY.hand_m,
}


def distance(pose: Pose, a: str, b: str) -> float:
    (ax, ay), (bx, by) = pose.points[a], pose.points[b]
    return math.hypot(ax - bx, ay - by)


angles = st.fixed_dictionaries(
    {name: st.floats(-0.2, 0.2) if name == "lift_m" else st.floats(-180, 180) for name in CHANNELS}
)


@given(angles)
def test_segments_keep_their_length_whatever_the_angles(chans: dict[str, float]) -> None:
    pose = forward_kinematics(chans, BODY)
    for (a, b), length in SEGMENTS.items():
        assert abs(distance(pose, a, b) - length) < 1e-9


def test_bending_the_knee_takes_the_ankle_backwards_not_forwards() -> None:
    chans = dict.fromkeys(CHANNELS, 0.0) | {"knee": 60.0}
    pose = forward_kinematics(chans, BODY)
    assert pose.points["ankle_near"][0] < pose.points["knee_near"][0]


def test_plantarflexion_lifts_the_heel_above_the_ball() -> None:
    chans = dict.fromkeys(CHANNELS, 0.0) | {"ankle": -40.0}
    pose = forward_kinematics(chans, BODY)
    assert pose.points["heel_near"][1] > pose.points["ball_near"][1] + 0.1


@given(st.floats(-40, 20), st.floats(0.45, 0.6), st.floats(-0.1, 0.0))
def test_the_leg_solver_puts_the_ball_of_the_foot_where_asked(pitch: float, x: float, y: float) -> None:
    ball = (x, -0.48 + y)
    hip_deg, knee_deg, ankle_deg = solve_leg(BODY, (0.0, 0.0), ball, pitch, 0.0)
    chans = dict.fromkeys(CHANNELS, 0.0) | {"hip": hip_deg, "knee": knee_deg, "ankle": ankle_deg}
    pose = forward_kinematics(chans, BODY)
    assert math.dist(pose.points["ball_near"], ball) < 1e-9
    assert knee_deg >= 0  # the knee bends the human way


@given(st.floats(0.3, 0.6), st.floats(-0.3, 0.1))
def test_the_arm_solver_puts_the_fingertips_where_asked(x: float, y: float) -> None:
    target = (x, 1.3 + y)
    shoulder_deg, elbow_deg = solve_arm(BODY, (0.0, 1.3), target, 0.0)
    chans = dict.fromkeys(CHANNELS, 0.0) | {"shoulder": shoulder_deg, "elbow": elbow_deg}
    pose = forward_kinematics(chans, BODY)
    hip_to_shoulder = pose.points["shoulder"][1]
    finger = pose.points["finger_near"]
    assert math.dist((finger[0], finger[1] - hip_to_shoulder + 1.3), target) < 1e-9
    assert elbow_deg >= 0
