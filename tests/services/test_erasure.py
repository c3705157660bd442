"""Deleting an account: no row or file of the person remains, anyone else's stays, mistakes delete nothing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from calfcoach.coach.phases import PhaseCheckpoint
from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.services import accounts
from calfcoach.services.erasure import (
    check_confirmation,
    delete_own_account,
    erase_account,
    preview,
)
from calfcoach.services.exercise_media import add_link, add_upload
from calfcoach.store import Role, Store, User
from calfcoach.store.models import Base
from tests.store import builders

NOW = dt.datetime(2026, 3, 2, 7, 30, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _person(
    store: Store, email: str, role: Role = Role.ATHLETE, *, athlete: bool = True
) -> tuple[User, int | None]:
    """An account with (optionally) an athlete holding one of every kind of record, signed in with a token."""
    user = accounts.register(
        store, email, PASSWORD, role=Role.COACH if role is Role.COACH else Role.ATHLETE, language="de"
    )
    with pytest.raises(accounts.AuthError):  # a failed sign-in is counted under the address
        accounts.sign_in(store, email, "not the password", now=NOW, client="203.0.113.9")
    accounts.sign_in(store, email, PASSWORD, now=NOW, client="203.0.113.9")
    accounts.create_api_token(store, user, "laptop", now=NOW)
    athlete_id = None
    with store.unit_of_work() as uow:
        uow.password_resets.add(f"reset-of-{email}", user.id, now=NOW, expires_at=NOW + dt.timedelta(hours=1))
        uow.weekly_summaries.set_enabled(user.id, True)  # a coach's setting; the table is seeded for everyone
        # Someone tried to register with the address: the notice sent to its owner is kept by address.
        uow.registration_mails.add(
            f"notice-to-{email}", email, role, None, now=NOW, expires_at=NOW + dt.timedelta(1)
        )
        if athlete:
            athlete_id = uow.athletes.add(builders.profile(email.split("@")[0]), user_id=user.id)
            uow.sessions.add(athlete_id, builders.session("s-1"))
            uow.checkins.add(athlete_id, builders.checkin())
            uow.clearances.add_record(athlete_id, builders.clearance_record())
            uow.tests.add(athlete_id, builders.result())
            uow.notes.add(athlete_id, builders.note())
            uow.plans.save(athlete_id, builders.plan(), created_at=NOW)
            uow.activities.add(athlete_id, builders.activity())
            uow.screenings.add_record(athlete_id, builders.screening())
            uow.calendar_feeds.replace(athlete_id, f"feed-of-{email}", now=NOW)
            revision = uow.athletes.revision(athlete_id)
            assert revision is not None
            checkpoint = PhaseCheckpoint(index=0, start=NOW.date(), as_of=NOW.date())
            assert uow.phase_checkpoints.save(athlete_id, checkpoint, "0" * 64, revision)
        uow.commit()
    return user, athlete_id


def _coach_with_client(store: Store, folder: Path) -> tuple[User, User, int]:
    """A coach (who also trains) with an uploaded file, a link and an invitation their client redeemed."""
    coach, _ = _person(store, "coach@example.org", Role.COACH)
    client, client_athlete = _person(store, "ada@example.org")
    assert client_athlete is not None
    add_upload(store, coach, "calf-raise-step", title="Demo", source=io.BytesIO(PNG), folder=folder, now=NOW)
    add_link(store, coach, "calf-raise-step", title="Video", url="https://example.org/v", now=NOW)
    with store.unit_of_work() as uow:
        uow.invitations.add("code-hash", coach.id, now=NOW, expires_at=NOW + dt.timedelta(days=7))
        uow.invitations.use("code-hash", client_athlete, now=NOW)
        uow.coaching.link(coach.id, client_athlete)
        uow.commit()
    return coach, client, client_athlete


def _ids_of(store: Store, user_id: int, athlete_id: int | None) -> dict[str, set[object]]:
    """The primary keys of every row that is the person's: reached from their account or athlete through
    the foreign keys of every table in the models, however many steps away (a set under a session)."""
    tables = list(Base.metadata.sorted_tables)
    users, athletes = Base.metadata.tables["users"], Base.metadata.tables["athletes"]
    with store.reader() as uow:
        connection = uow._db.connection()
        theirs: dict[str, set[object]] = {
            "users": set(connection.execute(select(users.c.id).where(users.c.id == user_id)).scalars()),
            "athletes": set(
                connection.execute(select(athletes.c.id).where(athletes.c.id == athlete_id)).scalars()
            ),
        }
        changed = True
        while changed:
            changed = False
            for table in tables:
                for key in table.foreign_keys:
                    owners = theirs.get(key.column.table.name, set())
                    if not owners:
                        continue
                    keys = select(*table.primary_key.columns).where(key.parent.in_(owners))
                    rows = connection.execute(keys)
                    found = {tuple(row) if len(row) > 1 else row[0] for row in rows}
                    if not found <= theirs.setdefault(table.name, set()):
                        theirs[table.name] |= found
                        changed = True
    return {name: keys for name, keys in theirs.items() if keys}


def _throttle_rows(store: Store, email: str) -> int:
    from calfcoach.store.models import SignInThrottleRow

    with store.reader() as uow:
        account = accounts.digest(f"account\n{email}")
        return len(
            uow._db.scalars(
                select(SignInThrottleRow).where(SignInThrottleRow.account_sha256 == account)
            ).all()
        )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    media = tmp_path / "media"
    media.mkdir()
    return media


def _registration_mails(store: Store, email: str) -> int:
    """Registration mails kept for an address (a table without a key to the account: found by address)."""
    with store.reader() as uow:
        return 1 if uow.registration_mails.latest_sent(email) is not None else 0


def test_deleting_an_athlete_leaves_no_row_of_theirs_in_any_table_and_keeps_everyone_elses(
    store: Store, folder: Path
) -> None:
    coach, ada, ada_athlete = _coach_with_client(store, folder)
    bob, bob_athlete = _person(store, "bob@example.org")
    before = _ids_of(store, ada.id, ada_athlete)
    # Every table that can hold something of a person holds something of Ada's, so the check means something.
    reachable = {t.name for t in Base.metadata.sorted_tables if t.foreign_keys} | {"users", "athletes"}
    assert reachable - set(before) == {"exercise_media"}, "the seed misses a table"  # Ada uploads nothing
    assert _throttle_rows(store, "ada@example.org") > 0
    assert _registration_mails(store, "ada@example.org") == 1
    bob_before = _ids_of(store, bob.id, bob_athlete)
    coach_before = _ids_of(store, coach.id, None)

    erased = erase_account(store, "ada@example.org", media_dir=folder)

    assert erased.athlete_id == ada_athlete
    assert _ids_of(store, ada.id, ada_athlete) == {}
    assert _throttle_rows(store, "ada@example.org") == 0
    assert _registration_mails(store, "ada@example.org") == 0
    assert _registration_mails(store, "bob@example.org") == 1
    assert _ids_of(store, bob.id, bob_athlete) == bob_before
    # The coach keeps everything of theirs except the link to Ada; the invitation she redeemed stays theirs.
    coach_after = _ids_of(store, coach.id, None)
    assert coach_after.pop("coach_clients", set()) == set()
    assert coach_after == {k: v for k, v in coach_before.items() if k != "coach_clients"}
    with store.reader() as uow:
        assert uow.coaching.clients(coach.id) == []
        assert uow.users.by_email("ada@example.org") is None
    assert [p.name for p in folder.iterdir()]  # the coach's file is the coach's, and stays


def test_deleting_a_coach_removes_their_media_files_and_links_and_their_clients_keep_their_data(
    store: Store, folder: Path
) -> None:
    coach, ada, ada_athlete = _coach_with_client(store, folder)
    other, _ = _person(store, "other-coach@example.org", Role.COACH, athlete=False)
    kept = add_upload(
        store, other, "calf-raise-step", title="Theirs", source=io.BytesIO(PNG), folder=folder, now=NOW
    )
    ada_before = _ids_of(store, ada.id, ada_athlete)
    assert len(list(folder.iterdir())) == 2
    assert preview(store, "coach@example.org").model_dump() == {
        "email": "coach@example.org",
        "role": "coach",
        "athlete_name": "coach",
        "coaches": 0,
        "clients": 1,
        "media": 2,
        "media_files": 1,
    }

    erased = erase_account(store, "coach@example.org", media_dir=folder)

    assert erased.media_files_removed == 1
    assert _ids_of(store, coach.id, None) == {}
    assert [p.name for p in folder.iterdir()] == [kept.file_name]  # only the other coach's file is left
    with store.reader() as uow:
        media = uow.media.for_exercise("calf-raise-step", viewer_user_id=0, athlete_id=None, everyone=True)
    assert [m.owner_user_id for m in media] == [other.id]
    ada_after = _ids_of(store, ada.id, ada_athlete)
    # The link went, and the invitation she redeemed, which was the coach's; everything else of hers stays.
    assert ada_before.pop("coach_clients")
    assert ada_before.pop("invitations")
    assert ada_after == ada_before


def test_a_wrong_password_or_a_wrong_word_deletes_nothing(store: Store, folder: Path) -> None:
    ada, athlete_id = _person(store, "ada@example.org")
    before = _ids_of(store, ada.id, athlete_id)
    with pytest.raises(InputError, match="not the password of your account"):
        delete_own_account(store, ada, password="guessing wrong", media_dir=folder, now=NOW)
    with pytest.raises(InputError, match="type DELETE"):
        check_confirmation("delete it")
    check_confirmation(" delete ")
    assert _ids_of(store, ada.id, athlete_id) == before
    delete_own_account(store, ada, password=PASSWORD, media_dir=folder, now=NOW)
    assert _ids_of(store, ada.id, athlete_id) == {}


def test_password_guesses_before_a_deletion_are_throttled_like_sign_ins(store: Store, folder: Path) -> None:
    ada, _ = _person(store, "ada@example.org")
    for _ in range(accounts.PER_CLIENT_ON_ACCOUNT.free):
        with pytest.raises(InputError):
            delete_own_account(
                store, ada, password="a wrong guess", media_dir=folder, now=NOW, client="198.51.100.7"
            )
    with pytest.raises(accounts.ThrottledError):
        delete_own_account(store, ada, password=PASSWORD, media_dir=folder, now=NOW, client="198.51.100.7")


def test_the_only_admin_cannot_be_deleted(store: Store, folder: Path) -> None:
    admin = accounts.set_up_first_account(store, "admin@example.org", PASSWORD)
    _person(store, "ada@example.org")
    with pytest.raises(InputError, match="only admin account"):
        erase_account(store, "admin@example.org", media_dir=folder)
    with pytest.raises(InputError, match="only admin account"):
        delete_own_account(store, admin, password=PASSWORD, media_dir=folder, now=NOW)
    with store.reader() as uow:
        assert uow.users.by_email("admin@example.org") is not None


def test_an_unknown_address_is_named(store: Store, folder: Path) -> None:
    with pytest.raises(NotFoundError, match=r"nobody@example\.org"):
        erase_account(store, "Nobody@example.org ", media_dir=folder)


def test_the_cli_today_cache_beside_a_sqlite_file_is_removed(sqlite_store: Store, folder: Path) -> None:
    assert sqlite_store.sqlite_file is not None
    cache = Path(f"{sqlite_store.sqlite_file}-today.json")
    _person(sqlite_store, "ada@example.org")
    cache.write_text('{"entries": {"": {"views": {"name": "ada"}}}}', encoding="utf-8")
    erase_account(sqlite_store, "ada@example.org", media_dir=folder)
    assert not cache.exists()


def test_an_erased_accounts_language_goes_with_it_and_a_new_account_at_the_address_starts_without(
    store: Store, folder: Path
) -> None:
    coach, _ = _person(store, "coach@example.org", Role.COACH, athlete=False)
    assert coach.language == "de"
    with store.unit_of_work() as uow:  # a registration waiting for its link, with its page's language
        uow.registration_mails.add(
            "pending",
            "coach@example.org",
            Role.COACH,
            "hash",
            now=NOW,
            expires_at=NOW + dt.timedelta(1),
            language="de",
        )
        uow.commit()
    erase_account(store, "coach@example.org", media_dir=folder)
    assert _registration_mails(store, "coach@example.org") == 0
    again = accounts.register(store, "coach@example.org", PASSWORD, role=Role.COACH)
    assert again.language is None
