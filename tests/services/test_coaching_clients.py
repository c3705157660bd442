"""A coach's clients: invitations work once and expire; adherence counts sessions against training days."""

from __future__ import annotations

import datetime as dt
import gc
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from calfcoach.domain.errors import ConflictError, InputError, NotFoundError
from calfcoach.domain.log import CheckIn, Clearance, PerformedSession, SetLog
from calfcoach.domain.profile import Profile
from calfcoach.domain.program import Program
from calfcoach.library.programs import get_program
from calfcoach.services import coaching_clients, logbook
from calfcoach.services.access import RoleError
from calfcoach.services.accounts import choose_language
from calfcoach.services.athletes import create_athlete, questionnaire
from calfcoach.services.safety import record_clearance
from calfcoach.services.views import ClientRow
from calfcoach.store import Role, Store, User
from tests.store.builders import activity

NOW = dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC)
NO = {q.id: False for q in questionnaire().questions}


def _athlete(store: Store, name: str) -> int:
    profile = Profile(name=name, start_date=dt.date(2026, 1, 5), weekdays=frozenset({0, 2, 4}))
    athlete_id, _ = create_athlete(store, profile, NO, now=NOW)
    return athlete_id


def _coach(store: Store) -> User:
    with store.unit_of_work() as uow:
        coach = uow.users.add("coach@example.org", Role.COACH)
        uow.commit()
    return coach


def test_an_invitation_works_once(store: Store) -> None:
    coach = _coach(store)
    code = coaching_clients.invite(store, coach, now=NOW)
    first, second = _athlete(store, "A"), _athlete(store, "B")
    assert coaching_clients.accept_invitation(store, code, first, now=NOW) == coach
    with pytest.raises(ConflictError, match="already used"):
        coaching_clients.accept_invitation(store, code, second, now=NOW)
    assert [c.athlete_id for c in coaching_clients.clients_overview(store, coach, now=NOW)] == [first]


def test_an_invitation_expires_after_14_days(store: Store) -> None:
    coach = _coach(store)
    code = coaching_clients.invite(store, coach, now=NOW)
    later = NOW + dt.timedelta(days=coaching_clients.INVITATION_DAYS)
    with pytest.raises(InputError, match="expired"):
        coaching_clients.accept_invitation(store, code, _athlete(store, "A"), now=later)


def test_an_unknown_code_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="not known"):
        coaching_clients.accept_invitation(store, "nope", _athlete(store, "A"), now=NOW)


