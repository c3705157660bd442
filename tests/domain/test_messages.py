"""The coach's messages: every template renders in metric and imperial with its own figures, and survives a
round trip through JSON (stored plans, the API)."""

import datetime as dt
import string

import pytest

import calfcoach.assess.readiness
import calfcoach.coach.plan
import calfcoach.coach.prescribe
import calfcoach.library.catalog  # noqa: F401 (with the three above, declares every template there is)
from calfcoach.domain.exercise import Dose
from calfcoach.domain.messages import (
    COACH_VOICE,
    EMPTY,
    ENGLISH,
    TEMPLATES,
    Kind,
    Message,
    Spec,
    Template,
    as_data,
    codes,
    define,
    in_coach_voice,
    joined,
    render,
    verbatim,
)
from calfcoach.domain.units import LoadUnit, Units, UnitSystem
from calfcoach.i18n import N_plural

IMPERIAL = Units.chosen(UnitSystem.IMPERIAL)
KG_WITH_MILES = Units.chosen(UnitSystem.IMPERIAL, LoadUnit.KG)

# A figure of each kind, and how it reads in metric and in imperial.
SAMPLES: dict[Kind, tuple[object, str, str]] = {
    Kind.TEXT: ("Calf raises", "Calf raises", "Calf raises"),
    Kind.COUNT: (7, "7", "7"),
    Kind.NUMBER: (6.5, "6.5", "6.5"),
    Kind.PERCENT: (85, "85%", "85%"),
    Kind.SPEED: (5.4, "5.4 km/h", "3.4 mph"),
    Kind.PACE: (360.0, "6:00 min/km", "9:39 min/mi"),
    Kind.DISTANCE: (5000.0, "5.00 km", "3.11 mi"),
    Kind.LOAD: (2.5, "2.5 kg", "5.5 lb"),
    Kind.HEIGHT: (123.0, "123 m", "404 ft"),
    Kind.DURATION: (1200, "20 min", "20 min"),
    Kind.DATE: (dt.date(2026, 3, 2), "2026-03-02", "2026-03-02"),
    Kind.MESSAGE: (verbatim("as said"), "as said", "as said"),
    Kind.DOSE: (Dose(sets=3, reps=12, load_kg=2.5), "3 × 12, +2.5 kg", "3 × 12, +5.5 lb"),
}


def _sample(spec: Spec, units: Units) -> str:
    value, metric, imperial = SAMPLES[spec.kind]
    text = imperial if units.imperial else metric
    if spec.bare:
        return text.rsplit(" ", 1)[0]
    if spec.digits is not None and spec.kind is Kind.NUMBER:
        return f"{value:.{spec.digits}f}"
    if spec.digits is not None and spec.kind is Kind.PERCENT:
        return f"{value:.{spec.digits}f}%"
    return text


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_every_message_renders_its_figures_in_metric_and_imperial(code: str) -> None:
    template = TEMPLATES[code]
    # A counting template's form for one may say "once" for "{n} times"; its plural has every field.
    said = template.text if template.plural is None else template.plural
    fields = {name for _, name, _, _ in string.Formatter().parse(said) if name}
    assert fields == set(template.specs), f"{code}: the template's fields are not its arguments"
    message = template(**{name: SAMPLES[spec.kind][0] for name, spec in template.specs.items()})
    for units in (Units(), IMPERIAL):
        expected = said.format(**{n: _sample(s, units) for n, s in template.specs.items()})
        assert render(message, units) == expected
    converted = [s for s in template.specs.values() if s.kind in (Kind.LOAD, Kind.SPEED, Kind.PACE)]
    if converted:
        assert not {"kg", "km", "km/h"} & set(render(message, IMPERIAL).replace("/", " /").split())
    assert Message.model_validate_json(message.model_dump_json()) == message


def test_a_pace_reads_per_kilometre_or_per_mile() -> None:
    pace = define("test.pace", "at {pace}", pace=Kind.PACE)(pace=360.0)
    assert render(pace) == "at 6:00 min/km"
    assert render(pace, IMPERIAL) == "at 9:39 min/mi"


def test_a_load_follows_its_own_choice_of_unit_and_rounds_as_loads_are_picked_up() -> None:
    load = define("test.load", "{before} -> {after}", before=Spec(Kind.LOAD, bare=True), after=Kind.LOAD)
    heavier = load(before=0.0, after=2.5)
    assert render(heavier) == "0 -> 2.5 kg"
    assert render(heavier, IMPERIAL) == "0 -> 5.5 lb"
    assert render(heavier, KG_WITH_MILES) == "0 -> 2.5 kg"
    assert render(load(before=20.0, after=22.5), IMPERIAL) == "44 -> 50 lb"  # whole pounds from 10 lb on


