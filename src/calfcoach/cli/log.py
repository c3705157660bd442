"""`calfcoach log` (a session done elsewhere) and `calfcoach checkin` (next-morning pain and stiffness)."""

from __future__ import annotations

import re
from typing import Any

import typer

from calfcoach.cli.options import finite
from calfcoach.domain.units import LoadUnit
from calfcoach.i18n import N_

SET_PATTERN = re.compile(
    r"^(?P<id>[^:]+):(?P<amount>-?\d+(?:\.\d+)?)(?P<hold>s)?(?:x(?P<sets>-?\d+))?"
    r"(?:@(?P<load>-?\d+(?:\.\d+)?)(?P<load_unit>kg|lbs?)?)?(?::(?P<side>left|right|each|both))?$"
)
DURATION_UNITS_S = {"s": 1.0, "sec": 1.0, "min": 60.0, "h": 3600.0}
SET_HELP = N_(
    "ID:REPSxSETS, optionally @LOAD (@5kg, @10lb; a bare number is in your load unit) and :left, :right or "
    ":each; ID:SECONDSsxSETS for holds. Repeatable."
)
CARDIO_HELP = N_(
    "ID:20min, optionally :5.4kmh or :3.2mph, :3% :L5, :1.8km or :1.1mi, :140bpm, :run600s (running time). "
    "Repeatable."
)
PAIN_SITES = ("calf", "achilles", "shin", "foot", "knee", "other")  # domain.log.PainSite (a test checks)


def parse_set(text: str, load_unit: LoadUnit = LoadUnit.KG) -> list[dict[str, Any]]:
    """Turn one --set value into set-log fields: one entry per set (per side when 'each'); a load without
    its unit is in `load_unit`, the person's."""
    from calfcoach.cli.words import _
    from calfcoach.domain.errors import InputError
    from calfcoach.domain.units import load_kg_of

    found = SET_PATTERN.match(text.strip())
    if found is None:
        raise InputError(
            _("{text} is not a set", text=repr(text)),
            where="--set",
            hint=_("write e.g. calf-raise-step:12x3@5"),
        )
    amount = float(found["amount"])
    sets = int(found["sets"] or 1)
    if sets < 1 or sets > 20:
        raise InputError(
            _("{text}: sets must be 1 to 20, got {sets}", text=repr(text), sets=sets), where="--set"
        )
    unit = load_unit if found["load_unit"] is None else LoadUnit(found["load_unit"][:2])
    load_kg = load_kg_of(float(found["load"] or 0), unit)
    side = found["side"] or "both"
    sides = ["left", "right"] if side == "each" else [side]
    measure: dict[str, Any] = {"hold_s": amount} if found["hold"] else {"reps": _whole(amount, text)}
    return [
        {
            "exercise_id": found["id"].strip(),
            "set_index": index,
            "side": one_side,
            "load_kg": load_kg,
            **measure,
        }
        for index in range(sets)
        for one_side in sides
    ]


def _whole(amount: float, text: str) -> int:
    from calfcoach.cli.words import _
    from calfcoach.domain.errors import InputError

    if amount != int(amount):
        raise InputError(_("{text}: reps must be a whole number", text=repr(text)), where="--set")
    return int(amount)


def parse_cardio(text: str) -> dict[str, Any]:
    """Turn one --cardio value into cardio-log fields."""
    from calfcoach.cli.words import _
    from calfcoach.domain.errors import InputError
    from calfcoach.domain.units import SPEED_UNITS, distance_m_of, speed_kmh_of

    exercise_id, _sep, rest = text.strip().partition(":")
    fields: dict[str, Any] = {"exercise_id": exercise_id.strip()}
    for part in (p.strip().lower() for p in rest.split(":") if p.strip()):
        number = re.match(r"^(-?\d+(?:\.\d+)?)([a-z%]*)$", part)
        level = re.match(r"^l(\d+)$", part)
        if level:
            fields["level"] = int(level[1])
        elif number and number[2] in DURATION_UNITS_S:
            fields["duration_s"] = float(number[1]) * DURATION_UNITS_S[number[2]]
        elif number and number[2] in SPEED_UNITS:
            fields["avg_speed_kmh"] = speed_kmh_of(float(number[1]), number[2])
        elif number and number[2] == "%":
            fields["grade_pct"] = float(number[1])
        elif number and number[2] in ("km", "m", "mi"):
            fields["distance_m"] = distance_m_of(float(number[1]), number[2])
        elif number and number[2] == "bpm":
            fields["avg_hr_bpm"] = int(float(number[1]))
        elif part.startswith("run") and re.match(r"^run\d+s$", part):
            fields["running_s"] = float(part[3:-1])
        else:
            raise InputError(
                _("{text}: cannot read {part}", text=repr(text), part=repr(part)),
                where="--cardio",
                hint=_(CARDIO_HELP),
            )
    if "duration_s" not in fields:
        raise InputError(
            _("{text} has no duration", text=repr(text)), where="--cardio", hint=_("add e.g. :20min")
        )
    return fields


