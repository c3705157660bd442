"""The pages' scripts say every message through the catalogs: each `say("...")` is listed for extraction."""

from __future__ import annotations

import re
from pathlib import Path

from calfcoach.web.js_messages import JS_MESSAGES, js_catalog

STATIC = Path(__file__).resolve().parents[2] / "src" / "calfcoach" / "web" / "static"


def test_every_message_a_script_says_is_in_the_catalog_list() -> None:
    said = {
        message
        for script in STATIC.glob("*.js")
        for message in re.findall(r'say\("((?:[^"\\]|\\.)*)"', script.read_text(encoding="utf-8"))
    }
    assert said, "the scripts say nothing through say()"
    assert not said - set(JS_MESSAGES), f"add to web/js_messages.py: {sorted(said - set(JS_MESSAGES))}"
    assert not set(JS_MESSAGES) - said, f"no script says: {sorted(set(JS_MESSAGES) - said)}"
    assert len(JS_MESSAGES) == len(set(JS_MESSAGES)), "a message listed twice"


def test_the_catalog_a_page_hands_its_scripts() -> None:
    assert js_catalog("en") == {}
    german = js_catalog("de")
    assert german["All sets saved."] == "Alle Sätze gespeichert."
    assert german["Set {n} of {total}"] == "Satz {n} von {total}"
    assert set(german) == set(JS_MESSAGES)
