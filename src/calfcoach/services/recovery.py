"""A forgotten password, reset by the person: a link by e-mail that works once, for an hour.

Asking says the same whether or not the address has an account (no one learns who is registered), sends at
most one link every few minutes to an address, and keeps only the SHA-256 of the link's token. Using the link
sets the new password and, as an administrator's reset does (accounts.reset_password), signs the account out
everywhere: every browser session, every API token and every other reset link.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable

from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_, translate
from calfcoach.services import accounts
from calfcoach.services.mail import MailSettings, message, send
from calfcoach.store.records import User
from calfcoach.store.store import Store

LINK_LIFETIME = dt.timedelta(hours=1)
ONE_LINK_EVERY = dt.timedelta(minutes=5)  # a stranger cannot fill someone's inbox
EXPIRED = N_("this reset link has expired or was already used: ask for a new one")
log = logging.getLogger("calfcoach.recovery")


class MailUnavailableError(InputError):
    """This server sends no e-mail (no SMTP host is configured), or its mail server refused the message."""


def send_reset_link(
    store: Store,
    settings: MailSettings | None,
    email: str,
    *,
    link_for: Callable[[str], str],
    now: dt.datetime,
    language: str | None = None,
) -> None:
    """E-mail a reset link to the account of `email`, if there is one; silently nothing if there is not.

    The mail is in the language its owner chose (profile, else account), else in `language` (the page's
    that asked)."""
    if settings is None:
        raise MailUnavailableError(
            N_("this server cannot send e-mail"),
            where="email",
            hint=N_("ask its administrator to reset your password (calfcoach admin reset-password)"),
        )
    token = accounts.new_secret()
    with store.unit_of_work() as uow:
        user = uow.users.by_email(email)
        if user is None or user.password_hash is None:
            return
        last = uow.password_resets.latest_sent(user.id)
        if last is not None and now - last < ONE_LINK_EVERY:
            return
        uow.password_resets.add(accounts.digest(token), user.id, now=now, expires_at=now + LINK_LIFETIME)
        uow.commit()
    language = accounts.chosen_language(store, user) or language
    minutes = int(LINK_LIFETIME.total_seconds() // 60)
    text = (
        translate(language, "Someone (we hope you) asked to reset the password of your CalfCoach account.")
        + "\n\n"
        + translate(
            language, "Choose a new password here; the link works once, for {minutes} minutes:"
        ).format(minutes=minutes)
        + f"\n\n{link_for(token)}\n\n"
        + translate(language, "Setting it signs you out of every browser and app that used the old one.")
        + "\n"
        + translate(language, "If you did not ask, ignore this e-mail: your password stays as it is.")
        + "\n"
    )
    subject = translate(language, "Reset your CalfCoach password")
    try:
        send(settings, message(settings, to=user.email, subject=subject, text=text))
    except (OSError, smtplib.SMTPException) as error:
        log.error("the mail server did not take a password-reset e-mail: %s", type(error).__name__)
        raise MailUnavailableError(
            N_("the e-mail could not be sent just now"), where="email", hint=N_("try again in a few minutes")
        ) from None


def link_is_usable(store: Store, token: str, *, now: dt.datetime) -> bool:
    """Whether a reset link still works (its form is shown only then)."""
    with store.reader() as uow:
        return uow.password_resets.is_usable(accounts.digest(token), now=now)


def reset_with_link(store: Store, token: str, password: str, *, now: dt.datetime) -> User:
    """Set the password of the link's account and sign it out everywhere; the link is then used up."""
    accounts.check_password(password)
    password_hash = accounts.hasher.hash(password)  # ~0.1 s of CPU: before the write turn
    with store.unit_of_work() as uow:
        user_id = uow.password_resets.take(accounts.digest(token), now=now)
        user = None if user_id is None else uow.users.get(user_id)
        if user is None:
            raise InputError(EXPIRED, where="token")
        accounts.set_password_in(uow, user, password_hash)
        uow.commit()
    return user
