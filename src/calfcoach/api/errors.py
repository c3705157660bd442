"""The one place errors become HTTP: a status, a stable code and one JSON shape for every error."""

from __future__ import annotations

from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException

from calfcoach.domain.errors import CalfCoachError, ConflictError, InputError, NotFoundError, input_error
from calfcoach.domain.upload_limits import TooLargeError
from calfcoach.services.access import RoleError
from calfcoach.services.accounts import AuthError, SetupDoneError, ThrottledError
from calfcoach.services.mail import SendLimitError
from calfcoach.store.errors import StoreBusyError, StoreVersionError


class ErrorDetail(BaseModel):
    """What went wrong, where (a field or place) and what to do about it."""

    code: str
    message: str
    where: str | None = None
    hint: str | None = None
    # The message for a person to read, in the language the request asks for (Accept-Language; the web
    # app fills it in): `message` stays English for scripts and logs.
    said: str | None = None


class ErrorBody(BaseModel):
    """Every error response of the API has this shape: {"error": {...}}."""

    error: ErrorDetail


# Most specific first: the first class that matches decides the status.
_STATUS: tuple[tuple[type[CalfCoachError], int, str], ...] = (
    (ThrottledError, 429, "too_many_attempts"),
    (SendLimitError, 429, "too_many_attempts"),
    (AuthError, 401, "unauthorized"),
    (RoleError, 403, "forbidden"),
    (NotFoundError, 404, "not_found"),
    (SetupDoneError, 409, "already_set_up"),
    (ConflictError, 409, "conflict"),
    (TooLargeError, 413, "too_large"),
    (InputError, 422, "invalid_input"),
    (StoreBusyError, 503, "busy"),
    (StoreVersionError, 503, "database_too_new"),
)
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}

_PARTS = ("body", "query", "path")

# When each error status happens, as the OpenAPI schema says it (the body is always an ErrorBody).
WHEN: dict[int, str] = {
    400: "bad_request: the body could not be read (not JSON, not UTF-8, a broken multipart form)",
    401: "unauthorized: not signed in, a wrong password or token, a missing CSRF token",
    403: "forbidden: the account's role does not allow it",
    404: "not_found: no such thing, or it belongs to someone else",
    409: "conflict: it exists already",
    413: "too_large: the upload is over the size limit (nothing is kept)",
    422: "invalid_input: a field is missing, out of range or refused by a rule; `where` names it",
    429: "too_many_attempts: too many wrong passwords, or e-mails sent; try again later",
    503: "busy: the database stayed locked by another writer; try again",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` entries of an operation for these error statuses, each with the error body model."""
    return {status: {"model": ErrorBody, "description": WHEN[status]} for status in statuses}


def describe(error: Exception) -> tuple[int, ErrorDetail]:
    """Return the HTTP status and the error body for any exception a request can raise."""
    if isinstance(error, RequestValidationError | ValidationError):
        # FastAPI's places start with the part of the request (body, query, path); a client needs the field.
        problems = [
            {**p, "loc": tuple(p["loc"])[1:] if p["loc"] and p["loc"][0] in _PARTS else tuple(p["loc"])}
            for p in error.errors()
        ]
        found = input_error(problems, hint="see the schema at /docs")
        return 422, ErrorDetail(
            code="invalid_input", message=found.message, where=found.where, hint=found.hint
        )
    if isinstance(error, HTTPException):
        if isinstance(error.__cause__, CalfCoachError):  # raised where only an HTTPException gets through
            return describe(error.__cause__)
        code = _HTTP_CODES.get(error.status_code, "error")
        return error.status_code, ErrorDetail(code=code, message=str(error.detail))
    if isinstance(error, CalfCoachError):
        for kind, status, code in _STATUS:
            if isinstance(error, kind):
                if isinstance(error, InputError):
                    return status, ErrorDetail(
                        code=code, message=error.message, where=error.where, hint=error.hint
                    )
                return status, ErrorDetail(code=code, message=str(error))
    # Anything else is the server's fault, and its text may name the database (its URL): it goes to the
    # log, not to the client.
    return 500, ErrorDetail(
        code="server_error", message="something went wrong on the server; nothing was lost"
    )
