"""An example third-party layer: the article's sentences that end in "!".

It reads the article's shared spaCy parse (``needs = {"language"}``), so it costs nothing
beyond what the built-in layers already pay, and it never loads the encoder.
"""

from __future__ import annotations

from typing import Any

from unspun.pipeline import Article
from unspun.report import LayerSpan


class ExclamationLayer:
    name = "exclamations"
    needs = frozenset({"language"})

    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def load(self) -> None:
        """No model files."""

    def __call__(self, article: Article) -> list[LayerSpan]:
        return [
            LayerSpan(start=s.start, end=s.end, text=s.text, label="exclamation", score=1.0)
            for s in article.language.sentences
            if s.text.rstrip("”’\"') ").endswith("!")
        ]
