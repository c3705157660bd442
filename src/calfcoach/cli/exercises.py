"""`calfcoach exercises`: list the exercise library, or show one exercise in full."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:  # imported lazily at run time: start-up speed
    from calfcoach.domain.exercise import Category, Equipment, Exercise, Muscle
    from calfcoach.library.catalog import Catalog

NO_EQUIPMENT = "none"
WIDE_TABLE_COLUMNS = 110


def register(app: typer.Typer) -> None:
    """Add the `exercises` command to the app."""

    @app.command("exercises")
    def exercises(
        exercise_id: Annotated[
            str | None,
            typer.Argument(
                metavar="ID", help="Show one exercise in full, e.g. calf-raise-step.", show_default=False
            ),
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print JSON for scripts (see docs/cli.md).")
        ] = False,
        muscle: Annotated[
            str | None,
            typer.Option("--muscle", "-m", help="List only exercises with this primary muscle, e.g. soleus."),
        ] = None,
        equipment: Annotated[
            list[str] | None,
            typer.Option(
                "--equipment",
                "-e",
                help="Equipment you have (repeat for each; 'none' for nothing). The list keeps what you can "
                "do; with an ID, shows what to do instead when something is missing.",
            ),
        ] = None,
    ) -> None:
        """List the exercises of the library, or show one with its cues, dose and sources."""
        run(exercise_id, as_json=as_json, muscle=muscle, equipment=equipment)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(2)


def run(exercise_id: str | None, *, as_json: bool, muscle: str | None, equipment: list[str] | None) -> None:
    """Do the work of the command: parse the options, load the library, print."""
    from calfcoach.domain.errors import DataFileError, NotFoundError
    from calfcoach.domain.exercise import Muscle
    from calfcoach.library.catalog import load_catalog
    from calfcoach.services.render import said

    wanted_muscle = _parse_choice("muscle", muscle, Muscle) if muscle is not None else None
    available = _parse_equipment(equipment) if equipment is not None else None
    if exercise_id is not None and wanted_muscle is not None:
        raise _fail("--muscle filters the list; leave it out when you name an exercise")
    try:
        catalog = load_catalog()
    except DataFileError as error:
        raise _fail(f"the exercise library failed to load:\n{error}") from None
    if exercise_id is None:
        _show_list(catalog, wanted_muscle, available, as_json=as_json)
        return
    try:
        exercise = catalog.get(exercise_id)
        resolved = None
        if available is not None:
            do, why = catalog.resolve_for_equipment(exercise.id, available)
            resolved = (do, None if why is None else said(why))
    except NotFoundError as error:
        raise _fail(str(error)) from None
    _show_one(exercise, resolved, as_json=as_json)


def _parse_choice(option: str, value: str, kind: type[Muscle] | type[Equipment]) -> Any:
    from calfcoach.library.files import did_you_mean

    choices = [member.value for member in kind]
    normalised = value.strip().lower().replace("-", "_").replace(" ", "_")
    if normalised in choices:
        return kind(normalised)
    hint = did_you_mean(normalised, choices)
    raise _fail(
        f"unknown {option} '{value}'" + (f"; {hint}" if hint else "") + f" (one of: {', '.join(choices)})"
    )


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


def _dump(exercise: Exercise) -> dict[str, Any]:
    return exercise.model_dump(mode="json")


def _show_list(
    catalog: Catalog, muscle: Muscle | None, available: frozenset[Equipment] | None, *, as_json: bool
) -> None:
    chosen = _select(catalog, muscle, available)
    if as_json:
        typer.echo(
            json.dumps({"count": len(chosen), "exercises": [_dump(e) for e in chosen]}, ensure_ascii=False)
        )
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from calfcoach.domain.exercise import Category

    console = Console()
    if not chosen:
        console.print("No exercise matches these filters.")
        return
    # Knee and equipment only fit beside the rest on a wide terminal; `exercises ID` shows them all.
    wide = console.width >= WIDE_TABLE_COLUMNS
    table = Table(title=f"Exercises ({len(chosen)})", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("ID", no_wrap=True)
    table.add_column("Primary muscles", min_width=len("gastrocnemius"))
    if wide:
        table.add_column("Knee")
        table.add_column("Equipment")
    table.add_column("Default dose")
    order = {category: index for index, category in enumerate(Category)}
    previous: Category | None = None
    for e in sorted(chosen, key=lambda e: (order[e.category], e.id)):
        if e.category is not previous:
            table.add_row(f"[bold]{e.category.value}[/bold]")
            previous = e.category
        muscles = ", ".join(_words(m.value) for m in e.primary_muscles)
        dose = e.default_dose.describe()
        if wide:
            equipment = ", ".join(_words(q.value) for q in e.equipment) or "-"
            table.add_row(e.id, muscles, e.knee.value, equipment, dose)
        else:
            table.add_row(e.id, muscles, dose)
    console.print(table)


def _words(value: str) -> str:
    return value.replace("_", " ")


def _show_one(exercise: Exercise, resolved: tuple[Exercise, str | None] | None, *, as_json: bool) -> None:
    if as_json:
        substitute = None
        if resolved is not None:
            substitute = {"id": resolved[0].id, "name": resolved[0].name, "reason": resolved[1]}
        typer.echo(json.dumps({"exercise": _dump(exercise), "resolved": substitute}, ensure_ascii=False))
        return
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.text import Text

    e = exercise
    parts: list[Any] = [Text(e.summary), Text("")]
    facts = [
        ("Category", e.category.value),
        ("Primary muscles", ", ".join(_words(m.value) for m in e.primary_muscles)),
        ("Secondary muscles", ", ".join(_words(m.value) for m in e.secondary_muscles) or "-"),
        ("Knee", e.knee.value),
        ("Equipment", ", ".join(_words(q.value) for q in e.equipment) or "none"),
        ("Default dose", e.default_dose.describe()),
    ]
    if e.tempo is not None:
        facts.append(("Tempo", e.tempo.describe()))
    if e.met is not None:
        facts.append(("Effort", f"{e.met:g} MET"))
    for label, value in facts:
        parts.append(Text.assemble((f"{label}: ", "bold"), value))
    if resolved is not None:
        do, reason = resolved
        line = f"do {do.id} ({reason})" if reason else "you have everything it needs"
        parts.append(Text.assemble(("With your equipment: ", "bold yellow"), line))
    sections: list[tuple[str, tuple[str, ...]]] = [
        ("Setup", e.setup),
        ("Steps", e.steps),
        ("Cues", e.cues),
        ("Common mistakes", e.mistakes),
        ("Safety", e.safety),
        ("Progress to", tuple(f"{link.exercise} when {link.when}" for link in e.progressions)),
        ("Step back to", tuple(f"{link.exercise} when {link.when}" for link in e.regressions)),
        (
            "Without equipment",
            tuple(f"no {_words(s.when_missing.value)}: {s.use}" for s in e.substitutes),
        ),
        ("Sources", (*e.sources, *((e.met_source,) if e.met_source else ()))),
    ]
    for title, lines in sections:
        if lines:
            parts.append(Text(""))
            parts.append(Text(title, style="bold"))
            for number, line in enumerate(lines, 1):
                parts.append(Text(f"{number}. {line}" if title == "Steps" else f"- {line}"))
    Console().print(Panel(Group(*parts), title=f"{e.name} [dim]({e.id})[/dim]", title_align="left"))
