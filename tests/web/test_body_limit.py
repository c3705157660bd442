"""The body size limit as a body arrives: refused at once by its declared size, or counted and stopped."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Message, Receive, Scope, Send

from calfcoach.domain import upload_limits
from calfcoach.domain.upload_limits import TooLargeError
from calfcoach.web.body_limit import BodySizeLimit, rule_for

MEDIA = "/api/v1/exercises/calf-raise-step/media/files"
ACTIVITIES = "/api/v1/athletes/7/activities"


def _scope(
    path: str = MEDIA, headers: list[tuple[bytes, bytes]] | None = None, method: str = "POST"
) -> Scope:
    return {"type": "http", "method": method, "path": path, "headers": headers or [], "query_string": b""}


async def _read_all(scope: Scope, receive: Receive, send: Send) -> None:
    """An app that reads the whole body, as the form parser does."""
    while (await receive()).get("more_body", False):
        pass


async def _answer(request: Request, error: Exception) -> Response:
    """Stands for the app's error handler: says which error it was given."""
    assert isinstance(error, TooLargeError)
    return PlainTextResponse(f"{error.where}|{error.message}", status_code=413)


def _run(scope: Scope, chunks: int, chunk_bytes: int) -> tuple[int, list[Message]]:
    pulled = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"x" * chunk_bytes, "more_body": pulled < chunks}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(BodySizeLimit(_read_all, answer=_answer)(scope, receive, send))
    return pulled, sent


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_limits, "MEDIA_UPLOAD_BYTES", 1000)
    monkeypatch.setattr(upload_limits, "ACTIVITY_UPLOAD_BYTES", 2000)
    monkeypatch.setattr(upload_limits, "REQUEST_BODY_BYTES", 500)
    monkeypatch.setattr(upload_limits, "FORM_OVERHEAD_BYTES", 0)


def test_a_body_without_a_size_is_stopped_at_the_first_chunk_past_the_limit() -> None:
    with pytest.raises(HTTPException) as refused:
        _run(_scope(), chunks=100, chunk_bytes=300)
    assert refused.value.status_code == 413
    assert isinstance(refused.value.__cause__, TooLargeError)
    assert refused.value.__cause__.where == "file"
    assert "1000 bytes" in refused.value.__cause__.message


def test_a_body_within_the_limit_goes_through_whole() -> None:
    pulled, sent = _run(_scope(), chunks=3, chunk_bytes=300)
    assert pulled == 3
    assert sent == []


def test_a_declared_size_over_the_limit_is_answered_by_the_app_handler_before_any_chunk_is_read() -> None:
    pulled, sent = _run(_scope(headers=[(b"content-length", b"5000")]), chunks=100, chunk_bytes=300)
    assert pulled == 0
    assert sent[0]["status"] == 413
    assert sent[1]["body"].startswith(b"file|the file is larger than")


def test_each_upload_route_has_its_own_limit_from_the_one_policy_module() -> None:
    assert rule_for(ACTIVITIES).limit() == 2000
    assert rule_for(MEDIA).limit() == 1000
    assert rule_for("/exercises/calf-raise-step/media").limit() == 1000  # the page's form
    assert rule_for("/api/v1/auth/login").limit() == 500
    pulled, _ = _run(_scope(path=ACTIVITIES), chunks=6, chunk_bytes=300)  # 1800 bytes: a recording may
    assert pulled == 6
    with pytest.raises(HTTPException):
        _run(_scope(path=MEDIA), chunks=6, chunk_bytes=300)  # ... a coach's video may not


def test_the_form_around_a_file_is_allowed_on_top_of_an_upload_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_limits, "FORM_OVERHEAD_BYTES", 600)
    pulled, _ = _run(_scope(), chunks=5, chunk_bytes=300)
    assert pulled == 5


def test_any_other_request_body_has_the_small_limit() -> None:
    with pytest.raises(HTTPException) as refused:
        _run(_scope(path="/api/v1/athletes/1/sessions"), chunks=10, chunk_bytes=300)
    assert refused.value.status_code == 413
    assert isinstance(refused.value.__cause__, TooLargeError)
    assert refused.value.__cause__.where is None


def test_requests_without_a_body_are_not_counted() -> None:
    pulled, sent = _run(_scope(path="/api/v1/athletes/1/sessions", method="GET"), chunks=10, chunk_bytes=300)
    assert pulled == 10
    assert sent == []


def test_a_json_body_over_the_limit_gets_the_api_error_body(client: TestClient) -> None:
    """Without a limit, any request (sign-in needs no account) could make the server hold a huge JSON body."""
    csrf = client.get("/api/v1/exercises").cookies.get("calfcoach_csrf") or client.cookies["calfcoach_csrf"]
    refused = client.post(
        "/api/v1/auth/login",
        content=b'{"email": "' + b"a" * 1000 + b'", "password": "x"}',
        headers={"content-type": "application/json", "x-csrf-token": csrf},
    )
    assert refused.status_code == 413
    assert refused.json()["error"]["code"] == "too_large"
    assert refused.json()["error"]["message"] == "the request is larger than the 500 bytes limit"


def test_a_page_form_over_the_limit_gets_an_error_page_not_json(client: TestClient) -> None:
    refused = client.post(
        "/exercises/calf-raise-step/media",
        files={"file": ("squat.mp4", b"\x00" * 5000, "video/mp4")},
        data={"title": "Form"},
    )
    assert refused.status_code == 413
    assert refused.headers["content-type"].startswith("text/html")
    assert "the file is larger than the 1000 bytes limit" in refused.text
    assert "add it as a link" in refused.text


def test_a_page_form_over_the_limit_is_refused_in_the_pages_language(client: TestClient) -> None:
    # The limit's sentence and hint were English f-strings on a German page.
    refused = client.post(
        "/exercises/calf-raise-step/media",
        files={"file": ("squat.mp4", b"\x00" * 5000, "video/mp4")},
        data={"title": "Form"},
        headers={"accept-language": "de"},
    )
    assert refused.status_code == 413
    assert "die Datei ist größer als die Grenze von 1000 bytes" in refused.text
    assert "kürzen oder komprimieren Sie das Video, oder fügen Sie es als Link hinzu" in refused.text
    assert "add it as a link" not in refused.text
