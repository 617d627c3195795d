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
from unspun.report import Claim, Entity, Quote, Report, Sentence, Speaker, TechniqueSpan
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


# What RichAnalyzer marks: words that read as loaded language or exaggeration, sentences with
# a figure (claims), and double-quoted passages (quotes).
_TECHNIQUE_WORDS = {
    "disaster": "Loaded_Language",
    "shameful": "Loaded_Language",
    "always": "Exaggeration,Minimisation",
    "patriots": "Flag-Waving",
}
_WORDS = re.compile(r"\w+")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_QUOTED = re.compile(r'"([^"]+)"')


class RichAnalyzer(FakeAnalyzer):
    """FakeAnalyzer with every layer the history and the compare page count: techniques
    (:data:`_TECHNIQUE_WORDS`), claims (sentences holding a digit) and quotes."""

    def analyze_page(self, page: Page, *, published: Any = None, **_: Any) -> Report:
        base = super().analyze_page(page, published=published)
        text = base.document.text
        sentences = [
            Sentence(start=m.start(), end=m.end(), text=m.group(), index=n)
            for n, m in enumerate(m for m in _SENTENCE.finditer(text) if m.group().strip())
        ]

        def sentence_of(offset: int) -> int:
            return next((s.index for s in sentences if s.start <= offset < s.end), 0)

        techniques = [
            TechniqueSpan(start=m.start(), end=m.end(), text=m.group(), confidence=0.8,
                          technique=_TECHNIQUE_WORDS[m.group().lower()],
                          sentence=sentence_of(m.start()))
            for m in _WORDS.finditer(text)
            if m.group().lower() in _TECHNIQUE_WORDS
        ]
        claims = [
            Claim(start=s.start, end=s.end, text=s.text, score=0.7, kind="quantity",
                  sentence=s.index)
            for s in sentences
            if any(c.isdigit() for c in s.text)
        ]
        quotes = [
            Quote(start=m.start(1), end=m.end(1), text=m.group(1), kind="direct",
                  confidence=0.9, speaker=Speaker(name="Alice Smith", kind="person"))
            for m in _QUOTED.finditer(text)
        ]
        return base.model_copy(
            update={"sentences": sentences, "techniques": techniques, "claims": claims,
                    "quotes": quotes}
        )


class ExplodingOnDemand(FakeAnalyzer):
    """FakeAnalyzer that fails (an internal error) on a text starting with "EXPLODE"."""

    def analyze_page(self, page: Page, *, published: Any = None, **_: Any) -> Report:
        if page.body.startswith(b"EXPLODE"):
            raise RuntimeError("asked to fail")
        return super().analyze_page(page, published=published)


def make_client(**kwargs: Any) -> TestClient:
    kwargs.setdefault("analyzer_factory", FakeAnalyzer)
    kwargs.setdefault(
        "limits", Limits(requests_per_second=0, submits_per_minute=0, max_queued_per_client=0)
    )
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
