"""FIT workout files proven by two independent decoders: fitdecode and Garmin's own FIT SDK.

Each file is decoded back and compared step by step with the prescription it was made from: names,
durations, speed targets and the repeat structure, as a watch reads them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Stream

from calfcoach.activities.fit_workout import description, workout_fit
from calfcoach.coach.workout import workout_of
from calfcoach.domain.exercise import Dose
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.domain.workout import Workout
from calfcoach.library.catalog import load_catalog

CATALOG = load_catalog()
DAY = dt.date(2026, 3, 4)
CREATED = dt.datetime(2026, 3, 4, 6, 30, tzinfo=dt.UTC)

# A decoded step, the way a watch reads it: (name, intensity, seconds, (low, high) km/h or None) for a timed
# step; ("repeat", first step index, times) for a repeat.
Row = tuple[Any, ...]


def workout(name: str, *items: tuple[str, str, Mapping[str, float]]) -> Workout:
    planned = PlannedSession(
        day=DAY,
        program_id="p",
        phase_id="x",
        template_id="t",
        name=name,
        minutes=30,
        items=tuple(
            PlannedItem(exercise_id=e, block=b, dose=Dose.model_validate(d), reason="r") for e, b, d in items
        ),
    )
    found = workout_of(planned, CATALOG)
    assert found is not None
    return found


def _row(fields: Mapping[str, Any]) -> Row:
    if fields["duration_type"] == "repeat_until_steps_cmplt":
        return ("repeat", fields["duration_step"], fields["repeat_steps"])
    target = None
    if fields["target_type"] == "speed":
        target = (
            round(fields["custom_target_speed_low"] * 3.6, 2),
            round(fields["custom_target_speed_high"] * 3.6, 2),
        )
    assert fields["duration_type"] == "time"
    return (fields["wkt_step_name"], fields["intensity"], fields["duration_time"], target)


def with_fitdecode(content: bytes) -> tuple[Mapping[str, Any], Mapping[str, Any], list[Row]]:
    messages: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(io.BytesIO(content), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                messages.setdefault(frame.name, []).append({f.name: f.value for f in frame.fields})
    steps = messages["workout_step"]
    assert [s["message_index"] for s in steps] == list(range(len(steps)))
    (file_id,) = messages["file_id"]
    (head,) = messages["workout"]
    return file_id, head, [_row(s) for s in steps]


def with_garmin_sdk(content: bytes) -> tuple[Mapping[str, Any], Mapping[str, Any], list[Row]]:
    assert Decoder(Stream.from_byte_array(bytearray(content))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(content))).read()
    assert errors == []
    steps = messages["workout_step_mesgs"]
    assert [s["message_index"] for s in steps] == list(range(len(steps)))
    (file_id,) = messages["file_id_mesgs"]
    (head,) = messages["workout_mesgs"]
    return file_id, head, [_row(s) for s in steps]


DECODERS = [pytest.param(with_fitdecode, id="fitdecode"), pytest.param(with_garmin_sdk, id="garmin-fit-sdk")]
Decode = Any


@pytest.mark.parametrize("decode", DECODERS)
def test_a_brisk_walk_decodes_as_one_step_at_its_pace(decode: Decode) -> None:
    file_id, head, steps = decode(
        workout_fit(
            workout("Brisk walk", ("brisk-walk", "walk", {"duration_s": 1200, "speed_kmh": 5.4})),
            created=CREATED,
        )
    )
    assert file_id["type"] == "workout"
    assert file_id["time_created"] == CREATED
    assert (head["wkt_name"], head["sport"], head["sub_sport"], head["num_valid_steps"]) == (
        "Brisk walk",
        "walking",
        "generic",
        1,
    )
    assert steps == [("Brisk walk", "active", 1200.0, (4.9, 5.9))]


@pytest.mark.parametrize("decode", DECODERS)
def test_run_walk_intervals_decode_as_warm_up_repeat_and_cool_down(decode: Decode) -> None:
    dose = {"duration_s": 1200, "run_s": 90, "walk_s": 90, "warmup_s": 300}
    _, head, steps = decode(
        workout_fit(workout("Run/walk", ("run-walk-intervals", "run", dose)), created=CREATED)
    )
    assert (head["sport"], head["num_valid_steps"]) == ("running", 5)
    assert steps == [
        ("Warm-up walk", "warmup", 300.0, None),
        ("Run", "active", 90.0, None),
        ("Walk", "recovery", 90.0, None),
        ("repeat", 1, 6),  # steps 1-2 six times in all: 6 x 180 s
        ("Cool-down walk", "cooldown", 120.0, None),  # 1200 - 1080 s
    ]


@pytest.mark.parametrize("decode", DECODERS)
def test_a_treadmill_walk_with_incline_decodes_as_an_indoor_walk_at_belt_speed(decode: Decode) -> None:
    dose = {"duration_s": 900, "speed_kmh": 5.0, "grade_pct": 6}
    _, head, steps = decode(
        workout_fit(workout("Treadmill", ("treadmill-walk", "walk", dose)), created=CREATED)
    )
    assert (head["sport"], head["sub_sport"]) == ("walking", "indoor_walking")
    assert steps == [("Treadmill walk, 6% incline", "active", 900.0, (4.5, 5.5))]


@pytest.mark.parametrize("decode", DECODERS)
def test_a_treadmill_run_decodes_as_treadmill_running_after_its_warm_up(decode: Decode) -> None:
    dose = {"duration_s": 600, "speed_kmh": 8.0, "warmup_s": 300}
    _, head, steps = decode(
        workout_fit(workout("Treadmill run", ("treadmill-run", "run", dose)), created=CREATED)
    )
    assert (head["sport"], head["sub_sport"]) == ("running", "treadmill")
    assert steps == [("Warm-up walk", "warmup", 300.0, None), ("Treadmill run", "active", 600.0, (7.5, 8.5))]


@pytest.mark.parametrize("decode", DECODERS)
def test_stairs_decode_as_stair_climbing_by_time_with_strength_named_in_the_description(
    decode: Decode,
) -> None:
    found = workout(
        "Hills and stairs",
        ("stair-climber", "stairs", {"duration_s": 300, "level": 3}),
        ("calf-raise-step", "calves", {"sets": 2, "reps": 10}),
    )
    _, head, steps = decode(workout_fit(found, created=CREATED))
    assert (head["sport"], head["sub_sport"]) == ("fitness_equipment", "stair_climbing")
    assert head["wkt_description"] == "Not on the watch, do it from CalfCoach: Calf raise on a step"
    assert steps == [("Stair climber, level 3", "active", 300.0, None)]


def test_both_decoders_read_the_same_steps_and_notes() -> None:
    found = workout(
        "Hills",
        ("brisk-walk", "warm-up", {"duration_s": 300}),
        ("uphill-walk", "hill", {"duration_s": 1200, "speed_kmh": 5.2, "grade_pct": 5}),
        ("run-walk-intervals", "run", {"duration_s": 600, "run_s": 60, "walk_s": 60}),
    )
    content = workout_fit(found, created=CREATED)
    assert with_fitdecode(content) == with_garmin_sdk(content)
    messages, _ = Decoder(Stream.from_byte_array(bytearray(content))).read()
    assert [s.get("notes") for s in messages["workout_step_mesgs"]] == [
        None,
        "5.2 km/h, 5% grade",
        None,
        None,
        None,
    ]
    assert with_garmin_sdk(content)[2][2:] == [
        ("Run", "active", 60.0, None),
        ("Walk", "recovery", 60.0, None),
        ("repeat", 2, 5),
    ]


def _library_cardio() -> list[tuple[str, str, Dose]]:
    """Every cardio dose the shipped programs can prescribe: each item's dose and every stage or schedule
    step of its progression, with the item's exercise and block."""
    from calfcoach.domain.exercise import Category
    from calfcoach.domain.program import Schedule, Stages
    from calfcoach.library.programs import load_programs

    found = []
    for program in load_programs().values():
        for phase in program.phases:
            for template in phase.sessions:
                for block in template.blocks:
                    for entry in block.items:
                        if CATALOG.get(entry.exercise).category is not Category.CARDIO:
                            continue
                        doses = [entry.dose]
                        if isinstance(entry.progress, Stages):
                            doses += entry.progress.stages
                        if isinstance(entry.progress, Schedule):
                            doses += [step.dose for step in entry.progress.steps]
                        found += [(entry.exercise, block.id, dose) for dose in doses]
    return found


