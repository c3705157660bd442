import pytest
from pydantic import ValidationError

from calfcoach.domain.exercise import Dose, Tempo


def test_a_dose_describes_itself_like_a_coach() -> None:
    dose = Dose(sets=3, reps=12, reps_max=15, per_side=True, load_kg=5, rest_s=60)
    assert dose.describe() == "3 × 12-15, each side, +5 kg, rest 60 s"


def test_a_negative_dose_is_refused() -> None:
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        Dose(sets=3, reps=-1)


def test_a_dose_needs_something_to_count() -> None:
    with pytest.raises(ValidationError, match="needs reps, hold_s or duration_s"):
        Dose(sets=3)


def test_tempo_adds_up_to_one_repetition() -> None:
    assert Tempo(up_s=2, top_s=1, down_s=3).rep_s == 6
    assert Tempo(up_s=2, top_s=1, down_s=3).describe() == "up 2 s, hold 1 s, down 3 s"
