"""The screening questionnaire (library/screening.yaml): sign-up questions and check-in symptom questions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from calfcoach.domain.screening import Questionnaire
from calfcoach.library.files import load_model

SCREENING_FILE = Path(__file__).with_name("screening.yaml")


@cache
def load_questionnaire() -> Questionnaire:
    """The shipped questionnaire, read and validated once per process."""
    return load_model(SCREENING_FILE, Questionnaire)
