"""Pain monitoring after Silbernagel et al. 2007: what pain means for the next dose of each activity.

Silbernagel KG, Thomeé R, Eriksson BI, Karlsson J. Continued sports activity, using a pain-monitoring model,
during rehabilitation in patients with Achilles tendinopathy. Am J Sports Med 2007;35(6):897-906.
Pain during activity may reach 5/10; pain after activity may reach 5/10 but must have settled by the next
morning; pain and stiffness must not rise from week to week; otherwise the load is reduced. The zones
0-2 "safe", 3-5 "acceptable", above 5 "too much" are how the model is commonly taught (secondary sources),
and holding progression in the acceptable zone is this app's convention, stated to the user.

Pain belongs to what caused it. A session's pain is laid on the exercises the person named (`pain_from`)
or, when none were named, on every exercise of the session but the stretches; it holds that activity until
the activity has been done again at an acceptable level, whatever other sessions come between. Morning pain
above the acceptable level, and morning pain rising week on week, hold every activity (the tissue is
irritated, whatever did it). Absolute limits apply as well as trends: a steady 7/10 is not "settled".

When pain keeps rising, does not settle twice, or stays above the acceptable level for about two weeks, the
coach refers the person to a physiotherapist and switches to relative rest (coach/safety.py). That rule is a
clinical convention (shared/EVIDENCE.md, "Safety"), not a study figure.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from enum import StrEnum
from statistics import fmean, median

from calfcoach.domain.base import Value
from calfcoach.domain.log import CheckIn, History, PerformedSession
from calfcoach.domain.messages import Kind, Message, Spec, define, define_coach_voice, joined
from calfcoach.domain.program import PainLimits
from calfcoach.i18n import N_, N_plural

# The words of the findings. {activity} is what the pain is laid on: "running", "walking", "stair work",
# an exercise's name or "the last session"; {day} the day it was done.
_TOO_MUCH_DURING = define(
    "pain.activity.too_much.during",
    N_(
        "{activity}: pain {worst}/10 during it on {day}, above the {limit}/10 the pain-monitoring model "
        "accepts: less of it until it is done at an acceptable level"
    ),
    activity=Kind.MESSAGE,
    worst=Kind.COUNT,
    day=Kind.DATE,
    limit=Kind.COUNT,
)
_TOO_MUCH_AFTER = define(
    "pain.activity.too_much.after",
    N_(
        "{activity}: pain {worst}/10 after it on {day}, above the {limit}/10 the pain-monitoring model "
        "accepts: less of it until it is done at an acceptable level"
    ),
    activity=Kind.MESSAGE,
    worst=Kind.COUNT,
    day=Kind.DATE,
    limit=Kind.COUNT,
)
_ACCEPTABLE_DURING = define(
    "pain.activity.acceptable.during",
    # TRANSLATORS: {limit} is the top of the safe zone (2/10 by default); above it pain is "acceptable".
    N_(
        "{activity}: pain {worst}/10 during it on {day} (acceptable, above {limit}/10): "
        "the same again until it is done with less pain"
    ),
    activity=Kind.MESSAGE,
    worst=Kind.COUNT,
    day=Kind.DATE,
    limit=Kind.COUNT,
)
_ACCEPTABLE_AFTER = define(
    "pain.activity.acceptable.after",
    # TRANSLATORS: {limit} is the top of the safe zone (2/10 by default); above it pain is "acceptable".
    N_(
        "{activity}: pain {worst}/10 after it on {day} (acceptable, above {limit}/10): "
        "the same again until it is done with less pain"
    ),
    activity=Kind.MESSAGE,
    worst=Kind.COUNT,
    day=Kind.DATE,
    limit=Kind.COUNT,
)
_UNSETTLED_MILD = define(
    "pain.activity.not_settled_mild",
    # TRANSLATORS: {usual} is the person's usual morning pain out of 10.
    N_("{activity}: morning pain {pain}/10 on {day} after it, above your usual {usual}/10: the same again"),
    activity=Kind.MESSAGE,
    pain=Kind.COUNT,
    day=Kind.DATE,
    usual=Kind.COUNT,
)
_UNSETTLED = define(
    "pain.activity.not_settled",
    # TRANSLATORS: {usual} is the person's usual morning pain out of 10.
    N_(
        "{activity}: morning pain {pain}/10 on {day} after it, above your usual {usual}/10: "
        "it had not settled, so less of it"
    ),
    activity=Kind.MESSAGE,
    pain=Kind.COUNT,
    day=Kind.DATE,
    usual=Kind.COUNT,
)
# The two that speak to the person, as their coach's dashboard says them.
define_coach_voice(
    _UNSETTLED_MILD,
    # TRANSLATORS: the coach's view of a client; {usual} is the client's usual morning pain out of 10.
    N_("{activity}: morning pain {pain}/10 on {day} after it, above their usual {usual}/10: the same again"),
)
define_coach_voice(
    _UNSETTLED,
    # TRANSLATORS: the coach's view of a client; {usual} is the client's usual morning pain out of 10.
    N_(
        "{activity}: morning pain {pain}/10 on {day} after it, above their usual {usual}/10: "
        "it had not settled, so less of it"
    ),
)
_LAST_SESSION = define("pain.activity.last_session", N_("the last session"))
_MORNING_TOO_MUCH = define(
    "pain.morning.too_much",
    N_(
        "morning pain {pain}/10 on {day}, above the {limit}/10 the pain-monitoring model accepts: "
        "every exercise is reduced"
    ),
    pain=Kind.COUNT,
    day=Kind.DATE,
    limit=Kind.COUNT,
)
_RISING = define(
    "pain.morning.rising",
    # TRANSLATORS: {before} and {after} are last week's and this week's mean morning pain out of 10.
    N_(
        "morning pain and stiffness are rising week on week ({before} -> {after} out of 10): "
        "every exercise is reduced"
    ),
    before=Spec(Kind.NUMBER, digits=1),
    after=Spec(Kind.NUMBER, digits=1),
)
_MEAN = define("pain.mean", "{mean}", mean=Spec(Kind.NUMBER, digits=1))
_REFER_RISING = define(
    "pain.refer.rising",
    # TRANSLATORS: {means} is the weekly mean morning pains, "2.0 -> 3.1 -> 4.2".
    N_plural(
        "morning pain has risen {weeks} week in a row ({means} out of 10)",
        "morning pain has risen {weeks} weeks in a row ({means} out of 10)",
    ),
    counted="weeks",
    weeks=Kind.COUNT,
    means=Kind.MESSAGE,
)
_REFER_UNSETTLED = define(
    "pain.refer.not_settled",
    N_plural(
        "pain had not settled by the next morning after {sessions} session in {days} days",
        "pain had not settled by the next morning after {sessions} sessions in {days} days",
    ),
    counted="sessions",
    sessions=Kind.COUNT,
    days=Kind.COUNT,
)
_REFER_ABOVE = define(
    "pain.refer.above_acceptable",
    N_plural(
        "morning pain has stayed above {limit}/10 for {days} days ({checkins} check-in)",
        "morning pain has stayed above {limit}/10 for {days} days ({checkins} check-ins)",
    ),
    counted="checkins",
    limit=Kind.COUNT,
    days=Kind.COUNT,
    checkins=Kind.COUNT,
)


class Action(StrEnum):
    PROGRESS = "progress"
    HOLD = "hold"
    REDUCE = "reduce"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Action.PROGRESS: 0, Action.HOLD: 1, Action.REDUCE: 2}


def most_severe(actions: Iterable[Action]) -> Action:
    """The most cautious of several findings: reduce beats hold beats progress."""
    return max(actions, key=lambda action: action.severity, default=Action.PROGRESS)


class Finding(Value):
    """One reason to hold or reduce: a stable code (for translation and tests), and its words."""

    action: Action
    code: str
    text: Message


class PainStatus(Value):
    action: Action
    findings: tuple[Finding, ...] = ()

    @property
    def reasons(self) -> tuple[Message, ...]:
        return tuple(f.text for f in self.findings)

    @property
    def flagged(self) -> bool:
        return self.action is not Action.PROGRESS


PROGRESS = PainStatus(action=Action.PROGRESS)


def _status(findings: list[Finding]) -> PainStatus:
    if not findings:
        return PROGRESS
    return PainStatus(action=most_severe(f.action for f in findings), findings=tuple(findings))


def combine(*statuses: PainStatus) -> PainStatus:
    """One status from several (an activity's own and the general one), each finding kept once."""
    findings: dict[Message, Finding] = {}
    for status in statuses:
        for finding in status.findings:
            findings.setdefault(finding.text, finding)
    return _status(list(findings.values()))


# --- Reading check-ins ---------------------------------------------------------------------------------


def morning_level(checkin: CheckIn) -> int:
    """What a morning says: pain or stiffness, whichever is worse (the model watches both)."""
    return max(checkin.morning_pain, checkin.stiffness)


def baseline_morning(history: History, session_day: dt.date, limits: PainLimits) -> int:
    """The person's usual morning before a session: the median of the mornings of the days before it.

    The morning of the session day itself counts (it precedes the session). A median, not the last
    morning, so one good or bad morning does not move the yardstick.
    """
    start = session_day - dt.timedelta(days=limits.baseline_days)
    mornings = [c.morning_pain for c in history.checkins_between(start, session_day + dt.timedelta(days=1))]
    return int(median(mornings)) if mornings else 0


def morning_after(history: History, session: PerformedSession, day: dt.date) -> CheckIn | None:
    """The check-in of the morning after the session (the next day, or the one after), before `day` ends."""
    end = min(session.day + dt.timedelta(days=3), day + dt.timedelta(days=1))
    after = history.checkins_between(session.day + dt.timedelta(days=1), end)
    return after[0] if after else None


def _week_mean(history: History, start: dt.date, end: dt.date) -> float | None:
    days = [morning_level(c) for c in history.checkins_between(start, end)]
    return fmean(days) if len(days) >= 2 else None


def weekly_means(history: History, day: dt.date, weeks: int, since: dt.date) -> list[float | None]:
    """Mean morning level of each of the last `weeks` weeks before `day` (oldest first), None if too few."""
    means: list[float | None] = []
    for back in range(weeks, 0, -1):
        start = max(since, day - dt.timedelta(days=7 * back))
        end = day - dt.timedelta(days=7 * (back - 1))
        means.append(_week_mean(history, start, end) if start < end else None)
    return means


# --- Pain tied to an activity ----------------------------------------------------------------------------


def pain_reaches(session: PerformedSession, exercise_id: str, is_stretch: Callable[[str], bool]) -> bool:
    """Whether the session's pain is laid on this exercise (named, or every non-stretch when none named)."""
    if session.pain_from:
        return exercise_id in session.pain_from
    return not is_stretch(exercise_id)


def pain_pointed(
    session: PerformedSession, exercise_ids: set[str], is_stretch: Callable[[str], bool]
) -> bool:
    """Whether the session's pain is laid on any of these exercises."""
    return any(pain_reaches(session, i, is_stretch) for i in exercise_ids)


def worst_pain(session: PerformedSession) -> tuple[int, str]:
    """The session's worst pain and when it was felt ("during" or "after")."""
    if session.pain_during >= session.pain_after:
        return session.pain_during, "during"
    return session.pain_after, "after"


def activity_status(
    history: History, day: dt.date, limits: PainLimits, last: PerformedSession | None, label: Message
) -> PainStatus:
    """What the last session that did this activity (`last`, with its pain laid on it) means for it today.

    The activity stays flagged until it is done again: other sessions in between change nothing here.
    """
    if last is None:
        return PROGRESS
    findings: list[Finding] = []
    worst, when = worst_pain(last)
    said = {"during": (_TOO_MUCH_DURING, _ACCEPTABLE_DURING), "after": (_TOO_MUCH_AFTER, _ACCEPTABLE_AFTER)}
    too_much, acceptable = said[when]
    if worst > limits.acceptable_max:
        findings.append(
            Finding(
                action=Action.REDUCE,
                code="activity_pain_too_much",
                text=too_much(activity=label, worst=worst, day=last.day, limit=limits.acceptable_max),
            )
        )
    elif worst > limits.safe_max:
        findings.append(
            Finding(
                action=Action.HOLD,
                code="activity_pain_acceptable",
                text=acceptable(activity=label, worst=worst, day=last.day, limit=limits.safe_max),
            )
        )
    morning = morning_after(history, last, day)
    if morning is not None:
        usual = baseline_morning(history, last.day, limits)
        if morning.morning_pain > usual:
            settled = morning.morning_pain <= limits.safe_max
            findings.append(
                Finding(
                    action=Action.HOLD if settled else Action.REDUCE,
                    code="activity_not_settled_mild" if settled else "activity_not_settled",
                    text=(_UNSETTLED_MILD if settled else _UNSETTLED)(
                        activity=label, pain=morning.morning_pain, day=morning.day, usual=usual
                    ),
                )
            )
    return _status(findings)


# --- Pain that holds everything ------------------------------------------------------------------------


def general_status(history: History, day: dt.date, limits: PainLimits, *, since: dt.date) -> PainStatus:
    """Morning pain above the acceptable level, or rising week on week: every activity holds or reduces.

    Only check-ins from `since` on count (the day after a clinician's clearance, or the beginning).
    """
    findings: list[Finding] = []
    recent = history.checkins_between(max(since, day - dt.timedelta(days=2)), day + dt.timedelta(days=1))
    if recent and recent[-1].morning_pain > limits.acceptable_max:
        latest = recent[-1]
        findings.append(
            Finding(
                action=Action.REDUCE,
                code="morning_pain_too_much",
                text=_MORNING_TOO_MUCH(pain=latest.morning_pain, day=latest.day, limit=limits.acceptable_max),
            )
        )
    last_week, this_week = weekly_means(history, day + dt.timedelta(days=1), 2, since)
    # A rise that stays within the safe zone (0-2 by default) is not acted on.
    if (
        this_week is not None
        and last_week is not None
        and this_week - last_week >= limits.week_on_week_rise
        and this_week > limits.safe_max
    ):
        findings.append(
            Finding(
                action=Action.REDUCE,
                code="morning_pain_rising",
                text=_RISING(before=last_week, after=this_week),
            )
        )
    return _status(findings)


# --- When to refer ---------------------------------------------------------------------------------------


def referral_triggers(
    history: History, day: dt.date, limits: PainLimits, *, since: dt.date
) -> tuple[Message, ...]:
    """Why, on `day`, pain calls for a physiotherapist: the reasons found (none: no referral that day).

    Reads only what happened from `since` (the day after the last clearance): a clinician has seen the rest.
    """
    rules = limits.referral
    reasons: list[Message] = []
    weekly = weekly_means(history, day + dt.timedelta(days=1), rules.rising_weeks + 1, since)
    means = [m for m in weekly if m is not None]
    if len(means) == len(weekly) and all(
        b - a >= limits.week_on_week_rise for a, b in itertools.pairwise(means)
    ):
        shown = joined((_MEAN(mean=m) for m in means), " -> ")
        reasons.append(_REFER_RISING(weeks=rules.rising_weeks, means=shown))
    window = max(since, day - dt.timedelta(days=rules.within_days - 1))
    unsettled = 0
    for session in history.sessions_between(window, day):
        morning = morning_after(history, session, day)
        if (
            morning is not None
            and morning.morning_pain > limits.safe_max
            and morning.morning_pain > baseline_morning(history, session.day, limits)
        ):
            unsettled += 1
    if unsettled >= rules.unsettled_sessions:
        reasons.append(_REFER_UNSETTLED(sessions=unsettled, days=rules.within_days))
    start = day - dt.timedelta(days=rules.above_acceptable_days - 1)
    if start >= since:
        mornings = history.checkins_between(start, day + dt.timedelta(days=1))
        # The check-ins must cover the window (from its first days to its last), not one end of it.
        spans = bool(mornings) and (mornings[0].day - start).days <= 3 and (day - mornings[-1].day).days <= 3
        if (
            len(mornings) >= rules.min_checkins
            and spans
            and all(c.morning_pain > limits.acceptable_max for c in mornings)
        ):
            reasons.append(
                _REFER_ABOVE(
                    limit=limits.acceptable_max, days=rules.above_acceptable_days, checkins=len(mornings)
                )
            )
    return tuple(reasons)


def pain_status(history: History, day: dt.date, limits: PainLimits) -> PainStatus:
    """The overall picture on `day`: the general rules and the last session's own pain, for every screen
    that shows one status (the check-in answer, the coach's dashboard). Prescriptions use the finer rules."""
    last = history.last_session_before(day)
    return combine(
        general_status(history, day, limits, since=dt.date.min),
        activity_status(history, day, limits, last, _LAST_SESSION()),
    )
