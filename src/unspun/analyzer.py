"""The Analyzer: loads the models once and runs every stage over one article at a time.

    source ─ ingest ─▶ Page ─ decode + extract ─▶ Document ─ language layer (spaCy) ─┐
        ┌─ one encoder pass (ONNX) ◀────────────────────────────────────────────────────┘
        └─▶ quotes (parse rules) · claims (head + rules) · techniques (heads) ─▶ Report

Stages only read what earlier stages produced; nothing downstream reaches back into
ingestion. :func:`unspun.analyze` is a convenience over a process-wide default Analyzer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from unspun import __version__
from unspun.claims import ClaimsHead, find_claims, load_claims_head
from unspun.errors import InputError
from unspun.extract import extract
from unspun.ingest import IngestOptions, Page, decode, read_pages
from unspun.nlp import LanguageLayer, require_english
from unspun.nlp.language_id import language_identifier
from unspun.quotes import find_quotes
from unspun.report import Report
from unspun.techniques.layer import find_techniques
from unspun.techniques.model import TechniqueModel

Source = str | bytes | os.PathLike[str]

_T = TypeVar("_T")
_INGEST_FIELDS = frozenset(f.name for f in dataclasses.fields(IngestOptions))


def _parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class Analyzer:
    """Analyses articles; holds the loaded models so that many articles share them.

    ``options`` are ingestion settings (see :class:`unspun.ingest.IngestOptions`:
    ``timeout``, ``max_bytes``, ``max_redirects``, ``allow_private_network``, ``user_agent``).
    """

    def __init__(self, **options: Any) -> None:
        self.ingest_options = self._ingest_options(IngestOptions(), options)
        self._language: LanguageLayer | None = None
        self._techniques: TechniqueModel | None = None
        self._claims_head: ClaimsHead | None = None
        self._load_lock = threading.Lock()

    @staticmethod
    def _ingest_options(base: IngestOptions, options: dict[str, Any]) -> IngestOptions:
        unknown = set(options) - _INGEST_FIELDS
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(base, **options) if options else base

    def _loaded(self, attribute: str, load: Callable[[], _T]) -> _T:
        """The model held in ``attribute``, loaded once on first use, thread-safely."""
        value = getattr(self, attribute)
        if value is None:
            with self._load_lock:
                value = getattr(self, attribute)
                if value is None:
                    value = load()
                    setattr(self, attribute, value)
        return value

    @property
    def language(self) -> LanguageLayer:
        """The language layer (spaCy), loaded on first use."""
        return self._loaded("_language", LanguageLayer)

    @property
    def techniques(self) -> TechniqueModel:
        """The shipped technique model; its encoder is the one pass the neural layers share."""
        return self._loaded("_techniques", TechniqueModel.load)

    @property
    def claims_head(self) -> ClaimsHead:
        """The check-worthiness head over the shared encoder."""
        return self._loaded("_claims_head", load_claims_head)

    def load(self) -> Analyzer:
        """Load every model now rather than on first use; returns the analyzer.

        Servers and batch workers call this at start-up, so that the first article's time is
        honest and a broken install fails before any work is taken.
        """
        _ = self.language, self.techniques, self.claims_head
        language_identifier()
        return self

    def analyze(
        self, source: Source, *, published: str | dt.date | None = None, **options: Any
    ) -> Report:
        """Analyse the one article in ``source``.

        ``source`` is a URL, a path, bytes, or a string: a string that is a URL or names an
        existing file is read as such, any other string is the content itself (HTML if it
        looks like HTML, else plain text). ``published`` sets the publication date when the
        page does not state one (relative dates such as "last Sunday" resolve against it).
        Sources holding several articles (a WARC file) need :meth:`analyze_all`.
        """
        pages = self.pages(source, **options)
        first = next(pages, None)
        if first is None:
            raise InputError(f"no article found in {source!r}")
        if next(pages, None) is not None:
            raise InputError(
                f"{first.source.split('#')[0]} holds several articles;"
                " use Analyzer.analyze_all() or `unspun batch`"
            )
        return self.analyze_page(first, published=published)

    def analyze_all(
        self, source: Source, *, published: str | dt.date | None = None, **options: Any
    ) -> Iterator[Report]:
        """Analyse every article in ``source`` (one for most sources, many for a WARC)."""
        for page in self.pages(source, **options):
            yield self.analyze_page(page, published=published)

    def pages(self, source: Source, **options: Any) -> Iterator[Page]:
        """The articles in ``source``, ingested but not yet analysed."""
        return read_pages(source, self._ingest_options(self.ingest_options, options))

    def analyze_page(
        self,
        page: Page,
        *,
        published: str | dt.date | None = None,
        timings: dict[str, float] | None = None,
    ) -> Report:
        """Analyse one ingested page.

        ``timings``, if given, receives the seconds each stage took (added to what it holds,
        so one dict can total a corpus): extraction, language_id, language, encoder, quotes,
        claims, techniques. The batch runner uses it to show where time goes.
        """
        lap = _Laps(timings)
        document = extract(page, decode(page))
        if document.date is None and published is not None:
            reference = _parse_date(published)
            if reference is None:
                raise InputError(f"publication date is not an ISO date: {published!r}")
            document = document.model_copy(update={"date": reference.isoformat()})
        lap("extraction")
        language = require_english(document.text, page.source)
        document = document.model_copy(update={"language": language})
        lap("language_id")
        found = self.language.analyze(document.text, _parse_date(document.date))
        lap("language")
        encoded = self.techniques.encode(document.text)
        lap("encoder")
        quotes = find_quotes(found, document.text)
        lap("quotes")
        claims = find_claims(found, document.text, encoded, self.claims_head)
        lap("claims")
        techniques = find_techniques(self.techniques, encoded, found.sentence_index)
        lap("techniques")
        return Report(
            unspun_version=__version__,
            source=page.source,
            document=document,
            sentences=found.sentences,
            entities=found.entities,
            dates=found.dates,
            quotes=quotes,
            claims=claims,
            techniques=techniques,
        )


class _Laps:
    """Adds the time since the previous lap to a stage's total; does nothing without a sink."""

    __slots__ = ("last", "sink")

    def __init__(self, sink: dict[str, float] | None) -> None:
        self.sink = sink
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        if self.sink is not None:
            now = time.perf_counter()
            self.sink[stage] = self.sink.get(stage, 0.0) + now - self.last
            self.last = now


_default: Analyzer | None = None
_default_lock = threading.Lock()


def default_analyzer() -> Analyzer:
    """The process-wide Analyzer behind :func:`unspun.analyze`."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Analyzer()
    return _default


def analyze(source: Source, **options: Any) -> Report:
    """Analyse one article with the process-wide default :class:`Analyzer`."""
    return default_analyzer().analyze(source, **options)
