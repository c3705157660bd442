import datetime as dt

from calfcoach.store import Store
from tests.store import builders


def test_the_newest_plan_is_the_current_one_and_comes_back_unchanged(store: Store) -> None:
    older, newer = builders.plan(), builders.plan(builders.START + dt.timedelta(days=14))
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        first = uow.plans.save(athlete, older)
        uow.plans.save(athlete, newer)
        uow.commit()
    with store.reader() as uow:
        assert uow.plans.current(athlete) == newer
        assert uow.plans.get(athlete, first) == older
        assert [p.plan for p in uow.plans.all(athlete)] == [older, newer]


def test_planned_sessions_between_two_days_come_from_the_current_plan(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        assert uow.plans.sessions_between(athlete, builders.START, builders.START) == []
        uow.plans.save(athlete, builders.plan())
        uow.commit()
    with store.reader() as uow:
        found = uow.plans.sessions_between(
            athlete, builders.START + dt.timedelta(days=1), builders.START + dt.timedelta(days=4)
        )
    assert [s.day for s in found] == [
        builders.START + dt.timedelta(days=2),
        builders.START + dt.timedelta(days=4),
    ]


def test_another_athletes_plan_is_not_returned_by_id(store: Store) -> None:
    with store.unit_of_work() as uow:
        owner = uow.athletes.add(builders.profile("Ada"))
        other = uow.athletes.add(builders.profile("Grace"))
        plan_id = uow.plans.save(owner, builders.plan())
        assert uow.plans.get(other, plan_id) is None
