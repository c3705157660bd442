"""The server's log lines, JSON (one object a line, for a log collector) or text (for a person), with the
request id; and the names of the settings `calfcoach serve` hands its workers for logs and metrics.

Here rather than in web/ because `calfcoach serve` configures its own process's lines too, and the CLI
does not import the web package (.importlinter); the standard library only.

A small formatter rather than python-json-logger: a record becomes one `json.dumps` of a few named
fields, which is all a collector needs, and one dependency fewer to pin and audit.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import os
import re
import secrets
import sys
from typing import Any, Literal

ENV_LOG_FORMAT = "CALFCOACH_LOG_FORMAT"
ENV_LOG_CLIENT_IP = "CALFCOACH_LOG_CLIENT_IP"
ENV_METRICS = "CALFCOACH_METRICS"
ENV_METRICS_ALLOW = "CALFCOACH_METRICS_ALLOW"
ENV_MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
LogFormat = Literal["json", "text"]
ACCESS_LOGGER = "calfcoach.access"

# The id of the request being answered, so that any line logged while answering it carries the id.
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "calfcoach_request_id", default=None
)
# What an incoming X-Request-ID may be: a proxy's or a client's id (UUIDs, hex, base64url), never text
# that could forge a log line or carry personal data at length.
_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# The fields an access line adds to a record (logged as `extra`), in the order they are printed.
ACCESS_FIELDS = ("method", "route", "status", "duration_ms", "client_ip")


def request_id_from(header: str | None) -> str:
    """Return the incoming X-Request-ID when it is well formed, else a fresh random id (32 hex digits)."""
    if header is not None and _WELL_FORMED_ID.fullmatch(header):
        return header
    return secrets.token_hex(16)


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time (UTC), level, logger, message, request id, fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id.get()
        if request_id is not None:
            line["request_id"] = request_id
        for name in ACCESS_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Format a record for a person at a terminal: time, level, message, then the request id."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        request_id = getattr(record, "request_id", None) or current_request_id.get()
        return text if request_id is None else f"{text} [{request_id}]"


def log_format_from_environment() -> LogFormat:
    """Return the log format CALFCOACH_LOG_FORMAT names (json or text; unset: text)."""
    given = os.environ.get(ENV_LOG_FORMAT, "text").strip().lower()
    return "json" if given == "json" else "text"


def client_ip_allowed() -> bool:
    """Return whether access lines may carry the client's address (CALFCOACH_LOG_CLIENT_IP=1)."""
    return os.environ.get(ENV_LOG_CLIENT_IP, "").strip() == "1"


def configure_logging(log_format: LogFormat) -> None:
    """Send every log line of the process to standard error in `log_format`: CalfCoach's from INFO up
    (one access line per request), the libraries' (uvicorn's included) from WARNING up."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("calfcoach").setLevel(logging.INFO)
    # uvicorn's own handlers would print its lines a second time, in its format.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
