"""Deleting an account and everything of its person: the right to erasure, from the web, the API or an admin.

One transaction removes the account and its athlete; the database's ON DELETE CASCADE keys take every
row that hangs from them (profile, plans, sessions with their sets and cardio, check-ins, tests, notes,
activities with their tracks, screenings, clearances, the calendar feed, sign-ins, API tokens,
invitations, coaching links both ways, media records), and the failed sign-ins counted on the address and
the registration e-mails sent to it go too. Then the files: a coach's uploaded media (their clients see the
shipped demonstrations instead; the media are the coach's own work, often showing the coach, and nobody else
may keep them under their name), and `calfcoach today`'s cache beside a SQLite file, which may hold the
person's answer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from calfcoach.domain.base import Value
from calfcoach.domain.database_url import TODAY_CACHE_SUFFIX
from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.i18n import N_
from calfcoach.services.accounts import confirm_password, forget_sign_in_counts
from calfcoach.store.records import Role, User
from calfcoach.store.store import Store

CONFIRMATION_WORD = "DELETE"
LAST_ADMIN = N_(
    "this is the only admin account; a server without one could not be administered (and an empty one "
    "would let its next visitor set it up)"
)
LAST_ADMIN_HINT = N_("make another account an admin first, or delete the whole database")


class ErasurePreview(Value):
    """What deleting an account takes with it, to show before it is confirmed."""

    email: str
    role: str
    athlete_name: str | None = None
    coaches: int = 0
    clients: int = 0
    media: int = 0  # files and links added to exercises
    media_files: int = 0


class Erased(Value):
    """An account deleted: whose, its athlete's id (if it had one), and the media files removed."""

    email: str
    athlete_id: int | None = None
    media_files_removed: int = 0
    files_left: tuple[str, ...] = ()  # media files that could not be removed (the folder is read-only)


def _account(store: Store, email: str) -> User:
    with store.reader() as uow:
        user = uow.users.by_email(email)
    if user is None:
        raise NotFoundError(N_("no account with e-mail {email}"), email=repr(email.strip().lower()))
    return user


def preview(store: Store, email: str) -> ErasurePreview:
    """Say what deleting the account of `email` would delete."""
    user = _account(store, email)
    with store.reader() as uow:
        athlete = uow.athletes.by_user(user.id)
        return ErasurePreview(
            email=user.email,
            role=user.role.value,
            athlete_name=None if athlete is None else athlete.profile.name,
            coaches=0 if athlete is None else len(uow.coaching.coaches_of(athlete.id)),
            clients=len(uow.coaching.clients(user.id)),
            media=uow.media.count_of(user.id),
            media_files=len(uow.media.files_of(user.id)),
        )


def check_confirmation(typed: str) -> None:
    """Refuse a confirmation other than the word the page asks for (in any case, spaces around ignored)."""
    if typed.strip().upper() != CONFIRMATION_WORD:
        raise InputError(
            N_("type {word} to confirm that everything of yours is deleted; nothing was deleted"),
            where="confirm",
            word=CONFIRMATION_WORD,
        )


def delete_own_account(
    store: Store,
    user: User,
    *,
    password: str,
    media_dir: Path,
    now: dt.datetime,
    client: str | None = None,
) -> Erased:
    """Delete the signed-in account once its person gave their password again."""
    _refuse_last_admin(store, user)  # before the password: a refusal costs no sign-in attempt
    confirm_password(store, user, password, now=now, client=client)
    return erase_account(store, user.email, media_dir=media_dir)


def _refuse_last_admin(store: Store, user: User) -> None:
    if user.role is not Role.ADMIN:
        return
    with store.reader() as uow:
        if uow.users.admins() <= 1:
            raise InputError(LAST_ADMIN, where="account", hint=LAST_ADMIN_HINT)


def erase_account(store: Store, email: str, *, media_dir: Path) -> Erased:
    """Delete an account, its athlete and everything of theirs, then their media files and cached answers."""
    user = _account(store, email)
    _refuse_last_admin(store, user)
    with store.unit_of_work() as uow:
        athlete = uow.athletes.by_user(user.id)
        files = uow.media.files_of(user.id)
        if athlete is not None:
            uow.athletes.delete(athlete.id)  # first: the account's key to it only sets null
        uow.users.delete(user.id)
        forget_sign_in_counts(uow, user.email)
        uow.registration_mails.remove_email(user.email)  # kept by address: no key to the account
        uow.commit()
    left: list[str] = []
    for name in files:
        try:
            (media_dir / name).unlink(missing_ok=True)
        except OSError:
            left.append(str(media_dir / name))
    if store.sqlite_file is not None:
        Path(f"{store.sqlite_file}{TODAY_CACHE_SUFFIX}").unlink(missing_ok=True)
    return Erased(
        email=user.email,
        athlete_id=None if athlete is None else athlete.id,
        media_files_removed=len(files) - len(left),
        files_left=tuple(left),
    )