def test_a_quantity_without_a_value_reads_none() -> None:
    change = define(
        "test.none", "load {before} -> {after}", before=Spec(Kind.LOAD, bare=True), after=Kind.LOAD
    )
    assert render(change(before=None, after=2.5)) == "load none -> 2.5 kg"


def test_the_template_is_translated_whole_before_the_figures_go_in() -> None:
    said = define("test.said", "pain {worst}/10 on {day}", worst=Kind.COUNT, day=Kind.DATE)
    german = {"pain {worst}/10 on {day}": "Schmerz {worst}/10 am {day}"}
    message = said(worst=6, day=dt.date(2026, 3, 2))
    locale = ENGLISH._replace(say=lambda text: german.get(text, text))
    assert render(message, Units(), locale) == "Schmerz 6/10 am 2026-03-02"
    nested = define("test.nested", "why: {cause}", cause=Kind.MESSAGE)(cause=message)
    assert render(nested, Units(), locale) == "why: Schmerz 6/10 am 2026-03-02"


def test_words_said_as_they_are_are_not_looked_up() -> None:
    looked_up: list[str] = []

    def say(text: str) -> str:
        looked_up.append(text)
        return text

    assert render(joined(["one", verbatim("two")]), Units(), ENGLISH._replace(say=say)) == "one; two"
    assert looked_up == []


def test_a_list_leaves_out_empty_parts_and_one_part_is_itself() -> None:
    one = verbatim("one")
    assert joined([]) == EMPTY
    assert not joined([])
    assert joined(["", one, EMPTY]) == one
    assert str(joined([one, "two"], ", ")) == "one, two"
    assert codes(joined([one, "two"])) == ("list", "text", "text")


def test_a_reason_stored_as_text_before_messages_is_read_as_said() -> None:
    old = Message.model_validate("same as last time")
    assert str(old) == "same as last time"
    assert old.code == "text"


def test_the_api_data_carries_each_figure_stored_with_its_kind_and_unit() -> None:
    pace = define("test.data", "{pace} for {time}", pace=Kind.PACE, time=Kind.DURATION)
    assert as_data(pace(pace=360.0, time=1200)) == {
        "code": "test.data",
        "pace": {"kind": "pace", "value": 360.0, "unit": "s/km"},
        "time": {"kind": "duration", "value": 1200, "unit": "s"},
    }


def test_a_template_refuses_missing_or_unknown_arguments_and_a_code_declared_twice() -> None:
    said = define("test.strict", "{worst}/10", worst=Kind.COUNT)
    with pytest.raises(TypeError, match="missing"):
        said()
    with pytest.raises(TypeError, match="unexpected"):
        said(worst=1, best=0)
    with pytest.raises(TypeError, match="a number"):
        said(worst="seven")
    with pytest.raises(ValueError, match="declared twice"):
        define("test.strict", "{worst} out of 10", worst=Kind.COUNT)
    assert isinstance(said, Template)


def test_a_message_answers_whether_its_english_text_holds_some_words() -> None:
    message = define("test.contains", "pain {worst}/10", worst=Kind.COUNT)(worst=6)
    assert "6/10" in message
    assert "7/10" not in message


COUNTS = (0, 1, 2, 5)
_SESSIONS = define(
    "test.plural",
    N_plural("{done} of the last {sessions} session", "{done} of the last {sessions} sessions"),
    counted="sessions",
    done=Kind.COUNT,
    sessions=Kind.COUNT,
)


@pytest.mark.parametrize("n", COUNTS)
def test_english_says_the_form_for_one_only_for_one(n: int) -> None:
    said = render(_SESSIONS(done=0, sessions=n))
    assert said == (f"0 of the last {n} session" if n == 1 else f"0 of the last {n} sessions")


@pytest.mark.parametrize("n", COUNTS)
def test_the_locale_picks_the_form_by_the_counted_argument_alone(n: int) -> None:
    picked: list[tuple[str, str, int]] = []

    def plural(singular: str, many: str, count: int) -> str:
        picked.append((singular, many, count))
        return "Form {sessions}/" + ("eins" if count == 1 else "viele")

    locale = ENGLISH._replace(plural=plural)
    assert render(_SESSIONS(done=1, sessions=n), Units(), locale) == f"Form {n}/" + (
        "eins" if n == 1 else "viele"
    )
    assert picked == [("{done} of the last {sessions} session", "{done} of the last {sessions} sessions", n)]


