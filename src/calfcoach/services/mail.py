"""Sending e-mail through the SMTP server a clinic configures (the standard library's smtplib).

Settings come from the environment, so every server of a clinic reads the same ones (docs/deploy.md):
CALFCOACH_SMTP_HOST (no host: this server sends no e-mail, and says so where it would), CALFCOACH_SMTP_PORT
(587), CALFCOACH_SMTP_SECURITY (starttls, tls or none), CALFCOACH_SMTP_USER and CALFCOACH_SMTP_PASSWORD
(optional), CALFCOACH_SMTP_FROM (the sender, e.g. "CalfCoach <coach@clinic.example>").
"""

from __future__ import annotations

import logging
import os
import re
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Literal

from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_

ENV_PREFIX = "CALFCOACH_SMTP_"
SECURITY = ("starttls", "tls", "none")
TIMEOUT_S = 20  # a stuck mail server must not hold a request for minutes
log = logging.getLogger("calfcoach.mail")


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: Literal["starttls", "tls", "none"]
    sender: str
    user: str | None = None
    password: str | None = None


def mail_settings(environ: Mapping[str, str] | None = None) -> MailSettings | None:
    """The SMTP settings from the environment, or None when no host is set (no e-mail is sent)."""
    env = os.environ if environ is None else environ
    host = env.get(f"{ENV_PREFIX}HOST", "").strip()
    if not host:
        return None
    port_text = env.get(f"{ENV_PREFIX}PORT", "587").strip()
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise InputError(
            N_("{port} is not a port"),
            where=f"{ENV_PREFIX}PORT",
            hint=N_("e.g. 587 or 465"),
            port=repr(port_text),
        )
    security = env.get(f"{ENV_PREFIX}SECURITY", "starttls").strip().lower()
    if security not in SECURITY:
        raise InputError(
            N_("{security} is not a way to secure SMTP"),
            where=f"{ENV_PREFIX}SECURITY",
            hint=N_("one of {ways}"),
            security=repr(security),
            ways=", ".join(SECURITY),
        )
    sender = env.get(f"{ENV_PREFIX}FROM", "").strip()
    if not sender:
        raise InputError(
            N_("the sender address is missing"),
            where=f"{ENV_PREFIX}FROM",
            hint=N_('e.g. "CalfCoach <coach@clinic.example>"'),
        )
    return MailSettings(
        host=host,
        port=int(port_text),
        security=security,  # type: ignore[arg-type]  # checked against SECURITY above
        sender=sender,
        user=env.get(f"{ENV_PREFIX}USER") or None,
        password=env.get(f"{ENV_PREFIX}PASSWORD") or None,
    )


class SendLimitError(InputError):
    """An account asked to send more e-mail than its limit allows lately; nothing was sent."""


def message(
    settings: MailSettings,
    *,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    reply_to: str | None = None,
) -> EmailMessage:
    """A message from the configured sender: plain text, with `html` as an alternative part when given."""
    mail = EmailMessage()
    mail["From"] = settings.sender
    mail["To"] = to
    mail["Subject"] = subject
    if reply_to is not None:
        mail["Reply-To"] = reply_to
    mail["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1].strip(" >") or None)
    mail.set_content(text)
    if html is not None:
        mail.add_alternative(html, subtype="html")
    return mail


def try_send(settings: MailSettings, mail: EmailMessage, *, what: str) -> bool:
    """Send, and say whether the server took it; a refusal is logged by its kind only (never an address)."""
    try:
        send(settings, mail)
    except (OSError, smtplib.SMTPException) as error:
        log.error("the mail server did not take %s: %s", what, type(error).__name__)
        return False
    return True


EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_EMAIL_CHARS = 320  # RFC 3696 errata 1690: 64 + 1 + 255, and the column's size


def checked_address(text: str, *, where: str = "email") -> str:
    """An e-mail address to send to, lower-cased and stripped; an InputError when it cannot be one."""
    address = text.strip().lower()
    if len(address) > MAX_EMAIL_CHARS or not EMAIL_PATTERN.fullmatch(address):
        raise InputError(
            N_("{text} is not an e-mail address"),
            where=where,
            hint=N_("e.g. name@example.org"),
            text=repr(text.strip()[:80]),
        )
    return address


def send(settings: MailSettings, mail: EmailMessage) -> None:
    """Hand a message to the SMTP server (an OSError or smtplib.SMTPException when it cannot)."""
    context = ssl.create_default_context()
    if settings.security == "tls":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=TIMEOUT_S, context=context
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_S)
    with client:
        if settings.security == "starttls":
            client.starttls(context=context)
        if settings.user:
            client.login(settings.user, settings.password or "")
        client.send_message(mail)