def test_an_athlete_account_cannot_invite(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete = uow.users.add("a@example.org", Role.ATHLETE)
        uow.commit()
    with pytest.raises(RoleError):
        coaching_clients.invite(store, athlete, now=NOW)


def test_adherence_before_the_first_training_day_is_unknown() -> None:
    start = dt.date(2026, 1, 8)
    assert coaching_clients._adherence(frozenset({0}), start, set(), dt.date(2026, 1, 7)) is None


def test_a_training_day_is_due_only_once_it_is_over_or_trained() -> None:
    """Regression: a client who started this morning on a training day showed "0 %" to the coach."""
    wednesday = dt.date(2026, 1, 7)
    monday_wednesday = frozenset({0, 2})
    assert coaching_clients._adherence(monday_wednesday, wednesday, set(), wednesday) is None
    assert coaching_clients._adherence(monday_wednesday, wednesday, {wednesday}, wednesday) == 1
    monday = dt.date(2026, 1, 5)
    assert coaching_clients._adherence(monday_wednesday, monday, {monday}, wednesday) == 1
    assert coaching_clients._adherence(monday_wednesday, monday, set(), wednesday) == 0
    assert coaching_clients._adherence(monday_wednesday, monday, {wednesday}, wednesday) == 0.5


@given(
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    done=st.sets(st.dates(dt.date(2025, 11, 1), dt.date(2026, 1, 7))),
)
def test_adherence_is_always_between_0_and_1(weekdays: frozenset[int], done: set[dt.date]) -> None:
    found = coaching_clients._adherence(weekdays, dt.date(2025, 1, 1), done, dt.date(2026, 1, 7))
    assert found is not None
    assert 0 <= found <= 1


def _client(store: Store) -> tuple[User, int]:
    coach = _coach(store)
    athlete_id = _athlete(store, "A")
    coaching_clients.accept_invitation(
        store, coaching_clients.invite(store, coach, now=NOW), athlete_id, now=NOW
    )
    return coach, athlete_id


def _painful_session(day: dt.date, pain: int) -> PerformedSession:
    return PerformedSession(
        id=f"s-{day.isoformat()}",
        day=day,
        program_id="calf-foundations-to-running",
        phase_id="foundations",
        template_id="strength-a",
        sets=(SetLog(exercise_id="calf-raise-step", set_index=0, reps=12),),
        pain_during=pain,
    )


def test_the_dashboard_flags_session_pain_above_the_clients_own_program_limit(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    coach, athlete_id = _client(store)
    with store.unit_of_work() as uow:
        uow.sessions.add(athlete_id, _painful_session(NOW.date() - dt.timedelta(days=2), 4))
        uow.commit()

    def overview() -> ClientRow:
        (row,) = coaching_clients.clients_overview(store, coach, now=NOW)
        return row

    shipped = overview()
    assert shipped.pain_flag_above == 5
    assert not any("pain 4/10 in a session" in f for f in shipped.pain_flags)

    def strict(program_id: str) -> Program:
        program = get_program(program_id)
        return program.model_copy(update={"pain": program.pain.model_copy(update={"flag_above": 3})})

    monkeypatch.setattr(coaching_clients, "get_program", strict)
    flagged = overview()
    assert flagged.pain_flag_above == 3
    assert "2026-01-05: pain 4/10 in a session" in flagged.pain_flags


def _german(store: Store, athlete_id: int) -> None:
    with store.unit_of_work() as uow:
        found = uow.athletes.get(athlete_id)
        assert found is not None
        uow.athletes.update(athlete_id, found.profile.model_copy(update={"language": "de"}))
        uow.commit()


def test_the_flags_are_in_the_coachs_language_not_the_clients(store: Store) -> None:
    coach, athlete_id = _client(store)
    _german(store, athlete_id)
    with store.unit_of_work() as uow:
        uow.sessions.add(athlete_id, _painful_session(NOW.date() - dt.timedelta(days=2), 7))
        uow.commit()
    cache = coaching_clients.ClientRowCache()
    (english,) = coaching_clients.clients_overview(store, coach, now=NOW, language="en", cache=cache)
    assert "2026-01-05: pain 7/10 in a session" in english.pain_flags
    # The same kept facts, read by a German page: said in German, nothing computed again.
    (german,) = coaching_clients.clients_overview(store, coach, now=NOW, language="de-AT", cache=cache)
    assert "05.01.2026: Schmerz 7/10 in einer Einheit" in german.pain_flags
    assert german.model_copy(update={"pain_flags": english.pain_flags}) == english


def test_a_coach_who_trains_too_reads_the_dashboard_in_their_own_profiles_language(store: Store) -> None:
    coach, athlete_id = _client(store)
    own = Profile(name="Coach", start_date=dt.date(2026, 1, 5), weekdays=frozenset({0}), language="de")
    with store.unit_of_work() as uow:
        uow.athletes.add(own, user_id=coach.id)
        uow.sessions.add(athlete_id, _painful_session(NOW.date() - dt.timedelta(days=2), 7))
        uow.commit()
    (row,) = coaching_clients.clients_overview(store, coach, now=NOW, language="en")
    assert "05.01.2026: Schmerz 7/10 in einer Einheit" in row.pain_flags


def test_a_coach_who_chose_a_language_for_their_account_reads_the_dashboard_in_it(store: Store) -> None:
    # The API passes the request's Accept-Language; a coach who chose German on the account page read
    # their clients' flags in English over the API.
    coach, athlete_id = _client(store)
    coach = choose_language(store, coach, "de")
    with store.unit_of_work() as uow:
        uow.sessions.add(athlete_id, _painful_session(NOW.date() - dt.timedelta(days=2), 7))
        uow.commit()
    (row,) = coaching_clients.clients_overview(store, coach, now=NOW, language="en")
    assert "05.01.2026: Schmerz 7/10 in einer Einheit" in row.pain_flags


def _unsettled(store: Store, athlete_id: int) -> None:
    """A session on Monday with pain 2, and Tuesday morning's pain 4 above the usual 1."""
    monday = NOW.date() - dt.timedelta(days=2)
    with store.unit_of_work() as uow:
        uow.checkins.add(athlete_id, CheckIn(day=monday - dt.timedelta(days=1), morning_pain=1))
        uow.sessions.add(athlete_id, _painful_session(monday, 2))
        uow.checkins.add(athlete_id, CheckIn(day=monday + dt.timedelta(days=1), morning_pain=4))
        uow.commit()


def test_a_pain_flag_speaks_of_the_client_to_the_coach(store: Store) -> None:
    coach, athlete_id = _client(store)
    _unsettled(store, athlete_id)
    (row,) = coaching_clients.clients_overview(store, coach, now=NOW)
    assert row.pain_flags == [
        "the last session: morning pain 4/10 on 2026-01-06 after it, above their usual 1/10: it had not "
        "settled, so less of it"
    ]
    (german,) = coaching_clients.clients_overview(store, coach, now=NOW, language="de")
    assert len(german.pain_flags) == 1
    assert "über dem für die Person üblichen 1/10" in german.pain_flags[0]
    assert "Ihren" not in german.pain_flags[0]


def test_the_safety_advice_speaks_of_the_client_to_the_coach(store: Store) -> None:
    coach, athlete_id = _client(store)
    today = NOW.date()
    logbook.check_in(
        store, athlete_id, CheckIn(day=today, morning_pain=1, symptoms=("calf-swelling",)), today=today
    )
    (row,) = coaching_clients.clients_overview(store, coach, now=NOW)
    assert row.safety.advice[-1].startswith("Must not train until a doctor has seen them.")
    assert not any(" you" in advice for advice in row.safety.advice[-1:])


def test_the_apis_json_is_the_rows_serialized(store: Store) -> None:
    coach, athlete_id = _client(store)
    _unsettled(store, athlete_id)
    with store.unit_of_work() as uow:
        uow.activities.add(
            athlete_id, activity().model_copy(update={"start_time": NOW - dt.timedelta(days=1)})
        )
        uow.commit()
    other = _athlete(store, "Zoë")
    coaching_clients.accept_invitation(store, coaching_clients.invite(store, coach, now=NOW), other, now=NOW)
    cache = coaching_clients.ClientRowCache()
    for language in ("en", "de", "de"):
        board = coaching_clients.dashboard(store, coach, now=NOW, language=language, cache=cache)
        assert board.json() == TypeAdapter(list[ClientRow]).dump_json(board.rows())
        assert [r["last_activity"] for r in json.loads(board.json())] == ["2026-01-06", None]
        # The rows read back from the kept JSON are the rows the facts make.
        assert board.rows() == [
            facts.row_in(board.language).model_copy(update={"last_activity": last})
            for facts, (_, last) in zip(board.facts(), board.clients, strict=True)
        ]


def test_what_a_server_keeps_of_a_dashboard_is_not_walked_by_the_garbage_collector(store: Store) -> None:
    """Kept as objects, two thousand clients' rows made every full collection stall a server 40-70 ms."""
    coach, athlete_id = _client(store)
    _unsettled(store, athlete_id)
    cache = coaching_clients.ClientRowCache()
    for language in ("en", "de"):
        board = coaching_clients.dashboard(store, coach, now=NOW, language=language, cache=cache)
        board.json()
    ((kept, _),) = board.clients
    gc.collect()  # a dict or tuple of atomic values is untracked when a collection first meets it
    held = [value for value in gc.get_referents(kept) if value is not type(kept)]
    assert held
    assert not any(gc.is_tracked(value) for value in held)
    assert kept.facts().pain_flags  # what is kept still says everything


def test_the_dashboard_says_who_must_not_train_who_was_referred_and_the_latest_clearance(
    store: Store,
) -> None:
    coach, athlete_id = _client(store)
    other = _athlete(store, "B")
    coaching_clients.accept_invitation(store, coaching_clients.invite(store, coach, now=NOW), other, now=NOW)
    today = NOW.date()
    logbook.check_in(
        store, athlete_id, CheckIn(day=today, morning_pain=1, symptoms=("calf-swelling",)), today=today
    )
    record_clearance(
        store, other, Clearance(day=today - dt.timedelta(days=1), by="physio"), today=today, now=NOW
    )
    logbook.check_in(store, other, CheckIn(day=today, morning_pain=3, symptoms=("rest-pain",)), today=today)
    rows = {r.athlete_id: r for r in coaching_clients.clients_overview(store, coach, now=NOW)}
    stopped, referred = rows[athlete_id], rows[other]
    assert stopped.safety.mode == "stop"
    assert [(f.id, f.level) for f in stopped.safety.flags] == [("calf-swelling", "urgent")]
    assert stopped.latest_clearance is None
    assert referred.safety.mode == "relative_rest"
    assert [f.id for f in referred.safety.flags] == ["rest-pain"]
    assert referred.latest_clearance is not None
    assert referred.latest_clearance.model_dump(mode="json") == {
        "day": "2026-01-06",
        "by": "physio",
        "note": "",
    }
    assert referred.safety.cleared_on == dt.date(2026, 1, 6)


def test_each_client_is_read_on_their_own_day(store: Store) -> None:
    coach = _coach(store)
    late = dt.datetime(2026, 1, 7, 12, 0, tzinfo=dt.UTC)  # already Thursday 8 in Auckland (UTC+13)
    kiwi = Profile(
        name="Kiwi",
        start_date=dt.date(2026, 1, 5),
        weekdays=frozenset({0, 2, 4}),
        time_zone="Pacific/Auckland",
    )
    kiwi_id, _ = create_athlete(store, kiwi, NO, now=NOW)
    coaching_clients.accept_invitation(
        store, coaching_clients.invite(store, coach, now=NOW), kiwi_id, now=NOW
    )
    thursday = dt.date(2026, 1, 8)
    logbook.check_in(
        store, kiwi_id, CheckIn(day=thursday, morning_pain=1, symptoms=("calf-swelling",)), today=thursday
    )
    (row,) = coaching_clients.clients_overview(store, coach, now=late)
    assert row.safety.mode == "stop"  # this morning's swollen calf, read on the client's Thursday


def test_a_red_flag_reported_long_before_the_dashboards_window_still_stops_training(store: Store) -> None:
    coach, athlete_id = _client(store)
    long_ago = NOW.date() - dt.timedelta(days=400)
    with store.unit_of_work() as uow:
        uow.checkins.add(athlete_id, CheckIn(day=long_ago, morning_pain=2, symptoms=("calf-swelling",)))
        uow.checkins.add(athlete_id, CheckIn(day=long_ago + dt.timedelta(days=1), morning_pain=1))
        uow.commit()
    (row,) = coaching_clients.clients_overview(store, coach, now=NOW)
    assert row.safety.mode == "stop"
    assert [f.id for f in row.safety.flags] == ["calf-swelling"]


def test_a_kept_row_serves_until_the_client_changes_through_any_server(store: Store) -> None:
    coach, athlete_id = _client(store)
    cache = coaching_clients.ClientRowCache()
    first = coaching_clients.clients_overview(store, coach, now=NOW, cache=cache)
    assert coaching_clients.clients_overview(store, coach, now=NOW, cache=cache) == first
    assert first[0].pain_action == "progress"
    # Another server (its own cache) records a painful morning: the revision read here moves on.
    logbook.check_in(store, athlete_id, CheckIn(day=NOW.date(), morning_pain=8), today=NOW.date())
    (after,) = coaching_clients.clients_overview(store, coach, now=NOW, cache=cache)
    (fresh,) = coaching_clients.clients_overview(store, coach, now=NOW)
    assert after == fresh
    assert after.pain_action != "progress"
    # The next day is computed again too (adherence and pain windows move with it).
    tomorrow = NOW + dt.timedelta(days=1)
    assert coaching_clients.clients_overview(store, coach, now=tomorrow, cache=cache) == (
        coaching_clients.clients_overview(store, coach, now=tomorrow)
    )


def test_a_recording_shows_as_the_last_activity_at_once_though_it_changes_no_revision(store: Store) -> None:
    coach, athlete_id = _client(store)
    cache = coaching_clients.ClientRowCache()
    (before,) = coaching_clients.clients_overview(store, coach, now=NOW, cache=cache)
    assert before.last_activity is None
    with store.unit_of_work() as uow:
        uow.activities.add(
            athlete_id, activity().model_copy(update={"start_time": NOW - dt.timedelta(days=1)})
        )
        uow.commit()
    (after,) = coaching_clients.clients_overview(store, coach, now=NOW, cache=cache)
    assert after.last_activity == NOW.date() - dt.timedelta(days=1)
