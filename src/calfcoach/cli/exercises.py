"""`calfcoach exercises`: list the exercise library, or show one exercise in full."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from calfcoach.i18n import N_

if TYPE_CHECKING:  # imported lazily at run time: start-up speed
    from calfcoach.domain.exercise import Category, Equipment, Exercise, Muscle
    from calfcoach.library.catalog import Catalog

NO_EQUIPMENT = "none"
WIDE_TABLE_COLUMNS = 110


def register(app: typer.Typer) -> None:
    """Add the `exercises` command to the app."""

    @app.command(
        "exercises",
        help=N_("List the exercises of the library, or show one with its cues, dose and sources."),
    )
    def exercises(
        exercise_id: Annotated[
            str | None,
            typer.Argument(
                metavar="ID", help=N_("Show one exercise in full, e.g. calf-raise-step."), show_default=False
            ),
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help=N_("Print JSON for scripts (see docs/cli.md)."))
        ] = False,
        muscle: Annotated[
            str | None,
            typer.Option(
                "--muscle", "-m", help=N_("List only exercises with this primary muscle, e.g. soleus.")
            ),
        ] = None,
        equipment: Annotated[
            list[str] | None,
            typer.Option(
                "--equipment",
                "-e",
                help=N_(
                    "Equipment you have (repeat for each; 'none' for nothing). The list keeps what you can "
                    "do; with an ID, shows what to do instead when something is missing."
                ),
            ),
        ] = None,
    ) -> None:
        run(exercise_id, as_json=as_json, muscle=muscle, equipment=equipment)


def _fail(message: str) -> typer.Exit:
    from calfcoach.cli.words import _

    typer.echo(_("Error: {message}", message=message), err=True)
    return typer.Exit(2)


def run(exercise_id: str | None, *, as_json: bool, muscle: str | None, equipment: list[str] | None) -> None:
    """Do the work of the command: parse the options, load the library, print."""
    from calfcoach.cli.words import _, language
    from calfcoach.domain.errors import DataFileError, NotFoundError
    from calfcoach.domain.exercise import Muscle
    from calfcoach.library.catalog import load_catalog
    from calfcoach.library.translations import catalog_in
    from calfcoach.services.render import said

    wanted_muscle = _parse_choice("muscle", muscle, Muscle) if muscle is not None else None
    available = _parse_equipment(equipment) if equipment is not None else None
    if exercise_id is not None and wanted_muscle is not None:
        raise _fail(_("--muscle filters the list; leave it out when you name an exercise"))
    try:
        # On screen the exercises' texts in the person's language; JSON stays the library's own (English).
        catalog = load_catalog() if as_json else catalog_in(language())
    except DataFileError as error:
        raise _fail(_("the exercise library failed to load:") + f"\n{error}") from None
    if exercise_id is None:
        _show_list(catalog, wanted_muscle, available, as_json=as_json)
        return
    try:
        exercise = catalog.get(exercise_id)
        resolved = None
        if available is not None:
            do, why = catalog.resolve_for_equipment(exercise.id, available)
            resolved = (do, None if why is None else said(why, language=language()))
    except NotFoundError as error:
        raise _fail(str(error)) from None
    _show_one(exercise, resolved, as_json=as_json)


def _parse_choice(option: str, value: str, kind: type[Muscle] | type[Equipment]) -> Any:
    from calfcoach.cli.words import _
    from calfcoach.library.files import did_you_mean

    choices = [member.value for member in kind]
    normalised = value.strip().lower().replace("-", "_").replace(" ", "_")
    if normalised in choices:
        return kind(normalised)
    hint = did_you_mean(normalised, choices)
    unknown = _("unknown {option} '{value}'", option=option, value=value)
    one_of = _(" (one of: {choices})", choices=", ".join(choices))
    raise _fail(unknown + (f"; {hint}" if hint else "") + one_of)


def _parse_equipment(values: list[str]) -> frozenset[Equipment]:
    from calfcoach.domain.exercise import Equipment

    return frozenset(
        _parse_choice("equipment", value, Equipment) for value in values if value.lower() != NO_EQUIPMENT
    )


def _select(
    catalog: Catalog, muscle: Muscle | None, available: frozenset[Equipment] | None
) -> tuple[Exercise, ...]:
    chosen = catalog.by_muscle(muscle) if muscle is not None else catalog.all()
    if available is not None:
        chosen = tuple(e for e in chosen if set(e.equipment) <= available)
    return chosen


def _show_list(
    catalog: Catalog, muscle: Muscle | None, available: frozenset[Equipment] | None, *, as_json: bool
) -> None:
    chosen = _select(catalog, muscle, available)
    if as_json:
        from calfcoach.services.views import ExerciseList

        listed = ExerciseList(count=len(chosen), exercises=list(chosen))
        typer.echo(json.dumps(listed.model_dump(mode="json"), ensure_ascii=False))
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from calfcoach.cli.words import _, label, language
    from calfcoach.domain.exercise import Category

    console = Console()
    if not chosen:
        console.print(_("No exercise matches these filters."))
        return
    # Knee and equipment only fit beside the rest on a wide terminal; `exercises ID` shows them all.
    wide = console.width >= WIDE_TABLE_COLUMNS
    table = Table(
        title=_("Exercises ({count})", count=len(chosen)), title_justify="left", box=box.SIMPLE_HEAD
    )
    table.add_column("ID", no_wrap=True)
    table.add_column(_("Primary muscles"), min_width=len("gastrocnemius"))
    if wide:
        table.add_column(_("Knee"))
        table.add_column(_("Equipment"))
    table.add_column(_("Default dose"))
    order = {category: index for index, category in enumerate(Category)}
    previous: Category | None = None
    for e in sorted(chosen, key=lambda e: (order[e.category], e.id)):
        if e.category is not previous:
            table.add_row(f"[bold]{label(e.category.value)}[/bold]")
            previous = e.category
        muscles = ", ".join(label(m.value) for m in e.primary_muscles)
        dose = e.default_dose.describe(language=language())
        if wide:
            equipment = ", ".join(label(q.value) for q in e.equipment) or "-"
            table.add_row(e.id, muscles, label(e.knee.value), equipment, dose)
        else:
            table.add_row(e.id, muscles, dose)
    console.print(table)


def _show_one(exercise: Exercise, resolved: tuple[Exercise, str | None] | None, *, as_json: bool) -> None:
    if as_json:
        from calfcoach.services.views import ExerciseShown, ResolvedExercise

        substitute = None
        if resolved is not None:
            substitute = ResolvedExercise(id=resolved[0].id, name=resolved[0].name, reason=resolved[1])
        shown = ExerciseShown(exercise=exercise, resolved=substitute)
        typer.echo(json.dumps(shown.model_dump(mode="json"), ensure_ascii=False))
        return
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.text import Text

    from calfcoach.cli.words import _, label, language, number

    e = exercise
    spoken = language()
    parts: list[Any] = [Text(e.summary), Text("")]
    facts = [
        (_("Category"), label(e.category.value)),
        (_("Primary muscles"), ", ".join(label(m.value) for m in e.primary_muscles)),
        (_("Secondary muscles"), ", ".join(label(m.value) for m in e.secondary_muscles) or "-"),
        (_("Knee"), label(e.knee.value)),
        (_("Equipment"), ", ".join(label(q.value) for q in e.equipment) or _("none")),
        (_("Default dose"), e.default_dose.describe(language=spoken)),
    ]
    if e.tempo is not None:
        facts.append((_("Tempo"), e.tempo.describe(spoken)))
    if e.met is not None:
        facts.append((_("Effort"), _("{met} MET", met=number(e.met))))
    for name, value in facts:
        parts.append(Text.assemble((f"{name}: ", "bold"), value))
    if resolved is not None:
        do, reason = resolved
        line = (
            _("do {id} ({reason})", id=do.id, reason=reason) if reason else _("you have everything it needs")
        )
        parts.append(Text.assemble((_("With your equipment: "), "bold yellow"), line))
    steps = _("Steps")
    sections: list[tuple[str, tuple[str, ...]]] = [
        (_("Setup"), e.setup),
        (steps, e.steps),
        (_("Cues"), e.cues),
        (_("Common mistakes"), e.mistakes),
        (_("Safety"), e.safety),
        (
            _("Progress to"),
            tuple(
                _("{exercise} when {when}", exercise=link.exercise, when=link.when) for link in e.progressions
            ),
        ),
        (
            _("Step back to"),
            tuple(
                _("{exercise} when {when}", exercise=link.exercise, when=link.when) for link in e.regressions
            ),
        ),
        (
            _("Without equipment"),
            tuple(
                _("no {equipment}: {use}", equipment=label(s.when_missing.value), use=s.use)
                for s in e.substitutes
            ),
        ),
        (_("Sources"), (*e.sources, *((e.met_source,) if e.met_source else ()))),
    ]
    for title, lines in sections:
        if lines:
            parts.append(Text(""))
            parts.append(Text(title, style="bold"))
            for index, line in enumerate(lines, 1):
                parts.append(Text(f"{index}. {line}" if title == steps else f"- {line}"))
    Console().print(Panel(Group(*parts), title=f"{e.name} [dim]({e.id})[/dim]", title_align="left"))
