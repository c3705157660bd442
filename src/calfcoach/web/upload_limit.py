"""Refuse a media upload whose declared size is over the limit before its body is read at all."""

from __future__ import annotations

import re

from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from calfcoach.api.errors import ErrorBody, ErrorDetail
from calfcoach.services import exercise_media
from calfcoach.services.exercise_media import MediaTooLargeError

UPLOAD_PATH = re.compile(r"^(/api/v1)?/exercises/[^/]+/media(/files)?$")
FORM_OVERHEAD_BYTES = 64 * 1024  # multipart boundaries, the title and the CSRF field around the file
HINT = "shorten or compress the video, or add it as a link"


class MediaUploadLimit:
    """Answer 413 when an upload is over the limit: at once by its Content-Length, else as it streams.

    A body without a Content-Length (chunked) is counted as it arrives and stopped at the limit, before
    the form parser has spooled more of it to disk; the service still counts the file's own bytes.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not (scope["type"] == "http" and scope["method"] == "POST" and UPLOAD_PATH.match(scope["path"])):
            await self.app(scope, receive, send)
            return
        limit = exercise_media.MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES
        message = f"the upload is larger than {exercise_media.MAX_UPLOAD_BYTES} bytes"
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            detail = ErrorDetail(
                code="too_large",
                message=message,
                where="file",
                hint=HINT,
            )
            response = JSONResponse(ErrorBody(error=detail).model_dump(), status_code=413)
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
                    too_large = MediaTooLargeError(message, where="file", hint=HINT)
                    raise HTTPException(413, message) from too_large
            return got

        await self.app(scope, counted, send)
