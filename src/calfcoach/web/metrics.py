"""Prometheus metrics: requests and their latency by route template, server errors, recordings imported,
and the garbage collector's pauses.

Off unless CALFCOACH_METRICS=1 (`calfcoach serve --metrics`); when on, /metrics answers only loopback
clients and the networks CALFCOACH_METRICS_ALLOW names, since it shows how the server is used.

With several worker processes (`calfcoach serve --workers N`) each worker counts into files in
PROMETHEUS_MULTIPROC_DIR (prometheus-client's multiprocess mode, set up by `serve`), and a scrape of any
worker adds up every worker's counts: one scrape sees the whole server. Without that variable (tests,
an app built by hand) the counts are this process's own.
"""

from __future__ import annotations

import gc
import ipaddress
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from calfcoach.api.logs import ENV_METRICS, ENV_METRICS_ALLOW, ENV_MULTIPROCESS_DIR
from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_

METRICS_PATH = "/metrics"
# From 1 ms (a cached "today" answers in 2-3 ms) to 10 s (a large upload).
LATENCY_BUCKETS_S = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

# From half a millisecond (a young generation) to a quarter second: a full collection of a server holding
# objects by the hundred thousand, every request on it waiting.
COLLECTION_BUCKETS_S = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25)

# A client may send any method name; others share one label, so that the label set stays bounded.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def metrics_enabled() -> bool:
    """Return whether CALFCOACH_METRICS=1 turns the metrics on."""
    return os.environ.get(ENV_METRICS, "").strip() == "1"


def allowed_networks(given: str | None = None) -> tuple[Network, ...]:
    """Parse CALFCOACH_METRICS_ALLOW (or `given`): addresses or networks, separated by commas."""
    text = os.environ.get(ENV_METRICS_ALLOW, "") if given is None else given
    networks = []
    for part in (piece.strip() for piece in text.split(",")):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise InputError(
                N_("{part} is not an address or a network"),
                where=ENV_METRICS_ALLOW,
                hint=N_("give addresses or networks separated by commas, e.g. 10.0.0.5,192.168.1.0/24"),
                part=repr(part),
            ) from None
    return tuple(networks)


def may_scrape(client_host: str | None, allowed: Iterable[Network]) -> bool:
    """Return whether a client at `client_host` may read /metrics: loopback, or inside an allowed network."""
    if client_host is None:
        return False
    try:
        address = ipaddress.ip_address(client_host)
    except ValueError:  # the test client's "testclient", a Unix socket's path
        return False
    return address.is_loopback or any(address in network for network in allowed)


def status_class(status: int) -> str:
    """Return the status class a label carries ('2xx'), so that the label set stays small."""
    return f"{status // 100}xx"


@dataclass(frozen=True)
class _Children:
    requests: Counter
    duration: Histogram


class Metrics:
    """The app's collectors, and their text exposition for a scrape."""

    def __init__(self) -> None:
        self.multiprocess = bool(os.environ.get(ENV_MULTIPROCESS_DIR))
        # Multiprocess mode keeps the values in files and collects them at scrape time: no registry.
        self.registry = None if self.multiprocess else CollectorRegistry()
        self.allowed = allowed_networks()
        labels = ("method", "route", "status")
        self.requests = Counter(
            "calfcoach_http_requests",
            "HTTP requests answered, by method, route template and status class",
            labels,
            registry=self.registry,
        )
        self.duration = Histogram(
            "calfcoach_http_request_duration_seconds",
            "Time from a request's arrival to the end of its answer",
            labels,
            buckets=LATENCY_BUCKETS_S,
            registry=self.registry,
        )
        self.server_errors = Counter(
            "calfcoach_http_server_errors",
            "Requests answered with a 5xx status (an unhandled error counts as 500)",
            ("method", "route"),
            registry=self.registry,
        )
        self.recordings = Counter(
            "calfcoach_recordings",
            "Recordings (GPX, TCX, FIT) uploaded, by outcome: imported, duplicate, failed, skipped",
            ("outcome",),
            registry=self.registry,
        )
        self.collections = Histogram(
            "calfcoach_gc_pause_seconds",
            "Time the garbage collector held the process (no request moves meanwhile), by generation",
            ("generation",),
            buckets=COLLECTION_BUCKETS_S,
            registry=self.registry,
        )
        # `labels()` takes a lock and builds a key each call; a request reuses the children of its kind.
        self._children: dict[tuple[str, str, int], _Children] = {}
        # Pauses timed by the collector's callback, counted by the next request (see `watch_collections`).
        self._pauses: list[tuple[int, float]] = []
        self._collection_started = 0.0

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request and its duration."""
        if method not in METHODS:
            method = "OTHER"
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            values = (method, route, status_class(status))
            children = _Children(self.requests.labels(*values), self.duration.labels(*values))
            self._children[key] = children
        children.requests.inc()
        children.duration.observe(seconds)
        if status >= 500:
            self.server_errors.labels(method, route).inc()
        if self._pauses:
            self._count_pauses()

    @contextmanager
    def watch_collections(self) -> Iterator[None]:
        """Time every garbage collection of this process while the context is open (the server's life).

        The callback runs inside the collection, in whatever thread allocated: it only notes the pause, and
        the next answered request counts it, since a metric's lock must not be waited for there.
        """
        gc.callbacks.append(self._on_collection)
        try:
            yield
        finally:
            gc.callbacks.remove(self._on_collection)
            self._count_pauses()

    def _on_collection(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._collection_started = time.perf_counter()
        else:
            self._pauses.append((info["generation"], time.perf_counter() - self._collection_started))

    def _count_pauses(self) -> None:
        taken, self._pauses = self._pauses, []  # one list swap: a pause noted meanwhile lands in either
        for generation, seconds in taken:
            self.collections.labels(str(generation)).observe(seconds)

    def count_recording(self, _source: str, outcome: str) -> None:
        """Count one recording of an upload by what became of it (the import service's progress call)."""
        self.recordings.labels(outcome).inc()

    def exposition(self) -> bytes:
        """Return every metric in Prometheus' text format (all workers' counts in multiprocess mode)."""
        if self.registry is not None:
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # untyped in prometheus-client 0.26
        return generate_latest(registry)
