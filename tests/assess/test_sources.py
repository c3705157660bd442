from calfcoach.assess.sources import Trust, all_sources, source


def test_every_source_has_a_short_name_a_citation_and_what_was_checked() -> None:
    for item in all_sources().values():
        assert item.short
        assert len(item.citation) > 20
        assert item.checked


def test_the_heel_rise_norms_cite_the_physiotherapy_2017_paper_by_doi() -> None:
    paper = source("hebert-losier-2017")
    assert paper.doi == "10.1016/j.physio.2017.03.002"
    assert "Physiotherapy 2017;103(4):446-452" in paper.citation


def test_the_limb_symmetry_cut_off_is_recorded_as_a_convention() -> None:
    assert "convention" in source("lsi-convention").checked
    assert "convention" in source("running-gate-convention").checked


def test_trust_labels_rank_the_abstract_first_and_a_convention_last() -> None:
    assert Trust.ABSTRACT.rank < Trust.SECONDARY.rank < Trust.APPROXIMATE.rank < Trust.CONVENTION.rank
    assert "disagree" in Trust.APPROXIMATE.describe()