def test_every_cardio_dose_of_the_shipped_programs_makes_a_file_of_its_length() -> None:
    cardio = _library_cardio()
    assert len({exercise for exercise, _, _ in cardio}) >= 8  # walks, runs, run/walk, hill, stairs
    for exercise, block, dose in cardio:
        planned = PlannedSession(
            day=DAY,
            program_id="p",
            phase_id="x",
            template_id="t",
            name="Session",
            minutes=30,
            items=(PlannedItem(exercise_id=exercise, block=block, dose=dose, reason="r"),),
        )
        found = workout_of(planned, CATALOG)
        if block in ("warm-up", "warmup"):
            assert found is None, (exercise, block)
            continue
        assert found is not None, (exercise, block, dose)
        assert found.duration_s == (dose.duration_s or 0) + (dose.warmup_s or 0), (exercise, dose)
        _, head, steps = with_garmin_sdk(workout_fit(found, created=CREATED))
        assert head["num_valid_steps"] == len(steps)
        timed = sum(
            row[2] * next((r[2] for r in steps[i:] if r[0] == "repeat" and r[1] <= i), 1)
            for i, row in enumerate(steps)
            if row[0] != "repeat"
        )
        assert timed == found.duration_s, (exercise, dose, steps)


def test_a_long_list_left_out_is_said_in_whole_names_within_a_fit_string() -> None:
    names = tuple(f"Wall calf stretch {i}, bent knee" for i in range(12))
    text = description(names)
    assert len(text.encode()) <= 200
    assert text.startswith("Not on the watch, do it from CalfCoach: Wall calf stretch 0, bent knee; Wall")
    kept = text.removeprefix("Not on the watch, do it from CalfCoach: ").split("; ")
    assert kept[-1] == f"and {len(names) - len(kept) + 1} more"
    assert kept[:-1] == list(names[: len(kept) - 1])
    assert (
        description(("Calf raise on a step",))
        == "Not on the watch, do it from CalfCoach: Calf raise on a step"
    )
