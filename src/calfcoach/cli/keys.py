"""Single key presses during a guided session (p pause, s skip, q stop), without waiting for Enter."""

from __future__ import annotations

import os
import select
import sys
from types import TracebackType
from typing import Any


class KeyReader:
    """Read keys without blocking while the terminal is in cbreak mode; reads nothing when not a terminal."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled and sys.stdin.isatty()
        self._saved: list[Any] | None = None

    def __enter__(self) -> KeyReader:
        if self.enabled:
            import termios
            import tty

            self._saved = termios.tcgetattr(sys.stdin.fileno())
            tty.setcbreak(sys.stdin.fileno())
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _trace: TracebackType | None
    ) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, self._saved)
            self._saved = None

    def poll(self, timeout_s: float = 0.0) -> str | None:
        """Return the key pressed (lower case) within `timeout_s`, or None."""
        if not self.enabled:
            return None
        ready, _, _ = select.select([sys.stdin], [], [], max(timeout_s, 0.0))
        if not ready:
            return None
        return os.read(sys.stdin.fileno(), 1).decode(errors="ignore").lower() or None

    def pause_until_resumed(self) -> str:
        """Block until p (resume), s or q is pressed; return it."""
        while True:
            key = self.poll(0.5)
            if key in ("p", "s", "q", " "):
                return "p" if key == " " else key
