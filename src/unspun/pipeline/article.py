"""The shared per-article object, and the resources it draws on.

:class:`Resources` holds what is expensive to load and shared by every article an analyzer
reads: the spaCy pipeline and the ONNX encoder. Each is loaded on first use, once,
thread-safely, and only if some layer needs it.

:class:`Article` is one document on its way through the layers. Its ``language`` (the
spaCy parse, with sentences, entities and resolved dates) and ``encoded`` (the encoder
pass) are computed on first access and then shared, so that however many layers read them,
spaCy and the encoder run once per article.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from unspun.settings import Settings

if TYPE_CHECKING:
    from unspun.nlp.pipeline import LanguageAnalysis, LanguageLayer
    from unspun.report import Document
    from unspun.resources.encoder import EncodedArticle, Encoder

_T = TypeVar("_T")


class Resources:
    """The shared, expensive resources of one analyzer, each loaded once on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._language: LanguageLayer | None = None
        self._encoder: Encoder | None = None
        self._lock = threading.Lock()

    def _loaded(self, attribute: str, load: Callable[[], _T]) -> _T:
        value = getattr(self, attribute)
        if value is None:
            with self._lock:
                value = getattr(self, attribute)
                if value is None:
                    value = load()
                    setattr(self, attribute, value)
        return value

    @property
    def language(self) -> LanguageLayer:
        """The language layer (spaCy ``en_core_web_sm``)."""
        from unspun.nlp.pipeline import LanguageLayer

        return self._loaded("_language", lambda: LanguageLayer(settings=self.settings.language))

    @property
    def encoder(self) -> Encoder:
        """The shared ONNX encoder of ``settings.models.encoder``."""
        from unspun.resources.encoder import Encoder

        return self._loaded(
            "_encoder",
            lambda: Encoder.load(self.settings.models.encoder, self.settings.encoder.threads),
        )

    def is_loaded(self, name: str) -> bool:
        return getattr(self, f"_{name}") is not None


class Article:
    """One document and its shared analyses, computed lazily, once."""

    def __init__(
        self,
        document: Document,
        resources: Resources,
        *,
        source: str = "<text>",
        published: dt.date | None = None,
        timings: dict[str, float] | None = None,
    ) -> None:
        self.document = document
        self.text = document.text
        self.source = source
        self.published = published
        """The date relative dates resolve against (the page's, or the caller's)."""
        self.resources = resources
        self._timings = timings

    def _timed(self, stage: str, compute: Callable[[], _T]) -> _T:
        started = time.perf_counter()
        value = compute()
        if self._timings is not None:
            self._timings[stage] = self._timings.get(stage, 0.0) + time.perf_counter() - started
        return value

    @cached_property
    def language(self) -> LanguageAnalysis:
        """The spaCy parse with sentences, entities and dates resolved against
        :attr:`published`."""
        return self._timed(
            "language", lambda: self.resources.language.analyze(self.text, self.published)
        )

    @cached_property
    def encoded(self) -> EncodedArticle:
        """The encoder pass over the whole text (token hidden states and span logits)."""
        return self._timed("encoder", lambda: self.resources.encoder.encode(self.text))

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing (or nearest before) character ``offset``."""
        return self.language.sentence_index(offset)
