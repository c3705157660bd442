import pytest

from calfcoach.domain.screening import FlagLevel, Question, Questionnaire, screen

FORM = Questionnaire(
    id="q",
    name="q",
    source="test",
    questions=(
        Question(id="heart", text="Heart?", advice="See your doctor."),
        Question(id="calf-swelling", text="Swollen calf?", advice="Seek care today.", level=FlagLevel.URGENT),
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


def test_the_older_urgent_spelling_still_reads_as_the_urgent_level() -> None:
    question = Question.model_validate({"id": "x", "text": "X?", "advice": "Go.", "urgent": True})
    assert question.level is FlagLevel.URGENT
    assert Question.model_validate({"id": "x", "text": "X?", "advice": "Go.", "urgent": False}).level is (
        FlagLevel.CAUTION
    )


def test_urgent_with_another_level_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot have another level"):
        Question.model_validate({"id": "x", "text": "X?", "advice": "Go.", "urgent": True, "level": "refer"})


def test_the_shipped_questionnaire_marks_chest_pain_and_calf_swelling_urgent() -> None:
    from calfcoach.library.screening import load_questionnaire

    form = load_questionnaire()
    assert {q.id for q in form.questions if q.urgent} == {"chest-pain", "calf-swelling"}
    assert {q.id for q in form.checkin if q.level is FlagLevel.URGENT} == {
        "calf-swelling",
        "sudden-pop",
        "chest-pain",
    }
    assert {q.id for q in form.checkin if q.level is FlagLevel.REFER} >= {"night-pain", "rest-pain"}
