"""The demonstration figure's fixed proportions and the human ranges of motion its joints must respect.

Segment lengths are fractions of standing height H from Winter DA, Biomechanics and Motor Control of
Human Movement, 4th ed. (Wiley 2009), Fig. 4.1 (after Drillis & Contini 1966): landmark heights
shoulder 0.818 H, chin 0.870 H, hip (greater trochanter) 0.530 H, knee 0.285 H, ankle 0.039 H; segment
lengths upper arm 0.186 H, forearm 0.146 H, hand 0.108 H, foot 0.152 H.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

# Landmark heights over standing height (Winter 2009, Fig. 4.1).
SHOULDER_HEIGHT: Final = 0.818
CHIN_HEIGHT: Final = 0.870
HIP_HEIGHT: Final = 0.530
KNEE_HEIGHT: Final = 0.285
ANKLE_HEIGHT: Final = 0.039

UPPER_ARM: Final = 0.186
FOREARM: Final = 0.146
HAND: Final = 0.108
FOOT_LENGTH: Final = 0.152

# Where along the foot the ankle and the ball (metatarsal heads) stand, as fractions of foot length from
# the heel. A drawing choice (the ankle sits over the back quarter of the foot, the ball near three
# quarters), not a measurement: the tests hold the figure to it, not to a population.
ANKLE_FROM_HEEL: Final = 0.22
BALL_FROM_HEEL: Final = 0.73


@dataclass(frozen=True, slots=True)
class Body:
    """Segment lengths in metres for a figure of the given standing height."""

    height_m: float = 1.75

    @property
    def thigh_m(self) -> float:
        return (HIP_HEIGHT - KNEE_HEIGHT) * self.height_m

    @property
    def shank_m(self) -> float:
        return (KNEE_HEIGHT - ANKLE_HEIGHT) * self.height_m

    @property
    def trunk_m(self) -> float:
        return (SHOULDER_HEIGHT - HIP_HEIGHT) * self.height_m

    @property
    def neck_m(self) -> float:
        return (CHIN_HEIGHT - SHOULDER_HEIGHT) * self.height_m

    @property
    def head_radius_m(self) -> float:
        return (1.0 - CHIN_HEIGHT) * self.height_m / 2

    @property
    def upper_arm_m(self) -> float:
        return UPPER_ARM * self.height_m

    @property
    def forearm_m(self) -> float:
        return FOREARM * self.height_m

    @property
    def hand_m(self) -> float:
        return HAND * self.height_m

    @property
    def ankle_height_m(self) -> float:
        return ANKLE_HEIGHT * self.height_m

    @property
    def heel_back_m(self) -> float:
        """Horizontal distance from the ankle back to the heel."""
        return ANKLE_FROM_HEEL * FOOT_LENGTH * self.height_m

    @property
    def ball_forward_m(self) -> float:
        """Horizontal distance from the ankle forward to the ball of the foot."""
        return (BALL_FROM_HEEL - ANKLE_FROM_HEEL) * FOOT_LENGTH * self.height_m

    @property
    def toes_m(self) -> float:
        return (1.0 - BALL_FROM_HEEL) * FOOT_LENGTH * self.height_m

    def standing_height_m(self) -> float:
        """Add the segments stacked upright; equals the height the proportions were taken from."""
        return (
            self.ankle_height_m
            + self.shank_m
            + self.thigh_m
            + self.trunk_m
            + self.neck_m
            + 2 * self.head_radius_m
        )


@dataclass(frozen=True, slots=True)
class Range:
    """A joint's range of motion in degrees, with where the figures come from."""

    min_deg: float
    max_deg: float
    source: str

    def contains(self, angle_deg: float, *, slack_deg: float = 0.5) -> bool:
        return self.min_deg - slack_deg <= angle_deg <= self.max_deg + slack_deg


_AAOS = (
    "American Academy of Orthopaedic Surgeons, Joint Motion: Method of Measuring and Recording (1965), "
    "as tabulated in Norkin CC, White DJ, Measurement of Joint Motion, 5th ed. (F.A. Davis 2016)"
)

# Anatomical joint angles: positive is flexion (ankle: dorsiflexion; toes: extension).
RANGES_OF_MOTION: Final = MappingProxyType(
    {
        # Open-chain ankle: dorsiflexion 20°, plantarflexion 50° (AAOS).
        "ankle": Range(-50.0, 20.0, _AAOS + ": dorsiflexion 0-20°, plantarflexion 0-50°"),
        # A loaded ankle (body weight pushing the shin forward, as in the knee-to-wall test or a heel drop)
        # goes past the open-chain 20°: Bennell 1998 gives about 3.6° per cm of knee-to-wall distance and
        # Hoch & McKeon 2011 a healthy mean near 12 cm, so about 40-45° (secondary; see EVIDENCE.md).
        "ankle_loaded": Range(
            -50.0, 45.0, "weight-bearing lunge: Bennell 1998 (3.6°/cm), Hoch & McKeon 2011 (12 ± 2.8 cm)"
        ),
        "knee": Range(0.0, 140.0, _AAOS + ": knee flexion 0-141°"),
        "hip": Range(-30.0, 120.0, _AAOS + ": hip flexion 0-120°, extension 0-30°"),
        "toes": Range(-40.0, 80.0, _AAOS + ": first metatarsophalangeal extension 0-80°, flexion 0-45°"),
        "shoulder": Range(-60.0, 180.0, _AAOS + ": shoulder flexion 0-180°, extension 0-60°"),
        "elbow": Range(0.0, 150.0, _AAOS + ": elbow flexion 0-150°"),
        "neck": Range(-60.0, 45.0, _AAOS + ": cervical flexion 0-45°, extension 0-60°"),
    }
)
