"""A workout as a FIT workout file (the file type watches load as a structured workout), with fit-tool.

Garmin's FIT profile: a file_id of type "workout", one workout message, then the steps in order, each with
its message_index. A repeat is a step of its own placed after the steps it repeats: duration type
"repeat until steps complete", its duration value the index of the first repeated step and its target value
how many times they are done in all.
"""

from __future__ import annotations

import datetime as dt

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
from fit_tool.profile.profile_type import (
    FileType,
    Manufacturer,
    SubSport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)
from fit_tool.profile.profile_type import Intensity as FitIntensity
from fit_tool.profile.profile_type import Sport as FitSport

from calfcoach.domain.workout import Intensity, Sport, Workout, WorkoutRepeat, WorkoutStep

_INTENSITY = {
    Intensity.WARMUP: FitIntensity.WARMUP,
    Intensity.ACTIVE: FitIntensity.ACTIVE,
    Intensity.RECOVERY: FitIntensity.RECOVERY,
    Intensity.COOLDOWN: FitIntensity.COOLDOWN,
}
# Watches show about 15-20 characters of a step's name; the FIT SDK reads strings of any length.
_NAME_CHARS = 50
_NOTES_CHARS = 100
LEFT_OUT = "Not on the watch, do it from CalfCoach: "
# A FIT string field holds at most 255 bytes of UTF-8.
_DESCRIPTION_BYTES = 200


def workout_fit(workout: Workout, *, created: dt.datetime) -> bytes:
    """The workout as the bytes of a .fit file; `created` is the file's creation time (a file_id field)."""
    steps = _steps(workout)
    header = FileIdMessage()
    header.type = FileType.WORKOUT
    header.manufacturer = Manufacturer.DEVELOPMENT.value
    header.product = 0
    header.time_created = round(created.timestamp() * 1000)
    # Garmin Connect tells files apart by serial number and creation time together.
    header.serial_number = (workout.day.toordinal() * 7919) % 2**32
    message = WorkoutMessage()
    message.workout_name = workout.name[:_NAME_CHARS]
    message.sport, sub_sport = _sport(workout)
    message.sub_sport = sub_sport
    message.num_valid_steps = len(steps)
    if workout.left_out:
        message.workout_description = description(workout.left_out)
    builder = FitFileBuilder(auto_define=True, min_string_size=_NAME_CHARS)
    builder.add(header)
    builder.add(message)
    builder.add_all(steps)
    content: bytes = builder.build().to_bytes()
    return content


def description(left_out: tuple[str, ...]) -> str:
    """What the file leaves out, in whole names within a FIT string's room: "...; and 3 more" past it.
    Names are joined with semicolons: they hold commas ("Wall calf stretch, bent knee")."""
    for kept in range(len(left_out), 0, -1):
        more = len(left_out) - kept
        text = LEFT_OUT + "; ".join(left_out[:kept]) + (f"; and {more} more" if more else "")
        if len(text.encode()) <= _DESCRIPTION_BYTES:
            return text
    return f"{LEFT_OUT}{len(left_out)} exercises"


def _sport(workout: Workout) -> tuple[FitSport, SubSport]:
    if workout.sport is Sport.STAIR_CLIMBING:
        return FitSport.FITNESS_EQUIPMENT, SubSport.STAIR_CLIMBING
    sport = FitSport.RUNNING if workout.sport is Sport.RUNNING else FitSport.WALKING
    if workout.treadmill:
        return sport, SubSport.TREADMILL if sport is FitSport.RUNNING else SubSport.INDOOR_WALKING
    return sport, SubSport.GENERIC


def _steps(workout: Workout) -> list[WorkoutStepMessage]:
    messages: list[WorkoutStepMessage] = []
    for step in workout.steps:
        if isinstance(step, WorkoutRepeat):
            first = len(messages)
            messages.extend(_timed(inner, first + offset) for offset, inner in enumerate(step.steps))
            messages.append(_repeat(step, first, len(messages)))
        else:
            messages.append(_timed(step, len(messages)))
    return messages


def _timed(step: WorkoutStep, index: int) -> WorkoutStepMessage:
    message = WorkoutStepMessage()
    message.message_index = index
    message.workout_step_name = step.name[:_NAME_CHARS]
    message.intensity = _INTENSITY[step.intensity]
    # The type goes first: fit-tool picks the sub-field (seconds, m/s) a value is scaled by from it.
    message.duration_type = WorkoutStepDuration.TIME
    message.duration_time = float(step.duration_s)
    if step.speed_low_kmh is not None and step.speed_high_kmh is not None:
        message.target_type = WorkoutStepTarget.SPEED
        # Zero means "a custom range" rather than one of the watch's speed zones.
        message.target_value = 0
        message.custom_target_speed_low = step.speed_low_kmh / 3.6
        message.custom_target_speed_high = step.speed_high_kmh / 3.6
    else:
        message.target_type = WorkoutStepTarget.OPEN
    if step.notes:
        message.notes = step.notes[:_NOTES_CHARS]
    return message


def _repeat(step: WorkoutRepeat, first: int, index: int) -> WorkoutStepMessage:
    message = WorkoutStepMessage()
    message.message_index = index
    message.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
    message.duration_step = first
    message.target_type = WorkoutStepTarget.OPEN
    message.target_repeat_steps = step.count
    return message
