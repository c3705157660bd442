"""Safety reaches the engine and the person: symptoms stop training, clearances start it again."""

from __future__ import annotations

import datetime as dt

import pytest

from calfcoach.coach.safety import STOP_ADVICE, safety_status
from calfcoach.domain.errors import InputError
from calfcoach.domain.log import CheckIn, Clearance, PerformedSession, SetLog
from calfcoach.library.programs import get_program
from calfcoach.library.screening import load_questionnaire
from calfcoach.services import logbook
from calfcoach.services.athletes import questionnaire
from calfcoach.services.checkins import morning_check_in
from calfcoach.services.safety import record_clearance, rescreen, safety_for
from calfcoach.services.today import TodayCache, today_view
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, NOW, PROFILE, sign_up

CHECKIN_IDS = [q.id for q in load_questionnaire().checkin]


def _session(uid: str, day: dt.date, *, pain: int = 0, pain_from: tuple[str, ...] = ()) -> PerformedSession:
    return PerformedSession(
        id=uid,
        day=day,
        program_id=PROFILE.program_id,
        phase_id="foundations",
        template_id="strength-a",
        sets=(
            SetLog(exercise_id="calf-raise-step", set_index=0, reps=12),
            SetLog(exercise_id="wall-calf-stretch-straight", set_index=0, hold_s=30),
        ),
        pain_during=pain,
        pain_from=pain_from,
    )


def _counts(store: Store, athlete_id: int) -> tuple[int, int]:
    with store.reader() as uow:
        return uow.sessions.count(athlete_id), len(uow.checkins.since(athlete_id))


def test_an_unknown_symptom_is_refused_naming_it_and_the_valid_ids(store: Store) -> None:
    athlete_id = sign_up(store)
    entry = CheckIn(day=MONDAY, morning_pain=1, symptoms=("calf-swelling", "cramp"))
    with pytest.raises(InputError) as raised:
        logbook.check_in(store, athlete_id, entry, today=MONDAY)
    assert "'cramp' is not a check-in symptom" in raised.value.message
    assert raised.value.where == "symptoms"
    assert raised.value.hint is not None
    assert all(i in raised.value.hint for i in CHECKIN_IDS)
    twice = CheckIn(day=MONDAY, morning_pain=1, symptoms=("fever", "fever"))
    with pytest.raises(InputError, match="'fever' is given twice"):
        logbook.check_in(store, athlete_id, twice, today=MONDAY)
    assert _counts(store, athlete_id) == (0, 0)


def test_a_check_in_with_calf_swelling_answers_stop_and_see_a_doctor_today(store: Store) -> None:
    sign_up(store)
    answer = morning_check_in(
        store, CheckIn(day=MONDAY, morning_pain=2, symptoms=("calf-swelling",)), today=MONDAY
    ).model_dump(mode="json")
    safety = answer["safety"]
    assert answer["symptoms"] == ["calf-swelling"]
    assert (safety["mode"], safety["stop"], safety["refer"]) == ("stop", True, False)
    assert [(f["id"], f["level"], f["source"], f["since"]) for f in safety["flags"]] == [
        ("calf-swelling", "urgent", "checkin", MONDAY.isoformat())
    ]
    assert "today" in safety["advice"][0]
    assert safety["advice"][-1] == str(STOP_ADVICE)
    assert safety["cleared_on"] is None


def test_a_refer_symptom_means_relative_rest_and_a_plain_check_in_trains(store: Store) -> None:
    sign_up(store)
    plain = morning_check_in(store, CheckIn(day=MONDAY, morning_pain=0), today=MONDAY).model_dump(mode="json")
    assert plain["safety"]["mode"] == "train"
    assert plain["safety"]["flags"] == []
    tuesday = MONDAY + dt.timedelta(days=1)
    night = morning_check_in(
        store, CheckIn(day=tuesday, morning_pain=3, symptoms=("night-pain",)), today=tuesday
    ).model_dump(mode="json")
    assert night["safety"]["mode"] == "relative_rest"
    assert [f["id"] for f in night["safety"]["flags"]] == ["night-pain"]


