"""The report's ``techniques`` layer, from one shared encoder pass over the article.

Each span found by span identification gets its most likely technique, and a second one when
the technique head gives it at least
:attr:`~unspun.settings.TechniqueSettings.second_technique_min` (about one gold fragment in
ten carries two techniques). Its raw score is P(span) x P(technique | span); the
``confidence`` the report shows is that score through the model's calibration map
(:mod:`unspun.techniques.calibration`), fitted so that a highlight shown at 60% names the
right technique about 60% of the time out of fold.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from unspun.report import TechniqueSpan
from unspun.settings import TechniqueSettings
from unspun.techniques.model import EncodedArticle, TechniqueModel

if TYPE_CHECKING:
    from unspun.pipeline.article import Article
    from unspun.pipeline.layer import Need
    from unspun.settings import Settings

_DEFAULTS = TechniqueSettings()


def find_techniques(
    model: TechniqueModel,
    encoded: EncodedArticle,
    sentence_of: Callable[[int], int],
    settings: TechniqueSettings = _DEFAULTS,
) -> list[TechniqueSpan]:
    """Technique spans of an encoded article, in text order; ``sentence_of(offset)`` gives
    the sentence index of a character offset."""
    text = encoded.text
    # Spans come trimmed of whitespace and separators at their edges (decode_spans).
    found = model.find_spans(encoded)
    probs = model.technique_probs(encoded, [(s, e) for s, e, _ in found])
    names = model.config.techniques
    calibrate = model.confidence_map
    spans: list[TechniqueSpan] = []
    for (start, end, span_confidence), p in zip(found, probs, strict=True):
        ranked = p.argsort()[::-1]
        chosen = [int(ranked[0])]
        if len(ranked) > 1 and p[ranked[1]] >= settings.second_technique_min:
            chosen.append(int(ranked[1]))
        for k in chosen:
            raw = min(1.0, max(0.0, span_confidence * float(p[k])))
            confidence = calibrate(raw, names[k]) if calibrate is not None else raw
            spans.append(
                TechniqueSpan(
                    start=start,
                    end=end,
                    text=text[start:end],
                    technique=names[k],
                    confidence=round(confidence, 4),
                    sentence=sentence_of(start),
                )
            )
    return spans


class TechniquesLayer:
    """The ``techniques`` layer: the technique model's heads over the shared encoder pass."""

    name = "techniques"
    needs: frozenset[Need] = frozenset({"language", "encoder"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.techniques
        self.model_dir = settings.models.techniques
        self._model: TechniqueModel | None = None

    def load(self) -> None:
        if self._model is None:
            self._model = TechniqueModel.load_heads(self.model_dir)

    def __call__(self, article: Article) -> list[TechniqueSpan]:
        self.load()
        assert self._model is not None
        return find_techniques(self._model, article.encoded, article.sentence_index,
                               self.settings)
