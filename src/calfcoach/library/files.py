"""Read YAML data files safely; turn every problem into a message naming the file, the place and the fix.

The exercise catalogue and the programs loader share this module:

    exercise = load_model(path, Exercise)          # raises DataFileProblems
    suggest("calf-rasie", catalog_ids)             # -> "calf-raise-step" or None
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError

from calfcoach.domain.errors import DataFileError, place_of

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]

# libyaml parses about ten times faster; the pure-Python loader gives the same nodes and marks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file: where it is, what is wrong, and how to fix it."""

    file: Path
    message: str
    place: str = ""
    line: int | None = None
    hint: str | None = None

    @property
    def where(self) -> str:
        """Say the file, line and field, e.g. 'calf-raise-step.yaml:41 default_dose.reps'."""
        text = f"{self.file}:{self.line}" if self.line is not None else str(self.file)
        return f"{text} {self.place}" if self.place else text

    def render(self) -> str:
        text = f"{self.where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DataFileProblems(DataFileError):
    """One or more data files failed to load or validate; every problem is listed, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("DataFileProblems needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = self.problems[0]
        if len(self.problems) == 1:
            super().__init__(first.message, where=first.where, hint=first.hint)
        else:
            lines = "\n".join(f"  - {p.render()}" for p in self.problems)
            super().__init__(f"{len(self.problems)} problems in data files:\n{lines}")


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data and the node tree that knows the line of every value."""

    path: Path
    data: Any
    node: yaml.Node

    def line_of(self, loc: Loc) -> int:
        """Return the 1-based line of the deepest node along `loc` that exists in the file."""
        node = self.node
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part) and isinstance(value, yaml.Node):
                return value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item if isinstance(item, yaml.Node) else None
    return None


def suggest(name: str, choices: Collection[str]) -> str | None:
    """Return the closest choice to a misspelt name, or None when nothing is close."""
    matches = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(name: str, choices: Collection[str]) -> str | None:
    """Return "did you mean 'x'?" for the closest choice, or None."""
    match = suggest(name, choices)
    return f"did you mean '{match}'?" if match else None


def _duplicate_keys(node: yaml.Node) -> Iterator[tuple[str, int, int]]:
    """Yield (key, first line, second line) for every key written twice in one mapping."""
    seen_nodes: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen_nodes:  # aliases can point back to a shared node
            continue
        seen_nodes.add(id(current))
        if isinstance(current, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    line = key.start_mark.line + 1
                    if key.value in first_line:
                        yield key.value, first_line[key.value], line
                    else:
                        first_line[key.value] = line
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def read_yaml(path: Path) -> Document:
    """Parse one YAML file safely; refuse unreadable, empty or malformed files and duplicate keys."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataFileProblems(
            [Problem(path, f"is not UTF-8 text ({error.reason})", hint="save the file as UTF-8")]
        ) from None
    except OSError as error:
        raise DataFileProblems(
            [
                Problem(
                    path, f"cannot be read: {error.strerror or error}", hint="check the path and permissions"
                )
            ]
        ) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataFileProblems(
                [Problem(path, "the file is empty", hint="write the fields described in docs/exercises.md")]
            )
        duplicates = [
            Problem(
                path,
                f"field '{key}' is written twice (lines {first} and {second})",
                line=second,
                hint="keep one of them",
            )
            for key, first, second in _duplicate_keys(node)
        ]
        if duplicates:
            raise DataFileProblems(duplicates)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise DataFileProblems(
            [
                Problem(
                    path,
                    f"is not valid YAML: {what}",
                    line=line,
                    hint="check the indentation, the '- ' before list items and the quotes on this line",
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise DataFileProblems([Problem(path, f"is not valid YAML: {error}")]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise DataFileProblems(
            [
                Problem(
                    path,
                    f"expected 'field: value' lines at the top level, found a {type(data).__name__}",
                    line=node.start_mark.line + 1,
                    hint="start each line with a field name followed by a colon",
                )
            ]
        )
    return Document(path=path, data=data, node=node)


def _field_names(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    """Collect every field name in a model and the models nested in it, for spelling suggestions."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for info in model.model_fields.values():
        for kind in _types_in(info.annotation):
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                names |= _field_names(kind, seen)
    return names


def _types_in(annotation: object) -> Iterator[object]:
    yield annotation
    for arg in get_args(annotation):
        yield from _types_in(arg)


_QUOTED = re.compile(r"'([^']*)'")
_LIMIT = re.compile(r"(greater|less) than( or equal to)? (\S+)")


def _explain(error: Any, fields: set[str]) -> tuple[str, str | None]:
    """Turn one pydantic error into (what was wrong, how to fix it)."""
    kind: str = error["type"]
    loc: Loc = tuple(error["loc"])
    given = error.get("input")
    message: str = error["msg"]
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        hint = did_you_mean(name, fields) or "remove it; docs/exercises.md lists every field"
        return f"unknown field '{name}'", hint
    if kind == "missing":
        return "required field is missing", f"add '{loc[-1]}:' with a value" if loc else None
    if kind in {"enum", "literal_error"}:
        expected = _QUOTED.findall(str(error.get("ctx", {}).get("expected", "")))
        close = did_you_mean(str(given), expected) if isinstance(given, str) else None
        allowed = ", ".join(expected)
        return f"{given!r} is not allowed", (f"{close} Use" if close else "use") + f" one of: {allowed}"
    limit = _LIMIT.search(message)
    if limit:
        bound = limit.group(3)
        words = {
            ("greater", True): "at least",
            ("greater", False): "more than",
            ("less", True): "at most",
            ("less", False): "less than",
        }[(limit.group(1), bool(limit.group(2)))]
        return f"{given!r} is out of range", f"use a value {words} {bound}"
    if kind == "string_pattern_mismatch":
        return f"{given!r} has the wrong form", "use lower-case words joined by '-', e.g. 'calf-raise-step'"
    if kind == "value_error":
        return message.removeprefix("Value error, "), None
    return f"{message[:1].lower()}{message[1:]} (found {given!r})", None


def validate(document: Document, model: type[M]) -> M:
    """Validate a parsed file against a model; raise DataFileProblems listing every field problem."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        fields = _field_names(model)
        problems = []
        for item in error.errors():
            loc: Loc = tuple(item["loc"])
            message, hint = _explain(item, fields)
            problems.append(
                Problem(document.path, message, place=place_of(loc), line=document.line_of(loc), hint=hint)
            )
        raise DataFileProblems(problems) from None


def load_model(path: Path, model: type[M]) -> M:
    """Read and validate one YAML file as `model`; raise DataFileProblems with every problem found."""
    return validate(read_yaml(path), model)
