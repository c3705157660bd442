from calfcoach.demos.body import (
    ANKLE_HEIGHT,
    FOOT_LENGTH,
    HIP_HEIGHT,
    KNEE_HEIGHT,
    RANGES_OF_MOTION,
    SHOULDER_HEIGHT,
    Body,
)
from calfcoach.demos.kinematics import CHANNELS, forward_kinematics

STANDING = dict.fromkeys(CHANNELS, 0.0)


def test_winters_segments_stack_up_to_the_standing_height() -> None:
    body = Body(height_m=1.75)
    assert abs(body.standing_height_m() - 1.75) < 1e-9


def test_winters_landmark_heights_come_out_of_the_upright_figure() -> None:
    body = Body(height_m=1.0)
    pose = forward_kinematics(STANDING, body)
    floor = pose.points["heel_near"][1]
    assert abs(pose.points["knee_near"][1] - floor - KNEE_HEIGHT) < 1e-9
    assert abs(pose.points["ankle_near"][1] - floor - ANKLE_HEIGHT) < 1e-9
    assert abs(pose.points["hip"][1] - floor - HIP_HEIGHT) < 1e-9
    assert abs(pose.points["shoulder"][1] - floor - SHOULDER_HEIGHT) < 1e-9


def test_the_foot_is_winters_foot_length_from_heel_to_toe_tip() -> None:
    body = Body(height_m=1.0)
    pose = forward_kinematics(STANDING, body)
    assert abs(pose.points["toe_near"][0] - pose.points["heel_near"][0] - FOOT_LENGTH) < 1e-9


def test_the_published_ranges_of_motion_are_the_ones_checked() -> None:
    assert (RANGES_OF_MOTION["ankle"].min_deg, RANGES_OF_MOTION["ankle"].max_deg) == (-50.0, 20.0)
    assert (RANGES_OF_MOTION["knee"].min_deg, RANGES_OF_MOTION["knee"].max_deg) == (0.0, 140.0)
    assert all(r.source for r in RANGES_OF_MOTION.values())
