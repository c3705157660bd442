"""With a public URL configured, answer only requests addressed to it (or to this machine by loopback name).

Links never come from the Host header (api/links.py). Refusing unknown names as well stops a page on
another site from reaching the server through a DNS name it controls (DNS rebinding), e.g. to take the
setup page of a fresh install.
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from calfcoach.api.links import ENV_PUBLIC_URL, LOOPBACK_HOSTS

# A load balancer or Prometheus reaches each server by its own address, not the public name. These answer
# nothing about a person and change nothing (and /metrics checks the client's address itself), so a page
# that reached them by DNS rebinding would learn nothing a direct request would not.
MONITORING_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def host_name(header: str) -> str:
    """Return the host of a Host header without its port, lower case ('[::1]:8000' -> '::1')."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class KnownHosts:
    """Refuse (400) a request whose Host header names neither the public URL's host nor a loopback name
    (monitoring's paths excepted)."""

    def __init__(self, app: ASGIApp, *, public_host: str) -> None:
        self.app = app
        self.public_host = public_host
        self.allowed = LOOPBACK_HOSTS | {public_host}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        given = host_name(Headers(scope=scope).get("host", ""))
        if given in self.allowed or scope["path"] in MONITORING_PATHS:
            await self.app(scope, receive, send)
            return
        error = {
            "code": "bad_request",
            "message": f"this server answers for {self.public_host}, not for {given or 'no host name'}",
            "where": "host",
            "hint": f"open it at its public address ({ENV_PUBLIC_URL}), or on this machine at 127.0.0.1",
        }
        body = json.dumps({"error": error}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
