"""Red flags: screening and check-in answers that stop training or call for a clinician, until cleared.

The levels come from the questionnaire (library/screening.yaml): an urgent "yes" (calf swelling with
warmth, a sudden pop at the heel, chest pain on exertion) means no session until the person records that a
clinician cleared them; a "refer" answer (night or rest pain, numbness, fever) means relative rest until
then; a "caution" answer at sign-up means a cautious start. A clearance closes every flag raised on or before
its day; the same answer given later raises the flag again.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from calfcoach.domain.base import Value
from calfcoach.domain.log import History
from calfcoach.domain.screening import FlagLevel, Questionnaire

Source = Literal["screening", "checkin", "pain"]


class OpenFlag(Value):
    """One flag that is open on a day: what raised it, when, how severe, and what to do about it."""

    id: str
    level: FlagLevel
    source: Source
    since: dt.date
    advice: str


def last_clearance(history: History, day: dt.date) -> dt.date | None:
    """The day of the latest clearance on or before `day`, if any."""
    cleared = [c.day for c in history.clearances if c.day <= day]
    return max(cleared) if cleared else None


def open_red_flags(history: History, day: dt.date, questionnaire: Questionnaire) -> tuple[OpenFlag, ...]:
    """Every screening or check-in flag raised after the last clearance and on or before `day`.

    A flag is reported once, from the first day it was raised since that clearance, so "since" says how
    long it has been open. Answers to ids the questionnaire no longer has are ignored (a removed question).
    """
    cleared = last_clearance(history, day)
    found: dict[str, OpenFlag] = {}

    def raise_flag(question_id: str, source: Source, since: dt.date) -> None:
        group = questionnaire.questions if source == "screening" else questionnaire.checkin
        question = next((q for q in group if q.id == question_id), None)
        if question is None or (cleared is not None and since <= cleared) or since > day:
            return
        key = f"{source}:{question_id}"
        if key not in found:
            found[key] = OpenFlag(
                id=question_id, level=question.level, source=source, since=since, advice=question.advice
            )

    for screening in history.screenings:
        for question_id in screening.flagged:
            raise_flag(question_id, "screening", screening.day)
    start = dt.date.min if cleared is None else cleared + dt.timedelta(days=1)
    for checkin in history.checkins_between(start, day + dt.timedelta(days=1)):
        for question_id in checkin.symptoms:
            raise_flag(question_id, "checkin", checkin.day)
    severity = {FlagLevel.URGENT: 0, FlagLevel.REFER: 1, FlagLevel.CAUTION: 2}
    return tuple(sorted(found.values(), key=lambda f: (severity[f.level], f.since, f.id)))
