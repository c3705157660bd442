"""The words for the codes the pages and the CLI show (a level, a goal, a pain site), in English to translate.

The codes are the stored values and stay English in the API and the data; pages show these words through
the person's catalog (the `label` filter in web/templating.py, `label()` in cli/words.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from calfcoach.i18n import N_

LABELS: Mapping[str, str] = {
    # Level
    "beginner": N_("beginner"),
    "intermediate": N_("intermediate"),
    "advanced": N_("advanced"),
    # Goal
    "stronger_calves": N_("stronger calves"),
    "start_running": N_("start running"),
    "achilles_rehab": N_("Achilles rehab"),
    # Sex
    "female": N_("female"),
    "male": N_("male"),
    "unspecified": N_("not given"),
    # Equipment
    "step": N_("step"),
    "wall": N_("wall"),
    "chair": N_("chair"),
    "step_box": N_("step box"),
    "ankle_weights": N_("ankle weights"),
    "weights": N_("weights"),
    "treadmill": N_("treadmill"),
    "stair_climber": N_("stair climber"),
    "stairs": N_("stairs"),
    "hill": N_("hill"),
    "metronome": N_("metronome"),
    # Test kinds
    "heel_raise": N_("heel raise"),
    "knee_to_wall": N_("knee to wall"),
    "balance": N_("balance"),
    "hop_pain": N_("hop pain"),
    # Pain sites
    "calf": N_("calf"),
    "achilles": N_("Achilles"),
    "shin": N_("shin"),
    "foot": N_("foot"),
    "knee": N_("knee"),
    "other": N_("other"),
    # The pain check's action
    "progress": N_("progress"),
    "hold": N_("hold"),
    "reduce": N_("reduce"),
    # Exercise categories, knee positions, muscles
    "strength": N_("strength"),
    "cardio": N_("cardio"),
    "stretch": N_("stretch"),
    "test": N_("test"),
    "straight": N_("straight"),
    "bent": N_("bent"),
    "moving": N_("moving"),
    "gastrocnemius": N_("gastrocnemius"),
    "soleus": N_("soleus"),
    "tibialis_anterior": N_("tibialis anterior"),
    "tibialis_posterior": N_("tibialis posterior"),
    "fibularis": N_("fibularis"),
    "foot_intrinsics": N_("foot intrinsics"),
    "quadriceps": N_("quadriceps"),
    "hamstrings": N_("hamstrings"),
    "gluteals": N_("gluteals"),
    "heart_and_lungs": N_("heart and lungs"),
    # Sides
    "left": N_("left"),
    "right": N_("right"),
    "both": N_("both"),
    # Warning-sign levels
    "urgent": N_("urgent"),
    "refer": N_("refer"),
    "caution": N_("caution"),
    # A recorded step's verdict against its plan
    "as-prescribed": N_("as prescribed"),
    "partly": N_("partly"),
    "far-off": N_("far off"),
    # Sports of activities
    "walk": N_("walk"),
    "jog": N_("jog"),
    "run": N_("run"),
    "hike": N_("hike"),
    # Kinds of programs (strength is above)
    "rehab": N_("rehab"),
    "running": N_("running"),
}

WEEKDAYS: tuple[str, ...] = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
"""Short weekday names, Monday first, for choosing training days."""


def english(code: str) -> str:
    """The English words for a code (the code with spaces for one not listed, e.g. a new sport)."""
    return LABELS.get(code, code.replace("_", " "))
