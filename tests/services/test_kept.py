"""Values kept per athlete between requests: right only while the revision, the row and the day stay."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.profile import Profile
from calfcoach.services.kept import KeptByRevision
from calfcoach.store.records import Athlete

MADE = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 3, 2)


def _athlete(revision: int, athlete_id: int = 1, created_at: dt.datetime = MADE) -> Athlete:
    profile = Profile(start_date=dt.date(2026, 1, 5), weekdays=frozenset({0, 2, 4}))
    return Athlete(id=athlete_id, profile=profile, revision=revision, created_at=created_at)


def test_a_value_is_kept_until_the_revision_or_the_day_moves() -> None:
    kept: KeptByRevision[str] = KeptByRevision(size=8)
    kept.keep(_athlete(3), 3, DAY, "plan at revision 3")
    assert kept.kept(_athlete(3), DAY) == "plan at revision 3"
    assert kept.kept(_athlete(4), DAY) is None
    assert kept.kept(_athlete(3), DAY + dt.timedelta(days=1)) is None


def test_a_slower_request_from_an_older_snapshot_does_not_replace_a_newer_value() -> None:
    kept: KeptByRevision[str] = KeptByRevision(size=8)
    kept.keep(_athlete(5), 5, DAY, "newer")
    kept.keep(_athlete(5), 4, DAY, "older")
    assert kept.kept(_athlete(5), DAY) == "newer"


def test_a_later_person_given_a_deleted_id_never_sees_the_earlier_ones_value() -> None:
    kept: KeptByRevision[str] = KeptByRevision(size=8)
    kept.keep(_athlete(7), 7, DAY, "the first person's")
    later = _athlete(0, created_at=MADE + dt.timedelta(days=30))
    assert kept.kept(later, DAY) is None
    kept.keep(later, 0, DAY, "the second person's")  # a lower revision, but another row
    assert kept.kept(later, DAY) == "the second person's"


def test_the_least_recently_used_go_first_and_a_deleted_account_is_forgotten() -> None:
    kept: KeptByRevision[str] = KeptByRevision(size=2)
    for athlete_id in (1, 2):
        kept.keep(_athlete(1, athlete_id), 1, DAY, f"value {athlete_id}")
    assert kept.kept(_athlete(1, 1), DAY) == "value 1"  # 1 is now the most recently used
    kept.keep(_athlete(1, 3), 1, DAY, "value 3")
    assert kept.kept(_athlete(1, 2), DAY) is None
    kept.forget(1)
    assert kept.kept(_athlete(1, 1), DAY) is None
    assert kept.kept(_athlete(1, 3), DAY) == "value 3"
