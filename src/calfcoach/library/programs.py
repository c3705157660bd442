"""Load and validate program files: the YAML language of docs/programs.md, checked against the library."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.exercise import Dose
from calfcoach.domain.program import (
    Duration,
    ExerciseReps,
    Gate,
    Grade,
    Hold,
    MachineLevel,
    Pace,
    Program,
    RepsThenLoad,
    Rule,
    RunningTime,
)
from calfcoach.library.catalog import Catalog, load_catalog
from calfcoach.library.files import DataFileProblems, Document, Loc, Problem, read_yaml, suggest, validate

# Which dose field each rule moves, so a rule that cannot act on its dose is caught when the file is read.
_RULE_NEEDS: dict[type, tuple[str, str]] = {
    RepsThenLoad: ("reps", "reps"),
    Pace: ("speed_kmh", "a speed_kmh"),
    Duration: ("duration_s", "a duration_s"),
    Grade: ("grade_pct", "a grade_pct"),
    MachineLevel: ("level", "a level"),
    Hold: ("hold_s", "a hold_s"),
}


def packaged_folder() -> Path:
    return Path(str(resources.files("calfcoach.library") / "programs"))


def _unknown(doc: Document, loc: Loc, exercise_id: str, catalog: Catalog) -> Problem:
    guess = suggest(exercise_id, catalog.ids)
    return Problem(
        doc.path,
        f"exercise '{exercise_id}' is not in the library",
        place=_place(loc),
        line=doc.line_of(loc),
        hint=f"did you mean '{guess}'?" if guess else "see `calfcoach exercises` for the ids",
    )


def _place(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _gate_problems(doc: Document, gate: Gate, loc: Loc, catalog: Catalog) -> Iterator[Problem]:
    for index, criterion in enumerate(gate.criteria):
        if isinstance(criterion, ExerciseReps | RunningTime) and criterion.exercise not in catalog:
            yield _unknown(doc, (*loc, "criteria", index, "exercise"), criterion.exercise, catalog)


def _rule_problems(doc: Document, rule: Rule, dose: Dose, loc: Loc) -> Iterator[Problem]:
    needs = _RULE_NEEDS.get(type(rule))
    if needs is not None and getattr(dose, needs[0]) is None:
        yield Problem(
            doc.path,
            f"a '{rule.type}' rule needs a dose with {needs[1]}",
            place=_place((*loc, "progress")),
            line=doc.line_of((*loc, "progress")),
            hint=f"add {needs[0]} to the dose or choose another rule",
        )
    if isinstance(rule, RepsThenLoad) and dose.reps is not None and dose.reps > rule.reps_ceiling:
        yield Problem(
            doc.path,
            f"the dose starts at {dose.reps} reps, above the rule's reps_ceiling of {rule.reps_ceiling}",
            place=_place((*loc, "progress", "reps_ceiling")),
            line=doc.line_of((*loc, "progress")),
            hint="raise reps_ceiling or lower the starting reps",
        )


def _cross_check(doc: Document, program: Program, catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    for p, phase in enumerate(program.phases):
        if phase.entry is not None:
            problems += _gate_problems(doc, phase.entry, ("phases", p, "entry"), catalog)
        for s, session in enumerate(phase.sessions):
            for b, block in enumerate(session.blocks):
                for i, item in enumerate(block.items):
                    loc: Loc = ("phases", p, "sessions", s, "blocks", b, "items", i)
                    if item.exercise not in catalog:
                        problems.append(_unknown(doc, (*loc, "exercise"), item.exercise, catalog))
                    if item.otherwise is not None and item.otherwise not in catalog:
                        problems.append(_unknown(doc, (*loc, "otherwise"), item.otherwise, catalog))
                    if item.requires is not None:
                        problems += _gate_problems(doc, item.requires, (*loc, "requires"), catalog)
                    if item.progress is not None:
                        problems += _rule_problems(doc, item.progress, item.dose, loc)
    for r, item in enumerate(program.relative_rest):
        if item.exercise not in catalog:
            problems.append(_unknown(doc, ("relative_rest", r, "exercise"), item.exercise, catalog))
        elif catalog.get(item.exercise).running or item.dose.load_kg:
            problems.append(
                Problem(
                    doc.path,
                    f"relative rest may not run or carry load ('{item.exercise}')",
                    place=_place(("relative_rest", r)),
                    line=doc.line_of(("relative_rest", r)),
                    hint="choose stretches, easy walking or unloaded work for relative rest",
                )
            )
    return problems


def load_program_file(path: Path, catalog: Catalog | None = None) -> Program:
    """Read, validate and cross-check one program file; raise DataFileProblems listing every problem."""
    doc = read_yaml(path)
    program = validate(doc, Program)
    problems = _cross_check(doc, program, catalog or load_catalog())
    if problems:
        raise DataFileProblems(problems)
    return program


@lru_cache(maxsize=4)
def load_programs(folder: Path | None = None) -> dict[str, Program]:
    """Every program in the folder (the packaged ones by default), by id; the file name must be the id."""
    where = folder or packaged_folder()
    catalog = load_catalog()
    programs: dict[str, Program] = {}
    problems: list[Problem] = []
    for path in sorted(where.glob("*.yaml")):
        try:
            program = load_program_file(path, catalog)
        except DataFileProblems as error:
            problems += error.problems
            continue
        if program.id != path.stem:
            problems.append(
                Problem(
                    path,
                    f"id '{program.id}' differs from the file name",
                    place="id",
                    line=1,
                    hint=f"rename the file to {program.id}.yaml or change the id",
                )
            )
            continue
        programs[program.id] = program
    for program in programs.values():
        for name in program.completion.next_programs if program.completion else ():
            if name not in programs:
                problems.append(
                    Problem(
                        where / f"{program.id}.yaml",
                        f"completion names an unknown program '{name}'",
                        place="completion.next_programs",
                        hint=f"known programs: {', '.join(sorted(programs))}",
                    )
                )
    if problems:
        raise DataFileProblems(problems)
    return programs


def get_program(program_id: str) -> Program:
    """The packaged program with this id, or NotFoundError with a suggestion."""
    programs = load_programs()
    if program_id in programs:
        return programs[program_id]
    guess = suggest(program_id, programs)
    hint = f"; did you mean '{guess}'?" if guess else f"; known programs: {', '.join(sorted(programs))}"
    raise NotFoundError(f"no program '{program_id}'{hint}")
