"""The exercise-media repository: what it keeps, and whose media each viewer gets, on both backends."""

from __future__ import annotations

import datetime as dt

from calfcoach.store import Store
from calfcoach.store.records import Role

NOW = dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC)


def test_a_viewer_gets_their_own_and_their_coachs_media_only(store: Store) -> None:
    with store.unit_of_work() as uow:
        coach = uow.users.add("coach@example.org", Role.COACH, password_hash="x")
        rival = uow.users.add("rival@example.org", Role.COACH, password_hash="x")
        uow.commit()
    with store.unit_of_work() as uow:
        mine = uow.media.add(
            owner_user_id=coach.id,
            exercise_id="calf-raise-step",
            kind="link",
            title="a",
            url="https://a",
            now=NOW,
        )
        uow.media.add(
            owner_user_id=rival.id,
            exercise_id="calf-raise-step",
            kind="link",
            title="b",
            url="https://b",
            now=NOW,
        )
        uow.commit()
    with store.reader() as uow:
        assert uow.media.for_exercise("calf-raise-step", viewer_user_id=coach.id, athlete_id=None) == [mine]
        assert uow.media.for_exercise("brisk-walk", viewer_user_id=coach.id, athlete_id=None) == []
        everyone = uow.media.for_exercise("calf-raise-step", viewer_user_id=0, athlete_id=None, everyone=True)
        assert len(everyone) == 2
        assert uow.media.get(mine.id) == mine
    with store.unit_of_work() as uow:
        uow.media.remove(mine.id)
        uow.commit()
    with store.reader() as uow:
        assert uow.media.get(mine.id) is None
