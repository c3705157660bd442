"""The clinic generator makes the shape it states, in rows the store reads back as valid history."""

from __future__ import annotations

import datetime as dt

import pytest
from benchmarks.clinic_data import Shape, coach_token, fill

from calfcoach.services import coaching_clients
from calfcoach.services.accounts import digest
from calfcoach.store import open_store

pytestmark = pytest.mark.postgres

TODAY = dt.date(2026, 6, 1)


def test_two_coaches_with_three_clients_each_and_their_history(postgres_url: str) -> None:
    shape = Shape(coaches=2, clients=3, days=120)
    written = fill(postgres_url, shape, TODAY)
    assert written["athletes"] == 6
    assert written["users"] == 8
    assert written["coach_clients"] == 6
    store = open_store(postgres_url)
    try:
        with store.reader() as uow:
            coach = uow.users.get(1)
            assert coach is not None
            assert [a.id for a in uow.coaching.clients(coach.id)] == [1, 2, 3]
            for athlete_id in range(1, 7):
                history = uow.history(athlete_id)
                weeks = shape.days / 7
                # Three planned sessions a week, nine in ten done; a check-in the morning after each.
                assert 2.2 * weeks <= len(history.sessions) <= 3 * weeks
                assert all(s.day < TODAY for s in history.sessions)
                assert len(history.checkins) >= len(history.sessions) - 1
                assert {t.kind.value for t in history.tests} == {"heel_raise", "knee_to_wall"}
                assert len(history.screenings) == 1
        now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
        with store.reader() as uow:
            coaches = [uow.api_tokens.user(digest(coach_token(n))) for n in range(2)]
        assert [c.id for c in coaches if c is not None] == [1, 2]
        dashboards = [coaching_clients.clients_overview(store, c, now=now) for c in coaches if c is not None]
        assert [[r.athlete_id for r in rows] for rows in dashboards] == [[1, 2, 3], [4, 5, 6]]
        # One client in ten (the fourth, the fourteenth, ...) trained above the pain limit in the last days.
        assert [[r.athlete_id for r in rows if r.pain_action == "reduce"] for rows in dashboards] == [[], [4]]
        assert any("pain 7/10 in a session" in flag for flag in dashboards[1][0].pain_flags)
    finally:
        store.close()
