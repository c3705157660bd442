"""Read a test result the way a coach would: per side, symmetry, against the norm, in plain words (in the
reader's language: each sentence is a catalog template with named fields, figures put in after)."""

from __future__ import annotations

import math

from calfcoach.assess.measures import (
    HEEL_RAISE_MDC_REPS,
    KNEE_TO_WALL_DEG_PER_CM,
    KNEE_TO_WALL_MDC_CM,
    knee_to_wall_degrees,
)
from calfcoach.assess.norms import Criterion, Norm, criteria_of, norm_for
from calfcoach.assess.protocols import protocol
from calfcoach.assess.readiness import MAX_HOP_PAIN
from calfcoach.assess.sources import source
from calfcoach.assess.symmetry import LSI_TARGET_PCT, limb_symmetry_index, weaker_side
from calfcoach.domain.base import Value
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import Side
from calfcoach.domain.log import TestKind, TestResult
from calfcoach.domain.profile import Sex
from calfcoach.i18n import N_, localize_decimals, translate


class CriterionCheck(Value):
    """A 'normal' threshold and whether each side (or the gap between them) meets it."""

    criterion: Criterion
    left_met: bool | None = None
    right_met: bool | None = None
    difference_met: bool | None = None


class Interpretation(Value):
    """One test result explained: the numbers a page shows and the sentences a person reads."""

    kind: TestKind
    unit: str
    left: float
    right: float
    eyes_closed: bool = False
    difference: float
    lsi_pct: float | None
    weaker_side: Side | None
    norm: Norm | None
    norm_source: str | None
    left_pct_of_norm: float | None
    right_pct_of_norm: float | None
    criteria: tuple[CriterionCheck, ...] = ()
    summary: tuple[str, ...]


# The words of the protocols' and criteria's data files that a reading quotes, to translate (the files stay
# English). A criterion's label with a share in it is written with the share as a field ("% of" would read
# as a printf directive to the catalog tools).
_VALUE_LABELS = {
    "single-leg heel raises": N_("single-leg heel raises"),
    "from big toe to wall": N_("from big toe to wall"),
    "on one leg": N_("on one leg"),
    "pain on hopping": N_("pain on hopping"),
}
_CRITERION_LABELS: dict[str, tuple[str, dict[str, str]]] = {
    "the proposed criterion for normal": (N_("the proposed criterion for normal"), {}),
    "the traditional 'normal' grade": (N_("the traditional 'normal' grade"), {}),
    "the difference between legs in 68% of healthy adults": (
        N_("the difference between legs in {share} of healthy adults"),
        {"share": "68%"},
    ),
}
_SIDES = {Side.LEFT: N_("left"), Side.RIGHT: N_("right")}


class _Say:
    """The reading's sentences in one language: templates translated whole, figures put in after."""

    def __init__(self, language: str | None) -> None:
        self.language = language

    def __call__(self, message: str, **values: object) -> str:
        return translate(self.language, message).format(**values)

    def num(self, value: float) -> str:
        return localize_decimals(f"{round(value, 1):g}", self.language)

    def pct(self, value: float) -> str:
        # TRANSLATORS: a percentage, "85%"; write it as your language does ("85 %").
        return self(N_("{value}%"), value=f"{value:.0f}")

    def side(self, side: Side) -> str:
        return self(_SIDES[side])

    def words(self, text: str) -> str:
        return self(_VALUE_LABELS.get(text, text))

    def criterion(self, label: str) -> str:
        message, values = _CRITERION_LABELS.get(label, (label, {}))
        return self(message, **values)


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def _check(result: TestResult, age: int | None) -> None:
    if age is not None and not 0 <= age <= 130:
        raise InputError(f"age must be 0 to 130 years, got {age}")
    if result.kind is TestKind.HOP_PAIN:
        for name, value in (("left", result.left), ("right", result.right)):
            if value > 10:
                raise InputError(
                    f"hop pain is rated 0-10, got {_num(value)} on the {name}",
                    where=f"{result.day.isoformat()} hop_pain",
                    hint="0 is no pain, 10 the worst imaginable",
                )


