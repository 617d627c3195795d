"""The report's ``techniques`` layer, from one shared encoder pass over the article.

Each span found by span identification gets its most likely technique, and a second one when
the technique head gives it at least :data:`SECOND_TECHNIQUE_MIN` (about one gold fragment in
ten carries two techniques). ``confidence`` is P(span) x P(technique | span).
"""

from __future__ import annotations

from collections.abc import Callable

from unspun.report import TechniqueSpan
from unspun.techniques.model import EncodedArticle, TechniqueModel

SECOND_TECHNIQUE_MIN = 0.35


def find_techniques(
    model: TechniqueModel, encoded: EncodedArticle, sentence_of: Callable[[int], int]
) -> list[TechniqueSpan]:
    """Technique spans of an encoded article, in text order; ``sentence_of(offset)`` gives
    the sentence index of a character offset."""
    text = encoded.text
    # Spans come trimmed of whitespace and separators at their edges (decode_spans).
    found = model.find_spans(encoded)
    probs = model.technique_probs(encoded, [(s, e) for s, e, _ in found])
    names = model.config.techniques
    spans: list[TechniqueSpan] = []
    for (start, end, span_confidence), p in zip(found, probs, strict=True):
        ranked = p.argsort()[::-1]
        chosen = [int(ranked[0])]
        if len(ranked) > 1 and p[ranked[1]] >= SECOND_TECHNIQUE_MIN:
            chosen.append(int(ranked[1]))
        for k in chosen:
            spans.append(
                TechniqueSpan(
                    start=start,
                    end=end,
                    text=text[start:end],
                    technique=names[k],
                    confidence=round(min(1.0, max(0.0, span_confidence * float(p[k]))), 4),
                    sentence=sentence_of(start),
                )
            )
    return spans
