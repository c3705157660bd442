"""The languages: choosing one, the catalogs being complete and compiled, dates and numbers per locale."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from calfcoach import MEDICAL_DISCLAIMER, i18n

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "calfcoach" / "locale"
# The keywords `make translations` extracts with (besides gettext's own: _, gettext, ngettext, N_ ...).
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "N_plural": (1, 2),
    "translate": (2,),
    "translate_plural": (2, 3),
}


def _catalog(language: str):  # type: ignore[no-untyped-def]
    with (LOCALE / language / "LC_MESSAGES" / "calfcoach.po").open("rb") as file:
        return read_po(file, locale=language)


@pytest.mark.parametrize("language", [code for code in i18n.SUPPORTED if code != i18n.DEFAULT])
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    catalog = _catalog(language)
    untranslated = [
        message.id
        for message in catalog
        if message.id and (not (message.string if isinstance(message.string, str) else all(message.string)))
    ]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not untranslated, f"{language}: not translated: {untranslated[:10]} (docs/translations.md)"
    assert not fuzzy, f"{language}: marked fuzzy, to be checked: {fuzzy[:10]}"


@pytest.mark.parametrize("language", [code for code in i18n.SUPPORTED if code != i18n.DEFAULT])
def test_the_compiled_catalog_is_the_catalog(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(language))
    committed = (LOCALE / language / "LC_MESSAGES" / "calfcoach.mo").read_bytes()
    assert compiled.getvalue() == committed, (
        f"run `make translations`: the {language} .mo is older than its .po"
    )


def test_the_catalogs_hold_every_message_the_sources_mark() -> None:
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    marked = {
        message if isinstance(message, str) else message[0]
        for *_, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS
        )
    }
    for language in i18n.SUPPORTED:
        if language == i18n.DEFAULT:
            continue
        held = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(language) if m.id}
        assert not marked - held, (
            f"run `make translations`: not in the {language} catalog: {sorted(marked - held)[:10]}"
        )
        assert not held - marked, f"run `make translations`: no longer marked: {sorted(held - marked)[:10]}"


def test_german_is_german_and_english_is_as_written() -> None:
    assert i18n.translate("de", "Today") == "Heute"
    assert i18n.translate("en", "Today") == "Today"
    assert i18n.translate(None, "Today") == "Today"
    assert i18n.translate("de", MEDICAL_DISCLAIMER).startswith("CalfCoach ist keine medizinische Beratung")


def test_a_message_no_catalog_holds_is_shown_as_written() -> None:
    assert i18n.translate("de", "a sentence nobody marked") == "a sentence nobody marked"
    assert i18n.translate("xx", "Today") == "Today"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("de", "de"),
        ("de-AT", "de"),
        ("de_DE.UTF-8", "de"),
        ("DE", "de"),
        ("en-GB", "en"),
        ("fr", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_normalize(tag: str | None, expected: str) -> None:
    assert i18n.normalize(tag) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-CH, de;q=0.9, en;q=0.8", "de"),
        ("en-US,en;q=0.9,de;q=0.8", "en"),
        ("fr-FR, fr;q=0.9, de;q=0.5", "de"),  # the first language CalfCoach speaks, by weight
        ("en;q=0.2, de;q=0.7", "de"),  # weight, not order
        ("de;q=0, en", "en"),  # q=0: not this one
        ("fr, es", "en"),
        ("*", "en"),
        ("de;q=abc, en;q=0.1", "en"),  # a malformed weight is no preference
        ("", "en"),
        (None, "en"),
    ],
)
def test_negotiate_accept_language(header: str | None, expected: str) -> None:
    assert i18n.negotiate(header) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "de_AT.UTF-8"}, "de"),
        ({"LANGUAGE": "fr:de", "LANG": "en_US.UTF-8"}, "de"),  # the first one CalfCoach speaks
        ({"LANGUAGE": "fr", "LANG": "de_DE.UTF-8"}, "en"),  # the first variable set decides
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "POSIX", "LANG": "de_DE"}, "de"),
        ({}, "en"),
    ],
)
def test_language_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert i18n.from_environment(environ) == expected


def test_dates_and_numbers_in_the_locale() -> None:
    day = dt.date(2026, 12, 6)
    assert i18n.format_date(day, "de") == "06.12.2026"
    assert i18n.format_date(day, "en") == "Dec 6, 2026"
    assert i18n.format_date(day, "de", "full") == "Sonntag, 6. Dezember 2026"
    assert i18n.format_skeleton(day, "de", "MMMEd") == "So., 6. Dez."
    assert i18n.format_decimal(1234.5, "de") == "1.234,5"
    assert i18n.format_decimal(1234.5, "en") == "1,234.5"
    assert i18n.format_decimal(2.25, "de", digits=1) == "2,2"  # half to even, as Babel rounds
    assert i18n.format_decimal(3, "de", digits=0) == "3"
    assert i18n.format_percent(0.45, "de") == "45\u00a0%"
    moment = dt.datetime(2026, 12, 6, 7, 30, tzinfo=dt.UTC)
    assert i18n.format_datetime(moment, "de", "short", zone=dt.UTC) == "06.12.26, 07:30"


def test_a_count_chooses_the_form_in_each_language() -> None:
    assert i18n.translate_plural("en", "{n} set", "{n} sets", 1) == "{n} set"
    assert i18n.translate_plural("de", "{n} set", "{n} sets", 1) == "{n} Satz"
    assert i18n.translate_plural("de", "{n} set", "{n} sets", 2) == "{n} Sätze"
    # Not in a catalog: English.
    assert i18n.translate_plural("de", "{n} widget", "{n} widgets", 2) == "{n} widgets"


def test_every_supported_language_is_named_in_itself() -> None:
    assert set(i18n.NAMES) == set(i18n.SUPPORTED)
    assert i18n.NAMES["de"] == "Deutsch"


def test_figures_written_with_a_point_take_the_locale_sign() -> None:
    text = "20 min at 5.0 km/h (12:00 min/km), 3.5% grade. Then rest."
    assert i18n.localize_decimals(text, "de") == "20 min at 5,0 km/h (12:00 min/km), 3,5% grade. Then rest."
    assert i18n.localize_decimals(text, "en") == text
    assert i18n.decimal_sign("de") == ","
