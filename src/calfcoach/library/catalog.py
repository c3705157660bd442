"""The exercise catalogue: every exercise file loaded, cross-checked, and queried by id, muscle and more."""

from __future__ import annotations

import functools
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from calfcoach.domain.errors import NotFoundError, place_of
from calfcoach.domain.exercise import Category, Equipment, Exercise, KneePosition, Muscle
from calfcoach.domain.messages import Kind, Message, define
from calfcoach.i18n import N_
from calfcoach.library.files import (
    DataFileProblems,
    Document,
    Loc,
    Problem,
    did_you_mean,
    read_yaml,
    validate,
)

EXERCISE_SUFFIX = ".yaml"


def packaged_folder() -> Path:
    """Return the folder of exercise files shipped inside the package."""
    # Beside this module rather than via importlib.resources: same folder, 16 ms less start-up.
    return Path(__file__).with_name("exercises")


# TRANSLATORS: {equipment} is a piece of equipment the person does not have ("treadmill", "step box").
_LACKING = define("catalog.lacking", N_("no {equipment}"), equipment=Kind.TEXT)
_AND = define("catalog.lacking.and", N_("{first} and {second}"), first=Kind.MESSAGE, second=Kind.MESSAGE)
_SWAPPED = define(
    "catalog.substitute",
    # TRANSLATORS: {lacking} is what is missing ("no treadmill and no hill"), then the two exercises' names.
    N_("{lacking}: {exercise} instead of {instead_of}"),
    lacking=Kind.MESSAGE,
    exercise=Kind.TEXT,
    instead_of=Kind.TEXT,
)


def equipment_label(equipment: Equipment) -> str:
    """Name a piece of equipment in plain words: 'step_box' -> 'step box'."""
    return equipment.value.replace("_", " ")


@dataclass(frozen=True)
class _Entry:
    exercise: Exercise
    document: Document | None

    @property
    def file(self) -> Path:
        return self.document.path if self.document else Path(f"{self.exercise.id}{EXERCISE_SUFFIX}")

    def problem(self, loc: Loc, message: str, hint: str | None = None) -> Problem:
        line = self.document.line_of(loc) if self.document else None
        return Problem(self.file, message, place=place_of(loc), line=line, hint=hint)


