"""A one-line progress bar on standard error, drawn only when a person is watching."""

from __future__ import annotations

import os
import time
from typing import TextIO


class ProgressBar:
    """Redraws ``label [#####     ] done/total`` in place; silent unless the stream is a terminal.

    Redraws are throttled so a fast scan of thousands of small files is not slowed by the terminal.
    With ``delay``, nothing is drawn until the run has lasted that long: a short run (an editor
    checking one article) never flashes a bar.
    """

    def __init__(
        self, stream: TextIO, label: str, width: int = 30, interval: float = 0.1, delay: float = 0.0
    ) -> None:
        self.stream = stream
        self.label = label
        self.width = width
        self.interval = interval
        self.delay = delay
        self.enabled = _is_terminal(stream)
        # None, not 0.0: time.monotonic() counts from boot, so on a machine up for less than
        # `interval` a zero start would throttle away the first draw.
        self._last: float | None = None
        self._start: float | None = None
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._start is None:
            self._start = now
        if not self._drawn and now - self._start < self.delay:
            return
        if done < total and self._last is not None and now - self._last < self.interval:
            return
        self._last = now
        self.stream.write("\r" + render(self.label, done, total, self.width))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the bar so the summary line that follows starts on a clean line."""
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._drawn = False


def render(label: str, done: int, total: int, width: int = 30) -> str:
    """The bar's text for ``done`` of ``total`` files."""
    fraction = 1.0 if total <= 0 else min(1.0, done / total)
    filled = int(fraction * width)
    return f"{label} [{'#' * filled}{' ' * (width - filled)}] {done}/{total} files {fraction:4.0%}"


def in_ci() -> bool:
    """Whether a CI service runs us (they set ``CI``); some give the job a terminal all the same."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _is_terminal(stream: TextIO) -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
