"""The Analyzer: settings, shared resources and an ordered list of layers, over each article.

    source ─ ingest ─▶ Page ─ decode + extract ─▶ Document ─ language id ─▶ Article
        Article (spaCy parse and encoder pass: lazy, once, shared)
            └─▶ layers in order: sentences · entities · dates · quotes · claims ·
                techniques · third-party layers (entry points)  ─▶ Report

Stages only read what earlier stages produced; nothing downstream reaches back into
ingestion, and no layer knows another. :func:`unspun.analyze` is a convenience over a
process-wide default Analyzer.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from unspun import __version__
from unspun.errors import (
    FetchError,
    InputError,
    RefusedURLError,
    UnsupportedError,
    UnsupportedLanguageError,
)
from unspun.extract import extract
from unspun.ingest import IngestOptions, Page, decode, is_url, read_pages
from unspun.ingest.files import names_existing_path
from unspun.nlp import LanguageLayer, require_english
from unspun.nlp.dateline import dateline_date
from unspun.nlp.language_id import language_identifier
from unspun.nlp.pipeline import check_length
from unspun.pipeline import (
    Article,
    Layer,
    Resources,
    available_layers,
    create_layer,
    resolve_layers,
)
from unspun.reference import report_summary, shipped_scale
from unspun.report import BUILTIN_LAYERS, SCHEMA_VERSION, Document, LayerSpan, Report
from unspun.settings import ModelPaths, Settings

Source = str | bytes | os.PathLike[str]

_INGEST_FIELDS = frozenset(f.name for f in dataclasses.fields(IngestOptions))


def _parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _model_paths(
    models: str | os.PathLike[str] | ModelPaths | None, base: ModelPaths
) -> ModelPaths:
    if models is None:
        return base
    if isinstance(models, ModelPaths):
        return models
    root = Path(models).expanduser()
    if not root.is_dir():
        raise InputError(f"model directory not found: {root}")
    # Absolute, so that worker processes with another working directory find it too.
    return ModelPaths.from_root(root.resolve())


# The files each resource or layer reads from its model directory, checked when the analyzer
# is made so that a wrong --models is one clear error, not a failure inside every worker.
def _model_files(settings: Settings, needs: frozenset[str], names: list[str]) -> list[Path]:
    models = settings.models
    files: list[Path] = []
    if "encoder" in needs:
        files += [models.encoder / "config.json", models.encoder / "tokenizer.json"]
    if "techniques" in names:
        files += [models.techniques / "config.json", models.techniques / "heads.npz"]
        if _blend_weight(models.techniques / "config.json", "tc_ngram_weight") > 0:
            files.append(models.techniques / "tc_ngrams.npz")
    if "claims" in names:
        files += [models.claims / "claims.json", models.claims / "claims_head.npz"]
        if _blend_weight(models.claims / "claims.json", "ngram_weight") > 0:
            files.append(models.claims / "claims_ngrams.npz")
    return files


def _blend_weight(config: Path, key: str) -> float:
    """A model config's n-gram blend weight (0 when the config is missing or unreadable:
    the missing config is reported on its own)."""
    try:
        return float(json.loads(config.read_text("utf-8")).get(key, 0.0))
    except (OSError, ValueError, TypeError, AttributeError):
        return 0.0


class Analyzer:
    """Analyses articles; holds the loaded models so that many articles share them.

    ``layers`` names the layers to run, in any order (a list, or a comma-separated string
    such as ``"quotes,entities"``); by default every available layer runs, the built-in
    ones and those installed through the ``unspun.layers`` entry-point group. Resources
    are loaded for the chosen layers only: without ``claims`` and ``techniques`` the
    encoder is never loaded.

    ``models`` is a directory laid out like the shipped ``unspun/models`` (``techniques/``,
    ``claims/``) or a :class:`~unspun.settings.ModelPaths`; ``settings`` sets thresholds
    and limits (:class:`~unspun.settings.Settings`). Other keyword arguments are
    ingestion options (:class:`unspun.ingest.IngestOptions`: ``timeout``, ``max_bytes``,
    ``max_redirects``, ``allow_private_network``, ``user_agent``).
    """

    def __init__(
        self,
        layers: Sequence[str] | str | None = None,
        *,
        models: str | os.PathLike[str] | ModelPaths | None = None,
        settings: Settings | None = None,
        **ingest: Any,
    ) -> None:
        base = settings or Settings()
        self.settings = dataclasses.replace(
            base,
            models=_model_paths(models, base.models),
            ingest=self._ingest_options(base.ingest, ingest),
        )
        # Entry points are read once: every lookup below scans the installed packages.
        available = available_layers()
        self.layer_names = resolve_layers(layers, available)
        self.layers: list[Layer] = [
            create_layer(n, self.settings, available) for n in self.layer_names
        ]
        self.resources = Resources(self.settings)
        self._needs = frozenset(need for layer in self.layers for need in layer.needs)
        self._skipped = [n for n in BUILTIN_LAYERS if n not in self.layer_names]
        missing = [f for f in _model_files(self.settings, self._needs, self.layer_names)
                   if not f.is_file()]
        if missing:
            raise InputError(f"model file not found: {missing[0]} (needed by the layers"
                             f" {', '.join(self.layer_names)})")
        self._layers_loaded = False
        self._load_lock = threading.Lock()
        scale = shipped_scale()
        config = [__version__, SCHEMA_VERSION, [(n, available[n]) for n in self.layer_names],
                  repr(self.settings), scale.digest if scale is not None else None]
        self.fingerprint = hashlib.sha256(repr(config).encode()).hexdigest()[:16]
        """A hash of what decides this analyzer's reports (version, schema, layers,
        settings, reference scale): caches of reports, such as the web server's, key on it
        with the content."""

    @property
    def ingest_options(self) -> IngestOptions:
        return self.settings.ingest

    @property
    def language(self) -> LanguageLayer:
        """The shared language layer (spaCy), loaded on first use."""
        return self.resources.language

    @staticmethod
    def _ingest_options(base: IngestOptions, options: dict[str, Any]) -> IngestOptions:
        unknown = set(options) - _INGEST_FIELDS
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(base, **options) if options else base

    def load(self) -> Analyzer:
        """Load every model the chosen layers need now rather than on first use; returns
        the analyzer.

        Servers and batch workers call this at start-up, so that the first article's time is
        honest and a broken install fails before any work is taken.
        """
        for need in sorted(self._needs):
            getattr(self.resources, need)
        self._load_layers()
        language_identifier()
        return self

    def memory_zone(self) -> contextlib.AbstractContextManager[object]:
        """A scope for the articles of a long-running, single-threaded worker: the words
        spaCy first meets inside it are forgotten at its end, so its vocabulary stops
        growing with every article (spaCy's ``Language.memory_zone``).

        Every report must be finished inside the scope: a spaCy ``Doc`` made there is
        invalid after it. Not for an analyzer that threads share (one thread's scope would
        end under another's article); nothing happens before spaCy is loaded.
        """
        if not self.resources.is_loaded("language"):
            return contextlib.nullcontext()
        return self.resources.language.nlp.memory_zone()

    def _load_layers(self) -> None:
        """Call every layer's ``load()`` once, before its first article, thread-safely."""
        if self._layers_loaded:
            return
        with self._load_lock:
            if not self._layers_loaded:
                for layer in self.layers:
                    layer.load()
                self._layers_loaded = True

    def analyze(
        self, source: Source, *, published: str | dt.date | None = None, **options: Any
    ) -> Report:
        """Analyse the one article in ``source``.

        ``source`` is a URL, a path, bytes, or a string: a string that is a URL or names an
        existing file is read as such, any other string is the content itself (HTML if it
        looks like HTML, else plain text). ``published`` sets the publication date when the
        page does not state one (relative dates such as "last Sunday" resolve against it).
        Sources holding several articles (a WARC file, a folder) need :meth:`analyze_all`.
        """
        pages = self.pages(source, **options)
        first = next(pages, None)
        if first is None:
            raise InputError(f"no article found in {source!r}")
        if next(pages, None) is not None:
            folder = _folder(source)
            raise InputError(
                f"{folder if folder is not None else first.source.split('#')[0]}"
                " holds several articles;"
                " use Analyzer.analyze_all() or `unspun batch`"
            )
        return self.analyze_page(first, published=published)

    def analyze_all(
        self, source: Source, *, published: str | dt.date | None = None, **options: Any
    ) -> Iterator[Report]:
        """Analyse every article in ``source``: one for most sources, many for a WARC, one
        per file for a folder (read as ``unspun batch`` reads one: its ``.html``, ``.htm``
        and ``.txt`` files, subfolders included, in sorted order; a ``.txt`` of URLs is
        fetched URL by URL).

        As for any source, the first article that cannot be read or analysed raises its
        :class:`~unspun.errors.UnspunError` (which names the file), and the reports before it
        have been yielded; ``unspun batch`` records such errors and goes on instead.
        """
        for page in self.pages(source, **options):
            yield self.analyze_page(page, published=published)

    def pages(self, source: Source, **options: Any) -> Iterator[Page]:
        """The articles in ``source`` (a folder's files too), ingested but not analysed."""
        ingest = self._ingest_options(self.ingest_options, options)
        folder = _folder(source)
        if folder is not None:
            return _folder_pages(folder, ingest)
        return read_pages(source, ingest)

    def extract_page(self, page: Page, *, published: str | dt.date | None = None) -> Document:
        """The article of one page with its metadata and language, in any language: what
        ``unspun extract`` prints. No layer runs."""
        document = self._extracted(page, published)
        # The same reading of the language as analyze's, without its refusal: None for a
        # text too short to tell.
        language: str | None
        try:
            language = require_english(document.text, page.source)
        except UnsupportedLanguageError as error:
            language = error.language
        except InputError:
            language = None
        return document.model_copy(update={"language": language})

    def _extracted(self, page: Page, published: str | dt.date | None) -> Document:
        reference = _parse_date(published) if published is not None else None
        if published is not None and reference is None:
            raise InputError(f"publication date is not an ISO date: {published!r}")
        document = extract(page, decode(page), self.settings.extract)
        if document.date is None and (stated := dateline_date(document.text)) is not None:
            # The article states its date in a wire dateline: like the page's metadata, that
            # wins over a date given from outside, which fills in for articles stating none
            # (a batch run with --date over wire copy keeps each story's own date).
            document = document.model_copy(update={"date": stated.isoformat()})
        if document.date is None and reference is not None:
            document = document.model_copy(update={"date": reference.isoformat()})
        return document

    def analyze_page(
        self,
        page: Page,
        *,
        published: str | dt.date | None = None,
        timings: dict[str, float] | None = None,
    ) -> Report:
        """Analyse one ingested page.

        ``timings``, if given, receives the seconds each stage took (added to what it holds,
        so one dict can total a corpus): extraction, language_id, language, encoder, and
        each layer by name. The batch runner uses it to show where time goes.
        """
        self._load_layers()
        lap = _Laps(timings)
        article = self._article(page, published, timings, lap)
        return self._report(page, article, lap)

    def analyze_pages(
        self,
        pages: Sequence[Page],
        *,
        published: Sequence[str | dt.date | None] | None = None,
        timings: Sequence[dict[str, float]] | None = None,
        batch_size: int | None = None,
    ) -> list[Report | Exception]:
        """:meth:`analyze_page` of each page, with the spaCy parses run together
        (``nlp.pipe``: at most ``batch_size`` pages, all by default, and
        :data:`~unspun.nlp.pipeline.PIPE_CHARS` characters at a time): what a batch worker
        does with several articles at once. Each report is the one :meth:`analyze_page`
        gives.

        Returns, in order, each page's report or the exception its analysis raised: one bad
        page fails alone. ``published`` and ``timings`` are per page, as
        :meth:`analyze_page` takes them; a parse shared by several pages is timed once and
        its seconds are shared out by text length. The encoder still runs article by
        article: its int8 graph quantises each call's input with one scale, so windows of
        several articles in one call would change every article's outputs.
        """
        self._load_layers()
        count = len(pages)
        dates = list(published) if published is not None else [None] * count
        sinks: list[dict[str, float] | None] = (
            list(timings) if timings is not None else [None] * count)
        if len(dates) != count or len(sinks) != count:
            raise ValueError("published and timings need one entry per page")
        outcomes: list[Report | Exception | None] = [None] * count
        laps = [_Laps(sink) for sink in sinks]
        articles: dict[int, Article] = {}
        for i, page in enumerate(pages):
            try:
                articles[i] = self._article(page, dates[i], sinks[i], laps[i], parse=False)
            except Exception as error:
                outcomes[i] = error
        if "language" in self._needs and articles:
            self._parse_together(articles, sinks, batch_size or len(articles))
        for i in list(articles):
            # Let go of each article once reported: its parse and encoder states would
            # otherwise stay resident until the last report of the chunk.
            article = articles.pop(i)
            try:
                outcomes[i] = self._report(pages[i], article, laps[i])
            except Exception as error:
                outcomes[i] = error
        return [outcome for outcome in outcomes if outcome is not None]

    def _parse_together(
        self, articles: dict[int, Article], sinks: list[dict[str, float] | None],
        batch_size: int,
    ) -> None:
        """Give each article its spaCy parse from one ``nlp.pipe`` over all of them.

        A parse that raises leaves the articles after it unparsed: their own lazy parse then
        runs one by one in :meth:`_report`, so an error falls on its own article only.
        """
        chosen = list(articles)
        started = time.perf_counter()
        parsed: list[int] = []
        try:
            analyses = self.language.analyze_many(
                [articles[i].text for i in chosen], [articles[i].published for i in chosen],
                batch_size)
            for i, analysis in zip(chosen, analyses, strict=False):
                articles[i].language = analysis
                parsed.append(i)
        except Exception:  # the single parse in _report raises it again, for its article
            pass
        seconds = time.perf_counter() - started
        total = sum(len(articles[i].text) for i in parsed) or 1
        for i in parsed:
            if (sink := sinks[i]) is not None:
                share = seconds * len(articles[i].text) / total
                sink["language"] = sink.get("language", 0.0) + share

    def _article(
        self, page: Page, published: str | dt.date | None, timings: dict[str, float] | None,
        lap: _Laps, *, parse: bool = True,
    ) -> Article:
        """The page's extracted, English text as an Article; with ``parse``, its spaCy
        parse done too."""
        document = self._extracted(page, published)
        # Before language identification and every model: an article too long to analyse
        # in bounded time and memory is refused at once.
        check_length(document.text, self.settings.language)
        lap("extraction")
        try:
            language = require_english(document.text, page.source)
        except UnsupportedLanguageError as error:
            # Batch keeps the page's metadata as a row of its own: the document goes along.
            error.document = document.model_copy(update={"language": error.language})
            raise
        document = document.model_copy(update={"language": language})
        lap("language_id")
        article = Article(document, self.resources, source=page.source,
                          published=_parse_date(document.date), timings=timings)
        # The shared resources first, in a fixed order, so that each stage's time is its own.
        if parse and "language" in self._needs:
            _ = article.language
        return article

    def _report(self, page: Page, article: Article, lap: _Laps) -> Report:
        """The report of an Article from :meth:`_article`: the encoder pass, then every
        layer in order."""
        if "language" in self._needs:
            _ = article.language  # parsed already, unless a shared parse failed
        if "encoder" in self._needs:
            _ = article.encoded
        lap.restart()
        found: dict[str, Any] = {}
        extra: dict[str, list[LayerSpan]] = {}
        for layer in self.layers:
            spans = list(layer(article))
            if layer.name in BUILTIN_LAYERS:
                found[layer.name] = spans
            else:
                extra[layer.name] = [_layer_span(span) for span in spans]
            lap(layer.name)
        report = Report(
            unspun_version=__version__,
            source=page.source,
            document=article.document,
            **found,
            extra_layers=extra,
            skipped_layers=self._skipped,
        )
        report.summary = report_summary(report)
        return report


def _folder(source: Source) -> Path | None:
    """``source`` as a folder when it names one (a path, or a string that is a path)."""
    if isinstance(source, bytes):
        return None
    if isinstance(source, str) and (is_url(source) or not names_existing_path(source)):
        return None
    path = Path(source)
    try:
        return path if path.is_dir() else None
    except OSError:
        return None


def _folder_pages(folder: Path, options: IngestOptions) -> Iterator[Page]:
    """The pages of a folder's articles, found as ``unspun batch`` finds them."""
    # Imported here: batch builds on the analyzer, not the other way round.
    from unspun.batch.sources import iter_items
    from unspun.batch.tasks import Failure

    kinds = {kind.__name__: kind
             for kind in (InputError, FetchError, RefusedURLError, UnsupportedError)}
    for item in iter_items([str(folder)], options):
        if isinstance(item, Failure):
            raise kinds.get(item.error_type, InputError)(item.reason)
        yield item.page


def _layer_span(span: Any) -> LayerSpan:
    """A third-party layer's span as the report stores it: offsets, text, label, score."""
    if isinstance(span, LayerSpan):
        return span
    return LayerSpan(
        start=span.start, end=span.end, text=span.text,
        label=getattr(span, "label", None), score=getattr(span, "score", None),
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

    def restart(self) -> None:
        """Start the next lap now (the time since was counted elsewhere)."""
        self.last = time.perf_counter()


def _loaded_analyzer(layers: tuple[str, ...], settings: Settings) -> Analyzer:
    return Analyzer(layers, settings=settings).load()


def analyzer_factory(
    layers: Sequence[str] | str | None = None,
    *,
    models: str | os.PathLike[str] | ModelPaths | None = None,
    settings: Settings | None = None,
    **ingest: Any,
) -> Callable[[], Analyzer]:
    """A picklable callable that builds and loads an Analyzer: what the batch engines and
    the web server's worker pools call once per worker, possibly in another process.

    The layer names and the model files are checked here, in the caller's process, so that
    a typo fails at once rather than in every worker; the workers get the resolved layer
    names and settings (model paths made absolute) as they are.
    """
    checked = Analyzer(layers, models=models, settings=settings, **ingest)
    factory = functools.partial(_loaded_analyzer, tuple(checked.layer_names), checked.settings)
    factory.fingerprint = checked.fingerprint  # type: ignore[attr-defined]
    return factory


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
