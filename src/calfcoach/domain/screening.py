"""The pre-exercise screening asked at sign-up: questions, answers, and what a "yes" means."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, model_validator

from calfcoach.domain.base import Value
from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_


class FlagLevel(StrEnum):
    """What a "yes" does to training, from most to least severe.

    urgent: no session at all until a clinician has cleared the person (see a doctor today);
    refer: relative rest until cleared (see a doctor or physiotherapist soon);
    caution: a cautious start, said as such, until cleared.
    """

    URGENT = "urgent"
    REFER = "refer"
    CAUTION = "caution"


class Question(Value):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    text: str
    advice: str
    level: FlagLevel = FlagLevel.CAUTION

    @model_validator(mode="before")
    @classmethod
    def _urgent_is_a_level(cls, data: Any) -> Any:
        """Accept the older `urgent: true` spelling as `level: urgent`."""
        if isinstance(data, dict) and "urgent" in data:
            data = dict(data)
            urgent = data.pop("urgent")
            if urgent and "level" in data and data["level"] != FlagLevel.URGENT:
                raise ValueError("a question marked urgent: true cannot have another level")
            data.setdefault("level", FlagLevel.URGENT if urgent else FlagLevel.CAUTION)
        return data

    @property
    def urgent(self) -> bool:
        return self.level is FlagLevel.URGENT


class Questionnaire(Value):
    """The sign-up screening, and the symptom questions asked again with every morning check-in."""

    id: str
    name: str
    source: str
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
    checkin: tuple[Question, ...] = ()

    @model_validator(mode="after")
    def _unique_ids(self) -> Questionnaire:
        for group in (self.questions, self.checkin):
            ids = [q.id for q in group]
            if len(set(ids)) != len(ids):
                raise ValueError(f"question ids must be unique, got {ids}")
        return self

    def question(self, question_id: str) -> Question | None:
        return next((q for q in (*self.questions, *self.checkin) if q.id == question_id), None)


class ScreeningOutcome(Value):
    """Which questions were answered yes, and the advice to give before starting."""

    answers: dict[str, bool]
    flagged: tuple[str, ...]
    advice: tuple[str, ...]
    urgent: bool

    @property
    def clear(self) -> bool:
        return not self.flagged


class ScreeningRefused(InputError, ValueError):
    """Answers that leave a question out or answer one the screening does not ask; nothing is stored."""

    def __init__(self, missing: list[str], unknown: list[str]) -> None:
        if missing and unknown:
            template = N_("unanswered: {missing}; not questions of this screening: {unknown}")
        elif missing:
            template = N_("unanswered: {missing}")
        else:
            template = N_("not questions of this screening: {unknown}")
        super().__init__(
            template,
            where="screening",
            hint=N_("answer every question yes or no"),
            missing=", ".join(missing),
            unknown=", ".join(unknown),
        )


def screen(questionnaire: Questionnaire, answers: dict[str, bool]) -> ScreeningOutcome:
    """Every question must be answered; each "yes" brings its advice (see a professional first)."""
    known = {q.id for q in questionnaire.questions}
    missing = [q.id for q in questionnaire.questions if q.id not in answers]
    unknown = sorted(set(answers) - known)
    if missing or unknown:
        raise ScreeningRefused(missing, unknown)
    yes = [q for q in questionnaire.questions if answers[q.id]]
    return ScreeningOutcome(
        answers=dict(answers),
        flagged=tuple(q.id for q in yes),
        advice=tuple(q.advice for q in yes),
        urgent=any(q.urgent for q in yes),
    )
