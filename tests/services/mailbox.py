"""A real SMTP server in the test process (aiosmtpd), keeping every message it is given."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

from calfcoach.services.mail import MailSettings


class Mailbox:
    """Collects what the server receives (aiosmtpd calls `handle_DATA` for each message)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def smtp_server() -> Iterator[tuple[Mailbox, MailSettings]]:
    """Run an SMTP server on a free local port; yield its mailbox and the settings that reach it."""
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield (
            box,
            MailSettings(
                host="127.0.0.1", port=port, security="none", sender="CalfCoach <coach@clinic.example>"
            ),
        )
    finally:
        controller.stop()


def environment(settings: MailSettings) -> dict[str, str]:
    """The CALFCOACH_SMTP_* variables that make the app send through `settings` (services/mail.py)."""
    return {
        "CALFCOACH_SMTP_HOST": settings.host,
        "CALFCOACH_SMTP_PORT": str(settings.port),
        "CALFCOACH_SMTP_SECURITY": settings.security,
        "CALFCOACH_SMTP_FROM": settings.sender,
    }


def text_of(mail: Message, subtype: str = "plain") -> str:
    """The decoded text/`subtype` part of a message (the message itself when it has no parts)."""
    for part in mail.walk():
        if part.get_content_type() == f"text/{subtype}":
            body = part.get_payload(decode=True)
            assert isinstance(body, bytes)
            return body.decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no text/{subtype} part in {mail['Subject']!r}")


def subject_of(mail: Message) -> str:
    """The subject as its reader sees it (a non-ASCII one travels encoded: `=?utf-8?q?...?=`)."""
    from email.header import decode_header, make_header

    return str(make_header(decode_header(mail["Subject"])))