@pytest.mark.parametrize("code", sorted(code for code, t in TEMPLATES.items() if t.plural is not None))
@pytest.mark.parametrize("n", COUNTS)
def test_every_counting_message_says_one_and_many_in_english(code: str, n: int) -> None:
    template = TEMPLATES[code]
    assert template.counted is not None
    assert template.plural is not None
    values = {name: SAMPLES[spec.kind][0] for name, spec in template.specs.items()}
    message = template(**{**values, template.counted: n})
    figures = {name: _sample(spec, Units()) for name, spec in template.specs.items()}
    expected = (template.text if n == 1 else template.plural).format(**{**figures, template.counted: str(n)})
    assert str(message) == expected
    assert Message.model_validate_json(message.model_dump_json()) == message


def test_a_count_that_is_no_whole_number_takes_the_plural() -> None:
    assert render(_SESSIONS(done=0, sessions=None)) == "0 of the last none sessions"
    assert render(_SESSIONS(done=0, sessions=1.5)) == "0 of the last 1.5 sessions"
    assert render(_SESSIONS(done=0, sessions=1.0)) == "0 of the last 1 session"


def test_a_message_without_a_plural_is_stored_as_before_and_one_with_it_keeps_both_forms() -> None:
    plain = define("test.plain", "{n} min", n=Kind.COUNT)(n=1)
    assert set(plain.model_dump()) == {"code", "template", "args"}
    counting = _SESSIONS(done=1, sessions=1)
    dumped = counting.model_dump(mode="json")
    assert dumped["plural"] == "{done} of the last {sessions} sessions"
    assert dumped["counted"] == "sessions"
    assert Message.model_validate(dumped) == counting


def test_a_counted_argument_must_be_one_of_the_templates_counts() -> None:
    with pytest.raises(ValueError, match="not one of its counts"):
        define("test.bad_count", N_plural("{day} day", "{day} days"), counted="day", day=Kind.DATE)
    with pytest.raises(ValueError, match="not one of its counts"):
        define("test.no_count", N_plural("{n} day", "{n} days"), counted="days", n=Kind.COUNT)
    with pytest.raises(ValueError, match="needs the argument it counts"):
        define("test.uncounted", N_plural("{n} day", "{n} days"), n=Kind.COUNT)
    with pytest.raises(ValueError, match="go together"):
        Message(code="test.x", template="{n} day", plural="{n} days", args=())
    with pytest.raises(ValueError, match="none of its arguments"):
        Message(code="test.x", template="{n} day", plural="{n} days", counted="n", args=())


# A plan stored before messages had plural forms: a reason's message as its JSON was then (no plural, no
# counted), its template the one English text the coach had, whatever the count.
OLD_STORED = (
    '{"code":"stages.moved_on","template":"moved on after {sessions} good sessions",'
    '"args":[{"name":"sessions","kind":"count","value":1,"digits":null,"bare":false,"parts":[]}]}'
)
OLD_ONE_WEEK = (
    '{"code":"gate.weeks_in_phase.one","template":"{weeks} week in this phase (at least {needed} needed)",'
    '"args":[{"name":"weeks","kind":"count","value":1},{"name":"needed","kind":"count","value":4}]}'
)


def test_a_message_stored_before_plural_forms_loads_and_says_its_count_rightly() -> None:
    import calfcoach.coach.gates
    import calfcoach.coach.stages  # noqa: F401 (declares the templates the stored codes name)

    old = Message.model_validate_json(OLD_STORED)
    assert old.plural is None
    assert old.counted is None
    assert str(old) == "moved on after 1 good session"
    assert str(old.model_copy(update={"args": (old.args[0].model_copy(update={"value": 3}),)})) == (
        "moved on after 3 good sessions"
    )
    assert str(Message.model_validate_json(OLD_ONE_WEEK)) == "1 week in this phase (at least 4 needed)"
    # A stored text no template declares any more is said as it was stored.
    unknown = Message.model_validate_json(OLD_STORED.replace("good sessions", "fine sessions"))
    assert str(unknown) == "moved on after 1 fine sessions"


def test_a_message_in_its_coachs_voice_keeps_its_arguments_and_changes_only_the_words() -> None:
    import calfcoach.coach.pain  # noqa: F401 (declares the pain templates and their coach's voice)

    last = TEMPLATES["pain.activity.last_session"]()
    mild = TEMPLATES["pain.activity.not_settled_mild"](
        activity=last, pain=3, day=dt.date(2026, 1, 6), usual=1
    )
    message = joined([mild, verbatim("as said")])
    voiced = in_coach_voice(message)
    assert str(voiced) == (
        "the last session: morning pain 3/10 on 2026-01-06 after it, above their usual 1/10: the same again;"
        " as said"
    )
    assert codes(voiced) == (
        "list",
        "pain.activity.not_settled_mild.coach",
        "pain.activity.last_session",
        "text",
    )
    assert (
        COACH_VOICE["pain.activity.not_settled_mild"].specs
        == TEMPLATES["pain.activity.not_settled_mild"].specs
    )
    assert in_coach_voice(last) is last
