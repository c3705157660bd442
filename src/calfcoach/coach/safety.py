"""Whether a person may train on a day, and how: stop, relative rest with a referral, cautious, or as planned.

Red flags (coach/redflags.py) and pain that calls for a physiotherapist (coach/pain.py) are joined here, so
every shell (the CLI's `today`, the web Today page, the API, the coach's dashboard) tells the same story.
"""

from __future__ import annotations

import datetime as dt

from calfcoach.coach.pain import referral_triggers
from calfcoach.coach.redflags import OpenFlag, last_clearance, open_red_flags
from calfcoach.domain.base import Value
from calfcoach.domain.log import History
from calfcoach.domain.messages import Kind, Message, define, define_coach_voice, joined
from calfcoach.domain.program import PainLimits
from calfcoach.domain.screening import FlagLevel, Questionnaire
from calfcoach.i18n import N_

_STOP = define(
    "safety.stop",
    N_(
        "Do not train until a doctor has seen you. When they have cleared you, record it "
        '(`calfcoach cleared --by WHO`, or "I have been cleared" on the Today page) and the coach starts '
        "again."
    ),
)
STOP_ADVICE = _STOP()
_REFER = define(
    "safety.refer",
    N_(
        "See a physiotherapist (or your doctor) about this pain. Until they have seen you, the coach keeps "
        "to relative rest: gentle exercises that keep you moving without loading the sore part. Record their "
        "clearance when you have it."
    ),
)
REFER_ADVICE = _REFER()
_CAUTION = define(
    "safety.caution",
    N_(
        "You answered yes to a screening question: CalfCoach starts you at beginner doses until you record "
        "that a doctor or physiotherapist has cleared you."
    ),
)
CAUTION_ADVICE = _CAUTION()
# The same, as the person's coach reads it on the dashboard.
define_coach_voice(
    _STOP,
    N_("Must not train until a doctor has seen them. CalfCoach starts again when they record the clearance."),
)
define_coach_voice(
    _REFER,
    N_(
        "To see a physiotherapist (or their doctor) about this pain. Until then CalfCoach keeps them to "
        "relative rest: gentle exercises that keep them moving without loading the sore part."
    ),
)
define_coach_voice(
    _CAUTION,
    N_(
        "Answered yes to a screening question: CalfCoach starts them at beginner doses until they record "
        "that a doctor or physiotherapist has cleared them."
    ),
)
_SEE_PHYSIO = define(
    "safety.pain_referral",
    # TRANSLATORS: {reasons} lists why pain calls for a physiotherapist, separated by semicolons.
    N_("See a physiotherapist: {reasons}."),
    reasons=Kind.MESSAGE,
)


class SafetyStatus(Value):
    """What holds for training on a day, with the open flags behind it and what to do."""

    stop: bool
    refer: bool
    caution: bool
    flags: tuple[OpenFlag, ...] = ()
    cleared_on: dt.date | None = None

    @property
    def mode(self) -> str:
        if self.stop:
            return "stop"
        if self.refer:
            return "relative_rest"
        if self.caution:
            return "cautious"
        return "train"

    @property
    def advice(self) -> tuple[Message, ...]:
        """What to do, in the person's words: each flag's own advice, then what the coach does meanwhile."""
        texts = list(dict.fromkeys(f.advice for f in self.flags))
        if self.stop:
            texts.append(STOP_ADVICE)
        elif self.refer:
            texts.append(REFER_ADVICE)
        elif self.caution:
            texts.append(CAUTION_ADVICE)
        return tuple(texts)


def pain_referral(history: History, day: dt.date, limits: PainLimits) -> OpenFlag | None:
    """A referral raised by pain on any of the last `hold_days` days since the last clearance, or None.

    Relative rest lasts `hold_days` after the last day a trigger held, so a few better mornings under
    relative rest do not send the person straight back to the load that hurt them.
    """
    cleared = last_clearance(history, day)
    since = dt.date.min if cleared is None else cleared + dt.timedelta(days=1)
    first: dt.date | None = None
    reasons: tuple[Message, ...] = ()
    for back in range(limits.referral.hold_days, -1, -1):
        on = day - dt.timedelta(days=back)
        if on < since:
            continue
        found = referral_triggers(history, on, limits, since=since)
        if found:
            first = first or on
            reasons = found
    if first is None:
        return None
    return OpenFlag(
        id="pain-referral",
        level=FlagLevel.REFER,
        source="pain",
        since=first,
        advice=_SEE_PHYSIO(reasons=joined(reasons)),
    )


def safety_status(
    history: History, day: dt.date, questionnaire: Questionnaire, limits: PainLimits
) -> SafetyStatus:
    """The safety picture on `day`: open red flags, any pain referral, and the mode they put training in."""
    flags = list(open_red_flags(history, day, questionnaire))
    referral = pain_referral(history, day, limits)
    if referral is not None:
        flags.append(referral)
    levels = {f.level for f in flags}
    return SafetyStatus(
        stop=FlagLevel.URGENT in levels,
        refer=FlagLevel.REFER in levels,
        caution=FlagLevel.CAUTION in levels,
        flags=tuple(flags),
        cleared_on=last_clearance(history, day),
    )
