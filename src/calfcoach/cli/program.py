"""`calfcoach program list|show|validate`: the programs as data files."""

from __future__ import annotations

from pathlib import Path

import typer

from calfcoach.cli.common import console, emit_json, fail, handles_errors
from calfcoach.i18n import N_

program_app = typer.Typer(help=N_("List, show and validate programs (YAML files; see docs/programs.md)."))


@program_app.command("list", help=N_("List the shipped programs."))
@handles_errors
def list_programs(as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output."))) -> None:
    from calfcoach.library.programs import load_programs

    programs = load_programs()
    if as_json:
        from calfcoach.services.views import ProgramListed

        listed = [
            ProgramListed(id=p.id, name=p.name, kind=p.kind.value, phases=[ph.id for ph in p.phases])
            for p in programs.values()
        ]
        emit_json([p.model_dump(mode="json") for p in listed])
        return
    from rich.table import Table

    from calfcoach.cli.words import _, label, language
    from calfcoach.library.translations import programs_in

    table = Table("id", _("name"), _("kind"), _("phases"))
    for p in programs_in(language()).values():
        table.add_row(p.id, p.name, label(p.kind.value), " → ".join(ph.name for ph in p.phases))
    console().print(table)


@program_app.command(
    "show", help=N_("Show a program: phases, gates, weekly sessions, doses and progression rules.")
)
@handles_errors
def show_program(
    program_id: str = typer.Argument(..., help=N_("Program id, or a path to a program file.")),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output.")),
) -> None:
    from calfcoach.cli.words import _, language
    from calfcoach.library.programs import get_program, load_program_file
    from calfcoach.library.translations import program_in

    path = Path(program_id)
    from_file = path.suffix in {".yaml", ".yml"}
    program = load_program_file(path) if from_file else get_program(program_id)
    if as_json:
        emit_json(program.model_dump(mode="json", exclude_defaults=True))
        return
    spoken = language()
    if not from_file:
        program = program_in(program.id, spoken)  # a shipped program's texts in the person's language
    out = console()
    out.print(f"[bold]{program.name}[/] ({program.id})\n{program.summary.strip()}\n")
    for phase in program.phases:
        out.print(_("[bold cyan]Phase: {name}[/] — {goal}", name=phase.name, goal=phase.goal.strip()))
        if phase.entry is not None:
            why = phase.entry.why.strip() or _("criteria below")
            out.print(_("  [dim]Entry:[/] {why}", why=why))
            for criterion in phase.entry.criteria:
                out.print(f"    - {criterion.model_dump(exclude_defaults=True)}")
        out.print(_("  [dim]Week:[/] {sessions}", sessions=", ".join(phase.week)))
        for session in phase.sessions:
            out.print(f"  [bold]{session.name}[/]")
            for block in session.blocks:
                for item in block.items:
                    progress = _("(progress: {rule})", rule=item.progress.type) if item.progress else ""
                    rule = f" [dim]{progress}[/]" if progress else ""
                    out.print(
                        f"    {block.name}: {item.exercise} — {item.dose.describe(language=spoken)}{rule}"
                    )
        out.print()
    out.print(_("[dim]Sources:[/]"))
    for source in program.sources:
        out.print(f"  - {source}")


@program_app.command(
    "validate",
    help=N_("Check program files against the language and the exercise library; exit 2 on any problem."),
)
@handles_errors
def validate_programs(files: list[Path] = typer.Argument(..., help=N_("Program files to check."))) -> None:
    from calfcoach.cli.words import _
    from calfcoach.library.files import DataFileProblems
    from calfcoach.library.programs import load_program_file

    failed = False
    for path in files:
        try:
            program = load_program_file(path)
        except DataFileProblems as error:
            failed = True
            for problem in error.problems:
                console().print(f"[red]✗[/] {problem.render()}", soft_wrap=True)
            continue
        valid = _(
            "{path}: {name} ({phases} phases) is valid",
            path=path,
            name=program.name,
            phases=len(program.phases),
        )
        console().print(f"[green]✓[/] {valid}")
    if failed:
        fail(_("some program files are not valid; fix the places listed above"))


def register(app: typer.Typer) -> None:
    app.add_typer(program_app, name="program")
