"""Registering by e-mail, without telling anyone who is registered (a server that sends e-mail).

Registering answers the same whether or not the address has an account: "check your e-mail". A new address
gets a link to confirm it, and the account is made when the link is opened (the password chosen is kept as
its hash until then); nobody signs in before. An address that has an account gets a notice instead, saying
someone tried to register with it, with links to sign in and to reset a forgotten password. Both cost the
same (a password hash, a write and a mail), and at most one mail every few minutes goes to an address, so a
stranger can neither tell the two apart nor fill an inbox.

A server without SMTP cannot confirm an address, so there `accounts.register` makes the account at once (a
person on their own machine; docs/web.md says why).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_, SUPPORTED, is_supported, translate
from calfcoach.services import accounts
from calfcoach.services.mail import MailSettings, checked_address, message, try_send
from calfcoach.services.recovery import MailUnavailableError
from calfcoach.store.people import NOT_SPOKEN
from calfcoach.store.records import Role, User
from calfcoach.store.store import Store

LINK_LIFETIME = dt.timedelta(hours=24)
ONE_MAIL_EVERY = dt.timedelta(minutes=5)  # per address: a stranger registering it again fills no inbox
EXPIRED = N_("this confirmation link has expired or was already used")
EXPIRED_HINT = N_("register again, or sign in if you already confirmed")


@dataclass(frozen=True)
class Links:
    """Where the mails point: a token's confirmation link, the sign-in and forgotten-password pages."""

    confirm: Callable[[str], str]
    sign_in: str
    forgot: str


def register_by_email(
    store: Store,
    settings: MailSettings,
    email: str,
    password: str,
    *,
    role: Role = Role.ATHLETE,
    links: Links,
    now: dt.datetime,
    language: str | None = None,
    account_language: str | None = None,
) -> str:
    """Send a confirmation link to a new address, or a notice to the owner of a registered one; return the
    address as written to (the same answer either way).

    `language` is the registration page's: the confirmation is written in it, the notice in the owner's
    chosen language, else in it. The account made from the link keeps `account_language` as its own."""
    accounts.check_password(password)
    if account_language is not None and not is_supported(account_language):
        raise InputError(
            NOT_SPOKEN, where="language", language=repr(account_language), languages=", ".join(SUPPORTED)
        )
    if role is Role.ADMIN:
        raise InputError(
            N_("nobody can register as an admin"), where="role", hint=N_("choose athlete or coach")
        )
    address = checked_address(email)
    password_hash = accounts.hasher.hash(password)  # for a registered address too: the same time taken
    token = accounts.new_secret()
    with store.unit_of_work() as uow:
        last = uow.registration_mails.latest_sent(address)
        if last is not None and now - last < ONE_MAIL_EVERY:
            return address
        owner = uow.users.by_email(address)
        uow.registration_mails.add(
            accounts.digest(token),
            address,
            role,
            None if owner is not None else password_hash,
            now=now,
            expires_at=now + LINK_LIFETIME,
            language=None if owner is not None else account_language,
        )
        uow.commit()
    mail = (
        _notice(settings, address, links, accounts.chosen_language(store, owner) or language)
        if owner is not None
        else _confirmation(settings, address, links, token, language)
    )
    if not try_send(settings, mail, what="a registration e-mail"):
        with store.unit_of_work() as uow:  # nothing went out: the next try may send at once
            uow.registration_mails.remove(accounts.digest(token))
            uow.commit()
        raise MailUnavailableError(
            N_("the e-mail could not be sent just now"), where="email", hint=N_("try again in a few minutes")
        )
    return address


def _confirmation(
    settings: MailSettings, address: str, links: Links, token: str, language: str | None
) -> EmailMessage:
    hours = int(LINK_LIFETIME.total_seconds() // 3600)
    text = (
        translate(language, "Someone (we hope you) registered a CalfCoach account with this address.")
        + "\n\n"
        + translate(
            language,
            "Confirm it with this link, within {hours} hours; then sign in with the password you chose:",
        ).format(hours=hours)
        + f"\n\n{links.confirm(token)}\n\n"
        + translate(language, "If it was not you, ignore this e-mail: no account is made without the link.")
        + "\n"
    )
    subject = translate(language, "Confirm your CalfCoach account")
    return message(settings, to=address, subject=subject, text=text)


def _notice(settings: MailSettings, address: str, links: Links, language: str | None) -> EmailMessage:
    text = (
        translate(
            language,
            "Someone (perhaps you) tried to register a new CalfCoach account with this address, which already"
            " has one. Nothing was changed, and no second account was made.",
        )
        + "\n\n"
        + translate(language, "To sign in: {link}").format(link=links.sign_in)
        + "\n"
        + translate(language, "Forgotten your password? Choose a new one here: {link}").format(
            link=links.forgot
        )
        + "\n\n"
        + translate(language, "If it was not you, you need do nothing; your password stays as it is.")
        + "\n"
    )
    subject = translate(language, "Someone tried to register with your address")
    return message(settings, to=address, subject=subject, text=text)


def confirm(store: Store, token: str, *, now: dt.datetime) -> User:
    """Make the account of a confirmation link (which then no longer works); an InputError when it expired."""
    with store.unit_of_work() as uow:
        pending = uow.registration_mails.take(accounts.digest(token), now=now)
        if pending is None or uow.users.by_email(pending.email) is not None:
            raise InputError(EXPIRED, where="token", hint=EXPIRED_HINT)
        user = uow.users.add(
            pending.email, pending.role, password_hash=pending.password_hash, language=pending.language
        )
        uow.commit()
    return user
