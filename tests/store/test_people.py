import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import text

from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.store import Role, Store
from calfcoach.store.uow import UnitOfWork
from tests.store import builders


def test_an_athlete_profile_comes_back_as_it_was_stored(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(builders.profile())
        uow.commit()
    with store.reader() as uow:
        assert uow.athletes.profile(athlete_id) == builders.profile()
        first = uow.athletes.first()
    assert first is not None
    assert first.id == athlete_id


def test_updating_a_profile_replaces_every_field(store: Store) -> None:
    changed = builders.profile().model_copy(update={"minutes_per_session": 45, "weekdays": frozenset({1, 5})})
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(builders.profile())
        uow.athletes.update(athlete_id, changed)
        uow.commit()
    with store.reader() as uow:
        assert uow.athletes.profile(athlete_id) == changed


def test_an_account_email_is_unique_whatever_its_case(store: Store) -> None:
    with store.unit_of_work() as uow:
        uow.users.add("Coach@Example.org", Role.COACH, password_hash="$argon2id$x")
        with pytest.raises(InputError, match="already exists"):
            uow.users.add("coach@example.org")
        uow.commit()
    with store.reader() as uow:
        found = uow.users.by_email("COACH@example.org")
    assert found is not None
    assert found.role is Role.COACH
    assert found.password_hash == "$argon2id$x"


def test_a_coach_follows_clients_and_an_athlete_cannot_coach(store: Store) -> None:
    with store.unit_of_work() as uow:
        coach = uow.users.add("coach@example.org", Role.COACH)
        runner = uow.users.add("runner@example.org")
        first = uow.athletes.add(builders.profile("Ada"), user_id=runner.id)
        second = uow.athletes.add(builders.profile("Grace"))
        uow.coaching.link(coach.id, first)
        uow.coaching.link(coach.id, second)
        uow.coaching.link(coach.id, second)
        with pytest.raises(InputError, match="is not a coach"):
            uow.coaching.link(runner.id, second)
        uow.commit()
    with store.reader() as uow:
        assert [a.profile.name for a in uow.coaching.clients(coach.id)] == ["Ada", "Grace"]
        assert [c.email for c in uow.coaching.coaches_of(first)] == ["coach@example.org"]
        linked = uow.athletes.by_user(runner.id)
        assert uow.coaching.follows(coach.id, second)
    assert linked is not None
    assert linked.id == first


def test_a_dashboards_keys_say_each_clients_revision_zone_and_latest_recording_in_one_read(
    store: Store,
) -> None:
    with store.unit_of_work() as uow:
        coach = uow.users.add("coach@example.org", Role.COACH)
        ada = uow.athletes.add(builders.profile("Ada").model_copy(update={"time_zone": "Pacific/Auckland"}))
        grace = uow.athletes.add(builders.profile("Grace"))
        uow.coaching.link(coach.id, ada)
        uow.coaching.link(coach.id, grace)
        uow.activities.add(grace, builders.activity())
        uow.commit()
    with store.lookup() as uow:
        language, keys = uow.coaching.dashboard_keys(coach.id)
        athletes = uow.athletes.many([grace, ada, 999])
    assert language is None
    assert [k.id for k in keys] == [ada, grace]
    assert [k.time_zone for k in keys] == ["Pacific/Auckland", None]
    assert keys[0].latest_start is None
    assert keys[1].latest_start == builders.activity().start_time
    assert {i: (a.revision, a.created_at) for i, a in athletes.items()} == {
        k.id: (k.revision, k.created_at) for k in keys
    }
    # The coach trains too, in German: the dashboard is theirs to read in it, with clients or without.
    with store.unit_of_work() as uow:
        uow.athletes.add(builders.profile("Coach").model_copy(update={"language": "de"}), user_id=coach.id)
        uow.coaching.unlink(coach.id, ada)
        uow.coaching.unlink(coach.id, grace)
        uow.commit()
    with store.lookup() as uow:
        assert uow.coaching.dashboard_keys(coach.id) == ("de", [])


def test_deleting_an_athlete_removes_everything_recorded_for_them(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(builders.profile())
        uow.sessions.add(athlete_id, builders.session("s-1"))
        uow.checkins.add(athlete_id, builders.checkin())
        uow.plans.save(athlete_id, builders.plan())
        uow.activities.add(athlete_id, builders.activity())
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.athletes.delete(athlete_id)
        uow.commit()
    with store.reader() as uow:
        counts = uow.counts()
    assert {name: n for name, n in counts.items() if n} == {}


def test_a_missing_account_or_athlete_is_reported_by_id(store: Store) -> None:
    with store.unit_of_work() as uow:
        with pytest.raises(NotFoundError, match="no account with id 7"):
            uow.athletes.add(builders.profile(), user_id=7)
        with pytest.raises(NotFoundError, match="no athlete with id 3"):
            uow.athletes.profile(3)


def _revision(store: Store, athlete_id: int) -> int:
    with store.reader() as uow:
        found = uow.athletes.revision(athlete_id)
    assert found is not None
    return found


def test_every_change_to_what_the_coach_reads_raises_the_athlete_revision(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(builders.profile())
        other_id = uow.athletes.add(builders.profile("Bo"))
        uow.commit()
    seen = [_revision(store, athlete_id)]
    changes: list[Callable[[UnitOfWork], object]] = [
        lambda uow: uow.sessions.add(athlete_id, builders.session("s1")),
        lambda uow: uow.sessions.save(athlete_id, builders.session("s1", set_count=2)),
        lambda uow: uow.checkins.add(athlete_id, builders.checkin()),
        lambda uow: uow.tests.add(athlete_id, builders.result()),
        lambda uow: uow.athletes.update(athlete_id, builders.profile("Ada L.")),
        lambda uow: uow.sessions.delete(athlete_id, "s1"),
        # Red flags and clearances change what the coach prescribes (store revision 0009).
        lambda uow: uow.screenings.add_record(athlete_id, builders.screening()),
        lambda uow: uow.clearances.add(
            athlete_id, builders.clearance(), recorded_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
        ),
    ]
    for change in changes:
        with store.unit_of_work() as uow:
            change(uow)
            uow.commit()
        seen.append(_revision(store, athlete_id))
        assert seen[-1] > seen[-2], f"revision did not rise after change {len(seen) - 1}"
    assert _revision(store, other_id) == 0
    with store.reader() as uow:
        assert uow.athletes.get(athlete_id) == uow.athletes.get(athlete_id)
        found = uow.athletes.get(athlete_id)
    assert found is not None
    assert found.revision == seen[-1]


def test_a_change_made_outside_the_app_raises_the_revision_too(store: Store) -> None:
    """Triggers count every writer, even plain SQL from another program."""
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(builders.profile())
        uow.checkins.add(athlete_id, builders.checkin())
        uow.commit()
    before = _revision(store, athlete_id)
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE checkins SET morning_pain = 5 WHERE athlete_id = :a"), {"a": athlete_id}
        )
    assert _revision(store, athlete_id) > before


def test_a_write_that_is_rolled_back_leaves_the_revision_alone(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(builders.profile())
        uow.commit()
    before = _revision(store, athlete_id)
    with store.unit_of_work() as uow:
        uow.checkins.add(athlete_id, builders.checkin())
    assert _revision(store, athlete_id) == before


def test_a_clearance_written_outside_the_app_raises_the_revision_too(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(builders.profile())
        uow.commit()
    before = _revision(store, athlete_id)
    with store.engine.begin() as connection:
        connection.execute(
            text(
                'INSERT INTO clearances (athlete_id, day, "by", note, recorded_at)'
                " VALUES (:a, '2024-01-05', 'GP', '', :now)"
            ),
            {"a": athlete_id, "now": dt.datetime(2024, 1, 5, tzinfo=dt.UTC)},
        )
    middle = _revision(store, athlete_id)
    assert middle > before
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM clearances WHERE athlete_id = :a"), {"a": athlete_id})
    assert _revision(store, athlete_id) > middle
