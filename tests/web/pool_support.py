"""Fakes for the process-pool tests (importable as web.pool_support by spawned workers):
analyses that overrun their deadline, their memory cap, or kill their worker, on demand."""

from __future__ import annotations

import os
import time
from typing import Any

from unspun.ingest import Page
from unspun.report import Report
from web.web_support import FakeAnalyzer

HOG_MB = 700
"""What a HOG article allocates, well past the small cap the tests set."""


class Misbehaving(FakeAnalyzer):
    """FakeAnalyzer whose text says how to misbehave: "SLEEP" sleeps 30 s, "HOG" holds
    :data:`HOG_MB` of resident memory for 30 s, "DIE" ends its worker process at once.
    Any other text is analysed as usual, the report's source naming the worker's pid."""

    def load(self) -> Misbehaving:
        # The extraction's imports now, so that the first real job is as quick as the rest.
        self._extracted(Page(source="warm-up", media_type="text/plain",
                             body=b"Warm up."), None)
        return self

    def analyze_page(self, page: Page, *, published: Any = None, **_: Any) -> Report:
        if page.body.startswith(b"SLEEP"):
            time.sleep(30)
        elif page.body.startswith(b"HOG"):
            ballast = bytearray(HOG_MB * 2**20)
            ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page: resident
            time.sleep(30)
        elif page.body.startswith(b"DIE"):
            os._exit(3)
        report = super().analyze_page(page, published=published)
        return report.model_copy(update={"source": f"worker {os.getpid()}"})


class CannotLoad(FakeAnalyzer):
    """A worker whose models fail to load: it ends before it can take any job."""

    def load(self) -> CannotLoad:
        raise RuntimeError("no models here")
