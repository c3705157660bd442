"""An athlete's record: load the local one; its read models for `calfcoach history`, pages and API."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.log import History, PerformedSession
from calfcoach.library.translations import catalog_in
from calfcoach.services.athletes import local_athlete
from calfcoach.services.logbook import EARLIEST
from calfcoach.services.views import (
    AthleteRef,
    HistoryRows,
    HistoryView,
    SessionRow,
    SessionSummary,
    Totals,
)
from calfcoach.store.records import Athlete
from calfcoach.store.store import Store


def load_local(store: Store, *, since: dt.date | None = None) -> tuple[Athlete, History]:
    """Return the local athlete and their history (from `since` on; tests always in full), in one read."""
    with store.reader() as uow:
        athlete = local_athlete(uow)
        return athlete, uow.history(athlete.id, since)


def _exercise_ids(session: PerformedSession) -> list[str]:
    """The session's exercises, each once, in the order they were first done."""
    return list(
        dict.fromkeys([s.exercise_id for s in session.sets] + [c.exercise_id for c in session.cardio])
    )


def _reps(session: PerformedSession) -> int:
    return sum(s.reps or 0 for s in session.sets)


def _cardio_min(session: PerformedSession) -> float:
    return round(sum(c.duration_s for c in session.cardio) / 60, 1)


def session_summary(session: PerformedSession) -> SessionSummary:
    """One performed session in a line's worth of numbers (see docs/cli.md)."""
    return SessionSummary(
        id=session.id,
        day=session.day,
        program_id=session.program_id,
        phase_id=session.phase_id,
        template_id=session.template_id,
        completed=session.completed,
        sets=len(session.sets),
        reps=_reps(session),
        cardio_min=_cardio_min(session),
        distance_m=round(sum(c.distance_m or 0 for c in session.cardio)),
        exercises=_exercise_ids(session),
        rpe=session.rpe,
        pain_during=session.pain_during,
        pain_after=session.pain_after,
        pain_from=list(session.pain_from),
        pain_site=None if session.pain_site is None else session.pain_site.value,
        notes=session.notes,
    )


def session_rows(history: History, language: str | None = None) -> list[SessionRow]:
    """Every session, newest first, whole (every set and bout) with the exercises' names (in `language`,
    English without one) and the totals.

    The rows of the history pages, the report and the API's session list.
    """
    catalog = catalog_in(language)
    return [
        SessionRow(
            **dict(s),
            exercises=tuple(sorted(catalog.get(i).name for i in _exercise_ids(s) if i in catalog)),
            reps=_reps(s),
            holds=sum(1 for x in s.sets if x.hold_s),
            cardio_min=_cardio_min(s),
        )
        for s in reversed(history.sessions)
    ]


def load_recent(store: Store, *, last: int, today: dt.date) -> tuple[Athlete, History, dict[str, int]]:
    """The local athlete, at least their last `last` sessions (not years of them), and the totals.

    The window of days read widens until it holds `last` sessions or reaches the earliest date a log may
    have, so `history --last 10` reads weeks, not ten years.
    """
    with store.reader() as uow:
        athlete = local_athlete(uow)
        window_days = max(14, 2 * last)
        while True:
            first = today - dt.timedelta(days=window_days)
            sessions = uow.sessions.since(athlete.id, first)
            if len(sessions) >= last or first <= EARLIEST:
                break
            window_days *= 4
        checkins = uow.checkins.since(athlete.id)
        tests = uow.tests.since(athlete.id)
        totals = {
            "sessions": uow.sessions.count(athlete.id),
            "sets": uow.sessions.count_sets(athlete.id),
            "checkins": len(checkins),
            "tests": len(tests),
        }
    return athlete, History(sessions=tuple(sessions), checkins=tuple(checkins), tests=tuple(tests)), totals


def history_view(
    athlete: Athlete, history: History, *, last: int | None = None, totals: dict[str, int] | None = None
) -> HistoryView:
    """`calfcoach history --json`: newest first, the last `last` sessions and check-ins (all when None)."""
    sessions = list(reversed(history.sessions))
    checkins = list(reversed(history.checkins))
    if last is not None:
        sessions, checkins = sessions[:last], checkins[:last]
    return HistoryView(
        athlete=AthleteRef(id=athlete.id, name=athlete.profile.name),
        totals=Totals.model_validate(
            totals
            or {
                "sessions": len(history.sessions),
                "sets": sum(len(s.sets) for s in history.sessions),
                "checkins": len(history.checkins),
                "tests": len(history.tests),
            }
        ),
        sessions=[session_summary(s) for s in sessions],
        checkins=checkins,
        tests=list(reversed(history.tests)),
    )


def history_rows(history: History, language: str | None = None) -> HistoryRows:
    """Sessions (whole, see `session_rows`, exercises named in `language`), check-ins and tests, newest
    first: the web pages and the API."""
    return HistoryRows(
        sessions=session_rows(history, language),
        checkins=list(reversed(history.checkins)),
        tests=list(reversed(history.tests)),
    )
