import pytest

from calfcoach.domain.screening import Question, Questionnaire, screen

FORM = Questionnaire(
    id="q",
    name="q",
    source="test",
    questions=(
        Question(id="heart", text="Heart?", advice="See your doctor."),
        Question(id="calf-swelling", text="Swollen calf?", advice="Seek care today.", urgent=True),
    ),
)


def test_all_no_answers_clear_the_person_to_start() -> None:
    outcome = screen(FORM, {"heart": False, "calf-swelling": False})
    assert outcome.clear
    assert outcome.advice == ()


def test_each_yes_brings_its_advice_and_urgent_ones_are_marked() -> None:
    outcome = screen(FORM, {"heart": True, "calf-swelling": True})
    assert outcome.flagged == ("heart", "calf-swelling")
    assert outcome.advice == ("See your doctor.", "Seek care today.")
    assert outcome.urgent


def test_every_question_must_be_answered() -> None:
    with pytest.raises(ValueError, match="unanswered: calf-swelling"):
        screen(FORM, {"heart": False})


def test_answers_to_unknown_questions_are_refused() -> None:
    with pytest.raises(ValueError, match="not questions of this screening: hart"):
        screen(FORM, {"heart": False, "calf-swelling": False, "hart": True})
