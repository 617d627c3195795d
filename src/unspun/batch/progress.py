"""Progress on stderr: one log line every few seconds (works in CI logs and under nohup)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


class Progress:
    """Counts this run's articles and errors and reports the rate and, given a total, ETA."""

    def __init__(
        self,
        total: int | None,
        *,
        already: int = 0,
        stream: TextIO | None = None,
        interval: float = 5.0,
    ) -> None:
        # total counts every article in the inputs; `already` were committed by earlier runs.
        self.total = total
        self.already = already
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.done = 0
        self.errors = 0
        self.started = time.monotonic()
        self._last = self.started

    def update(self, *, error: bool) -> None:
        self.done += 1
        self.errors += int(error)
        now = time.monotonic()
        if self.interval >= 0 and now - self._last >= self.interval:
            self._last = now
            self.emit()

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self, final: bool = False) -> str:
        finished = self.already + self.done
        where = f"{finished}/{self.total}" if self.total is not None else f"{finished}"
        text = (
            f"unspun batch: {where} articles ({self.errors} errors this run),"
            f" {self.rate:.2f} articles/s"
        )
        if self.total is not None and not final and self.rate > 0:
            left = max(0, self.total - finished)
            text += f", ETA {_duration(left / self.rate)}"
        if final:
            text += f", done in {_duration(time.monotonic() - self.started)}"
        return text

    def emit(self, final: bool = False) -> None:
        print(self.line(final), file=self.stream, flush=True)
