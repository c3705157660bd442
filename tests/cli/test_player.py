"""The guided-session player with scripted key presses: stop, skip and pause keep what was done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import TracebackType

from calfcoach.cli.keys import KeyReader
from calfcoach.cli.player import Felt, Player
from calfcoach.library.catalog import load_catalog
from calfcoach.services.session_runner import SessionRecorder, session_today, steps_of
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
    # The warm-up walk lasts 300 beats; stop on the 400th, inside the first strength sets.
    planned, done, completed = _play(db_file, ScriptedKeys({400: "q"}))
    assert 0 < done < planned
    assert completed is False


def test_s_skips_a_set_without_saving_it(signed_up: Cli, db_file: Path) -> None:
    planned, done, completed = _play(db_file, ScriptedKeys({305: "s"}))
    assert done == planned - 1
    assert completed is True


def test_pause_waits_then_resumes_where_it_was(signed_up: Cli, db_file: Path) -> None:
    keys = ScriptedKeys({310: "p"})
    planned, done, completed = _play(db_file, keys)
    assert keys.paused == 1
    assert done == planned
    assert completed is True


def test_stop_during_a_pause_stops(signed_up: Cli, db_file: Path) -> None:
    keys = ScriptedKeys({310: "p"}, after_pause="q")
    planned, done, completed = _play(db_file, keys)
    assert done < planned
    assert completed is False


def test_stop_before_anything_saves_nothing(signed_up: Cli, db_file: Path) -> None:
    keys = ScriptedKeys({1: "q"})
    _, done, completed = _play(db_file, keys)
    # The warm-up walk stopped at its first beat counts one second of walking, and nothing else.
    assert done == 0
    assert completed in (False, None)
