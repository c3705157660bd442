"""Refuse a request body over its limit before it is spooled: at once by its size, else as it streams.

Every request with a body has a limit (domain/upload_limits.py): a recording upload, a coach's media
upload, and a small one for everything else (JSON, plain forms). Without this, Starlette's form parser
spools a whole upload to disk, and a JSON body is read whole into memory, before a route sees its size.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from calfcoach.domain import upload_limits
from calfcoach.domain.errors import Words
from calfcoach.domain.upload_limits import TooLargeError, megabytes
from calfcoach.i18n import N_

Answer = Callable[[Request, Exception], Awaitable[Response]]
"""The app's own error handler: the JSON error body under /api, an error page elsewhere."""


@dataclass(frozen=True)
class Rule:
    """The requests a limit applies to, the limit, and what to tell the sender who is over it."""

    path: re.Pattern[str]
    # Read from upload_limits when a request comes, so that module stays the one place a limit is set.
    limit: Callable[[], int]
    what: str
    hint: str


ACTIVITY_UPLOAD = Rule(
    re.compile(r"^/api/v1/athletes/[^/]+/activities$"),
    lambda: upload_limits.ACTIVITY_UPLOAD_BYTES,
    N_("the recording"),
    N_(
        "gzip the file (.gpx.gz), send its activities one by one, or import a whole export with "
        "`calfcoach import` on the server"
    ),
)
MEDIA_UPLOAD = Rule(
    re.compile(r"^(/api/v1)?/exercises/[^/]+/media(/files)?$"),
    lambda: upload_limits.MEDIA_UPLOAD_BYTES,
    N_("the file"),
    N_("shorten or compress the video, or add it as a link"),
)
RULES = (ACTIVITY_UPLOAD, MEDIA_UPLOAD)
OTHER = Rule(
    re.compile(""), lambda: upload_limits.REQUEST_BODY_BYTES, N_("the request"), N_("send less at once")
)
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def rule_for(path: str) -> Rule:
    """The limit a request to this path has."""
    return next((rule for rule in RULES if rule.path.match(path)), OTHER)


class BodySizeLimit:
    """Answer 413 when a request body is over its limit, before the app has read (or spooled) it.

    A declared Content-Length over the limit is answered at once, through the app's error handler, without
    reading a byte. A body without one (chunked) is counted as it arrives and stopped at the first chunk
    past the limit; the services still count an uploaded file's own bytes.
    """

    def __init__(self, app: ASGIApp, answer: Answer) -> None:
        self.app = app
        self.answer = answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        rule = rule_for(scope["path"])
        allowed = rule.limit()
        limit = allowed + (upload_limits.FORM_OVERHEAD_BYTES if rule is not OTHER else 0)
        error = TooLargeError(
            N_("{what} is larger than the {size} limit"),
            where="file" if rule is not OTHER else None,
            hint=rule.hint,
            what=Words(rule.what),
            size=megabytes(allowed),
        )
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            response = await self.answer(Request(scope, receive), error)
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            got = await receive()
            if got["type"] == "http.request":
                received += len(got.get("body", b""))
                if received > limit:
                    # FastAPI turns any other error raised while it reads a body into a 400; an
                    # HTTPException it passes on, and its cause is what the error handler describes.
                    raise HTTPException(413, error.message) from error
            return got

        await self.app(scope, counted, send)