def test_a_session_is_refused_while_stopped_and_accepted_once_cleared(store: Store) -> None:
    athlete_id = sign_up(store)
    logbook.check_in(
        store,
        athlete_id,
        CheckIn(day=MONDAY, morning_pain=1, symptoms=("sudden-pop",)),
        today=MONDAY,
        now=NOW - dt.timedelta(hours=1),  # an hour before the clearance below
    )
    for write in (logbook.log_session, logbook.save_session):
        with pytest.raises(InputError) as raised:
            write(store, athlete_id, _session("s1", MONDAY), today=MONDAY)
        text = str(raised.value)
        assert "training is stopped until a doctor has seen you" in text
        assert f"sudden-pop (at the check-in of {MONDAY.isoformat()}): Stop training" in text
        assert "see a doctor today" in text
        assert "calfcoach cleared --by WHO" in text
        assert "nothing was written" in text
    assert _counts(store, athlete_id) == (0, 1)
    status = record_clearance(
        store, athlete_id, Clearance(day=MONDAY, by="A&E", note="no rupture"), today=MONDAY, now=NOW
    )
    assert (status.mode, status.cleared_on) == ("train", MONDAY)
    logbook.log_session(store, athlete_id, _session("s1", MONDAY), today=MONDAY)
    assert _counts(store, athlete_id) == (1, 1)


def test_an_urgent_check_in_recorded_after_a_same_day_clearance_stops_training(store: Store) -> None:
    athlete_id = sign_up(store)
    record_clearance(store, athlete_id, Clearance(day=MONDAY, by="GP"), today=MONDAY, now=NOW)
    evening = NOW + dt.timedelta(hours=11)
    logbook.check_in(
        store,
        athlete_id,
        CheckIn(day=MONDAY, morning_pain=2, symptoms=("calf-swelling",)),
        today=MONDAY,
        now=evening,
    )
    with store.reader() as uow:
        assert [c.recorded_at for c in uow.checkins.since(athlete_id)] == [evening]
        assert [c.recorded_at for c in uow.clearances.all(athlete_id)] == [NOW]
    status = safety_for(store, athlete_id, MONDAY)
    assert (status.mode, [f.id for f in status.flags]) == ("stop", ["calf-swelling"])
    with pytest.raises(InputError, match="training is stopped"):
        logbook.log_session(store, athlete_id, _session("s1", MONDAY), today=MONDAY)
    # a second clearance later that evening closes it
    later = evening + dt.timedelta(hours=1)
    status = record_clearance(store, athlete_id, Clearance(day=MONDAY, by="A&E"), today=MONDAY, now=later)
    assert status.mode == "train"


def test_a_check_in_is_stored_with_the_services_clock_not_the_values_instant(store: Store) -> None:
    athlete_id = sign_up(store)
    claimed = CheckIn(day=MONDAY, morning_pain=0, recorded_at=NOW - dt.timedelta(days=30))
    stored = logbook.check_in(store, athlete_id, claimed, today=MONDAY, now=NOW)
    assert stored.recorded_at == NOW
    with store.reader() as uow:
        assert uow.checkins.since(athlete_id) == [stored]


def test_a_clearance_cannot_be_dated_after_today_and_leaves_later_flags_open(store: Store) -> None:
    athlete_id = sign_up(store)
    tuesday = MONDAY + dt.timedelta(days=1)
    logbook.check_in(
        store, athlete_id, CheckIn(day=tuesday, morning_pain=1, symptoms=("fever",)), today=tuesday
    )
    with pytest.raises(InputError, match="after today") as raised:
        record_clearance(
            store, athlete_id, Clearance(day=tuesday + dt.timedelta(days=1), by="GP"), today=tuesday
        )
    assert raised.value.where == "day"
    with pytest.raises(InputError, match="before 2000"):
        record_clearance(store, athlete_id, Clearance(day=dt.date(1999, 12, 31), by="GP"), today=tuesday)
    with store.reader() as uow:
        assert uow.clearances.all(athlete_id) == []
    status = record_clearance(store, athlete_id, Clearance(day=MONDAY, by="GP"), today=tuesday, now=NOW)
    assert status.mode == "relative_rest"  # the fever came after the day of this clearance
    assert [f.id for f in status.flags] == ["fever"]
    assert safety_for(store, athlete_id, tuesday) == status


