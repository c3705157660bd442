"""The screening questions in another language: every question translated, none dropped, the levels kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from calfcoach import i18n
from calfcoach.domain.errors import DataFileError
from calfcoach.library import screening
from calfcoach.library.screening import load_questionnaire, questionnaire_in


@pytest.mark.parametrize("language", [code for code in i18n.SUPPORTED if code != i18n.DEFAULT])
def test_every_question_has_its_words_in_every_language(language: str) -> None:
    english = load_questionnaire()
    said = questionnaire_in(language)
    for part in ("questions", "checkin"):
        mine, theirs = getattr(english, part), getattr(said, part)
        assert [q.id for q in theirs] == [q.id for q in mine]
        assert [q.level for q in theirs] == [q.level for q in mine]  # a translation changes no rule
        assert all(t.text != m.text and t.advice != m.advice for t, m in zip(theirs, mine, strict=True))


def test_german_says_the_urgent_advice_in_german() -> None:
    swelling = next(q for q in questionnaire_in("de").checkin if q.id == "calf-swelling")
    assert "Blutgerinnsel" in swelling.advice
    assert "noch heute" in swelling.advice
    assert questionnaire_in("en") == load_questionnaire()
    assert questionnaire_in("fr") == load_questionnaire()


def test_an_overlay_missing_a_question_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    english = screening.SCREENING_FILE.read_text(encoding="utf-8")
    (tmp_path / "screening.yaml").write_text(english, encoding="utf-8")
    overlay = screening.overlay_file("de").read_text(encoding="utf-8")
    cut = overlay.replace("  fever:\n", "  fevre:\n")
    (tmp_path / "screening.de.yaml").write_text(cut, encoding="utf-8")
    monkeypatch.setattr(screening, "SCREENING_FILE", tmp_path / "screening.yaml")
    questionnaire_in.cache_clear()
    load_questionnaire.cache_clear()
    try:
        with pytest.raises(DataFileError, match="checkin must translate exactly") as raised:
            questionnaire_in("de")
        assert "missing: fever" in str(raised.value)
        assert "not in the English file: fevre" in str(raised.value)
    finally:
        questionnaire_in.cache_clear()
        load_questionnaire.cache_clear()
