"""The screening questionnaire (library/screening.yaml): sign-up questions and check-in symptom questions.

A language other than English reads its questions from an overlay beside it (`screening.de.yaml`): the
question and advice of every id, nothing else (the levels, order and ids are the English file's). An overlay
must give every question of the English file, and no other: a safety question is never left untranslated
or dropped; a mismatch is refused, naming the file and the ids.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field

from calfcoach import i18n
from calfcoach.domain.base import Value
from calfcoach.domain.errors import DataFileError
from calfcoach.domain.screening import Question, Questionnaire
from calfcoach.library.files import load_model

SCREENING_FILE = Path(__file__).with_name("screening.yaml")


class _Words(Value):
    text: Annotated[str, Field(min_length=1)]
    advice: Annotated[str, Field(min_length=1)]


class _Overlay(Value):
    name: Annotated[str, Field(min_length=1)]
    questions: dict[str, _Words]
    checkin: dict[str, _Words] = Field(default_factory=dict)


@cache
def load_questionnaire() -> Questionnaire:
    """The shipped questionnaire, read and validated once per process."""
    return load_model(SCREENING_FILE, Questionnaire)


def overlay_file(language: str) -> Path:
    """Where a language's texts of the questionnaire are kept."""
    return SCREENING_FILE.with_name(f"screening.{language}.yaml")


@cache
def questionnaire_in(language: str | None) -> Questionnaire:
    """The questionnaire with its questions and advice in `language` (English for English or a language
    without an overlay file)."""
    english = load_questionnaire()
    code = i18n.normalize(language)
    path = overlay_file(code)
    if code == i18n.DEFAULT or not path.is_file():
        return english
    overlay = load_model(path, _Overlay)
    return english.model_copy(
        update={
            "name": overlay.name,
            "questions": _said(english.questions, overlay.questions, path, "questions"),
            "checkin": _said(english.checkin, overlay.checkin, path, "checkin"),
        }
    )


def _said(
    questions: tuple[Question, ...], words: dict[str, _Words], path: Path, part: str
) -> tuple[Question, ...]:
    missing = [q.id for q in questions if q.id not in words]
    unknown = sorted(set(words) - {q.id for q in questions})
    if missing or unknown:
        raise DataFileError(
            f"{part} must translate exactly the questions of {SCREENING_FILE.name}",
            where=str(path),
            hint=f"missing: {', '.join(missing) or 'none'}; "
            f"not in the English file: {', '.join(unknown) or 'none'}",
        )
    return tuple(
        q.model_copy(update={"text": words[q.id].text, "advice": words[q.id].advice}) for q in questions
    )