def log(
    sets: list[str] = typer.Option([], "--set", help=SET_HELP),
    cardio: list[str] = typer.Option([], "--cardio", help=CARDIO_HELP),
    rpe: float | None = typer.Option(
        None, "--rpe", parser=finite(), help=N_("How hard it was overall, 0-10 (Borg CR10).")
    ),
    pain_during: int = typer.Option(0, "--pain-during", help=N_("Worst pain during, 0-10.")),
    pain_after: int = typer.Option(0, "--pain-after", help=N_("Pain right after, 0-10.")),
    pain_from: list[str] = typer.Option(
        [],
        "--pain-from",
        metavar="EXERCISE_ID",
        help=N_("An exercise of this session that caused the pain (default: all but stretches). Repeatable."),
    ),
    pain_site: str | None = typer.Option(
        None, "--pain-site", metavar="|".join(PAIN_SITES), help=N_("Where it hurt.")
    ),
    when: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=N_("When (default today).")),
    notes: str = typer.Option("", "--notes", help=N_("Anything worth remembering.")),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import parse_day, today
        from calfcoach.cli.words import _, day, ngettext, number
        from calfcoach.domain.errors import InputError
        from calfcoach.domain.log import CardioLog, PainSite, SetLog
        from calfcoach.services.athletes import local_units
        from calfcoach.services.entries import log_done
        from calfcoach.services.history import session_summary

        cardio_logs = [CardioLog.model_validate(parse_cardio(text)) for text in cardio]
        site = None if pain_site is None else pain_site.strip().lower()
        if site is not None and site not in PAIN_SITES:
            raise InputError(
                _("{site} is not a place", site=repr(pain_site)),
                where="--pain-site",
                hint=", ".join(PAIN_SITES),
            )
        with open_db() as store:
            load_unit = local_units(store).load
            set_logs = [SetLog.model_validate(f) for text in sets for f in parse_set(text, load_unit)]
            session = log_done(
                store,
                day=parse_day(when, "--date"),
                sets=set_logs,
                cardio=cardio_logs,
                today=today(),
                rpe=rpe,
                pain_during=pain_during,
                pain_after=pain_after,
                pain_from=tuple(p.strip() for p in pain_from),
                pain_site=None if site is None else PainSite(site),
                notes=notes,
            )
        from calfcoach.cli.database import after_write

        after_write()
        summary = session_summary(session)
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(summary.model_dump(mode="json"))
            return
        from calfcoach.cli.common import console

        console().print(
            _(
                "[green]Logged[/] {day}: {sets}, {reps} reps, {minutes} min cardio ({session}).",
                day=day(summary.day),
                sets=ngettext("{n} set", "{n} sets", summary.sets),
                reps=summary.reps,
                minutes=number(summary.cardio_min),
                session=summary.template_id,
            )
        )

    run()


def checkin(
    pain: int | None = typer.Option(None, "--pain", help=N_("Calf or Achilles pain this morning, 0-10.")),
    stiffness: int | None = typer.Option(None, "--stiffness", help=N_("Morning stiffness, 0-10.")),
    day: str | None = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help=N_("Which morning (default today).")
    ),
    symptoms: list[str] = typer.Option(
        [],
        "--symptom",
        metavar="ID",
        help=N_(
            "A check-in symptom you have (calf-swelling, night-pain, ...); repeatable; asked if not given."
        ),
    ),
    notes: str = typer.Option("", "--notes", help=N_("Anything worth remembering.")),
    no_input: bool = typer.Option(False, "--no-input", help=N_("Never prompt; --pain is required.")),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import now, parse_day
        from calfcoach.cli.words import _, language
        from calfcoach.cli.words import day as said_day
        from calfcoach.domain.errors import InputError
        from calfcoach.domain.log import CheckIn
        from calfcoach.services.checkins import morning_check_in

        morning_pain, stiff = pain, stiffness
        if morning_pain is None:
            if no_input:
                raise InputError(_("--pain is needed"), where="checkin", hint=_("0 is no pain, 10 the worst"))
            morning_pain = typer.prompt(_("Pain this morning (0-10)"), type=int)
        if stiff is None:
            stiff = 0 if no_input else typer.prompt(_("Stiffness this morning (0-10)"), type=int, default=0)
        said = tuple(s.strip() for s in symptoms) if symptoms or no_input else _ask_symptoms()
        entry = CheckIn(
            day=parse_day(day, "--date"),
            morning_pain=morning_pain,
            stiffness=stiff,
            symptoms=said,
            notes=notes,
        )
        with open_db() as store:
            moment = now()  # one reading: the day it counts on and the instant it was recorded
            answer = morning_check_in(store, entry, today=moment.date(), now=moment, language=language())
        from calfcoach.cli.database import after_write

        after_write()
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(answer.model_dump(mode="json"))
            return
        from calfcoach.cli.common import console
        from calfcoach.cli.safety import print_safety

        console().print(
            _(
                "[green]Checked in[/] for {day}: pain {pain}/10, stiffness {stiffness}/10.",
                day=said_day(answer.day),
                pain=morning_pain,
                stiffness=stiff,
            )
        )
        # First: a symptom that stops training outweighs the pain rule.
        print_safety(answer.safety.model_dump(mode="json"))
        for reason in answer.pain.reasons:
            console().print(f"  [yellow]•[/] {reason}")

    run()


def _ask_symptoms() -> tuple[str, ...]:
    """Ask each check-in symptom question yes or no (default no); return the ids answered yes."""
    from calfcoach.cli.common import console
    from calfcoach.cli.words import _, language
    from calfcoach.library.screening import questionnaire_in

    console().print(
        _("[bold]Since yesterday[/] (answer honestly: a 'yes' can stop training until you're seen)")
    )
    return tuple(
        question.id
        for question in questionnaire_in(language()).checkin
        if typer.confirm(question.text, default=False)
    )


def register(app: typer.Typer) -> None:
    app.command(
        "log",
        help=N_(
            "Log a session done elsewhere: its sets and cardio, how hard it was and any pain; one "
            "transaction."
        ),
    )(log)
    app.command(
        "checkin",
        help=N_(
            "Record the next-morning check-in: pain, stiffness and symptoms, which steer the next session."
        ),
    )(checkin)
