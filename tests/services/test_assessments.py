import pytest

from calfcoach.domain.errors import InputError
from calfcoach.domain.log import TestKind, TestResult
from calfcoach.services.assessments import protocol_view, take_test
from calfcoach.services.athletes import create_athlete, questionnaire
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, NOW, PROFILE, sign_up


def test_every_test_has_a_protocol_to_follow() -> None:
    for kind in TestKind:
        view = protocol_view(kind)
        assert view.steps
        assert view.record


def test_a_result_is_stored_explained_and_gated(store: Store) -> None:
    athlete_id = sign_up(store)
    answer = take_test(
        store, TestResult(day=MONDAY, kind=TestKind.HEEL_RAISE, left=26, right=27), today=MONDAY
    )
    assert answer.running_gate.ready is False  # no hop-pain check yet
    answer = take_test(store, TestResult(day=MONDAY, kind=TestKind.HOP_PAIN, left=0, right=1), today=MONDAY)
    assert answer.running_gate.ready is True
    with store.reader() as uow:
        assert len(uow.tests.since(athlete_id)) == 2


def test_an_impossible_result_is_refused_before_writing(store: Store) -> None:
    athlete_id = sign_up(store)
    with pytest.raises(InputError, match="0-10"):
        take_test(store, TestResult(day=MONDAY, kind=TestKind.HOP_PAIN, left=11, right=0), today=MONDAY)
    with store.reader() as uow:
        assert uow.tests.since(athlete_id) == []


def test_a_german_person_reads_their_result_in_german(store: Store) -> None:
    profile = PROFILE.model_copy(update={"language": "de"})
    create_athlete(store, profile, {q.id: False for q in questionnaire().questions}, now=NOW)
    answer = take_test(
        store, TestResult(day=MONDAY, kind=TestKind.HEEL_RAISE, left=20, right=26), today=MONDAY
    )
    assert answer.summary[0].startswith("Links 20, rechts 26 (einbeiniges Fersenheben): links sind es 76 %")
    assert not any("the left" in line for line in answer.summary)
