"""Where the assessment numbers come from, and how far each one can be trusted."""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pydantic import Field, ValidationError

from calfcoach.assess._data import load_mapping
from calfcoach.domain.base import Value
from calfcoach.domain.errors import DataFileError, describe_validation
from calfcoach.i18n import N_, translate

_TRUST_WORDS = {
    "abstract": N_("checked against the paper's abstract"),
    "secondary": N_("from secondary sources"),
    "approximate": N_("approximate: secondary sources disagree"),
    "convention": N_("a clinical convention, not a study finding"),
}


class Trust(StrEnum):
    """How far a number was checked, shown next to it wherever it is used."""

    ABSTRACT = "abstract"  # checked against the paper's own abstract
    SECONDARY = "secondary"  # quoted by secondary sources; the original was not checked
    APPROXIMATE = "approximate"  # secondary sources disagree; use with a tolerance
    CONVENTION = "convention"  # a clinical convention or a house rule, not a study finding

    @property
    def rank(self) -> int:
        """Order by trust, best first, to break ties between equally specific norms."""
        return list(Trust).index(self)

    def describe(self, language: str | None = None) -> str:
        """Say in a few words how far the number can be trusted (in `language`)."""
        return translate(language, _TRUST_WORDS[self.value])


class Source(Value):
    """A paper or a convention that numbers cite by id."""

    id: str
    short: str = Field(min_length=2)
    citation: str = Field(min_length=10)
    doi: str | None = None
    checked: str


@cache
def all_sources() -> dict[str, Source]:
    """Every source the assessment data files cite, by id."""
    out: dict[str, Source] = {}
    for key, body in load_mapping("sources.yaml").items():
        where = f"calfcoach/assess/data/sources.yaml: {key}"
        if not isinstance(body, dict):
            raise DataFileError("expected a mapping of fields", where=where)
        try:
            out[key] = Source.model_validate({"id": key, **body})
        except ValidationError as exc:
            raise DataFileError(describe_validation(exc), where=where) from exc
    return out


def source(source_id: str) -> Source:
    """Look one source up by id."""
    return all_sources()[source_id]
