"""The pre-exercise screening asked at sign-up: questions, answers, and what a "yes" means."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from calfcoach.domain.base import Value


class Question(Value):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    text: str
    advice: str
    urgent: bool = False


class Questionnaire(Value):
    id: str
    name: str
    source: str
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]


class ScreeningOutcome(Value):
    """Which questions were answered yes, and the advice to give before starting."""

    answers: dict[str, bool]
    flagged: tuple[str, ...]
    advice: tuple[str, ...]
    urgent: bool

    @property
    def clear(self) -> bool:
        return not self.flagged


def screen(questionnaire: Questionnaire, answers: dict[str, bool]) -> ScreeningOutcome:
    """Every question must be answered; each "yes" brings its advice (see a professional first)."""
    known = {q.id for q in questionnaire.questions}
    missing = [q.id for q in questionnaire.questions if q.id not in answers]
    unknown = sorted(set(answers) - known)
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"unanswered: {', '.join(missing)}")
        if unknown:
            parts.append(f"not questions of this screening: {', '.join(unknown)}")
        raise ValueError("; ".join(parts))
    yes = [q for q in questionnaire.questions if answers[q.id]]
    return ScreeningOutcome(
        answers=dict(answers),
        flagged=tuple(q.id for q in yes),
        advice=tuple(q.advice for q in yes),
        urgent=any(q.urgent for q in yes),
    )
