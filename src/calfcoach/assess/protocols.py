"""The self-test protocols (steps, stop rules, what to record) as data the CLI and web page show.

data/protocols.yaml holds each protocol in English with its numbers and sources;
data/<language>/protocols.yaml holds the texts a person reads in another language, line for line (a step or
a safety note must never be lost in translation, so a file with more or fewer lines, or other tests, is
refused).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated

from pydantic import Field, ValidationError

from calfcoach.assess._data import load_mapping
from calfcoach.assess.sources import Trust, all_sources
from calfcoach.domain.base import Value
from calfcoach.domain.errors import DataFileError, NotFoundError, describe_validation
from calfcoach.domain.log import TestKind
from calfcoach.i18n import DEFAULT, normalize

NonEmpty = Annotated[tuple[str, ...], Field(min_length=1)]


class Parameter(Value):
    """One number of a protocol (a cadence, a count, a rest), with its source and trust."""

    name: str
    value: float
    unit: str
    note: str = ""
    source: str
    trust: Trust


class Protocol(Value):
    """How to do one test, step by step, and what to write down."""

    kind: TestKind
    name: str
    purpose: str
    unit: str
    value_label: str
    higher_is_better: bool
    equipment: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    setup: tuple[str, ...] = ()
    steps: NonEmpty
    stop_when: NonEmpty
    record: NonEmpty
    safety: tuple[str, ...] = ()
    sources: Annotated[tuple[str, ...], Field(min_length=1)]

    def parameter(self, name: str) -> Parameter:
        """Look up one of the protocol's numbers by name."""
        for item in self.parameters:
            if item.name == name:
                return item
        raise NotFoundError(f"protocol {self.kind.value!r} has no parameter {name!r}")


@cache
def all_protocols() -> dict[TestKind, Protocol]:
    """Every test protocol, loaded and checked once."""
    known_sources = all_sources()
    out: dict[TestKind, Protocol] = {}
    for key, body in load_mapping("protocols.yaml").items():
        where = f"calfcoach/assess/data/protocols.yaml: {key}"
        if key not in {k.value for k in TestKind}:
            kinds = ", ".join(k.value for k in TestKind)
            raise DataFileError(f"unknown test {key!r}", where=where, hint=f"use one of {kinds}")
        if not isinstance(body, dict):
            raise DataFileError("expected a mapping of fields", where=where)
        try:
            protocol = Protocol.model_validate({"kind": key, **body})
        except ValidationError as exc:
            raise DataFileError(describe_validation(exc), where=where) from exc
        cited = set(protocol.sources) | {p.source for p in protocol.parameters}
        missing = sorted(cited - known_sources.keys())
        if missing:
            raise DataFileError(
                f"cites unknown sources {missing}", where=where, hint="add them to sources.yaml"
            )
        out[protocol.kind] = protocol
    absent = [k.value for k in TestKind if k not in out]
    if absent:
        raise DataFileError(f"no protocol for {absent}", where="calfcoach/assess/data/protocols.yaml")
    return out


def protocol(kind: TestKind) -> Protocol:
    """The protocol of one test."""
    return all_protocols()[kind]


class ProtocolText(Value):
    """The texts of one protocol a person reads, in one language (the English lines, translated)."""

    name: str
    purpose: str
    unit: str
    value_label: str
    equipment: tuple[str, ...] = ()
    setup: tuple[str, ...] = ()
    steps: NonEmpty
    stop_when: NonEmpty
    record: NonEmpty
    safety: tuple[str, ...] = ()


_LINES = ("equipment", "setup", "steps", "stop_when", "record", "safety")


@cache
def protocols_in(language: str) -> dict[TestKind, Protocol]:
    """Every protocol with its texts in `language`; the English ones for English or a language without a file.

    Raises DataFileError for a file that names other tests or gives a list with more or fewer lines."""
    english = all_protocols()
    code = normalize(language)
    name = f"{code}/protocols.yaml"
    if (
        code == DEFAULT
        or not resources.files("calfcoach.assess").joinpath("data", code, "protocols.yaml").is_file()
    ):
        return english
    raw = load_mapping(name)
    where = f"calfcoach/assess/data/{name}"
    names = {kind.value for kind in english}
    if set(raw) != names:
        raise DataFileError(
            f"gives the tests {sorted(raw)}, not {sorted(names)}", where=where, hint="one entry per test"
        )
    out: dict[TestKind, Protocol] = {}
    for kind, found in english.items():
        body = raw[kind.value]
        try:
            text = ProtocolText.model_validate(body)
        except ValidationError as exc:
            raise DataFileError(describe_validation(exc), where=f"{where}: {kind.value}") from exc
        for field in _LINES:
            given, wanted = len(getattr(text, field)), len(getattr(found, field))
            if given != wanted:
                raise DataFileError(
                    f"{field} has {given} lines, the English protocol {wanted}",
                    where=f"{where}: {kind.value}",
                    hint="translate line for line",
                )
        out[kind] = found.model_copy(update=text.model_dump())
    return out


def protocol_in(kind: TestKind, language: str) -> Protocol:
    """The protocol of one test with its texts in `language` (English where there is no translation)."""
    return protocols_in(language)[kind]
