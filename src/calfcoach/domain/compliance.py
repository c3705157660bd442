"""A recording scored against its plan: the intervals found in it, and each planned step as it was done.

The intervals come from calfcoach.activities.intervals (speed, cadence, laps), the score from
calfcoach.coach.compliance (the intervals lined up with the steps of calfcoach.coach.workout).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from calfcoach.domain.base import Value
from calfcoach.domain.messages import Message
from calfcoach.domain.workout import Intensity


class Gait(StrEnum):
    RUN = "run"
    WALK = "walk"
    STOP = "stop"


class Interval(Value):
    """A stretch of a recording done at one gait; times in seconds from the recording's first point."""

    start_s: Annotated[float, Field(ge=0)]
    end_s: Annotated[float, Field(ge=0)]
    gait: Gait
    distance_m: Annotated[float, Field(ge=0)] = 0.0
    cadence_spm: float | None = None
    grade_pct: float | None = None

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def speed_kmh(self) -> float:
        return self.distance_m / self.duration_s * 3.6 if self.duration_s > 0 else 0.0


class StepVerdict(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    MISSED = "missed"


class Verdict(StrEnum):
    """How the whole session matched its plan; the values are what the log stores."""

    AS_PRESCRIBED = "as-prescribed"
    PARTLY = "partly"
    FAR_OFF = "far-off"


class StepScore(Value):
    """One planned step (a repeat unrolled) beside what the recording shows in its place."""

    name: str
    intensity: Intensity
    running: bool
    planned_start_s: float
    planned_s: float
    speed_low_kmh: float | None = None
    speed_high_kmh: float | None = None
    grade_pct: float | None = None
    start_s: float | None = None  # where the matched interval starts in the recording; None: not found
    done_s: float = 0.0  # seconds of the step done at the gait it asks for
    speed_kmh: float | None = None
    done_grade_pct: float | None = None
    gait_done: Gait | None = None  # the gait of most of the step's time in the recording
    verdict: StepVerdict
    note: str = ""  # the notes in English, as scores kept before `notes` existed hold them
    notes: tuple[Message, ...] = ()  # what was off, as messages: written in the reader's language


class Score(Value):
    """A recording against its plan. `run_done_s` counts only seconds run inside the run steps, so a
    stage moves on when the run intervals were run; `main_speed_kmh` is the speed held in the main part
    (warm-up and cool-down left out), which a walking pace progresses from."""

    steps: tuple[StepScore, ...]
    verdict: Verdict
    reason: str  # `why` in English (kept with the bout it scored, and in scores from before `why`)
    why: Message | None = None  # the reason as a message, written in the reader's language
    run_planned_s: float = 0.0
    run_done_s: float = 0.0
    main_speed_kmh: float | None = None
