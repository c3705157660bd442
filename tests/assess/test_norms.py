import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.assess._data import load_mapping
from calfcoach.assess.norms import NormSex, criteria_of, norm_for, norm_table, norms_of
from calfcoach.assess.sources import Trust
from calfcoach.domain.errors import DataFileError
from calfcoach.domain.log import TestKind
from calfcoach.domain.profile import Sex

# The two secondary versions of the Hébert-Losier 2017 per-decade medians (EVIDENCE.md), men / women.
FIRST_VERSION = {20: (37, 30), 30: (32, 27), 40: (28, 24), 50: (23, 21), 60: (19, 19), 70: (14, 16)}
SECOND_VERSION = {
    20: (37, 31),
    30: (33, 27),
    40: (28, 25),
    50: (24, 22),
    60: (19, 19),
    70: (15, 17),
    80: (10, 14),
}
# Springer 2007, eyes open, best of 3 (secondary, rounded).
SPRINGER_EYES_OPEN = {18: 44, 40: 41, 50: 41, 60: 32, 70: 21, 80: 9}


def _band(kind: TestKind, sex: NormSex, age_min: int) -> tuple[float, float | None]:
    found = [n for n in norms_of(kind) if n.sex is sex and n.age_min == age_min and not n.population]
    assert len(found) == 1
    return found[0].value, found[0].alt_value


def test_the_abstracts_medians_are_24_for_men_and_21_for_women() -> None:
    assert norm_for(TestKind.HEEL_RAISE, age=None, sex=Sex.MALE).value == 24  # type: ignore[union-attr]
    female = norm_for(TestKind.HEEL_RAISE, age=None, sex=Sex.FEMALE)
    assert female is not None
    assert (female.value, female.statistic, female.trust) == (21, "median", Trust.ABSTRACT)
    assert (female.age_min, female.age_max) == (20, 81)


def test_lunsford_and_perrys_mean_is_27_9_for_ages_20_to_59() -> None:
    mixed = norm_for(TestKind.HEEL_RAISE, age=None, sex=Sex.UNSPECIFIED)
    assert mixed is not None
    assert (mixed.value, mixed.source, mixed.age_min, mixed.age_max) == (27.9, "lunsford-perry-1995", 20, 59)


def test_the_per_decade_table_keeps_both_secondary_versions_and_is_labelled_approximate() -> None:
    for age_min, (men, women) in FIRST_VERSION.items():
        men_2, women_2 = SECOND_VERSION[age_min]
        assert _band(TestKind.HEEL_RAISE, NormSex.MALE, age_min) == (men, men_2)
        assert _band(TestKind.HEEL_RAISE, NormSex.FEMALE, age_min) == (women, women_2)
    assert _band(TestKind.HEEL_RAISE, NormSex.MALE, 80) == (10, None)
    assert _band(TestKind.HEEL_RAISE, NormSex.FEMALE, 80) == (14, None)
    bands = [n for n in norms_of(TestKind.HEEL_RAISE) if not n.population]
    assert {n.trust for n in bands} == {Trust.APPROXIMATE}


def test_the_two_versions_disagree_by_at_most_one_rep() -> None:
    for n in norms_of(TestKind.HEEL_RAISE):
        if n.alt_value is not None:
            assert abs(n.value - n.alt_value) <= 1


def test_women_over_60_do_at_least_as_well_as_men_as_the_paper_reports() -> None:
    for age in (65, 75):
        men = norm_for(TestKind.HEEL_RAISE, age=age, sex=Sex.MALE)
        women = norm_for(TestKind.HEEL_RAISE, age=age, sex=Sex.FEMALE)
        assert men is not None
        assert women is not None
        assert women.reference >= men.reference


def test_a_man_of_25_is_compared_with_his_decade_and_a_range_where_sources_disagree() -> None:
    norm = norm_for(TestKind.HEEL_RAISE, age=25, sex=Sex.MALE)
    assert norm is not None
    assert norm.value == 37
    woman = norm_for(TestKind.HEEL_RAISE, age=25, sex=Sex.FEMALE)
    assert woman is not None
    assert woman.describe_value() == "30-31"
    assert woman.reference == 30.5


def test_an_age_outside_the_study_gets_no_norm_rather_than_a_guess() -> None:
    assert norm_for(TestKind.HEEL_RAISE, age=85, sex=Sex.MALE) is None
    assert norm_for(TestKind.HEEL_RAISE, age=70, sex=Sex.UNSPECIFIED) is None
    assert norm_for(TestKind.BALANCE, age=15, sex=Sex.FEMALE) is None


def test_springers_eyes_open_bands_hold_for_either_sex() -> None:
    for age_min, seconds in SPRINGER_EYES_OPEN.items():
        for sex in Sex:
            norm = norm_for(TestKind.BALANCE, age=age_min, sex=sex)
            assert norm is not None
            assert (norm.value, norm.source, norm.trust) == (seconds, "springer-2007", Trust.SECONDARY)


def test_there_is_no_eyes_closed_balance_norm_and_no_age_free_one() -> None:
    assert norm_for(TestKind.BALANCE, age=30, sex=Sex.MALE, eyes_closed=True) is None
    assert norm_for(TestKind.BALANCE, age=None, sex=Sex.MALE) is None


def test_knee_to_wall_is_12_plus_or_minus_2_8_cm_at_any_age() -> None:
    for age in (None, 20, 70):
        norm = norm_for(TestKind.KNEE_TO_WALL, age=age, sex=Sex.UNSPECIFIED)
        assert norm is not None
        assert (norm.value, norm.sd, norm.source) == (12, 2.8, "hoch-mckeon-2011")
        assert norm.describe_value() == "12 ± 2.8"


def test_the_quoted_criteria_keep_their_sources_numbers() -> None:
    heel = {c.source: c.value for c in criteria_of(TestKind.HEEL_RAISE)}
    assert heel == {"lunsford-perry-1995": 25, "jan-2005": 20}
    (gap,) = criteria_of(TestKind.KNEE_TO_WALL)
    assert (gap.value, gap.applies_to, gap.direction) == (1.5, "difference", "at_most")


def test_a_norm_describes_its_group_its_value_and_its_trust() -> None:
    norm = norm_for(TestKind.HEEL_RAISE, age=72, sex=Sex.FEMALE)
    assert norm is not None
    assert norm.describe() == (
        "median for women aged 70-79: 16-17 (Hébert-Losier 2017; approximate: secondary sources disagree)"
    )


def test_a_norm_citing_an_unknown_source_is_refused_with_its_place(monkeypatch: pytest.MonkeyPatch) -> None:
    good = load_mapping("norms.yaml")
    broken = {**good, "criteria": [{**good["criteria"][0], "source": "nobody-2020"}]}
    monkeypatch.setattr("calfcoach.assess.norms.load_mapping", lambda name: broken)
    norm_table.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"criteria\[0\]: cites unknown source 'nobody-2020'"):
            norm_table()
    finally:
        norm_table.cache_clear()


@given(
    st.sampled_from(list(TestKind)),
    st.one_of(st.none(), st.integers(0, 110)),
    st.sampled_from(list(Sex)),
    st.booleans(),
)
def test_the_chosen_norm_always_fits_the_person(
    kind: TestKind, age: int | None, sex: Sex, eyes_closed: bool
) -> None:
    norm = norm_for(kind, age=age, sex=sex, eyes_closed=eyes_closed)
    if norm is None:
        return
    assert norm.kind is kind
    assert norm.fits(age=age, sex=sex, eyes_closed=eyes_closed)
    if age is not None and norm.age_min is not None and norm.age_max is not None:
        assert norm.age_min <= age <= norm.age_max
