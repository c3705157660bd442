import re

import pytest

from calfcoach.assess._data import load_mapping
from calfcoach.assess.measures import KNEE_TO_WALL_DEG_PER_CM
from calfcoach.assess.protocols import all_protocols, protocol, protocol_in, protocols_in
from calfcoach.assess.readiness import MAX_HOP_PAIN
from calfcoach.assess.sources import Trust, all_sources
from calfcoach.domain.errors import DataFileError, NotFoundError
from calfcoach.domain.log import TestKind
from calfcoach.i18n import SUPPORTED


def test_every_test_kind_has_a_protocol_with_steps_stop_rules_and_a_record() -> None:
    loaded = all_protocols()
    assert set(loaded) == set(TestKind)
    for item in loaded.values():
        assert item.steps
        assert item.stop_when
        assert item.record


def test_every_protocol_number_cites_a_known_source() -> None:
    known = all_sources()
    for item in all_protocols().values():
        assert set(item.sources) <= known.keys()
        for parameter in item.parameters:
            assert parameter.source in known


def test_the_heel_rise_protocol_keeps_the_clinical_descriptions_numbers() -> None:
    heel = protocol(TestKind.HEEL_RAISE)
    assert heel.parameter("metronome").value == 60
    assert heel.parameter("metronome").unit == "beats/min"
    assert heel.parameter("warm-up rises").value == 10
    assert heel.parameter("rest between legs").value == 2
    assert heel.parameter("metronome").trust is Trust.SECONDARY


def test_the_heel_rise_incline_is_the_normative_studys_ten_degrees() -> None:
    incline = protocol(TestKind.HEEL_RAISE).parameter("incline")
    assert (incline.value, incline.source, incline.trust) == (10, "hebert-losier-2017", Trust.ABSTRACT)


def test_the_heel_rise_stop_rules_cover_height_cadence_posture_and_support() -> None:
    rules = " ".join(protocol(TestKind.HEEL_RAISE).stop_when)
    for words in ("no longer rises", "metronome", "knee bends", "fingertip support"):
        assert words in rules


def test_the_balance_protocol_is_best_of_three_capped_at_45_seconds() -> None:
    balance = protocol(TestKind.BALANCE)
    assert balance.parameter("trials per side").value == 3
    assert balance.parameter("longest trial").value == 45
    assert balance.higher_is_better


def test_protocol_numbers_agree_with_the_constants_the_code_uses() -> None:
    assert protocol(TestKind.HOP_PAIN).parameter("pain limit for running").value == MAX_HOP_PAIN
    assert protocol(TestKind.KNEE_TO_WALL).parameter("degrees per cm").value == KNEE_TO_WALL_DEG_PER_CM
    assert not protocol(TestKind.HOP_PAIN).higher_is_better


def test_the_hop_count_is_labelled_a_house_rule() -> None:
    hops = protocol(TestKind.HOP_PAIN).parameter("hops per leg")
    assert hops.trust is Trust.CONVENTION


def test_asking_for_an_unknown_parameter_names_the_protocol() -> None:
    with pytest.raises(NotFoundError, match=r"heel_raise.*tempo"):
        protocol(TestKind.HEEL_RAISE).parameter("tempo")


def test_a_protocol_file_with_an_unknown_test_names_the_file_and_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("calfcoach.assess.protocols.load_mapping", lambda name: {"sprint": {}})
    all_protocols.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"protocols\.yaml: sprint: unknown test 'sprint'"):
            all_protocols()
    finally:
        all_protocols.cache_clear()


def test_a_protocol_missing_its_steps_is_refused_with_the_field_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = load_mapping("protocols.yaml")
    broken = {**good, "balance": {**good["balance"], "steps": []}}
    monkeypatch.setattr("calfcoach.assess.protocols.load_mapping", lambda name: broken)
    all_protocols.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"balance: steps: "):
            all_protocols()
    finally:
        all_protocols.cache_clear()


def test_every_number_in_a_protocols_text_is_one_of_its_sourced_parameters() -> None:
    for item in all_protocols().values():
        allowed = {p.value for p in item.parameters} | {0, 10}  # 0 and 10 end the pain scale
        text = " ".join((*item.setup, *item.steps, *item.stop_when, *item.record, *item.safety))
        numbers = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}
        assert numbers <= allowed, f"{item.kind.value}: {sorted(numbers - allowed)} have no source"


TEXTS = ("equipment", "setup", "steps", "stop_when", "record", "safety")


@pytest.mark.parametrize("language", [code for code in SUPPORTED if code != "en"])
def test_every_protocol_text_has_its_translation_line_for_line(language: str) -> None:
    for kind, english in all_protocols().items():
        said = protocol_in(kind, language)
        for field in ("name", "purpose", "value_label"):
            assert getattr(said, field) != getattr(english, field), f"{kind.value}: {field} is English"
        for field in TEXTS:
            given, wanted = getattr(said, field), getattr(english, field)
            assert len(given) == len(wanted), f"{kind.value}: {field}"
            assert not set(given) & set(wanted), f"{kind.value}: {field} left in English"
        # What a protocol means does not change with its language: numbers, sources, the better direction.
        assert (said.parameters, said.sources, said.higher_is_better) == (
            english.parameters,
            english.sources,
            english.higher_is_better,
        )


def test_english_and_an_unknown_language_read_the_english_protocols() -> None:
    assert protocols_in("en") == all_protocols()
    assert protocol_in(TestKind.HOP_PAIN, "xx") == protocol(TestKind.HOP_PAIN)


def _with_german(monkeypatch: pytest.MonkeyPatch, german: dict[str, object]) -> None:
    english = load_mapping("protocols.yaml")
    monkeypatch.setattr(
        "calfcoach.assess.protocols.load_mapping",
        lambda name: german if name.startswith("de/") else english,
    )
    protocols_in.cache_clear()


def test_a_translation_that_drops_a_safety_note_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    good = load_mapping("de/protocols.yaml")
    _with_german(monkeypatch, {**good, "hop_pain": {**good["hop_pain"], "safety": []}})
    try:
        with pytest.raises(DataFileError, match=r"de/protocols\.yaml: hop_pain: safety has 0 lines"):
            protocols_in("de")
    finally:
        protocols_in.cache_clear()


def test_a_translation_naming_other_tests_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    good = load_mapping("de/protocols.yaml")
    _with_german(monkeypatch, {key: value for key, value in good.items() if key != "balance"})
    try:
        with pytest.raises(DataFileError, match=r"de/protocols\.yaml.*gives the tests"):
            protocols_in("de")
    finally:
        protocols_in.cache_clear()
