"""Published reference values for the self-tests, and the choice of the one that fits a person."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Annotated, Any

from pydantic import Field, ValidationError, model_validator

from calfcoach.assess._data import load_mapping
from calfcoach.assess.sources import Source, Trust, all_sources, source
from calfcoach.domain.base import Value
from calfcoach.domain.errors import DataFileError, describe_validation
from calfcoach.domain.log import TestKind
from calfcoach.domain.profile import Sex
from calfcoach.i18n import N_, localize_decimals, translate

STATISTICS = {"median": N_("median"), "mean": N_("mean")}
# Who a norm describes, by its sex: within an age band, and a whole study population.
_GROUPS = {
    "male": (N_("men aged {low}-{high}"), N_("healthy men")),
    "female": (N_("women aged {low}-{high}"), N_("healthy women")),
    "any": (N_("adults aged {low}-{high}"), N_("healthy adults")),
}

Age = Annotated[int, Field(ge=0, le=130)]


class NormSex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    ANY = "any"


class Norm(Value):
    """A population value (median or mean) for one test, for an age band and sex where the source has them."""

    kind: TestKind
    statistic: str = Field(pattern="^(median|mean)$")
    value: float = Field(gt=0)
    alt_value: float | None = Field(default=None, gt=0)
    sd: float | None = Field(default=None, gt=0)
    sex: NormSex
    age_min: Age | None = None
    age_max: Age | None = None
    eyes_closed: bool = False
    population: bool = False
    source: str
    trust: Trust
    note: str = ""

    @model_validator(mode="after")
    def _band(self) -> Norm:
        if self.age_min is not None and self.age_max is not None and self.age_max < self.age_min:
            raise ValueError("age_max must be at least age_min")
        return self

    @property
    def cited(self) -> Source:
        return source(self.source)

    def fits(self, *, age: int | None, sex: Sex, eyes_closed: bool) -> bool:
        """Whether this norm describes a person of this age and sex (in this test condition)."""
        if self.eyes_closed != eyes_closed:
            return False
        if self.sex is not NormSex.ANY and self.sex.value != sex.value:
            return False
        if self.is_age_band:
            return age is not None and self.age_min_or_0 <= age <= self.age_max_or_max
        return age is None or self.age_min_or_0 <= age <= self.age_max_or_max

    @property
    def is_age_band(self) -> bool:
        """An age band (one decade, say) needs the person's age; a whole study population does not."""
        return not self.population and (self.age_min is not None or self.age_max is not None)

    @property
    def age_min_or_0(self) -> int:
        return 0 if self.age_min is None else self.age_min

    @property
    def age_max_or_max(self) -> int:
        return 130 if self.age_max is None else self.age_max

    @property
    def reference(self) -> float:
        """The value to compare with: the midpoint where two secondary versions disagree."""
        return self.value if self.alt_value is None else (self.value + self.alt_value) / 2

    def describe_value(self, language: str | None = None) -> str:
        """'37', or '30-31' where secondary sources disagree, with the spread when known (the decimal sign
        of `language`)."""
        low, high = sorted((self.value, self.alt_value if self.alt_value is not None else self.value))
        text = f"{low:g}" if low == high else f"{low:g}-{high:g}"
        return localize_decimals(f"{text} ± {self.sd:g}" if self.sd is not None else text, language)

    def describe_statistic(self, language: str | None = None) -> str:
        """'median' or 'mean', in `language`."""
        return translate(language, STATISTICS[self.statistic])

    def describe_group(self, language: str | None = None) -> str:
        """'men aged 20-29', 'healthy women', 'adults aged 18-39', 'healthy adults' (in `language`)."""
        banded, whole = _GROUPS[self.sex.value]
        if self.age_min is not None and self.age_max is not None:
            return translate(language, banded).format(low=self.age_min, high=self.age_max)
        return translate(language, whole)

    def describe(self, language: str | None = None) -> str:
        """'median for men aged 20-29: 37 (Hébert-Losier 2017; approximate: secondary sources disagree)'."""
        return translate(language, N_("{statistic} for {group}: {value} ({source}; {trust})")).format(
            statistic=self.describe_statistic(language),
            group=self.describe_group(language),
            value=self.describe_value(language),
            source=self.cited.short,
            trust=self.trust.describe(language),
        )


class Criterion(Value):
    """A threshold quoted as 'normal' or 'typical' rather than an average, checked per side or on the gap."""

    kind: TestKind
    label: str
    applies_to: str = Field(pattern="^(each_side|difference)$")
    direction: str = Field(pattern="^(at_least|at_most)$")
    value: float = Field(ge=0)
    source: str
    trust: Trust

    @property
    def cited(self) -> Source:
        return source(self.source)

    def met_by(self, value: float) -> bool:
        """Whether a side's value (or the gap between sides) meets the threshold."""
        return value >= self.value if self.direction == "at_least" else value <= self.value


class NormTable(Value):
    norms: tuple[Norm, ...]
    criteria: tuple[Criterion, ...] = ()


@cache
def norm_table() -> NormTable:
    """All norms and criteria from data/norms.yaml, checked once."""
    where = "calfcoach/assess/data/norms.yaml"
    raw: dict[str, Any] = load_mapping("norms.yaml")
    try:
        table = NormTable.model_validate(raw)
    except ValidationError as exc:
        raise DataFileError(describe_validation(exc), where=where) from exc
    known = all_sources()
    cited = [(f"norms[{i}]", n.source) for i, n in enumerate(table.norms)]
    cited += [(f"criteria[{i}]", c.source) for i, c in enumerate(table.criteria)]
    for place, source_id in cited:
        if source_id not in known:
            raise DataFileError(
                f"cites unknown source {source_id!r}",
                where=f"{where}: {place}",
                hint="add it to sources.yaml",
            )
    return table


def norms_of(kind: TestKind) -> tuple[Norm, ...]:
    """Every norm published for one test."""
    return tuple(n for n in norm_table().norms if n.kind is kind)


def criteria_of(kind: TestKind) -> tuple[Criterion, ...]:
    """The 'normal' thresholds quoted for one test."""
    return tuple(c for c in norm_table().criteria if c.kind is kind)


def norm_for(kind: TestKind, *, age: int | None, sex: Sex, eyes_closed: bool = False) -> Norm | None:
    """The most specific norm that fits the person, or None when the sources give none.

    Specific means an age band over a whole population, and one sex over both; ties go to the
    better-trusted entry. An age outside every band of a source gets no norm rather than a guess.
    """
    fitting = [n for n in norms_of(kind) if n.fits(age=age, sex=sex, eyes_closed=eyes_closed)]
    if not fitting:
        return None
    return min(fitting, key=lambda n: (not n.is_age_band, n.sex is NormSex.ANY, n.trust.rank))
