"""What to do today: the prescribed session (or the next one), the phase, what the next phase needs."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from calfcoach import MEDICAL_DISCLAIMER
from calfcoach.coach.pain import pain_status
from calfcoach.coach.phases import PhaseState, phase_on, program_end
from calfcoach.coach.prescribe import prescribe
from calfcoach.coach.safety import safety_status
from calfcoach.domain.log import History
from calfcoach.domain.profile import Profile
from calfcoach.domain.program import Program
from calfcoach.library.programs import load_programs
from calfcoach.library.screening import load_questionnaire
from calfcoach.services.coaching import coach_for
from calfcoach.services.render import session_view
from calfcoach.services.safety import safety_block
from calfcoach.services.views import TodayView
from calfcoach.store.records import Athlete
from calfcoach.store.store import Store

HORIZON_DAYS = 14


def today_view(profile: Profile, history: History, day: dt.date) -> TodayView:
    """The answer to "what do I do today?": the one place Today is built, for the API, the pages and the CLI
    (its JSON is documented in docs/cli.md).

    The "safety" block says whether training may go on (red flags, a referral): no session while an urgent
    flag is open, relative rest while referred. The same status is handed to the engine, so the block and
    the session agree.
    """
    coach = coach_for(profile)
    safety = safety_status(history, day, load_questionnaire(), coach.program.pain)
    # One replay of the phase gates serves today's phase, today's session and the days after it.
    phase = phase_on(coach.program, history, day, profile.start_date)
    session = prescribe(day, coach, history, phase=phase, safety=safety)
    upcoming = None
    if session is None:
        for offset in range(1, HORIZON_DAYS):
            upcoming = prescribe(day + dt.timedelta(days=offset), coach, history, phase=phase)
            if upcoming is not None:
                break
    pain = pain_status(history, day, coach.program.pain)
    done_today = [s.id for s in history.sessions if s.day == day]
    return TodayView.model_validate(
        {
            "day": day.isoformat(),
            "safety": safety_block(safety),
            "program": {"id": coach.program.id, "name": coach.program.name},
            "phase": {
                "id": phase.phase.id,
                "name": phase.phase.name,
                "goal": phase.phase.goal.strip(),
                "since": phase.start.isoformat(),
                "week": phase.week_on(day),
            },
            "next_phase": None
            if phase.next_phase is None or phase.next_gate is None
            else {
                "id": phase.next_phase.id,
                "name": phase.next_phase.name,
                "ready": phase.next_gate.open,
                "met": list(phase.next_gate.met),
                "missing": list(phase.next_gate.unmet),
            },
            "completion": _completion(coach.program, phase, day),
            "pain": {"action": pain.action.value, "reasons": list(pain.reasons)},
            "session": None
            if session is None
            else session_view(session, coach.catalog).model_dump(mode="json"),
            "next_session": None
            if upcoming is None
            else session_view(upcoming, coach.catalog).model_dump(mode="json"),
            "done_today": done_today,
            "disclaimer": MEDICAL_DISCLAIMER,
        }
    )


def _completion(program: Program, phase: PhaseState, day: dt.date) -> dict[str, Any] | None:
    """For a program with an end: when it ends and, once it has, the retest and the choice that follow."""
    end = program_end(program, phase)
    if end is None:
        return None
    done = program.completion
    names = {p.id: p.name for p in load_programs().values()}
    return {
        "ends_on": end.isoformat(),
        "complete": day >= end,
        "retest": [kind.value for kind in done.retest] if done else [],
        "next_programs": [
            {"id": name, "name": names.get(name, name)} for name in (done.next_programs if done else ())
        ],
        "advice": done.advice.strip() if done else "",
    }


@dataclass
class TodayAnswer:
    """One computed "today": the view, its JSON form (what the pages render) and the bytes the API sends,
    each made once, on first use."""

    view: TodayView
    _data: dict[str, Any] | None = field(default=None, repr=False)
    _body: bytes | None = field(default=None, repr=False)

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self.view.model_dump(mode="json")
        return self._data

    @property
    def body(self) -> bytes:
        if self._body is None:
            # The same encoding as FastAPI's JSONResponse, so a cached answer is byte for byte a fresh one.
            self._body = json.dumps(
                self.data, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
            ).encode("utf-8")
        return self._body


class TodayCache:
    """Each athlete's latest "today", kept while their revision number and the day stay the same.

    Computing "today" replays the whole history (milliseconds for a fresh athlete, a tenth of a second
    after years); asking for it again is the commonest request. The database raises an athlete's
    revision on every change to their profile or history (store revision 0007, whichever process
    writes), so a request that has read the athlete row knows for free whether the kept answer is
    still right. Programs and exercises are read once per process, so they cannot change underneath.
    Views are shared between requests: callers must not change them.
    """

    def __init__(self, size: int = 1024) -> None:
        self._size = size
        self._entries: OrderedDict[int, tuple[int, dt.date, TodayAnswer]] = OrderedDict()
        self._lock = threading.Lock()

    def kept(self, athlete: Athlete, day: dt.date) -> TodayAnswer | None:
        """Return the kept answer if it is still right for the athlete as just read, else None."""
        with self._lock:
            kept = self._entries.get(athlete.id)
            if kept is not None and kept[0] == athlete.revision and kept[1] == day:
                self._entries.move_to_end(athlete.id)
                return kept[2]
        return None

    def answer(self, store: Store, athlete: Athlete, day: dt.date) -> TodayAnswer:
        """Return today's answer for an athlete just read from `store` (their revision as read)."""
        kept = self.kept(athlete, day)
        if kept is not None:
            return kept
        with store.reader() as uow:  # the revision and the history from one snapshot
            revision = uow.athletes.revision(athlete.id)
            profile = uow.athletes.profile(athlete.id)
            history = uow.history(athlete.id)
        answer = TodayAnswer(today_view(profile, history, day))
        with self._lock:
            entry = self._entries.get(athlete.id)
            # A slower request that read an older snapshot must not replace a newer answer.
            if revision is not None and (entry is None or entry[0] <= revision):
                self._entries[athlete.id] = (revision, day, answer)
                self._entries.move_to_end(athlete.id)
                while len(self._entries) > self._size:
                    self._entries.popitem(last=False)
        return answer
