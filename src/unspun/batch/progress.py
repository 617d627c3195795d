"""Progress on stderr: a live bar on a terminal, one log line every few seconds otherwise
(CI logs, nohup, a file)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 28
# A terminal redraws in place, so it can afford a fresher figure than a log can.
TERMINAL_INTERVAL = 0.25


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class Progress:
    """Counts this run's articles and errors and reports the rate and, given a total, ETA.

    ``interval`` is the seconds between log lines (a negative one: only the final line); on
    a terminal the bar is redrawn at most every quarter second instead.
    """

    def __init__(
        self,
        total: int | None,
        *,
        already: int = 0,
        stream: TextIO | None = None,
        interval: float = 5.0,
        terminal: bool | None = None,
    ) -> None:
        # total counts every article in the inputs; `already` were committed by earlier runs.
        self.total = total
        self.already = already
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _is_terminal(self.stream) if terminal is None else terminal
        self.interval = interval
        if self.terminal and interval >= 0:
            self.interval = min(interval, TERMINAL_INTERVAL)
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

    def _eta(self) -> str | None:
        if self.total is None or self.rate <= 0:
            return None
        finished = self.already + self.done
        return _duration(max(0, self.total - finished) / self.rate)

    def line(self, final: bool = False) -> str:
        finished = self.already + self.done
        where = f"{finished}/{self.total}" if self.total is not None else f"{finished}"
        text = (
            f"unspun batch: {where} articles ({self.errors} errors this run),"
            f" {self.rate:.2f} articles/s"
        )
        eta = self._eta()
        if eta is not None and not final:
            text += f", ETA {eta}"
        if final:
            text += f", done in {_duration(time.monotonic() - self.started)}"
        return text

    def bar(self) -> str:
        """The one-line terminal view: a bar when the total is known, a counter otherwise."""
        finished = self.already + self.done
        if self.total:
            filled = min(BAR_WIDTH, BAR_WIDTH * finished // self.total)
            head = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {finished}/{self.total}"
        else:
            head = f"{finished} articles"
        text = f"{head}  {self.rate:.2f} art/s  {self.errors} errors"
        eta = self._eta()
        if eta is not None:
            text += f"  ETA {eta}"
        return text

    def emit(self, final: bool = False) -> None:
        if self.terminal:
            # \r and clear-to-end-of-line redraw in place; the final line stays, as a log.
            self.stream.write("\r\x1b[K" + (self.line(final) + "\n" if final else self.bar()))
            self.stream.flush()
        else:
            print(self.line(final), file=self.stream, flush=True)
