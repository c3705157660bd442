"""A light HTTP/1.1 load generator: many keep-alive connections sending prepared requests on asyncio.

Written on asyncio streams rather than httpx because it shares the server's two cores: httpx costs ~2-3 ms
of CPU per request, this ~0.1 ms, so the figures measure the server. Used by api_bench.py, and its
Endpoint describes the FitTrackee reference's requests too.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

CLIENTS = 50
TIME_LIMIT_S = 120.0


@dataclass(frozen=True)
class Endpoint:
    """One kind of request under load: a method and path, its headers, and a fresh JSON body per request."""

    name: str
    method: str
    path: str
    headers: dict[str, str]
    body: Callable[[], bytes] | None = None

    def raw(self, host: str) -> bytes:
        payload = self.body() if self.body is not None else b""
        lines = [f"{self.method} {self.path} HTTP/1.1", f"host: {host}"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()]
        if self.body is not None:
            if "content-type" not in {name.lower() for name in self.headers}:
                lines.append("content-type: application/json")
            lines.append(f"content-length: {len(payload)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


class _Connection:
    """One keep-alive HTTP/1.1 connection that sends prepared requests and reads whole answers."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def send(self, raw: bytes) -> tuple[int, bytes]:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            self.writer.write(raw)
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            headers = head.lower()
            if b"\r\ntransfer-encoding: chunked" in headers:
                body = await self._chunked()
            else:
                start = headers.find(b"\r\ncontent-length:")
                length = int(headers[start + 17 : headers.index(b"\r\n", start + 2)]) if start >= 0 else 0
                body = await self.reader.readexactly(length)
            if b"\r\nconnection: close" in headers:
                await self.close()
            return status, body
        except (OSError, asyncio.IncompleteReadError, ValueError):
            await self.close()
            raise

    async def _chunked(self) -> bytes:
        assert self.reader is not None
        parts: list[bytes] = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await self.reader.readexactly(size + 2)
            if size == 0:
                return b"".join(parts)
            parts.append(chunk[:-2])

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run_load(
    base: str, endpoints: tuple[Endpoint, ...], *, count: int, rate: float | None
) -> tuple[int, float, list[float]]:
    """Send `count` requests over 50 connections (open loop at `rate`, or closed loop when None).

    Connection i sends `endpoints[i % len(endpoints)]`: with one endpoint per person, each client is
    one person, as on a real server.
    """
    host_port = base.removeprefix("http://")
    host, port = host_port.rsplit(":", 1)
    latencies: list[float] = []
    errors = 0
    next_index = 0
    start = time.perf_counter()

    async def client(endpoint: Endpoint) -> None:
        nonlocal next_index, errors
        connection = _Connection(host, int(port))
        try:
            while next_index < count and time.perf_counter() - start < TIME_LIMIT_S:
                index = next_index
                next_index += 1
                due = start + index / rate if rate else time.perf_counter()
                wait = due - time.perf_counter()
                if wait > 0:
                    await asyncio.sleep(wait)
                try:
                    status, body = await connection.send(endpoint.raw(host_port))
                except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                    errors += 1
                    print(f"request failed: {type(error).__name__}: {error}", file=sys.stderr)
                    continue
                latencies.append((time.perf_counter() - due) * 1000)
                if status >= 400:
                    errors += 1
                    print(f"answer {status}: {body[:200]!r}", file=sys.stderr)
        finally:
            await connection.close()

    # The instrument must not pause to collect garbage while it times the server.
    gc.disable()
    try:
        await asyncio.gather(*(client(endpoints[i % len(endpoints)]) for i in range(CLIENTS)))
    finally:
        gc.enable()
    return errors, time.perf_counter() - start, latencies
