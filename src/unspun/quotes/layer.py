"""The ``quotes`` layer: quotations and reported speech, with their speakers resolved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from unspun.quotes.find import find_quotes
from unspun.report import Quote

if TYPE_CHECKING:
    from unspun.pipeline.article import Article
    from unspun.pipeline.layer import Need
    from unspun.settings import Settings


class QuotesLayer:
    """Rules over the spaCy parse: no model of its own, no encoder."""

    name = "quotes"
    needs: frozenset[Need] = frozenset({"language"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def load(self) -> None:
        """Nothing to load: the rules read the article's shared parse."""

    def __call__(self, article: Article) -> list[Quote]:
        return find_quotes(article.language, article.text)
