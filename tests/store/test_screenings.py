import datetime as dt

from calfcoach.domain.screening import ScreeningOutcome
from calfcoach.store import Store
from tests.store import builders


def test_the_latest_screening_is_the_newest_and_all_are_kept(store: Store) -> None:
    first = ScreeningOutcome(answers={"chest-pain": False}, flagged=(), advice=(), urgent=False)
    second = ScreeningOutcome(
        answers={"chest-pain": True}, flagged=("chest-pain",), advice=("see a doctor first",), urgent=True
    )
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        uow.screenings.add(athlete, first, taken_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
        uow.screenings.add(athlete, second, taken_at=dt.datetime(2024, 2, 1, tzinfo=dt.UTC))
        latest = uow.screenings.latest(athlete)  # seen inside the same unit of work, before commit
        uow.commit()
    assert latest == (dt.datetime(2024, 2, 1, tzinfo=dt.UTC), {"chest-pain": True})
    with store.reader() as uow:
        kept = uow.screenings.all(athlete)
    assert [(s.flagged, s.urgent) for s in kept] == [((), False), (("chest-pain",), True)]
