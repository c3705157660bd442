"""Pain monitoring after Silbernagel et al. 2007: what pain means for the next session's load.

Silbernagel KG, Thomeé R, Eriksson BI, Karlsson J. Continued sports activity, using a pain-monitoring model,
during rehabilitation in patients with Achilles tendinopathy. Am J Sports Med 2007;35(6):897-906.
Pain during activity may reach 5/10; pain after activity may reach 5/10 but must have settled by the next
morning; pain and stiffness must not rise from week to week; otherwise the load is reduced. The zones
0-2 "safe", 3-5 "acceptable", above 5 "too much" are how the model is commonly taught (secondary sources),
and holding progression in the acceptable zone is this app's convention, stated to the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from statistics import fmean

from calfcoach.domain.base import Value
from calfcoach.domain.log import CheckIn, History, PerformedSession
from calfcoach.domain.program import PainLimits


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
    return max(actions, key=lambda action: action.severity)


WEEK_ON_WEEK_RISE = 1.0  # points on the 0-10 scale, averaged over a week of check-ins


class PainStatus(Value):
    action: Action
    reasons: tuple[str, ...]

    @property
    def flagged(self) -> bool:
        return self.action is not Action.PROGRESS


def _last_session_before(history: History, day: dt.date) -> PerformedSession | None:
    earlier = history.sessions_between(dt.date.min, day)
    return earlier[-1] if earlier else None


def _morning_after(history: History, session: PerformedSession, day: dt.date) -> CheckIn | None:
    after = history.checkins_between(session.day + dt.timedelta(days=1), day + dt.timedelta(days=1))
    return after[0] if after else None


def _baseline_morning(history: History, session: PerformedSession) -> int:
    before = history.checkins_between(dt.date.min, session.day + dt.timedelta(days=1))
    return before[-1].morning_pain if before else 0


def _week_mean(history: History, start: dt.date, end: dt.date) -> float | None:
    days = [max(c.morning_pain, c.stiffness) for c in history.checkins_between(start, end)]
    return fmean(days) if len(days) >= 2 else None


def pain_status(history: History, day: dt.date, limits: PainLimits) -> PainStatus:
    """Decide whether the session on `day` may progress, must hold, or must be reduced."""
    findings: list[tuple[Action, str]] = []
    last = _last_session_before(history, day)
    if last is not None:
        worst = max(last.pain_during, last.pain_after)
        when = "during" if last.pain_during >= last.pain_after else "after"
        if worst > limits.acceptable_max:
            findings.append(
                (
                    Action.REDUCE,
                    f"pain {when} the last session was {worst}/10, above the {limits.acceptable_max}/10 "
                    "the pain-monitoring model accepts: the load goes down",
                )
            )
        elif worst > limits.safe_max:
            findings.append(
                (
                    Action.HOLD,
                    f"pain {when} the last session was {worst}/10 (acceptable, but above "
                    f"{limits.safe_max}/10): same load again until it settles",
                )
            )
        morning = _morning_after(history, last, day)
        if morning is not None:
            baseline = _baseline_morning(history, last)
            if morning.morning_pain > baseline and morning.morning_pain > limits.safe_max:
                findings.append(
                    (
                        Action.REDUCE,
                        f"pain had not settled by the next morning ({morning.morning_pain}/10, "
                        f"was {baseline}/10 before the session): the load goes down",
                    )
                )
            elif morning.morning_pain > baseline:
                findings.append(
                    (
                        Action.HOLD,
                        f"a little more morning pain than before ({morning.morning_pain}/10 vs "
                        f"{baseline}/10): same load again",
                    )
                )
    this_week = _week_mean(history, day - dt.timedelta(days=7), day)
    last_week = _week_mean(history, day - dt.timedelta(days=14), day - dt.timedelta(days=7))
    if this_week is not None and last_week is not None and this_week - last_week >= WEEK_ON_WEEK_RISE:
        findings.append(
            (
                Action.REDUCE,
                f"morning pain and stiffness are rising week on week ({last_week:.1f} -> {this_week:.1f}): "
                "the load goes down",
            )
        )
    if not findings:
        return PainStatus(action=Action.PROGRESS, reasons=())
    action = most_severe(a for a, _ in findings)
    return PainStatus(action=action, reasons=tuple(text for _, text in findings))
