"""Name what an activity was: walk, jog, run, hike, stairs or other; recognise treadmill and stairs."""

from __future__ import annotations

from enum import StrEnum


class Sport(StrEnum):
    WALK = "walk"
    JOG = "jog"
    RUN = "run"
    HIKE = "hike"
    STAIRS = "stairs"
    OTHER = "other"


# Gait is told by the moving speed actually covered (grade-adjusted speed would call a brisk uphill walk a
# jog). The walk-run transition of adults is near 2.0 m/s (7.2 km/h); below 2.8 m/s (10 km/h) running is
# called jogging here.
JOG_FROM_MPS = 2.0
RUN_FROM_MPS = 2.8
FOOT_MAX_MPS = 7.0  # faster on average is not on foot
HIKE_CLIMB_M_PER_KM = 50.0  # a walk that climbs this much per kilometre is a hike
STAIRS_ASCENT_M_PER_MIN = 5.0  # sustained vertical speed of stair climbing
# No one climbs stairs faster for long: the Empire State Building run-up record is about 34 m a minute.
# A faster untagged "climb" is faulty altitude, not stairs.
STAIRS_MAX_ASCENT_M_PER_MIN = 60.0
STAIRS_MIN_CLIMB_RATIO = 0.25  # metres up per metre along: stairs, not a path
STAIRS_MIN_S = 60.0
STAIRS_MIN_GAIN_M = 10.0

_FOOT_WORDS = ("walk", "run", "jog", "hik", "trek", "foot", "trail", "stair", "treadmill", "mountaineer")
_GENERIC_WORDS = ("generic", "other", "training", "fitness", "workout", "activity", "cardio")


def is_treadmill(*, has_positions: bool, has_distance: bool, hint: str | None, sub_hint: str | None) -> bool:
    """Tell whether a session was on a treadmill: tagged so, or on foot with distance but no positions."""
    words = f"{hint or ''} {sub_hint or ''}".lower()
    if "treadmill" in words or "indoor_running" in words or "indoor_walking" in words:
        return True
    return not has_positions and has_distance and _on_foot(hint)


def is_stairs(
    *, gain_m: float, moving_s: float, distance_m: float, hint: str | None, sub_hint: str | None
) -> bool:
    """Tell whether a session was stair climbing: tagged so, or a fast climb with little ground covered."""
    words = f"{hint or ''} {sub_hint or ''}".lower()
    if "stair" in words or "floor_climbing" in words:
        return True
    if not _on_foot(hint) or moving_s < STAIRS_MIN_S or gain_m < STAIRS_MIN_GAIN_M:
        return False
    ascent_rate = gain_m / (moving_s / 60.0)
    return (
        STAIRS_ASCENT_M_PER_MIN <= ascent_rate <= STAIRS_MAX_ASCENT_M_PER_MIN
        and gain_m >= STAIRS_MIN_CLIMB_RATIO * max(distance_m, 1.0)
    )


def _on_foot(hint: str | None) -> bool:
    words = (hint or "").lower()
    return not words or any(w in words for w in _FOOT_WORDS) or any(w in words for w in _GENERIC_WORDS)


def classify(
    *,
    hint: str | None,
    sub_hint: str | None,
    speed_mps: float | None,
    gain_m: float,
    distance_m: float,
    stairs: bool,
) -> Sport:
    """Classify by the device's sport tag where it is not on foot, else by moving speed and climb."""
    words = f"{hint or ''} {sub_hint or ''}".lower()
    if not _on_foot(hint) or any(w in words for w in ("rowing", "elliptical", "cycling", "swim")):
        return Sport.OTHER
    if stairs:
        return Sport.STAIRS
    if speed_mps is None or speed_mps <= 0:
        if "hik" in words:
            return Sport.HIKE
        if "run" in words:
            return Sport.RUN
        return Sport.WALK if "walk" in words else Sport.OTHER
    if speed_mps > FOOT_MAX_MPS:
        return Sport.OTHER
    if speed_mps >= RUN_FROM_MPS:
        return Sport.RUN
    if speed_mps >= JOG_FROM_MPS:
        return Sport.JOG
    if "hik" in words or "trek" in words or "mountaineer" in words:
        return Sport.HIKE
    if distance_m > 0 and gain_m / (distance_m / 1000.0) >= HIKE_CLIMB_M_PER_KM:
        return Sport.HIKE
    if "run" in words and speed_mps >= JOG_FROM_MPS * 0.75:
        return Sport.JOG
    return Sport.WALK
