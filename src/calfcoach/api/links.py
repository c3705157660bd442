"""Absolute links the server hands out (invitation links, calendar feed URLs).

They are built from the configured public URL (`CALFCOACH_PUBLIC_URL`, `calfcoach serve --public-url`),
else from the address the server listens on, and never from the request's Host header: whoever sends a
request chooses that header, and a link made from it would send an invited athlete (with the code) to any
site the sender named.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import Any

from fastapi import Request

from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_

ENV_PUBLIC_URL = "CALFCOACH_PUBLIC_URL"
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_EXAMPLE = N_("e.g. https://calfcoach.example.org, the address people open (with its path if under one)")


def parse_public_url(text: str, *, where: str = ENV_PUBLIC_URL) -> str:
    """Check a public URL and return it without a trailing slash; an InputError says what is wrong."""
    url = text.strip()
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as error:
        raise InputError(
            N_("the public URL {text} is not valid ({detail})"),
            where=where,
            hint=_EXAMPLE,
            text=repr(text),
            detail=str(error),
        ) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(
            N_("the public URL {text} is not an http:// or https:// address with a host name"),
            where=where,
            hint=_EXAMPLE,
            text=repr(text),
        )
    if parts.query or parts.fragment or parts.username is not None:
        raise InputError(
            N_(
                "the public URL {text} has a query, fragment or user name; "
                "give only the scheme, host, port and path"
            ),
            where=where,
            hint=_EXAMPLE,
            text=repr(text),
        )
    return urllib.parse.urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), "", "")
    )


def public_host(public_url: str) -> str:
    """Return the host name of a public URL (as parse_public_url returned it)."""
    return urllib.parse.urlsplit(public_url).hostname or ""


def listening_url(scope: Mapping[str, Any]) -> str:
    """Return http://HOST:PORT of the socket the request came in on: the server's address, not the Host
    header (behind a proxy that is the proxy's upstream address, hence the public URL)."""
    server = scope.get("server")
    if not server:  # a Unix socket: no address a browser could open
        return "http://localhost"
    host, port = str(server[0]), server[1]
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}" if port in (80, None) else f"http://{host}:{port}"


def absolute_url(request: Request, path: str) -> str:
    """Return the link to a path of this server: the public URL (else the listening address) plus the path."""
    public_url: str | None = request.app.state.context.public_url
    return (public_url or listening_url(request.scope)) + path
