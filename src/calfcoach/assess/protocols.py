"""The self-test protocols (steps, stop rules, what to record) as data the CLI and web page show."""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import Field, ValidationError

from calfcoach.assess._data import load_mapping
from calfcoach.assess.sources import Trust, all_sources
from calfcoach.domain.base import Value
from calfcoach.domain.errors import DataFileError, NotFoundError, describe_validation
from calfcoach.domain.log import TestKind

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