def _symmetry_line(result: TestResult, label: str, lsi: float | None, weaker: Side | None, say: _Say) -> str:
    unit = "" if result.kind is TestKind.HEEL_RAISE else f" {protocol(result.kind).unit}"
    head = {"left": say.num(result.left) + unit, "right": say.num(result.right) + unit, "label": label}
    if lsi is None:
        return say(N_("Left {left}, right {right} {label}: nothing on either side yet."), **head)
    if weaker is None:
        return say(N_("Left {left}, right {right} {label}: both sides are equal."), **head)
    stronger = Side.RIGHT if weaker is Side.LEFT else Side.LEFT
    # Rounded down, so 89.6% never reads as a 90% that falls short of the 90% target.
    compared = {
        **head,
        "weaker": say.side(weaker),
        "stronger": say.side(stronger),
        "share": say.pct(math.floor(lsi + 1e-9)),
        "target": say.pct(LSI_TARGET_PCT),
    }
    if result.kind is not TestKind.HEEL_RAISE:
        # The 90% convention comes from strength and hop tests; it is not applied to range or balance.
        return say(
            N_("Left {left}, right {right} {label}: the {weaker} is {share} of the {stronger}."), **compared
        )
    # Exact comparison on the reps, as in the running gate: 27 of 30 is 90% and meets the target.
    if min(result.left, result.right) * 100 >= LSI_TARGET_PCT * max(result.left, result.right):
        return say(
            N_(
                "Left {left}, right {right} {label}: the {weaker} is {share} of the {stronger},"
                " within the {target} symmetry target."
            ),
            **compared,
        )
    return say(
        N_(
            "Left {left}, right {right} {label}: the {weaker} is {share} of the {stronger};"
            " aim for {target} or better before running."
        ),
        **compared,
    )


def _norm_line(norm: Norm, unit: str, left_pct: float, right_pct: float, say: _Say) -> str:
    language = say.language
    line = say(
        N_(
            "Compared with the {statistic} for {group} ({value} {unit}; {source}, {trust}): left {left}, "
            "right {right}."
        ),
        statistic=norm.describe_statistic(language),
        group=norm.describe_group(language),
        value=norm.describe_value(language),
        unit=say(N_("reps")) if unit == "reps" else unit,
        source=norm.cited.short,
        trust=norm.trust.describe(language),
        left=say.pct(left_pct),
        right=say.pct(right_pct),
    )
    if norm.source == "hebert-losier-2017":
        incline = protocol(TestKind.HEEL_RAISE).parameter("incline").value
        line += " " + say(
            N_("That study tested on a {incline}° incline: compare closely only if you did too."),
            incline=say.num(incline),
        )
    return line


def _no_norm_line(kind: TestKind, *, age: int | None, sex: Sex, eyes_closed: bool, say: _Say) -> str:
    if kind is TestKind.BALANCE and eyes_closed:
        return say(
            N_(
                "No eyes-closed norm is given: Springer 2007 published one, but its values could not be "
                "checked; compare left with right and with your own earlier tests."
            )
        )
    if kind is TestKind.HOP_PAIN:
        return say(N_("Hop pain has no population norm; what counts is the running gate below."))
    if age is None:
        return say(N_("Add your age (and sex) to your profile to compare with published norms."))
    if kind is TestKind.HEEL_RAISE and sex is Sex.UNSPECIFIED:
        return say(
            N_(
                "No heel-rise norm covers age {age} without a sex: the norms are by sex "
                "(Hébert-Losier 2017), or for ages 20-59 (Lunsford & Perry 1995)."
            ),
            age=age,
        )
    return say(N_("No published norm in CalfCoach's sources covers age {age} for this test."), age=age)


def _criteria_checks(
    result: TestResult, difference: float, say: _Say
) -> tuple[list[CriterionCheck], list[str]]:
    checks: list[CriterionCheck] = []
    lines: list[str] = []
    for crit in criteria_of(result.kind):
        cited = say(
            N_("({source}; {trust})"), source=crit.cited.short, trust=crit.trust.describe(say.language)
        )
        label = say.criterion(crit.label)
        unit = protocol(result.kind).unit
        if crit.applies_to == "difference":
            met = crit.met_by(difference)
            checks.append(CriterionCheck(criterion=crit, difference_met=met))
            verdict = say(N_("within it")) if met else say(N_("more than that"))
            lines.append(
                say(
                    N_("{value} {unit} or less is {label} {cited}: yours is {difference} {unit}, {verdict}."),
                    value=say.num(crit.value),
                    unit=unit,
                    label=label,
                    cited=cited,
                    difference=say.num(difference),
                    verdict=verdict,
                )
            )
            continue
        left_met, right_met = crit.met_by(result.left), crit.met_by(result.right)
        checks.append(CriterionCheck(criterion=crit, left_met=left_met, right_met=right_met))
        if left_met and right_met:
            verdict = say(N_("both sides meet it"))
        elif not left_met and not right_met:
            verdict = say(N_("neither side meets it yet"))
        else:
            missing = Side.RIGHT if left_met else Side.LEFT
            verdict = say(N_("the {side} side does not meet it yet"), side=say.side(missing))
        lines.append(
            say(
                N_("{value} or more is {label} {cited}: {verdict}."),
                value=say.num(crit.value),
                label=label,
                cited=cited,
                verdict=verdict,
            )
        )
    return checks, lines