def test_taking_the_screening_again_stores_it_and_a_yes_opens_its_flag(store: Store) -> None:
    athlete_id = sign_up(store)
    answers = {q.id: q.id == "chest-pain" for q in questionnaire().questions}
    with pytest.raises(InputError, match="unanswered: heart"):
        rescreen(store, athlete_id, {"chest-pain": True}, now=NOW)
    later = NOW + dt.timedelta(days=2)
    result = rescreen(store, athlete_id, answers, now=later)
    assert result.screening.clear is False
    assert result.screening.urgent is True
    assert [f.id for f in result.screening.flagged] == ["chest-pain"]
    assert result.safety.mode == "stop"
    assert [(f.id, f.source) for f in result.safety.flags] == [("chest-pain", "screening")]
    with store.reader() as uow:
        assert len(uow.screenings.all(athlete_id)) == 2
    assert safety_for(store, athlete_id, later.date()).stop
    assert not safety_for(store, athlete_id, MONDAY).stop  # the flag opens on the day it was answered


def test_pain_from_must_name_exercises_logged_in_that_session(store: Store) -> None:
    athlete_id = sign_up(store)
    with pytest.raises(InputError, match="'toe-raise' is named as causing the pain") as raised:
        logbook.log_session(
            store, athlete_id, _session("s1", MONDAY, pain=4, pain_from=("toe-raise",)), today=MONDAY
        )
    assert raised.value.where == "pain_from[0]"
    assert raised.value.hint == "name exercises of this session: calf-raise-step, wall-calf-stretch-straight"
    logbook.log_session(
        store, athlete_id, _session("s1", MONDAY, pain=4, pain_from=("calf-raise-step",)), today=MONDAY
    )
    with store.reader() as uow:
        stored = uow.sessions.get(athlete_id, "s1")
    assert stored is not None
    assert stored.pain_from == ("calf-raise-step",)


def test_today_has_the_safety_block_and_no_session_while_stopped(store: Store) -> None:
    athlete_id = sign_up(store)
    with store.reader() as uow:
        before = today_view(PROFILE, uow.history(athlete_id), MONDAY).model_dump(mode="json")
    assert before["safety"] == {
        "mode": "train",
        "stop": False,
        "refer": False,
        "caution": False,
        "advice": [],
        "flags": [],
        "cleared_on": None,
    }
    assert before["session"] is not None
    logbook.check_in(
        store, athlete_id, CheckIn(day=MONDAY, morning_pain=0, symptoms=("calf-swelling",)), today=MONDAY
    )
    with store.reader() as uow:
        after = today_view(PROFILE, uow.history(athlete_id), MONDAY).model_dump(mode="json")
    assert after["safety"]["mode"] == "stop"
    assert after["session"] is None
    assert after["next_session"] is None


def test_the_kept_today_is_recomputed_after_a_clearance(store: Store) -> None:
    athlete_id = sign_up(store)
    logbook.check_in(
        store,
        athlete_id,
        CheckIn(day=MONDAY, morning_pain=0, symptoms=("chest-pain",)),
        today=MONDAY,
        now=NOW - dt.timedelta(hours=1),
    )
    cache = TodayCache()

    def answer() -> dict[str, object]:
        with store.reader() as uow:
            athlete = uow.athletes.get(athlete_id)
        assert athlete is not None
        return cache.answer(store, athlete, MONDAY).data

    assert answer()["safety"]["mode"] == "stop"  # type: ignore[index]
    record_clearance(store, athlete_id, Clearance(day=MONDAY, by="cardiologist"), today=MONDAY, now=NOW)
    assert answer()["safety"]["mode"] == "train"  # type: ignore[index]


def test_safety_for_reads_enough_weeks_to_agree_with_the_whole_history(store: Store) -> None:
    """Two sessions whose pain had not settled by the next morning refer the person to a physiotherapist,
    and the referral holds for weeks: the short read agrees with the whole history on every day."""
    athlete_id = sign_up(store)
    days = [MONDAY + dt.timedelta(days=i) for i in range(60)]
    with store.unit_of_work() as uow:
        for day in days[:10]:
            uow.checkins.add(athlete_id, CheckIn(day=day, morning_pain=0))
        for i in (10, 12):
            uow.sessions.add(athlete_id, _session(f"s{i}", days[i], pain=4))
            uow.checkins.add(athlete_id, CheckIn(day=days[i + 1], morning_pain=4))
        uow.commit()
    limits = get_program(PROFILE.program_id).pain
    with store.reader() as uow:
        whole = uow.history(athlete_id)
    seen = set()
    for day in days:
        expected = safety_status(whole, day, load_questionnaire(), limits)
        assert safety_for(store, athlete_id, day) == expected, day
        seen.add(expected.mode)
    assert seen == {"train", "relative_rest"}
