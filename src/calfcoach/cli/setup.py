"""`calfcoach init`: onboarding. Every prompt has a flag, so scripts can sign up without a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from calfcoach.i18n import N_

if TYPE_CHECKING:
    from calfcoach.domain.log import TestResult
    from calfcoach.domain.profile import Profile
    from calfcoach.services.views import ProfileChanged, ScreeningAdvice, SignedUp

WEEKDAYS_HELP = N_("Training days, e.g. mon,wed,fri.")


def init(
    name: str | None = typer.Option(None, "--name", help=N_("What to call you.")),
    start: str | None = typer.Option(
        None, "--start", metavar="YYYY-MM-DD", help=N_("First day (default today).")
    ),
    weekdays: str | None = typer.Option(None, "--weekdays", help=WEEKDAYS_HELP),
    minutes: int | None = typer.Option(None, "--minutes", min=10, max=180, help=N_("Minutes per session.")),
    equipment: str | None = typer.Option(
        None, "--equipment", help=N_("What you have, comma-separated (step,wall,chair,...), or 'none'.")
    ),
    goal: str | None = typer.Option(
        None, "--goal", help=N_("stronger_calves, start_running or achilles_rehab.")
    ),
    level: str | None = typer.Option(None, "--level", help=N_("beginner, intermediate or advanced.")),
    birth_year: int | None = typer.Option(None, "--birth-year", help=N_("For age-matched norms.")),
    sex: str | None = typer.Option(None, "--sex", help=N_("female, male or unspecified (for norms).")),
    program: str | None = typer.Option(None, "--program", help=N_("Program id (`calfcoach program list`).")),
    units: str = typer.Option(
        "metric", "--units", metavar="metric|imperial", help=N_("km, km/h and kg, or miles, mph and lb.")
    ),
    load_units: str | None = typer.Option(
        None,
        "--load-units",
        metavar="kg|lb",
        help=N_("Loads in kg or lb whatever --units (default: as --units)."),
    ),
    time_zone: str | None = typer.Option(
        None,
        "--time-zone",
        metavar="ZONE",
        help=N_("Your IANA time zone (Europe/Berlin): which day is your today (default: this machine's)."),
    ),
    language: str | None = typer.Option(
        None,
        "--language",
        metavar="en|de",
        help=N_("The language you read CalfCoach in (default: LANG, this machine's)."),
    ),
    answers: list[str] = typer.Option(
        [], "--answer", metavar="ID=yes|no", help=N_("A screening answer; repeat for each question.")
    ),
    all_no: bool = typer.Option(
        False, "--all-no", help=N_("Answer 'no' to every screening question not given.")
    ),
    heel_raise: str | None = typer.Option(
        None, "--heel-raise", metavar="LEFT:RIGHT", help=N_("Baseline heel-rise test result (reps each leg).")
    ),
    skip_test: bool = typer.Option(False, "--skip-test", help=N_("Skip the baseline test for now.")),
    no_input: bool = typer.Option(
        False, "--no-input", help=N_("Never prompt; use defaults for what is not given.")
    ),
    update: bool = typer.Option(False, "--update", help=N_("Change the existing profile (history is kept).")),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.common import console
        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import now
        from calfcoach.services.onboarding import screening_advice

        ask = not no_input
        given_profile = {
            "name": name,
            "start": start,
            "weekdays": weekdays,
            "minutes": minutes,
            "equipment": equipment,
            "goal": goal,
            "level": level,
            "birth_year": birth_year,
            "sex": sex,
            "program": program,
            "units": units,
            "load_units": load_units,
            "time_zone": time_zone,
            "language": language,
        }
        profile = _profile(given_profile, ask=ask)
        with open_db(create=not update) as store:
            if update:
                from calfcoach.services.onboarding import change_profile

                changed = change_profile(store, profile)
                from calfcoach.cli.database import after_write

                after_write()
                _done(changed, as_json)
                return
            given = ask_screening(answers, all_no=all_no, ask=ask)
            flagged = screening_advice(given)
            if not as_json:
                print_advice(flagged)
            # Safety first: after any "yes" the test is not offered; one given as a flag was already done.
            skip = skip_test or (bool(flagged) and heel_raise is None)
            if skip and flagged and not skip_test and not as_json:
                from calfcoach.cli.words import _

                console().print(
                    _(
                        "The baseline heel-rise test is left for later: once cleared, run "
                        "[bold]calfcoach test heel-raise[/]."
                    )
                )
            baseline = _baseline(heel_raise, skip=skip, ask=ask)
            from calfcoach.services.onboarding import sign_up

            result = sign_up(store, profile, given, baseline=baseline, now=now())
        from calfcoach.cli.database import after_write

        after_write()
        _done(result, as_json)

    run()


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(" ", ",").split(",") if part.strip()]


def _profile(given: dict[str, Any], *, ask: bool) -> Profile:
    from calfcoach.cli.options import parse_day
    from calfcoach.cli.words import _
    from calfcoach.domain.profile import Profile

    values = dict(given)
    defaults = {
        "name": "me",
        "weekdays": "mon,wed,fri",
        "minutes": 30,
        "equipment": "step,wall,chair",
        "goal": "start_running",
        "level": "beginner",
        "sex": "unspecified",
    }
    # The answers stay the codes the options take (mon, step, start_running): only the questions are said.
    questions = {
        "name": _("Your name"),
        "weekdays": _("Training days (mon..sun, comma-separated)"),
        "minutes": _("Minutes per session"),
        "equipment": _(
            "Equipment you have (step, wall, chair, step_box, ankle_weights, treadmill, ...; none)"
        ),
        "goal": _("Goal (stronger_calves, start_running, achilles_rehab)"),
        "level": _("Level (beginner, intermediate, advanced)"),
        "sex": _("Sex, for test norms (female, male, unspecified)"),
    }
    for key, default in defaults.items():
        if values[key] is None:
            values[key] = typer.prompt(questions[key], default=default) if ask else default
    if values["birth_year"] is None and ask:
        year = typer.prompt(
            _("Birth year, for age-matched norms (blank to skip)"), default="", show_default=False
        )
        values["birth_year"] = int(year) if str(year).strip().isdigit() else None
    equipment = [] if str(values["equipment"]).strip().lower() == "none" else _split(str(values["equipment"]))
    data: dict[str, Any] = {
        "name": values["name"],
        "start_date": parse_day(values["start"], "--start"),
        "weekdays": _split(str(values["weekdays"])),
        "minutes_per_session": int(values["minutes"]),
        "equipment": equipment,
        "goal": values["goal"],
        "level": values["level"],
        "sex": values["sex"],
        "birth_year": values["birth_year"],
        "units": str(values["units"]).strip().lower(),
        "load_units": None if values["load_units"] is None else str(values["load_units"]).strip().lower(),
    }
    if values["program"] is None and ask:
        values["program"] = _ask_program()
    if values["program"]:
        data["program_id"] = values["program"]
    if values["time_zone"]:
        data["time_zone"] = str(values["time_zone"]).strip()
    if values.get("language"):
        data["language"] = str(values["language"]).strip().lower()
    return Profile.model_validate(data)


def _ask_program() -> str:
    from calfcoach.cli.common import console
    from calfcoach.cli.words import _
    from calfcoach.domain.profile import Profile
    from calfcoach.library.programs import load_programs

    programs = load_programs()
    default = Profile.model_fields["program_id"].default
    console().print(_("Programs:"))
    for program in programs.values():
        console().print(f"  [bold]{program.id}[/]: {program.name}")
    chosen: str = typer.prompt(_("Program"), default=default)
    return chosen


def ask_screening(given: list[str], *, all_no: bool, ask: bool) -> dict[str, bool]:
    """The screening answers: each `--answer ID=yes|no`, then 'no' for the rest (`--all-no`), else asked."""
    from calfcoach.cli.common import console
    from calfcoach.cli.words import _, language
    from calfcoach.domain.errors import InputError
    from calfcoach.library.screening import questionnaire_in
    from calfcoach.services.onboarding import screening_questions

    answers: dict[str, bool] = {}
    for text in given:
        key, _sep, value = text.partition("=")
        if value.strip().lower() not in ("yes", "no", "y", "n", "true", "false"):
            raise InputError(_("{text} is not ID=yes or ID=no", text=repr(text)), where="--answer")
        answers[key.strip()] = value.strip().lower() in ("yes", "y", "true")
    questions = screening_questions()
    if ask and any(q.id not in answers for q in questions) and not all_no:
        console().print(_("[bold]Before you start[/] (answer honestly; any 'yes' brings advice):"))
    said = {q.id: q.text for q in questionnaire_in(language()).questions}
    for question in questions:
        if question.id in answers:
            continue
        if all_no:
            answers[question.id] = False
        elif ask:
            answers[question.id] = typer.confirm(said.get(question.id, question.text), default=False)
    return answers


def _baseline(text: str | None, *, skip: bool, ask: bool) -> TestResult | None:
    from calfcoach.cli.common import console
    from calfcoach.cli.options import today
    from calfcoach.cli.words import _
    from calfcoach.domain.errors import InputError
    from calfcoach.domain.log import TestKind, TestResult

    if skip or (text is None and not ask):
        return None
    if text is None:
        from calfcoach.cli.selftest import print_protocol, protocol_said

        console().print("\n" + _("[bold]Baseline: the single-leg heel-rise test[/]"))
        print_protocol(protocol_said(TestKind.HEEL_RAISE))
        text = typer.prompt(_("Result as LEFT:RIGHT reps, or 'skip'"), default="skip")
        if text.strip().lower() == "skip":
            return None
    left, _sep, right = text.partition(":")
    try:
        reps = (float(left), float(right))
    except ValueError:
        raise InputError(
            _("{text} is not LEFT:RIGHT", text=repr(text)), where="--heel-raise", hint=_("e.g. 18:21")
        ) from None
    return TestResult(day=today(), kind=TestKind.HEEL_RAISE, left=reps[0], right=reps[1])


def print_advice(flagged: list[ScreeningAdvice]) -> None:
    """Print the advice for every "yes" at once, urgent ones in red, before anything else is asked."""
    from calfcoach.cli.common import console
    from calfcoach.cli.words import _, language
    from calfcoach.library.screening import questionnaire_in

    out = console()
    said = {q.id: q.advice for q in questionnaire_in(language()).questions}
    for flag in flagged:
        advice = said.get(flag.id, flag.advice)
        if flag.urgent:
            out.print("[bold red]" + _("Seek care today:") + f"[/] [red]{advice}[/]")
        else:
            out.print("[yellow]" + _("Before you start:") + f"[/] {advice}")


def _done(result: SignedUp | ProfileChanged, as_json: bool) -> None:
    from calfcoach import MEDICAL_DISCLAIMER
    from calfcoach.cli.common import console, emit_json
    from calfcoach.cli.database import speak
    from calfcoach.cli.words import _
    from calfcoach.services.views import SignedUp

    if as_json:
        emit_json(result.model_dump(mode="json"))
        return
    if result.profile.language:
        speak(result.profile.language)  # the language just chosen, from the first words after choosing it
    out = console()
    if not isinstance(result, SignedUp):
        out.print(_("[green]Profile updated.[/] Your history is kept."))
        return
    if result.screening.clear:
        out.print(_("[green]Screening clear.[/]"))
    if result.baseline is not None:
        out.print("\n" + _("[bold]Baseline heel-rise test[/]"))
        for line in result.baseline.summary:
            out.print(f"  {line}")
    out.print(
        "\n"
        + _(
            "[green]All set, {name}.[/] Run [bold]calfcoach today[/] to see your first session.",
            name=result.profile.name,
        )
    )
    out.print(f"[dim]{_(MEDICAL_DISCLAIMER)}[/]")


def register(app: typer.Typer) -> None:
    app.command(
        "init",
        help=N_(
            "Set up: your profile, goal, days, minutes, equipment and program; the screening; a "
            "baseline test."
        ),
    )(init)
