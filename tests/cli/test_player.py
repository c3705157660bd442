"""The guided-session player with scripted key presses: stop, skip and pause keep what was done."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from types import TracebackType

from rich.console import Console

from calfcoach.cli.keys import KeyReader
from calfcoach.cli.player import Felt, Player
from calfcoach.coach.guide import guide_for
from calfcoach.domain.exercise import Dose
from calfcoach.library.catalog import load_catalog
from calfcoach.services.session_runner import SessionRecorder, Step, session_today, steps_of
from calfcoach.store import open_store
from tests.cli.conftest import TODAY, Cli


class ScriptedKeys(KeyReader):
    """Keys pressed at given beats (one poll per beat); nothing else."""

    def __init__(self, presses: dict[int, str], after_pause: str = "p") -> None:
        super().__init__(enabled=False)
        self.enabled = True
        self.presses = presses
        self.after_pause = after_pause
        self.polls = 0
        self.paused = 0

    def __enter__(self) -> ScriptedKeys:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _trace: TracebackType | None
    ) -> None:
        return None

    def poll(self, timeout_s: float = 0.0) -> str | None:
        self.polls += 1
        return self.presses.get(self.polls)

    def pause_until_resumed(self) -> str:
        self.paused += 1
        return self.after_pause


def _play(db_file: Path, keys: ScriptedKeys) -> tuple[int, int, bool | None]:
    with open_store(f"sqlite:///{db_file}") as store:
        athlete_id, planned = session_today(store, TODAY)
        recorder = SessionRecorder(
            store, athlete_id, planned, today=TODAY, started_at=dt.datetime.now(dt.UTC).replace(microsecond=0)
        )
        steps = steps_of(planned, load_catalog())
        player = Player(recorder, steps, beat_s=1e-6, interactive=False, bell=False, keys=keys)
        saved = player.play(planned.name, Felt(rpe=5, pain_during=0, pain_after=0))
    strength = sum(1 for s in steps if not s.is_cardio)
    return strength, 0 if saved is None else len(saved.sets), None if saved is None else saved.completed


def test_q_stops_and_keeps_what_was_done(signed_up: Cli, db_file: Path) -> None:
    # The get-ready countdown and the warm-up walk last 10 + 300 beats; stop on the 400th, inside the first
    # strength sets.
    planned, done, completed = _play(db_file, ScriptedKeys({400: "q"}))
    assert 0 < done < planned
    assert completed is False


def test_s_skips_a_set_without_saving_it(signed_up: Cli, db_file: Path) -> None:
    planned, done, completed = _play(db_file, ScriptedKeys({315: "s"}))
    assert done == planned - 1
    assert completed is True


def test_pause_waits_then_resumes_where_it_was(signed_up: Cli, db_file: Path) -> None:
    keys = ScriptedKeys({320: "p"})
    planned, done, completed = _play(db_file, keys)
    assert keys.paused == 1
    assert done == planned
    assert completed is True


def test_stop_during_a_pause_stops(signed_up: Cli, db_file: Path) -> None:
    keys = ScriptedKeys({320: "p"}, after_pause="q")
    planned, done, completed = _play(db_file, keys)
    assert done < planned
    assert completed is False


def test_stop_before_anything_saves_nothing(signed_up: Cli, db_file: Path) -> None:
    keys = ScriptedKeys({1: "q"})
    _, done, completed = _play(db_file, keys)
    # Stopped on the first beat of the get-ready countdown: nothing of the walk was done, nothing is saved.
    assert done == 0
    assert completed is None


def _guided_step(dose: Dose, exercise_id: str) -> Step:
    exercise = load_catalog().get(exercise_id)
    return Step(
        exercise_id=exercise_id,
        exercise_name=exercise.name,
        block="run",
        cues=(),
        set_index=0,
        sets=1,
        duration_s=dose.duration_s,
        guide=guide_for(dose, exercise),
    )


def test_an_interval_bout_rings_and_prints_each_cue_on_its_second_and_saves_the_time_run(
    signed_up: Cli, db_file: Path
) -> None:
    step = _guided_step(Dose(duration_s=300, run_s=60, walk_s=90), "run-walk-intervals")
    slept: list[float] = []
    with open_store(f"sqlite:///{db_file}") as store:
        athlete_id, planned = session_today(store, TODAY)
        recorder = SessionRecorder(
            store, athlete_id, planned, today=TODAY, started_at=dt.datetime.now(dt.UTC)
        )
        player = Player(recorder, [step], beat_s=1, interactive=False, bell=True, sleep=slept.append)
        screen = io.StringIO()
        player.out = Console(file=screen, force_terminal=True, width=100, color_system=None)
        saved = player.play("Intervals", Felt(rpe=5, pain_during=0, pain_after=0))
    assert sum(slept) == 310  # the 10 s countdown and the 5 minutes, slept and never more
    assert max(slept) <= 1
    printed = screen.getvalue()
    said = [line.replace("\a", "").strip() for line in printed.splitlines()]
    lines = [line for line in said if re.match(r"\d+:\d\d ", line)]
    assert lines == [
        "0:00 Get ready: Run-walk intervals. Starting in 10 seconds.",
        "0:10 Run 1 of 2, 1 minute.",
        "1:10 Walk, 90 seconds.",
        "2:40 Run 2 of 2, 1 minute. Halfway.",
        "3:40 Walk, 90 seconds.",
        "5:10 Done: 5 minutes, 2 runs. Well done.",
    ]
    # A bell with each of the 6 cues and each of the last 5 seconds of the 5 phases (the countdown has 5).
    assert printed.count("\a") == 6 + 5 * 5
    assert saved is not None
    assert [(c.duration_s, c.running_s) for c in saved.cardio] == [(300, 120)]


def test_a_bout_skipped_half_way_keeps_the_time_done_and_the_running_in_it(
    signed_up: Cli, db_file: Path
) -> None:
    step = _guided_step(Dose(duration_s=300, run_s=60, walk_s=90), "run-walk-intervals")
    with open_store(f"sqlite:///{db_file}") as store:
        athlete_id, planned = session_today(store, TODAY)
        recorder = SessionRecorder(
            store, athlete_id, planned, today=TODAY, started_at=dt.datetime.now(dt.UTC)
        )
        keys = ScriptedKeys({100: "s"})  # the 100th second: 10 s countdown, run 1, 30 s of walk 1
        player = Player(recorder, [step], beat_s=1, interactive=False, bell=False, keys=keys)
        saved = player.play("Intervals", Felt(rpe=5, pain_during=0, pain_after=0))
    assert saved is not None
    assert [(c.duration_s, c.running_s) for c in saved.cardio] == [(90, 60)]
