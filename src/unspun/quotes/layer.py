"""The ``quotes`` layer: quotations and reported speech, with their speakers resolved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from unspun.quotes.coref import load_resolver
from unspun.quotes.find import find_quotes
from unspun.report import Quote

if TYPE_CHECKING:
    from unspun.pipeline.article import Article
    from unspun.pipeline.layer import Need
    from unspun.quotes.speakers import Resolver
    from unspun.settings import Settings


class QuotesLayer:
    """Rules over the spaCy parse, and a small linear model that resolves pronoun speakers
    (``ModelPaths.speakers``); no encoder."""

    name = "quotes"
    needs: frozenset[Need] = frozenset({"language"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._resolver: Resolver | None = None

    def load(self) -> None:
        """Reads the resolver's weights (the rules' answer when the directory has none)."""
        if self._resolver is None:
            self._resolver = load_resolver(self.settings.models.speakers)

    def __call__(self, article: Article) -> list[Quote]:
        self.load()
        return find_quotes(article.language, article.text, resolver=self._resolver,
                           author=article.document.author)
