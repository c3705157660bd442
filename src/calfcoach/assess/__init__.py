"""The tests (heel-raise, knee-to-wall, balance, hop pain) with their protocols and published norms (pure)."""

from calfcoach.assess.interpret import CriterionCheck, Interpretation, interpret
from calfcoach.assess.measures import (
    HEEL_RAISE_MDC_REPS,
    KNEE_TO_WALL_DEG_PER_CM,
    KNEE_TO_WALL_MDC_CM,
    is_real_change,
    knee_to_wall_degrees,
    minimal_detectable_change,
)
from calfcoach.assess.norms import Criterion, Norm, criteria_of, norm_for, norms_of
from calfcoach.assess.progress import Progress, SideChange, progress
from calfcoach.assess.protocols import Parameter, Protocol, all_protocols, protocol
from calfcoach.assess.readiness import (
    MAX_ASYMMETRY_PCT,
    MAX_HOP_PAIN,
    MIN_HEEL_RAISES,
    GateCheck,
    Readiness,
    running_readiness,
)
from calfcoach.assess.sources import Source, Trust, all_sources, source
from calfcoach.assess.symmetry import LSI_TARGET_PCT, asymmetry_pct, limb_symmetry_index, weaker_side

__all__ = [
    "HEEL_RAISE_MDC_REPS",
    "KNEE_TO_WALL_DEG_PER_CM",
    "KNEE_TO_WALL_MDC_CM",
    "LSI_TARGET_PCT",
    "MAX_ASYMMETRY_PCT",
    "MAX_HOP_PAIN",
    "MIN_HEEL_RAISES",
    "Criterion",
    "CriterionCheck",
    "GateCheck",
    "Interpretation",
    "Norm",
    "Parameter",
    "Progress",
    "Protocol",
    "Readiness",
    "SideChange",
    "Source",
    "Trust",
    "all_protocols",
    "all_sources",
    "asymmetry_pct",
    "criteria_of",
    "interpret",
    "is_real_change",
    "knee_to_wall_degrees",
    "limb_symmetry_index",
    "minimal_detectable_change",
    "norm_for",
    "norms_of",
    "progress",
    "protocol",
    "running_readiness",
    "source",
    "weaker_side",
]
