"""A cold "today" from the recent history gives exactly the answer of the whole history.

The people of tests/coach/people.py live through months of a program. On many days, "today" is computed
once from the whole history as it stood that day, and once as a server computes it cold: resumed from a
phase checkpoint taken earlier, from a RecentHistory that holds only the days from a horizon on (and what
the store reads of the days before it). Either the answers are the same, or the recent one refuses
(BeyondHorizon) and the server reads the whole history.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import event, given, note
from hypothesis import strategies as st

from calfcoach.coach.performance import load_stepped_within
from calfcoach.coach.phases import replay_phases
from calfcoach.domain.log import BeyondHorizon, CheckIn, History, RecentHistory
from calfcoach.library.programs import get_program
from calfcoach.services.today import RECENT_DAYS, _moved_on, today_view
from tests.coach import builders
from tests.coach.builders import DAY, strength_session
from tests.coach.people import SIM, PersonSpec, live, people

# Every program, people with trouble (pain, flags, clearances, breaks), lives long enough that the horizon
# leaves months behind it.
LIVES = people(trouble=0.5, weeks=(14, 30), min_days=2)


def recent_of(history: History, horizon: dt.date, completed_from: dt.date | None) -> RecentHistory:
    """What the store reads for a cold "today" (store/logbook.py, load_recent_history), cut from a History."""
    earlier = tuple(s for s in history.sessions if s.day < horizon)
    return RecentHistory(
        sessions=tuple(s for s in history.sessions if s.day >= horizon),
        checkins=tuple(c for c in history.checkins if c.day >= horizon or c.symptoms),
        tests=tuple(t for t in history.tests if t.day >= horizon),
        screenings=history.screenings,
        clearances=history.clearances,
        horizon=horizon,
        earlier_sessions=bool(earlier),
        earlier_checkins=any(c.day < horizon for c in history.checkins),
        earlier_tests=any(t.day < horizon for t in history.tests),
        earlier_exercise_ids=History(sessions=earlier).logged_exercise_ids,
        completed_from=completed_from,
        completed_earlier=sum(
            s.completed for s in earlier if completed_from is not None and s.day >= completed_from
        ),
    )


def as_of(history: History, day: dt.date) -> History:
    """The history as it stood at the end of `day`: nothing dated after it."""
    return History(
        sessions=tuple(s for s in history.sessions if s.day <= day),
        checkins=tuple(c for c in history.checkins if c.day <= day),
        tests=tuple(t for t in history.tests if t.day <= day),
        screenings=history.screenings,
        clearances=tuple(c for c in history.clearances if c.day <= day),
    )


def _lived(spec: PersonSpec) -> History:
    days = list(live(spec))
    last = days[-1]
    done = () if last.done is None else (last.done,)
    history = last.history
    return History(
        sessions=(*history.sessions, *done),
        checkins=history.checkins,
        tests=history.tests,
        screenings=history.screenings,
        clearances=history.clearances,
    )


@SIM
@given(LIVES, st.data())
def test_today_from_the_recent_history_is_today_from_the_whole(spec: PersonSpec, data: st.DataObject) -> None:
    note(repr(spec))
    lived = _lived(spec)
    profile = spec.profile
    program = get_program(profile.program_id)
    start = profile.start_date
    last = start + dt.timedelta(days=spec.weeks * 7)
    for _ in range(4):
        day = data.draw(
            st.dates(start + dt.timedelta(days=28), last + dt.timedelta(days=3)), label="asked on"
        )
        kept = data.draw(st.dates(start, day - dt.timedelta(days=1)), label="checkpoint day")
        history = as_of(lived, day)
        whole = today_view(profile, history, day)
        stored = replay_phases(program, history, kept, start)
        lag = data.draw(st.sampled_from([RECENT_DAYS, 7, 14, 30, 60, 120]), label="read back (days)")
        horizon = min(day - dt.timedelta(days=lag), stored.as_of + dt.timedelta(days=1))
        recent = recent_of(history, horizon, stored.start)
        try:
            checkpoint = _moved_on(program, start, recent, day, stored)
            answer = today_view(profile, recent, day, checkpoint=checkpoint)
        except BeyondHorizon as reason:
            event(f"read in full ({lag} days back)")
            note(f"beyond the horizon: {reason}")
            continue
        event(f"recent read answered ({lag} days back, earlier sessions: {recent.earlier_sessions})")
        assert answer == whole
        assert checkpoint == replay_phases(program, history, checkpoint.as_of, start)


def test_a_recent_history_refuses_what_it_did_not_read() -> None:
    """A question reaching before the horizon, where older rows exist, is refused, never answered short."""
    history = builders.history(
        *(strength_session(DAY + dt.timedelta(days=n)) for n in range(0, 60, 3)),
        checkins=tuple(CheckIn(day=DAY + dt.timedelta(days=n), morning_pain=1) for n in range(1, 60, 3)),
    )
    horizon = DAY + dt.timedelta(days=30)
    recent = recent_of(history, horizon, DAY)
    exercise = history.sessions[0].sets[0].exercise_id
    end = DAY + dt.timedelta(days=61)
    with pytest.raises(BeyondHorizon):
        recent.sessions_between(DAY, end)
    with pytest.raises(BeyondHorizon):
        recent.checkins_between(dt.date.min, end)
    with pytest.raises(BeyondHorizon):
        recent.completed_between(DAY + dt.timedelta(days=1), end)
    with pytest.raises(BeyondHorizon):
        recent.last_session_before(horizon)
    with pytest.raises(BeyondHorizon):
        list(recent.sessions_with(exercise, end))
    with pytest.raises(BeyondHorizon):
        recent.sessions_with(exercise, end)[:3]
    with pytest.raises(BeyondHorizon):
        recent.sessions_with(exercise, end)[-15:]
    # Before the horizon, even whether there is any is not known (the first was on DAY).
    assert recent.sessions_with(exercise, horizon)
    with pytest.raises(BeyondHorizon):
        bool(recent.sessions_with(exercise, DAY - dt.timedelta(days=1)))
    # What it read, it answers as the whole history does.
    assert recent.completed_between(DAY, end) == history.completed_between(DAY, end)
    assert recent.sessions_with(exercise, end)[-3:] == list(history.sessions_with(exercise, end)[-3:])
    assert recent.sessions_between(horizon, end) == history.sessions_between(horizon, end)
    assert recent.last_session_before(end) == history.last_session_before(end)
    assert recent.logged_exercise_ids == history.logged_exercise_ids
    assert recent.checkins_between(horizon, end) == history.checkins_between(horizon, end)
    # Nothing before the horizon: nothing to refuse.
    later = recent_of(history, DAY, DAY)
    assert later.sessions_between(dt.date.min, end) == history.sessions
    assert list(later.sessions_with(exercise, end)) == list(history.sessions_with(exercise, end))


def _old_last_load_step(loads: list[tuple[dt.date, float]], lookback: int = 20) -> dt.date | None:
    """The rule as it was written before (the day of the last rise over the last `lookback` sessions)."""
    recent = loads[-lookback:]
    for (_, earlier), (day, later) in zip(reversed(recent[:-1]), reversed(recent[1:]), strict=True):
        if later > earlier:
            return day
    return None


@given(
    st.lists(st.tuples(st.integers(1, 4), st.sampled_from([0.0, 2.5, 5.0, 7.5])), max_size=30),
    st.integers(1, 21),
)
def test_a_load_step_within_days_is_the_old_rule(steps: list[tuple[int, float]], days: int) -> None:
    """load_stepped_within reads only the newest sessions, and says what the last rise's age said."""
    sessions, loads, day = [], [], DAY
    for n, (gap, load) in enumerate(steps):
        day += dt.timedelta(days=gap)
        sessions.append(strength_session(day, load_kg=load).model_copy(update={"id": f"s{n}"}))
        loads.append((day, load))
    history = builders.history(*sessions)
    asked = day + dt.timedelta(days=1)
    stepped = _old_last_load_step(loads)
    due = stepped is None or (asked - stepped).days >= days
    assert load_stepped_within(history, "calf-raise-step", asked, days) is not due
