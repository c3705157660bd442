"""A plain ASGI middleware (cheaper than Starlette's BaseHTTPMiddleware): CSRF cookie and security headers."""

from __future__ import annotations

import secrets

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from calfcoach.api.deps import CSRF_COOKIE


def security_headers(image_origins: tuple[str, ...] = ()) -> dict[str, str]:
    """The headers of every answer; `image_origins` are the only other origins images may come from."""
    images = " ".join(("'self'", "data:", *image_origins))
    return {
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "same-origin",
        # Everything is served from this origin; vega compiles expressions, hence 'unsafe-eval'.
        "content-security-policy": (
            "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
            "form-action 'self'"
        ),
    }


class CsrfCookieAndHeaders:
    """Give every browser a CSRF token (double-submit cookie) and every answer the security headers."""

    def __init__(self, app: ASGIApp, *, image_origins: tuple[str, ...] = ()) -> None:
        self.app = app
        self.headers = security_headers(image_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = HTTPConnection(scope).cookies.get(CSRF_COOKIE)
        value = token or secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = value
        cookie = f"{CSRF_COOKIE}={value}; HttpOnly; Path=/; SameSite=lax"
        if scope.get("scheme") == "https":
            cookie += "; Secure"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, header in self.headers.items():
                    headers.setdefault(name, header)
                # An answer that renewed the token (sign-in, sign-out) already sets the cookie.
                renewed = any(v.startswith(f"{CSRF_COOKIE}=") for v in headers.getlist("set-cookie"))
                if token is None and not renewed:
                    headers.append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_headers)
