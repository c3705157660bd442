"""Refuse a media upload whose declared size is over the limit before its body is read at all."""

from __future__ import annotations

import re

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from calfcoach.api.errors import ErrorBody, ErrorDetail
from calfcoach.services import exercise_media

UPLOAD_PATH = re.compile(r"^(/api/v1)?/exercises/[^/]+/media(/files)?$")
FORM_OVERHEAD_BYTES = 64 * 1024  # multipart boundaries, the title and the CSRF field around the file


class MediaUploadLimit:
    """Answer 413 at once when Content-Length is over the limit (the service still counts every byte)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and UPLOAD_PATH.match(scope["path"]):
            declared = dict(scope["headers"]).get(b"content-length", b"")
            limit = exercise_media.MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES
            if declared.isdigit() and int(declared) > limit:
                detail = ErrorDetail(
                    code="too_large",
                    message=f"the upload is larger than {exercise_media.MAX_UPLOAD_BYTES} bytes",
                    where="file",
                    hint="shorten or compress the video, or add it as a link",
                )
                response = JSONResponse(ErrorBody(error=detail).model_dump(), status_code=413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
