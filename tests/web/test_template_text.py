"""No English written straight into a page template: every visible text goes through the catalogs.

A regex over each template's source: the translated parts ({% trans %} blocks, `_()` and `ngettext()` in
expressions) and everything else Jinja fills in are taken out, then the text between tags and the visible
attributes (title, alt, placeholder, aria-label) must hold no word but the few listed below.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "calfcoach" / "web" / "templates"

# Names and units a page writes the same in every language.
ALLOWED = frozenset({"CalfCoach", "REST", "API", "UTC", "kg", "lb", "bpm", "https"})

_TRANSLATED = re.compile(r"{%-?\s*trans\b.*?{%-?\s*endtrans\s*-?%}", re.DOTALL)
_COMMENT = re.compile(r"{#.*?#}", re.DOTALL)
_CODE = re.compile(r"<(script|style)\b[^>]*>.*?</\1>", re.DOTALL)
_JINJA = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)
_VISIBLE_ATTRIBUTE = re.compile(r'\b(?:title|alt|placeholder|aria-label)="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def untranslated(source: str) -> list[str]:
    """The words of a template's visible text that no translation covers."""
    text = _CODE.sub(" ", _COMMENT.sub(" ", _TRANSLATED.sub(" ", source)))
    text = _JINJA.sub(" ", text)
    found = [word for value in _VISIBLE_ATTRIBUTE.findall(text) for word in _WORD.findall(value)]
    found += _WORD.findall(_TAG.sub(" ", text))
    return [word for word in found if word not in ALLOWED]


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_every_visible_text_is_translated(template: str) -> None:
    words = untranslated((TEMPLATES / template).read_text(encoding="utf-8"))
    assert not words, f"{template}: visible text outside trans/_(): {words[:12]} (docs/translations.md)"


def test_the_check_finds_english_written_straight_in() -> None:
    assert untranslated("<p>Rest day.</p>") == ["Rest", "day"]
    assert untranslated('<input placeholder="e.g. my GP">') == ["my", "GP"]
    assert untranslated('<img alt="A calf" src="/a.svg">') == ["calf"]  # one letter is no word
    assert untranslated("<p>{{ _('Rest day.') }}</p>{% trans %}Sharp pain{% endtrans %}") == []
    assert untranslated("<p>{{ view.day }} CalfCoach · 10 kg</p>") == []
