import datetime as dt

from icalendar import Calendar

from calfcoach.domain.log import History
from calfcoach.domain.units import Units, UnitSystem
from calfcoach.library.catalog import load_catalog
from calfcoach.services.calendar import event_uid, plan_to_ics
from calfcoach.services.coaching import plan_for
from tests.services.helpers import MONDAY, NOW, PROFILE


def test_one_event_per_session_with_its_doses_and_stable_uids() -> None:
    plan = plan_for(PROFILE, History(), weeks=2, start=MONDAY)
    first = plan_to_ics(plan, load_catalog(), athlete_key="1", stamp=NOW)
    again = plan_to_ics(plan, load_catalog(), athlete_key="1", stamp=NOW + dt.timedelta(hours=5))
    events = list(Calendar.from_ical(first).walk("VEVENT"))
    assert len(events) == len(plan.sessions) == 6
    assert [e.decoded("dtstart") for e in events] == [s.day for s in plan.sessions]
    assert "Calf raise on a step" in str(events[0]["description"])
    uids = [str(e["uid"]) for e in Calendar.from_ical(again).walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_uids_differ_between_athletes() -> None:
    session = plan_for(PROFILE, History(), weeks=1, start=MONDAY).sessions[0]
    assert event_uid("1", session) != event_uid("2", session)


def test_the_events_say_a_walks_speed_in_the_persons_units() -> None:
    plan = plan_for(PROFILE, History(), weeks=2, start=MONDAY)
    walks = [s for s in plan.sessions if any(i.dose.speed_kmh for i in s.items)]
    assert walks, "the plan has a walk with a speed"
    imperial = plan_to_ics(
        plan, load_catalog(), athlete_key="1", stamp=NOW, units=Units.chosen(UnitSystem.IMPERIAL)
    )
    said = " ".join(str(e["description"]) for e in Calendar.from_ical(imperial).walk("VEVENT"))
    assert "mph" in said
    assert "km/h" not in said
    metric = plan_to_ics(plan, load_catalog(), athlete_key="1", stamp=NOW)
    assert "km/h" in " ".join(str(e["description"]) for e in Calendar.from_ical(metric).walk("VEVENT"))
