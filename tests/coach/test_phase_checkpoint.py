"""A phase replay resumed from a checkpoint gives exactly the answer of the replay from the start.

The people of tests/coach/people.py live through months of a program; their phases are then read on many
days, once replayed from the start and once resumed from a checkpoint taken earlier, also from a checkpoint
computed on the history as it stood on an earlier day (what a server stored then, before later logs came).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import event, given, note
from hypothesis import strategies as st

from calfcoach.coach.phases import phase_on, replay_phases
from calfcoach.domain.log import History
from calfcoach.domain.program import Gate, WeeksInPhase
from calfcoach.library.programs import get_program
from tests.coach import builders
from tests.coach.builders import DAY, strength_session
from tests.coach.people import SIM, PersonSpec, live, people

# Strong people on the program with gates (the others have one phase), so that phases open at all.
MOVERS = people(
    programs=("calf-foundations-to-running",),
    strong=True,
    trouble=0.3,
    weeks=(10, 30),
    min_days=3,
    minutes=(30, 45, 60),
)


def _lived(spec: PersonSpec) -> History:
    """The whole history of a life: what the coach saw on the last day, and that day's session."""
    days = list(live(spec))
    last = days[-1]
    done = () if last.done is None else (last.done,)
    return _remade(last.history, sessions=(*last.history.sessions, *done))


def _remade(history: History, **parts: object) -> History:
    """A new History, not a model_copy: a copy would keep the indexes cached on the original."""
    fields = {name: getattr(history, name) for name in History.model_fields}
    return History.model_validate({**fields, **parts})


def as_of(history: History, day: dt.date) -> History:
    """The history as it stood at the end of `day`: nothing dated after it."""
    return History(
        sessions=tuple(s for s in history.sessions if s.day <= day),
        checkins=tuple(c for c in history.checkins if c.day <= day),
        tests=tuple(t for t in history.tests if t.day <= day),
        screenings=history.screenings,
        clearances=history.clearances,
    )


def _days(spec: PersonSpec) -> list[dt.date]:
    start = spec.profile.start_date
    return [start + dt.timedelta(days=n) for n in range(-3, spec.weeks * 7 + 3)]


@SIM
@given(MOVERS, st.data())
def test_a_replay_resumed_from_a_checkpoint_is_the_replay_from_the_start(
    spec: PersonSpec, data: st.DataObject
) -> None:
    note(repr(spec))
    history = _lived(spec)
    if data.draw(st.booleans(), label="without most check-ins"):
        # Days on which nothing was logged, where a replay asked on that day opens a gate that a later
        # one opens on the next logged day: the case a checkpoint must not get wrong.
        keep = data.draw(st.randoms(use_true_random=False)).random
        history = _remade(history, checkins=tuple(c for c in history.checkins if keep() < 0.2))
    program = get_program(spec.profile.program_id)
    start = spec.profile.start_date
    days = _days(spec)
    event(f"phases reached: {phase_on(program, history, days[-1], start).index + 1}")
    # The days on which a phase, asked about on that day, starts that very day: a checkpoint must not.
    opening = [d for d in days[:-1] if phase_on(program, history, d, start).start == d != start]
    event(f"days a phase opens on: {'some' if opening else 'none'}")
    for _ in range(6):
        kept = data.draw(
            st.sampled_from(opening or days[:-1]) | st.sampled_from(days[:-1]), label="checkpoint day"
        )
        seen = data.draw(st.sampled_from([d for d in days if d >= kept]), label="history seen on")
        day = data.draw(st.sampled_from([d for d in days if d > kept]), label="asked on")
        # Computed from the history as a server saw it on `seen`: the same as today's up to `kept`.
        checkpoint = replay_phases(program, as_of(history, seen), kept, start)
        assert checkpoint == replay_phases(program, history, kept, start)
        assert phase_on(program, history, day, start, checkpoint=checkpoint) == phase_on(
            program, history, day, start
        )
        # A checkpoint moved on from an older one is the one replayed from the start.
        later = data.draw(st.sampled_from([d for d in days if d >= kept]), label="moved on to")
        assert replay_phases(program, history, later, start, resume=checkpoint) == replay_phases(
            program, history, later, start
        )


def test_a_checkpoint_taken_on_a_quiet_day_does_not_start_a_phase_on_it() -> None:
    """Asked on a day on which nothing was logged, a gate that holds opens that day; asked later, it opens on
    the next day something happened. A checkpoint is the replay of the logged days only, so a phase
    resumed from one taken on the quiet day starts where the replay from the start says, not on that day."""
    base = get_program("calf-foundations-to-running")
    two_weeks = Gate(criteria=(WeeksInPhase(type="weeks_in_phase", min=2),))
    program = base.model_copy(
        update={"phases": (base.phases[0], base.phases[1].model_copy(update={"entry": two_weeks}))}
    )
    start = DAY
    history = builders.history(*(strength_session(start + dt.timedelta(days=n)) for n in range(0, 30, 3)))
    quiet, next_log = start + dt.timedelta(days=14), start + dt.timedelta(days=15)

    assert phase_on(program, history, quiet, start).start == quiet  # shown as starting on the day asked
    checkpoint = replay_phases(program, history, quiet, start)
    assert (checkpoint.index, checkpoint.start) == (0, start)
    resumed = phase_on(program, history, next_log, start, checkpoint=checkpoint)
    assert resumed == phase_on(program, history, next_log, start)
    assert (resumed.index, resumed.start) == (1, next_log)
    # Resuming from the day's answer instead would start the phase on the quiet day.
    on_quiet = phase_on(program, history, quiet, start)
    assert phase_on(program, history, next_log, start, resume=on_quiet).start == quiet
