"""The three layers read straight off the spaCy parse: sentences, entities, dates.

Each is one list of :class:`~unspun.nlp.pipeline.LanguageAnalysis`, which the article
computes once for all the layers that need the parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from unspun.report import DateMention, Entity, Sentence

if TYPE_CHECKING:
    from unspun.pipeline.article import Article
    from unspun.pipeline.layer import Need
    from unspun.settings import Settings


class _ParseLayer:
    needs: ClassVar[frozenset[Need]] = frozenset({"language"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def load(self) -> None:
        """Nothing of its own: the parse is the article's shared resource."""


class SentencesLayer(_ParseLayer):
    """Sentences, split by the parser within paragraphs (never across a line break)."""

    name = "sentences"

    def __call__(self, article: Article) -> list[Sentence]:
        return article.language.sentences


class EntitiesLayer(_ParseLayer):
    """Named entities with spaCy's OntoNotes labels."""

    name = "entities"

    def __call__(self, article: Article) -> list[Entity]:
        return article.language.entities


class DatesLayer(_ParseLayer):
    """DATE entities resolved against the publication date (``unspun.nlp.dates``)."""

    name = "dates"

    def __call__(self, article: Article) -> list[DateMention]:
        return article.language.dates