def _extra_lines(result: TestResult, say: _Say) -> list[str]:
    if result.kind is TestKind.HEEL_RAISE:
        return [
            say(
                N_(
                    "Between two tests, a change of {real} rises or more is real; a smaller one is within "
                    "measurement error ({source}). Counting rises flatters recovery, so rise as high as you "
                    "can every time."
                ),
                real=math.ceil(HEEL_RAISE_MDC_REPS),
                source=source("hebert-losier-2017").short,
            )
        ]
    if result.kind is TestKind.KNEE_TO_WALL:
        return [
            say(
                N_(
                    "That is about {left}° left and {right}° right of ankle bend ({source}, about {per_cm}° "
                    "per cm). A change of {mdc} cm or more between your own tests is a real change "
                    "({mdc_source})."
                ),
                left=f"{knee_to_wall_degrees(result.left):.0f}",
                right=f"{knee_to_wall_degrees(result.right):.0f}",
                source=source("bennell-1998").short,
                per_cm=say.num(KNEE_TO_WALL_DEG_PER_CM),
                mdc=say.num(KNEE_TO_WALL_MDC_CM),
                mdc_source=source("powden-2015").short,
            )
        ]
    if result.kind is TestKind.HOP_PAIN:
        worst = max(result.left, result.right)
        if worst <= MAX_HOP_PAIN:
            return [
                say(
                    N_("Pain is {pain}/10 or less on both sides, as the running gate asks."),
                    pain=MAX_HOP_PAIN,
                )
            ]
        above = [s for s, v in ((Side.LEFT, result.left), (Side.RIGHT, result.right)) if v > MAX_HOP_PAIN]
        if len(above) == 2:
            return [
                say(
                    N_("The running gate asks for {pain}/10 or less: the left and right are above."),
                    pain=MAX_HOP_PAIN,
                )
            ]
        return [
            say(
                N_("The running gate asks for {pain}/10 or less: the {side} is above."),
                pain=MAX_HOP_PAIN,
                side=say.side(above[0]),
            )
        ]
    return []


def interpret(
    result: TestResult, *, age: int | None, sex: Sex, language: str | None = None
) -> Interpretation:
    """Explain one test result: per-side values, symmetry, the fitting norm, and summary lines (written in
    `language`; the numbers the page shows stay figures)."""
    _check(result, age)
    say = _Say(language)
    kind = result.kind
    proto = protocol(kind)
    eyes_closed = result.eyes_closed and kind is TestKind.BALANCE
    difference = abs(result.left - result.right)
    lsi = None if kind is TestKind.HOP_PAIN else limb_symmetry_index(result.left, result.right)
    weaker = weaker_side(result.left, result.right, higher_is_better=proto.higher_is_better)
    norm = None if kind is TestKind.HOP_PAIN else norm_for(kind, age=age, sex=sex, eyes_closed=eyes_closed)

    label = say.words(proto.value_label)
    if kind is TestKind.BALANCE:
        label = say(N_("{label}, eyes closed") if eyes_closed else N_("{label}, eyes open"), label=label)
    lines: list[str] = []
    if kind is TestKind.HOP_PAIN:
        lines.append(
            say(
                N_("Pain on hopping: left {left}/10, right {right}/10."),
                left=say.num(result.left),
                right=say.num(result.right),
            )
        )
    else:
        lines.append(_symmetry_line(result, label, lsi, weaker, say))

    left_pct = right_pct = None
    if norm is not None:
        left_pct = result.left / norm.reference * 100.0
        right_pct = result.right / norm.reference * 100.0
        lines.append(_norm_line(norm, proto.unit, left_pct, right_pct, say))
    else:
        lines.append(_no_norm_line(kind, age=age, sex=sex, eyes_closed=eyes_closed, say=say))
    checks, criteria_lines = _criteria_checks(result, difference, say)
    lines.extend(criteria_lines)
    lines.extend(_extra_lines(result, say))

    return Interpretation(
        kind=kind,
        unit=proto.unit,
        left=result.left,
        right=result.right,
        eyes_closed=eyes_closed,
        difference=difference,
        lsi_pct=lsi,
        weaker_side=weaker,
        norm=norm,
        norm_source=None if norm is None else norm.cited.citation,
        left_pct_of_norm=left_pct,
        right_pct_of_norm=right_pct,
        criteria=tuple(checks),
        summary=tuple(lines),
    )
