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


def test_a_screening_keeps_its_local_time_and_its_flags_open_on_the_persons_own_day(store: Store) -> None:
    evening_in_chicago = dt.datetime(2024, 3, 1, 21, 30, tzinfo=dt.timezone(dt.timedelta(hours=-6)))
    outcome = ScreeningOutcome(
        answers={"calf-swelling": True}, flagged=("calf-swelling",), advice=("go today",), urgent=True
    )
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        uow.screenings.add(athlete, outcome, taken_at=evening_in_chicago)
        uow.commit()
    with store.reader() as uow:
        (kept,) = uow.screenings.all(athlete)
        answers = uow.screenings.answers(athlete)
        flags = uow.red_flag_history(athlete).screenings
    assert kept.taken_at == evening_in_chicago
    assert kept.taken_at.utcoffset() == dt.timedelta(hours=-6)
    # 03:30 UTC on 2 March, but the flag opens on the day the person answered: 1 March.
    assert [(a.day, a.flagged) for a in answers] == [(dt.date(2024, 3, 1), ("calf-swelling",))]
    assert flags == tuple(answers)


def test_the_red_flag_history_holds_only_check_ins_with_a_symptom_and_every_clearance(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete = uow.athletes.add(builders.profile())
        uow.checkins.add(athlete, builders.checkin(builders.START))
        uow.checkins.add(athlete, builders.checkin(builders.START, symptoms=("sudden-pop",)))
        uow.clearances.add(athlete, builders.clearance(), recorded_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
        uow.commit()
    with store.reader() as uow:
        found = uow.red_flag_history(athlete)
    assert [c.symptoms for c in found.checkins] == [("sudden-pop",)]
    assert found.clearances == (
        builders.clearance().model_copy(update={"recorded_at": dt.datetime(2024, 1, 2, tzinfo=dt.UTC)}),
    )
    assert found.sessions == ()


def test_a_red_flag_is_reported_once_a_screening_or_check_in_answered_one_yes(store: Store) -> None:
    clear = ScreeningOutcome(answers={"chest-pain": False}, flagged=(), advice=(), urgent=False)
    flagged = ScreeningOutcome(answers={"chest-pain": True}, flagged=("chest-pain",), advice=(), urgent=True)
    taken_at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with store.unit_of_work() as uow:
        quiet, screened, checked = (uow.athletes.add(builders.profile(name)) for name in ("A", "B", "C"))
        for athlete in (quiet, screened, checked):
            uow.screenings.add(athlete, clear, taken_at=taken_at)
            uow.checkins.add(athlete, builders.checkin(builders.START))
        uow.screenings.add(screened, flagged, taken_at=taken_at)
        uow.checkins.add(checked, builders.checkin(builders.START, symptoms=("sudden-pop",)))
        uow.commit()
    with store.reader() as uow:
        assert [uow.red_flag_reported(a) for a in (quiet, screened, checked)] == [False, True, True]
