"""Read the packaged YAML data files of the assessments, with errors that name the file and the field."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from calfcoach.domain.errors import DataFileError

# libyaml's loader is about ten times faster; fall back to the pure-Python one where it is missing.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_mapping(name: str) -> dict[str, Any]:
    """Parse data/<name> into a mapping, or raise DataFileError naming the file and line (`name` may be in a
    language's folder: `de/protocols.yaml`)."""
    where = f"calfcoach/assess/data/{name}"
    text = resources.files("calfcoach.assess").joinpath("data", *name.split("/")).read_text(encoding="utf-8")
    try:
        raw = yaml.load(text, Loader=_Loader)  # a safe loader either way
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise DataFileError(f"not valid YAML: {exc}", where=f"{where}{line}") from exc
    if not isinstance(raw, dict):
        raise DataFileError("expected a mapping at the top level", where=where)
    return raw
