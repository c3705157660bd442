"""The exercise texts in other languages, from overlay files beside the English ones.

An exercise file (`exercises/calf-raise-step.yaml`) is the source: its id, muscles, doses, tempo and
sources are the same in every language. What a person reads (name, summary, set-up, steps, cues,
mistakes, safety and when to take a progression) may be given in another language by a file of the same
name in a folder named for the language (`exercises/de/calf-raise-step.yaml`), holding only those texts.

An overlay must match its exercise: the same number of set-up lines, steps, cues, mistakes and safety
notes (the player and the demonstrations go step by step, and a safety note must never be dropped in
translation), and the same progressions and regressions. A mismatch is refused with the file and place,
like any other data-file problem. A language without an overlay for an exercise shows the English text.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from pydantic import Field

from calfcoach import i18n
from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Exercise, Link
from calfcoach.library.catalog import Catalog, load_catalog, packaged_folder
from calfcoach.library.files import DataFileProblems, Problem, read_yaml, validate

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
    problems: list[Problem] = []
    texts: dict[str, ExerciseText] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.stem not in catalog:
            problems.append(
                Problem(
                    path, f"translates {path.stem!r}, which is not an exercise", hint="check the file name"
                )
            )
            continue
        try:
            text = validate(read_yaml(path), ExerciseText)
        except DataFileProblems as error:
            problems.extend(error.problems)
            continue
        found = _mismatches(text, catalog.get(path.stem), path)
        if found:
            problems.extend(found)
        else:
            texts[path.stem] = text
    if problems:
        raise DataFileProblems(problems)
    return texts


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
