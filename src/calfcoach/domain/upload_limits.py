"""How large a request may be: the one size policy of every route that takes a file, and of all the others.

The web app enforces these limits before a body is spooled (web/body_limit.py) and the services count the
bytes they copy against the same numbers, so a limit is changed here and nowhere else.
"""

from __future__ import annotations

from calfcoach.domain.errors import InputError

MB = 1024 * 1024
# A recording or an export zip sent through the web or the API. A 24-hour 1 Hz GPX is about 40 MB, and
# gzip makes it ten times smaller; whole exports larger than this go through `calfcoach import`.
ACTIVITY_UPLOAD_BYTES = 64 * MB
MEDIA_UPLOAD_BYTES = 200 * MB  # a coach's video: a few minutes of phone video
# Any other request body (JSON, a form without a file): the largest the app takes is a few kilobytes.
REQUEST_BODY_BYTES = 1 * MB
FORM_OVERHEAD_BYTES = 64 * 1024  # multipart boundaries, a title and the CSRF field around an uploaded file


class TooLargeError(InputError):
    """A request or an uploaded file is larger than its limit; nothing was kept."""


def megabytes(size: int) -> str:
    """A limit as people read it: '64 MB', '200 MB', '64 KB'."""
    if size >= MB:
        return f"{size / MB:g} MB"
    return f"{size / 1024:g} KB" if size >= 1024 else f"{size} bytes"
