"""The exercise and program texts in other languages, from overlay files beside the English ones.

An exercise file (`exercises/calf-raise-step.yaml`) is the source: its id, muscles, doses, tempo and
sources are the same in every language. What a person reads (name, summary, set-up, steps, cues,
mistakes, safety and when to take a progression) may be given in another language by a file of the same
name in a folder named for the language (`exercises/de/calf-raise-step.yaml`), holding only those texts.

An overlay must match its exercise: the same number of set-up lines, steps, cues, mistakes and safety
notes (the player and the demonstrations go step by step, and a safety note must never be dropped in
translation), and the same progressions and regressions. A mismatch is refused with the file and place,
like any other data-file problem. A language without an overlay for an exercise shows the English text.

A program's overlay (`programs/de/walk-to-run-bridge.yaml`) gives its name, summary and closing advice, and
each phase's, session's and block's name, goal and notes by id, the same ids as the English file, no more,
no fewer. The coach then prescribes from the translated program: what it decides depends on ids and doses
only, so a translation changes what a person reads and nothing else.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import Field

from calfcoach import i18n
from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Exercise, Link
from calfcoach.domain.program import Item, Program
from calfcoach.library.catalog import Catalog, load_catalog, packaged_folder
from calfcoach.library.files import DataFileProblems, Problem, read_yaml, validate
from calfcoach.library.programs import get_program, load_programs
from calfcoach.library.programs import packaged_folder as programs_folder

Text = Annotated[str, Field(min_length=1)]


class ExerciseText(Value):
    """The readable parts of one exercise in one language (the English file's structure, texts only)."""

    id: str
    name: Text
    summary: Text
    setup: tuple[Text, ...] = ()
    steps: tuple[Text, ...]
    cues: tuple[Text, ...] = ()
    mistakes: tuple[Text, ...] = ()
    safety: tuple[Text, ...] = ()
    # exercise id -> when to take that step, as in the English file's progressions and regressions
    progressions: Mapping[str, Text] = {}
    regressions: Mapping[str, Text] = {}


_LISTS = ("setup", "steps", "cues", "mistakes", "safety")


def _mismatches(text: ExerciseText, exercise: Exercise, path: Path) -> list[Problem]:
    problems: list[Problem] = []
    if text.id != exercise.id:
        problems.append(Problem(path, f"says id {text.id!r}", place="id", hint=f"use {exercise.id!r}"))
    for name in _LISTS:
        theirs, ours = getattr(text, name), getattr(exercise, name)
        if len(theirs) != len(ours):
            problems.append(
                Problem(
                    path,
                    f"has {len(theirs)} {name} lines where the English file has {len(ours)}",
                    place=name,
                    hint="translate each line of the English file, one for one",
                )
            )
    for name in ("progressions", "regressions"):
        theirs, ours = set(getattr(text, name)), {link.exercise for link in getattr(exercise, name)}
        if theirs != ours:
            problems.append(
                Problem(
                    path,
                    f"names {sorted(theirs)} where the English file has {sorted(ours)}",
                    place=name,
                    hint="give one 'exercise id: when' line for each of the English file's steps",
                )
            )
    return problems


def _links(links: tuple[Link, ...], when: Mapping[str, str]) -> tuple[Link, ...]:
    return tuple(link.model_copy(update={"when": when[link.exercise]}) for link in links)


def translate_exercise(exercise: Exercise, text: ExerciseText) -> Exercise:
    """The exercise with its readable texts from `text` (already checked against it)."""
    return exercise.model_copy(
        update={
            "name": text.name,
            "summary": text.summary,
            **{name: getattr(text, name) for name in _LISTS},
            "progressions": _links(exercise.progressions, text.progressions),
            "regressions": _links(exercise.regressions, text.regressions),
        }
    )


def load_exercise_texts(folder: Path, catalog: Catalog) -> dict[str, ExerciseText]:
    """Every overlay in `folder` (one language), checked against the catalogue; all problems at once."""
    english = {e.id: e for e in catalog}
    return _load_overlays(folder, english, ExerciseText, "an exercise", _mismatches)


def translated_catalog(catalog: Catalog, texts: Mapping[str, ExerciseText]) -> Catalog:
    """A catalogue whose exercises read in the overlays' language (English where one has none)."""
    return Catalog(translate_exercise(e, texts[e.id]) if e.id in texts else e for e in catalog)


@functools.cache
def catalog_in(language: str | None) -> Catalog:
    """The packaged exercise library in a person's language (English, and any unsupported language, as is).

    Read once per language and process, like the packaged catalogue itself.
    """
    code = i18n.normalize(language)
    catalog = load_catalog()
    if code == i18n.DEFAULT:
        return catalog
    folder = packaged_folder() / code
    if not folder.is_dir():
        return catalog
    return translated_catalog(catalog, load_exercise_texts(folder, catalog))


# --- Programs ------------------------------------------------------------------------------------------


class BlockText(Value):
    name: Text
    notes: Mapping[str, Text] = {}  # exercise id -> the item's note
    requires: Mapping[str, Text] = {}  # exercise id -> why the item's gate is closed


class SessionText(Value):
    name: Text
    blocks: Mapping[str, BlockText]


class PhaseText(Value):
    name: Text
    goal: Text
    why: Text | None = None  # why the phase's entry gate is closed
    sessions: Mapping[str, SessionText]


class ProgramText(Value):
    """The readable parts of one program in one language, by the ids of the English file."""

    id: str
    name: Text
    summary: Text
    completion: Text | None = None  # the advice when the program ends
    relative_rest: Mapping[str, Text] = {}  # exercise id -> the note of that relative-rest item
    phases: Mapping[str, PhaseText]


def _notes(items: tuple[Item, ...]) -> dict[str, str]:
    return {i.exercise: i.note for i in items if i.note}


def _whys(items: tuple[Item, ...]) -> dict[str, str]:
    return {i.exercise: i.requires.why for i in items if i.requires is not None and i.requires.why}


def program_text(program: Program) -> ProgramText:
    """The English program's texts in the overlay's shape (what a translation must match, key for key)."""
    return ProgramText(
        id=program.id,
        name=program.name,
        summary=program.summary,
        completion=program.completion.advice or None if program.completion else None,
        relative_rest=_notes(program.relative_rest),
        phases={
            phase.id: PhaseText(
                name=phase.name,
                goal=phase.goal,
                why=phase.entry.why or None if phase.entry else None,
                sessions={
                    session.id: SessionText(
                        name=session.name,
                        blocks={
                            block.id: BlockText(
                                name=block.name, notes=_notes(block.items), requires=_whys(block.items)
                            )
                            for block in session.blocks
                        },
                    )
                    for session in phase.sessions
                },
            )
            for phase in program.phases
        },
    )


def _shape(value: object) -> object:
    """A text tree with every text replaced by True: two trees of the same shape compare equal."""
    if isinstance(value, Mapping):
        return {key: _shape(item) for key, item in value.items()}
    return value is not None


def _shape_problems(ours: object, theirs: object, path: Path, place: str) -> list[Problem]:
    if isinstance(ours, dict) and isinstance(theirs, dict):
        problems = []
        for key in sorted(set(ours) | set(theirs)):
            where = f"{place}.{key}" if place else str(key)
            if key not in theirs:
                problems.append(Problem(path, "is missing", place=where, hint="translate the English text"))
            elif key not in ours:
                problems.append(
                    Problem(path, "is not in the English file", place=where, hint="remove it or check the id")
                )
            else:
                problems.extend(_shape_problems(ours[key], theirs[key], path, where))
        return problems
    if ours != theirs:
        message = "is missing" if ours else "has no English text to translate"
        return [Problem(path, message, place=place, hint="match the English file's texts, one for one")]
    return []


def _item(item: Item, notes: Mapping[str, str], whys: Mapping[str, str]) -> Item:
    update: dict[str, object] = {}
    if item.note:
        update["note"] = notes[item.exercise]
    if item.requires is not None and item.requires.why:
        update["requires"] = item.requires.model_copy(update={"why": whys[item.exercise]})
    return item.model_copy(update=update) if update else item


def translate_program(program: Program, text: ProgramText) -> Program:
    """The program with its readable texts from `text` (already checked against it)."""
    phases = []
    for phase in program.phases:
        phase_text = text.phases[phase.id]
        sessions = []
        for session in phase.sessions:
            session_text = phase_text.sessions[session.id]
            blocks = []
            for block in session.blocks:
                block_text = session_text.blocks[block.id]
                items = tuple(_item(i, block_text.notes, block_text.requires) for i in block.items)
                blocks.append(block.model_copy(update={"name": block_text.name, "items": items}))
            sessions.append(session.model_copy(update={"name": session_text.name, "blocks": tuple(blocks)}))
        update: dict[str, object] = {
            "name": phase_text.name,
            "goal": phase_text.goal,
            "sessions": tuple(sessions),
        }
        if phase.entry is not None and phase.entry.why:
            update["entry"] = phase.entry.model_copy(update={"why": phase_text.why})
        phases.append(phase.model_copy(update=update))
    update = {
        "name": text.name,
        "summary": text.summary,
        "phases": tuple(phases),
        "relative_rest": tuple(_item(i, text.relative_rest, {}) for i in program.relative_rest),
    }
    if program.completion is not None and program.completion.advice:
        update["completion"] = program.completion.model_copy(update={"advice": text.completion})
    return program.model_copy(update=update)


def load_program_texts(folder: Path, programs: Mapping[str, Program]) -> dict[str, ProgramText]:
    """Every program overlay in `folder` (one language), checked key for key against its program."""
    return _load_overlays(folder, programs, ProgramText, "a program", _program_mismatches)


def _program_mismatches(text: ProgramText, program: Program, path: Path) -> list[Problem]:
    english = program_text(program)
    found = _shape_problems(
        _shape(english.model_dump(exclude={"id"})), _shape(text.model_dump(exclude={"id"})), path, ""
    )
    if text.id != program.id:
        found.append(Problem(path, f"says id {text.id!r}", place="id", hint=f"use {program.id!r}"))
    return found


T = TypeVar("T", ExerciseText, ProgramText)
E = TypeVar("E")


def _load_overlays(
    folder: Path,
    english: Mapping[str, E],
    model: type[T],
    what: str,
    mismatches: Callable[[T, E, Path], list[Problem]],
) -> dict[str, T]:
    """Read every overlay file in `folder`, each checked against the English item of its name."""
    problems: list[Problem] = []
    texts: dict[str, T] = {}
    for path in sorted(folder.glob("*.yaml")):
        item = english.get(path.stem)
        if item is None:
            hint = "check the file name"
            problems.append(Problem(path, f"translates {path.stem!r}, which is not {what}", hint=hint))
            continue
        try:
            text = validate(read_yaml(path), model)
        except DataFileProblems as error:
            problems.extend(error.problems)
            continue
        found = mismatches(text, item, path)
        if found:
            problems.extend(found)
        else:
            texts[path.stem] = text
    if problems:
        raise DataFileProblems(problems)
    return texts


@functools.cache
def programs_in(language: str | None) -> Mapping[str, Program]:
    """The packaged programs in a person's language (English, and any unsupported language, as they are)."""
    code = i18n.normalize(language)
    programs = load_programs()
    folder = programs_folder() / code
    if code == i18n.DEFAULT or not folder.is_dir():
        return programs
    texts = load_program_texts(folder, programs)
    return {pid: translate_program(p, texts[pid]) if pid in texts else p for pid, p in programs.items()}


def program_in(program_id: str, language: str | None) -> Program:
    """One packaged program in a person's language (NotFoundError, as `get_program`, for an unknown id)."""
    programs = programs_in(language)
    return programs[program_id] if program_id in programs else get_program(program_id)
