"""The upload limit as the server sees a body arrive: counted chunk by chunk, stopped at the limit."""

from __future__ import annotations

import asyncio

import pytest
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope, Send

from calfcoach.services import exercise_media
from calfcoach.services.exercise_media import MediaTooLargeError
from calfcoach.web import upload_limit
from calfcoach.web.upload_limit import MediaUploadLimit

PATH = "/api/v1/exercises/calf-raise-step/media/files"


def _scope(path: str = PATH, headers: list[tuple[bytes, bytes]] | None = None) -> Scope:
    return {"type": "http", "method": "POST", "path": path, "headers": headers or []}


async def _read_all(scope: Scope, receive: Receive, send: Send) -> None:
    """An app that reads the whole body, as the form parser does."""
    while (await receive()).get("more_body", False):
        pass


def _run(scope: Scope, chunks: int, chunk_bytes: int) -> tuple[int, list[Message]]:
    pulled = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"x" * chunk_bytes, "more_body": pulled < chunks}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(MediaUploadLimit(_read_all)(scope, receive, send))
    return pulled, sent


@pytest.fixture(autouse=True)
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exercise_media, "MAX_UPLOAD_BYTES", 1000)
    monkeypatch.setattr(upload_limit, "FORM_OVERHEAD_BYTES", 0)


def test_a_body_without_a_size_is_stopped_at_the_first_chunk_past_the_limit() -> None:
    with pytest.raises(HTTPException) as refused:
        _run(_scope(), chunks=100, chunk_bytes=300)
    assert refused.value.status_code == 413
    assert isinstance(refused.value.__cause__, MediaTooLargeError)
    assert refused.value.__cause__.where == "file"


def test_a_body_within_the_limit_goes_through_whole() -> None:
    pulled, sent = _run(_scope(), chunks=3, chunk_bytes=300)
    assert pulled == 3
    assert sent == []


def test_a_declared_size_over_the_limit_is_answered_before_any_chunk_is_read() -> None:
    pulled, sent = _run(_scope(headers=[(b"content-length", b"5000")]), chunks=100, chunk_bytes=300)
    assert pulled == 0
    assert sent[0]["status"] == 413


def test_other_paths_are_not_counted() -> None:
    pulled, sent = _run(_scope(path="/api/v1/athletes/1/sessions"), chunks=10, chunk_bytes=300)
    assert pulled == 10
    assert sent == []
