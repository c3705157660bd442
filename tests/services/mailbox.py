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