class Catalog:
    """All exercises by id, checked so that every link and substitute points somewhere that exists."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        """Build a catalogue from exercises already in memory; raise DataFileProblems on broken links."""
        self._by_id = _checked([_Entry(exercise, None) for exercise in exercises])

    @classmethod
    def _from_entries(cls, entries: list[_Entry], unloaded: frozenset[str]) -> Catalog:
        catalog = cls.__new__(cls)
        catalog._by_id = _checked(entries, unloaded)
        return catalog

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.all())

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self._by_id)

    def all(self) -> tuple[Exercise, ...]:
        """Return every exercise, sorted by id."""
        return tuple(self._by_id[key] for key in sorted(self._by_id))

    def get(self, exercise_id: str) -> Exercise:
        """Return one exercise; an unknown id raises NotFoundError with the closest id as a suggestion."""
        try:
            return self._by_id[exercise_id]
        except KeyError:
            hint = did_you_mean(exercise_id, self._by_id)
            text = f"no exercise '{exercise_id}' in the library"
            raise NotFoundError(
                f"{text}; {hint}" if hint else f"{text}; `calfcoach exercises` lists them all"
            ) from None

    def by_category(self, category: Category) -> tuple[Exercise, ...]:
        return tuple(e for e in self.all() if e.category is category)

    def by_muscle(self, muscle: Muscle, *, primary_only: bool = True) -> tuple[Exercise, ...]:
        """Return the exercises that train a muscle (as a primary mover, or at all)."""
        return tuple(
            e
            for e in self.all()
            if muscle in e.primary_muscles or (not primary_only and muscle in e.secondary_muscles)
        )

    def by_knee(self, knee: KneePosition) -> tuple[Exercise, ...]:
        return tuple(e for e in self.all() if e.knee is knee)

    def doable_with(self, available: frozenset[Equipment]) -> tuple[Exercise, ...]:
        """Return the exercises that need nothing beyond the equipment available."""
        return tuple(e for e in self.all() if set(e.equipment) <= available)

    def resolve_for_equipment(
        self, exercise_id: str, available: frozenset[Equipment]
    ) -> tuple[Exercise, Message | None]:
        """Return the exercise to do with the equipment available, and why it was substituted (None if not).

        Substitutes are tried in the order written in the file and followed recursively, nearest
        first: 'uphill-walk' without a hill becomes 'treadmill-walk'; without a treadmill either,
        'stair-climb' (a direct substitute) before the treadmill walk's own fallback, 'brisk-walk'.
        A test is never swapped for another exercise: its norms were measured one way, so without
        its equipment it raises NotFoundError.
        """
        start = self.get(exercise_id)
        found = self._resolve(start, available)
        if found is None:
            missing = ", ".join(equipment_label(e) for e in start.equipment if e not in available)
            raise NotFoundError(
                f"'{start.id}' needs: {missing}, and no substitute can be done with the equipment available"
            )
        exercise, missing_chain = found
        if exercise is start:
            return start, None
        said = [_LACKING(equipment=equipment_label(e)) for e in dict.fromkeys(missing_chain)]
        lacking = functools.reduce(lambda first, second: _AND(first=first, second=second), said)
        return exercise, _SWAPPED(lacking=lacking, exercise=exercise.name, instead_of=start.name)

    def _resolve(
        self, start: Exercise, available: frozenset[Equipment]
    ) -> tuple[Exercise, list[Equipment]] | None:
        """Search breadth-first: the shortest chain of substitutes wins, ties go to the order in the file."""
        queue: deque[tuple[Exercise, list[Equipment]]] = deque([(start, [])])
        seen = {start.id}
        while queue:
            exercise, chain = queue.popleft()
            missing = [e for e in exercise.equipment if e not in available]
            if not missing:
                return exercise, chain
            for substitute in exercise.substitutes:
                if substitute.when_missing in missing and substitute.use not in seen:
                    seen.add(substitute.use)
                    queue.append((self._by_id[substitute.use], [*chain, substitute.when_missing]))
        return None


def _checked(entries: list[_Entry], unloaded: frozenset[str] = frozenset()) -> dict[str, Exercise]:
    """Index the entries by id after checking every cross-reference; raise with all problems found.

    `unloaded` names files that exist but failed validation: links to them are not reported twice.
    """
    problems: list[Problem] = []
    by_id: dict[str, _Entry] = {}
    for entry in entries:
        exercise = entry.exercise
        if entry.document and entry.document.path.stem != exercise.id:
            problems.append(
                entry.problem(
                    ("id",),
                    f"id '{exercise.id}' differs from the file name",
                    f"rename the file to '{exercise.id}{EXERCISE_SUFFIX}' "
                    f"or set id: {entry.document.path.stem}",
                )
            )
        if exercise.id in by_id:
            problems.append(
                entry.problem(
                    ("id",), f"id '{exercise.id}' is used twice", f"also in {by_id[exercise.id].file}"
                )
            )
            continue
        by_id[exercise.id] = entry
    for entry in by_id.values():
        problems.extend(_link_problems(entry, by_id, unloaded))
    problems.extend(_cycle_problems(by_id))
    if problems:
        raise DataFileProblems(problems)
    return {key: by_id[key].exercise for key in sorted(by_id)}


def _link_problems(entry: _Entry, by_id: Mapping[str, _Entry], unloaded: frozenset[str]) -> Iterator[Problem]:
    exercise = entry.exercise
    for field in ("progressions", "regressions"):
        for index, link in enumerate(getattr(exercise, field)):
            loc: Loc = (field, index, "exercise")
            if link.exercise == exercise.id:
                yield entry.problem(loc, "an exercise cannot link to itself", "link to another exercise")
            elif link.exercise not in by_id and link.exercise not in unloaded:
                yield entry.problem(
                    loc,
                    f"exercise '{link.exercise}' is not in the library",
                    did_you_mean(link.exercise, by_id) or "add that exercise's file, or fix the id",
                )
    for index, substitute in enumerate(exercise.substitutes):
        if substitute.when_missing not in exercise.equipment:
            yield entry.problem(
                ("substitutes", index, "when_missing"),
                f"'{exercise.id}' does not use '{substitute.when_missing.value}'",
                "list it under equipment, or remove this substitute",
            )
        loc = ("substitutes", index, "use")
        target = by_id.get(substitute.use)
        if substitute.use == exercise.id:
            yield entry.problem(loc, "an exercise cannot substitute for itself", "name another exercise")
        elif target is None and substitute.use not in unloaded:
            yield entry.problem(
                loc,
                f"exercise '{substitute.use}' is not in the library",
                did_you_mean(substitute.use, by_id) or "add that exercise's file, or fix the id",
            )
        elif target is not None and substitute.when_missing in target.exercise.equipment:
            yield entry.problem(
                loc,
                f"'{substitute.use}' also needs '{substitute.when_missing.value}', so it cannot replace "
                f"'{exercise.id}' when that is missing",
                "choose an exercise that does without it",
            )


def _cycle_problems(by_id: Mapping[str, _Entry]) -> Iterator[Problem]:
    """Report every loop in the substitution graph once (a -> b -> a would never settle)."""
    graph = {
        key: [s.use for s in entry.exercise.substitutes if s.use in by_id and s.use != key]
        for key, entry in by_id.items()
    }
    done: set[str] = set()
    reported: set[frozenset[str]] = set()

    def visit(node: str, path: list[str]) -> Iterator[Problem]:
        if node in path:
            loop = [*path[path.index(node) :], node]
            members = frozenset(loop)
            if members not in reported:
                reported.add(members)
                entry = by_id[loop[0]]
                index = next(i for i, s in enumerate(entry.exercise.substitutes) if s.use == loop[1])
                yield entry.problem(
                    ("substitutes", index, "use"),
                    "substitutes form a loop: " + " -> ".join(loop),
                    "remove one of these substitutes so the chain ends",
                )
            return
        if node in done:
            return
        for target in graph[node]:
            yield from visit(target, [*path, node])
        done.add(node)

    for key in sorted(graph):
        yield from visit(key, [])


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file, so an edited file reloads the catalogue."""
    try:
        with os.scandir(folder) as scan:
            return tuple(
                sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in scan if e.is_file())
            )
    except OSError:
        return ()


