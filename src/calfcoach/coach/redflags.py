"""Red flags: screening and check-in answers that stop training or call for a clinician, until cleared.

The levels come from the questionnaire (library/screening.yaml): an urgent "yes" (calf swelling with
warmth, a sudden pop at the heel, chest pain on exertion) means no session until the person records that a
clinician cleared them; a "refer" answer (night or rest pain, numbness, fever) means relative rest until
then; a "caution" answer at sign-up means a cautious start.

A clearance closes every flag raised before its day. On its own day the order counts: it closes a flag raised
by a check-in (or screening) recorded at or before it, but not one recorded after it, so an urgent symptom
reported in the evening after a morning's clearance stops training at once. When either has no recorded
instant (data written before instants were kept), the clearance closes the whole of its day, as it used to.
The same answer given later raises the flag again.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from calfcoach.domain.base import Value
from calfcoach.domain.log import History
from calfcoach.domain.messages import Message, verbatim
from calfcoach.domain.screening import FlagLevel, Questionnaire

Source = Literal["screening", "checkin", "pain"]


class OpenFlag(Value):
    """One flag that is open on a day: what raised it, when, how severe, and what to do about it."""

    id: str
    level: FlagLevel
    source: Source
    since: dt.date
    advice: Message


def last_clearance(history: History, day: dt.date) -> dt.date | None:
    """The day of the latest clearance on or before `day`, if any."""
    cleared = [c.day for c in history.clearances if c.day <= day]
    return max(cleared) if cleared else None


def _cleared_until(history: History, day: dt.date) -> tuple[dt.date, dt.datetime | None] | None:
    """The day of the latest clearance on or before `day`, and the instant up to which it closes that day's
    flags: the latest instant of the clearances on that day, or None (the whole day) if one has none."""
    cleared = last_clearance(history, day)
    if cleared is None:
        return None
    instants = [c.recorded_at for c in history.clearances if c.day == cleared]
    if any(at is None for at in instants):
        return cleared, None
    return cleared, max(at for at in instants if at is not None)


def open_red_flags(history: History, day: dt.date, questionnaire: Questionnaire) -> tuple[OpenFlag, ...]:
    """Every screening or check-in flag raised on or before `day` and not closed by the last clearance.

    The last clearance closes flags raised before its day, and those raised on its day by an answer recorded
    at or before it (or without a recorded instant on either side). A flag is reported once, from the first
    day it was raised and left open, so "since" says how long it has been open. Answers to ids the
    questionnaire no longer has are ignored (a removed question).
    """
    until = _cleared_until(history, day)
    found: dict[str, OpenFlag] = {}

    def closed(since: dt.date, at: dt.datetime | None) -> bool:
        if until is None:
            return False
        cleared, cutoff = until
        if since != cleared:
            return since < cleared
        return cutoff is None or at is None or at <= cutoff

    def raise_flag(question_id: str, source: Source, since: dt.date, at: dt.datetime | None) -> None:
        group = questionnaire.questions if source == "screening" else questionnaire.checkin
        question = next((q for q in group if q.id == question_id), None)
        if question is None or since > day or closed(since, at):
            return
        key = f"{source}:{question_id}"
        if key not in found:
            found[key] = OpenFlag(
                id=question_id,
                level=question.level,
                source=source,
                since=since,
                advice=verbatim(question.advice),
            )

    for screening in history.screenings:
        for question_id in screening.flagged:
            raise_flag(question_id, "screening", screening.day, screening.taken_at)
    start = dt.date.min if until is None else until[0]  # the clearance's own day may hold a later check-in
    for checkin in history.flagged_checkins_between(start, day + dt.timedelta(days=1)):
        for question_id in checkin.symptoms:
            raise_flag(question_id, "checkin", checkin.day, checkin.recorded_at)
    severity = {FlagLevel.URGENT: 0, FlagLevel.REFER: 1, FlagLevel.CAUTION: 2}
    return tuple(sorted(found.values(), key=lambda f: (severity[f.level], f.since, f.id)))
