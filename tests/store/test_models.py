"""Every field of the domain values has a place in the database, so nothing is dropped on the way in."""

from calfcoach.domain.log import CardioLog, CheckIn, PerformedSession, SetLog, TestResult
from calfcoach.domain.profile import Profile
from calfcoach.store import logbook
from calfcoach.store.models import CheckInRow, ClearanceRow, ScreeningRow, TestResultRow
from calfcoach.store.people import profile_columns
from calfcoach.store.records import ClearanceRecord, Screening
from tests.store import builders


def test_every_set_and_cardio_field_is_stored() -> None:
    assert set(SetLog.model_fields) == set(logbook._SET_FIELDS)
    assert set(CardioLog.model_fields) == set(logbook._CARDIO_FIELDS)


def test_every_session_field_is_stored() -> None:
    stored = set(logbook._SESSION_FIELDS) - {"started_offset_s"} | {"sets", "cardio"}
    assert set(PerformedSession.model_fields) == stored


def test_every_checkin_and_test_field_is_stored() -> None:
    assert set(CheckIn.model_fields) <= set(CheckInRow.__table__.columns.keys())
    renamed = {"left": "left_value", "right": "right_value"}
    assert {renamed.get(f, f) for f in TestResult.model_fields} <= set(TestResultRow.__table__.columns.keys())


def test_every_profile_field_is_stored() -> None:
    assert set(Profile.model_fields) == set(profile_columns(builders.profile()))


def test_every_screening_field_is_stored() -> None:
    assert set(Screening.model_fields) <= set(ScreeningRow.__table__.columns.keys())


def test_every_clearance_field_is_stored() -> None:
    assert set(ClearanceRecord.model_fields) <= set(ClearanceRow.__table__.columns.keys())