def load_catalog(folder: Path | None = None) -> Catalog:
    """Load every exercise file in a folder (default: the packaged library), cached until a file changes.

    The packaged library is read once per process, like the packaged programs (library.programs): it
    changes only with an upgrade, and the web app asks for it on every request, where listing and
    stating 29 files cost more than the rest of logging a session's checks.
    """
    if folder is None:
        return _packaged()
    folder = folder.resolve()
    return _load(folder, _signature(folder))


@functools.cache
def _packaged() -> Catalog:
    folder = packaged_folder().resolve()
    return _load(folder, _signature(folder))


@functools.lru_cache(maxsize=8)
def _load(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> Catalog:
    if not folder.is_dir():
        raise DataFileProblems([Problem(folder, "is not a folder", hint="give the folder of exercise files")])
    problems: list[Problem] = []
    entries: list[_Entry] = []
    unloaded: set[str] = set()
    for name, _size, _mtime in signature:
        path = folder / name
        if name.endswith(".yml"):
            problems.append(Problem(path, "is not read", hint=f"rename it to end in '{EXERCISE_SUFFIX}'"))
        if not name.endswith(EXERCISE_SUFFIX):
            continue
        try:
            document = read_yaml(path)
            entries.append(_Entry(validate(document, Exercise), document))
        except DataFileProblems as error:
            problems.extend(error.problems)
            unloaded.add(path.stem)
    if not entries and not problems:
        problems.append(
            Problem(folder, "holds no exercise files", hint=f"add files named <id>{EXERCISE_SUFFIX}")
        )
    try:
        catalog = Catalog._from_entries(entries, frozenset(unloaded))
    except DataFileProblems as error:
        problems.extend(error.problems)
    if problems:
        raise DataFileProblems(problems)
    return catalog
