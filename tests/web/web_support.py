"""Helpers of the web tests (importable as web.web_support): a fast fake Analyzer and an app
over an in-memory database."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

from fastapi.testclient import TestClient

from unspun import __version__
from unspun.analyzer import Analyzer
from unspun.ingest import Page
from unspun.report import Entity, Report, Sentence
from unspun.web import Limits, create_app

_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")


class FakeAnalyzer(Analyzer):
    """Real ingestion (so the URL guard is the real one), instant fake NLP: every capitalised
    word is a PERSON. ``gate`` holds analyses back until a test sets it."""

    gate: threading.Event | None = None
    calls = 0

    def analyze_page(self, page: Page, *, published: Any = None, **_: Any) -> Report:
        type(self).calls += 1
        if FakeAnalyzer.gate is not None:
            FakeAnalyzer.gate.wait(10)
        # The real extraction and publication date: the page's, else the client's, else a
        # dateline's.
        document = self._extracted(page, published)
        text = document.text
        entities = [
            Entity(start=m.start(), end=m.end(), text=m.group(), label="PERSON", sentence=0)
            for m in _CAPITALISED.finditer(text)
        ]
        return Report(
            unspun_version=__version__,
            source=page.source,
            document=document.model_copy(update={"language": "en"}),
            sentences=[Sentence(start=0, end=len(text), text=text, index=0)] if text else [],
            entities=entities,
        )


def make_client(**kwargs: Any) -> TestClient:
    kwargs.setdefault("analyzer_factory", FakeAnalyzer)
    kwargs.setdefault("limits", Limits(requests_per_second=0, submits_per_minute=0))
    app = create_app("sqlite://", **kwargs)
    return TestClient(app, raise_server_exceptions=False)


def wait_done(client: TestClient, ident: str, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/api/v1/analyses/{ident}").json()
        if body["status"] != "pending" or time.monotonic() > deadline:
            return body
        time.sleep(0.02)


def submit(client: TestClient, **body: str) -> dict[str, Any]:
    response = client.post("/api/v1/analyses", json=body)
    assert response.status_code in (200, 202), response.text
    return response.json()
