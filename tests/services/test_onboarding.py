import pytest

from calfcoach.domain.errors import InputError
from calfcoach.domain.log import TestKind, TestResult
from calfcoach.services.athletes import questionnaire
from calfcoach.services.onboarding import change_profile, sign_up
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, NOW, PROFILE

ALL_NO = {q.id: False for q in questionnaire().questions}


def test_sign_up_stores_the_profile_screening_and_baseline(store: Store) -> None:
    baseline = TestResult(day=MONDAY, kind=TestKind.HEEL_RAISE, left=18, right=21)
    result = sign_up(store, PROFILE, ALL_NO, baseline=baseline, now=NOW)
    assert result.screening.clear is True
    assert result.model_dump(mode="json")["profile"]["weekdays"] == [0, 2, 4]  # sorted: stable output
    assert result.baseline is not None
    assert result.baseline.summary
    with store.reader() as uow:
        assert len(uow.tests.since(result.athlete_id)) == 1


def test_a_second_sign_up_and_a_wrong_baseline_are_refused(store: Store) -> None:
    hop = TestResult(day=MONDAY, kind=TestKind.HOP_PAIN, left=0, right=0)
    with pytest.raises(InputError, match="heel-rise"):
        sign_up(store, PROFILE, ALL_NO, baseline=hop, now=NOW)
    sign_up(store, PROFILE, ALL_NO, baseline=None, now=NOW)
    with pytest.raises(InputError, match="already has a profile"):
        sign_up(store, PROFILE, ALL_NO, baseline=None, now=NOW)
    change_profile(store, PROFILE.model_copy(update={"name": "Bea"}))
    with store.reader() as uow:
        assert uow.athletes.count() == 1
        first = uow.athletes.first()
    assert first is not None
    assert first.profile.name == "Bea"
