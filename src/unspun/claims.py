"""Check-worthy claims: a small head over the article's one shared encoder pass, plus rules.

Every sentence of the article is scored. Its vector is the pooled hidden states (mean and
max, concatenated) of the tokens inside the sentence's character range, read from the
:class:`~unspun.resources.encoder.EncodedArticle` that the article computed once for every
layer that reads it (this one and techniques); this module never runs the encoder itself.
The head (``claims_head.npz``: standardisation + logistic regression or a one-hidden-layer
MLP, trained on CLEF CheckThat! 2024 Task 1 by ``python -m training.claims``) turns the
vector into a probability.

The probability is then adjusted by rules, because a check-worthy *claim* in a news report
is a checkable statement of fact, which the debate-transcript training data only roughly
captures:

* rhetorical and other questions (the sentence ends in ``?``) are skipped: score 0;
* fragments without any verb ("Up to 30%.", "Within three years.") are skipped: score 0;
* opinion markers ("I think", "in my view", "should", ...) multiply the score by
  :attr:`~unspun.settings.ClaimSettings.opinion_factor`;
* predictions ("will", "could", "might", ...: a modal or future auxiliary governing the main
  verb) multiply the score by :attr:`~unspun.settings.ClaimSettings.prediction_factor`.

A sentence whose adjusted score reaches the head's threshold (``claims.json``, chosen by
cross-validation on the training data) becomes a :class:`~unspun.report.Claim`, and its
``kind`` comes from spaCy's entities and tags, first rule that matches:

1. ``quantity``: a CARDINAL, MONEY, PERCENT or QUANTITY entity;
2. ``event``: a DATE or TIME entity and a past-tense verb (tag VBD, or VBN with "have");
3. ``attribution``: a speech verb ("said", "told", "according to", ...);
4. ``comparison``: a comparative or superlative (tags JJR/JJS/RBR/RBS, "more than", ...);
5. ``other``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from unspun.report import Claim
from unspun.settings import ClaimSettings, ModelPaths, Settings

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from unspun.nlp.pipeline import LanguageAnalysis
    from unspun.pipeline.article import Article
    from unspun.pipeline.layer import Need
    from unspun.resources.encoder import EncodedArticle
    from unspun.techniques.model import TechniqueModel

FloatArray = npt.NDArray[np.float32]
_DEFAULT_RULES = ClaimSettings()
ClaimKind = Literal["quantity", "event", "attribution", "comparison", "other"]

DEFAULT_CLAIMS_DIR = ModelPaths().claims
HEAD_FILE = "claims_head.npz"
CONFIG_FILE = "claims.json"

POOLINGS = ("mean", "mean+max")

_QUANTITY_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
_SPEECH_LEMMAS = frozenset({
    "say", "tell", "state", "claim", "announce", "report", "add", "declare", "insist",
    "argue", "warn", "note", "explain", "confirm", "deny", "admit", "write", "testify",
    "allege", "acknowledge", "estimate", "reveal", "disclose", "assert", "maintain",
})
_SPEECH_PHRASES = re.compile(
    r"\b(according to|in a statement|quoted as saying|told reporters)\b", re.IGNORECASE
)
_COMPARATIVE_TAGS = frozenset({"JJR", "JJS", "RBR", "RBS"})
_COMPARATIVE_PHRASES = re.compile(
    r"\b(more|less|fewer|greater) than\b|\b(compared (with|to)|twice as|half as|"
    r"the (most|least)|as (much|many) as)\b",
    re.IGNORECASE,
)
_OPINION_PHRASES = re.compile(
    r"\b(i|we) (think|believe|feel|guess|hope|suspect|suppose)\b|\bin (my|our) (view|opinion)\b|"
    r"\bi'm (sure|convinced)\b|\bit seems\b|\bshould(n't| not)?\b|\bought to\b|"
    r"\b(frankly|honestly|clearly|obviously|arguably|hopefully)\b",
    re.IGNORECASE,
)
_PREDICTION_WORDS = frozenset({
    "will", "wo", "'ll", "shall", "could", "might", "may", "would", "going",
})


# -- the head --------------------------------------------------------------------------------


@dataclass(slots=True)
class ClaimsHead:
    """Standardisation + logistic regression (``w1`` absent) or a one-hidden-layer MLP."""

    mean: FloatArray
    std: FloatArray
    w2: FloatArray  # (h, 1) or (d, 1) for logistic regression
    b2: FloatArray  # (1,)
    w1: FloatArray | None = None  # (d, h)
    b1: FloatArray | None = None  # (h,)
    threshold: float = 0.5
    pooling: str = "mean+max"
    meta: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, vectors: FloatArray) -> FloatArray:
        """Check-worthiness probability of each pooled sentence vector ``(n, d)``."""
        x = (np.asarray(vectors, np.float32) - self.mean) / self.std
        if self.w1 is not None and self.b1 is not None:
            x = np.maximum(x @ self.w1 + self.b1, 0.0)
        logits = (x @ self.w2 + self.b2).reshape(-1)
        return (1.0 / (1.0 + np.exp(-np.clip(logits, -60.0, 60.0)))).astype(np.float32)

    def save(self, out_dir: str | os.PathLike[str], config: dict[str, Any]) -> None:
        """Write ``claims_head.npz`` and ``claims.json`` (``config`` + threshold + pooling)."""
        d = Path(out_dir)
        d.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, Any] = {
            "mean": self.mean, "std": self.std, "w2": self.w2, "b2": self.b2,
        }
        if self.w1 is not None and self.b1 is not None:
            arrays["w1"], arrays["b1"] = self.w1, self.b1
        np.savez(d / HEAD_FILE, **arrays)
        full = {**config, "threshold": self.threshold, "pooling": self.pooling}
        (d / CONFIG_FILE).write_text(json.dumps(full, indent=2) + "\n", encoding="utf-8")


def load_claims_head(model_dir: str | os.PathLike[str] = DEFAULT_CLAIMS_DIR) -> ClaimsHead:
    """Load ``claims_head.npz`` + ``claims.json``; FileNotFoundError if none is there."""
    d = Path(model_dir)
    if not (d / HEAD_FILE).is_file() or not (d / CONFIG_FILE).is_file():
        raise FileNotFoundError(
            f"no claims head in {d} (train one: python -m training.claims --encoder-model DIR)"
        )
    config = json.loads((d / CONFIG_FILE).read_text("utf-8"))
    pooling = str(config.get("pooling", "mean+max"))
    if pooling not in POOLINGS:
        raise ValueError(f"{d / CONFIG_FILE}: unknown pooling {pooling!r}")
    with np.load(d / HEAD_FILE) as z:
        has_hidden = "w1" in z.files
        return ClaimsHead(
            mean=z["mean"].astype(np.float32),
            std=z["std"].astype(np.float32),
            w2=z["w2"].astype(np.float32),
            b2=z["b2"].astype(np.float32),
            w1=z["w1"].astype(np.float32) if has_hidden else None,
            b1=z["b1"].astype(np.float32) if has_hidden else None,
            threshold=float(config["threshold"]),
            pooling=pooling,
            meta=config,
        )


def pool(hidden: FloatArray, pooling: str = "mean+max") -> FloatArray:
    """One vector for a run of token states ``(n, d)``; zeros when there is no token.

    Shared by training and runtime, so that the head sees the same features in both.
    """
    h = np.asarray(hidden, np.float32)
    d = h.shape[-1] if h.ndim == 2 else 0
    if h.ndim != 2 or len(h) == 0:
        width = d * (2 if pooling == "mean+max" else 1)
        return np.zeros(width, np.float32)
    if pooling == "mean":
        return h.mean(axis=0)
    if pooling == "mean+max":
        return np.concatenate([h.mean(axis=0), h.max(axis=0)])
    raise ValueError(f"unknown pooling {pooling!r}")


def sentence_vectors(
    encoded: EncodedArticle, spans: Sequence[tuple[int, int]], pooling: str = "mean+max"
) -> FloatArray:
    """Pooled hidden states of the tokens overlapping each character range ``[start, end)``."""
    offsets = encoded.tokens.offsets
    width = encoded.hidden.shape[-1] * (2 if pooling == "mean+max" else 1)
    out = np.zeros((len(spans), width), np.float32)
    if len(offsets) == 0:
        return out
    # Offsets are sorted: a token overlaps [s, e) iff it ends after s and starts before e.
    for i, (s, e) in enumerate(spans):
        a = int(np.searchsorted(offsets[:, 1], s, side="right"))
        b = int(np.searchsorted(offsets[:, 0], e, side="left"))
        if b > a:
            out[i] = pool(encoded.hidden[a:b], pooling)
    return out


# -- rules -----------------------------------------------------------------------------------


def _is_question(text: str) -> bool:
    return text.rstrip().rstrip("\"'”’)»").endswith("?")


def _is_opinion(text: str) -> bool:
    return _OPINION_PHRASES.search(text) is not None


def _is_prediction(sent: SpacySpan) -> bool:
    # A modal or future auxiliary of the sentence's main verb; "will" in a subordinate
    # clause ("people who will never vote") does not make the statement a prediction.
    root = sent.root
    for child in root.children:
        if child.dep_ == "aux" and (child.lower_ in _PREDICTION_WORDS or child.tag_ == "MD"):
            return child.lower_ not in {"can", "must", "ca"}
    if root.lower_ in _PREDICTION_WORDS and root.tag_ == "MD":
        return True
    # "is going to rise"
    return root.lower_ == "going" and any(c.dep_ == "xcomp" for c in root.children)


def _has_past_verb(sent: SpacySpan) -> bool:
    for token in sent:
        if token.tag_ == "VBD":
            return True
        if token.tag_ == "VBN" and any(
            c.lemma_ == "have" and c.dep_ == "aux" for c in token.children
        ):
            return True
    return False


def _has_speech(sent: SpacySpan) -> bool:
    if _SPEECH_PHRASES.search(sent.text):
        return True
    return any(t.pos_ == "VERB" and t.lemma_.lower() in _SPEECH_LEMMAS for t in sent)


def _has_comparison(sent: SpacySpan) -> bool:
    if _COMPARATIVE_PHRASES.search(sent.text):
        return True
    return any(t.tag_ in _COMPARATIVE_TAGS for t in sent)


def claim_kind(sent: SpacySpan, entity_labels: set[str]) -> ClaimKind:
    """The claim kind of a sentence (see the module docstring for the rule order)."""
    if entity_labels & _QUANTITY_LABELS:
        return "quantity"
    if entity_labels & _TIME_LABELS and _has_past_verb(sent):
        return "event"
    if _has_speech(sent):
        return "attribution"
    if _has_comparison(sent):
        return "comparison"
    return "other"


# -- the layer -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """The score of one sentence: as the head gave it, and after the rules."""

    sentence: int
    start: int
    end: int
    model_score: float
    score: float
    flags: tuple[str, ...] = ()  # "question", "fragment", "opinion", "prediction"


def _spacy_sentence(analysis: LanguageAnalysis, start: int, end: int) -> SpacySpan | None:
    return analysis.doc.char_span(start, end, alignment_mode="expand")


def score_sentences(
    analysis: LanguageAnalysis,
    encoded: EncodedArticle,
    head: ClaimsHead,
    rules: ClaimSettings = _DEFAULT_RULES,
) -> list[SentenceScore]:
    """Score every sentence of the article from the shared encoder output; no encoder call."""
    spans = [(s.start, s.end) for s in analysis.sentences]
    if not spans:
        return []
    probs = head.probabilities(sentence_vectors(encoded, spans, head.pooling))
    out: list[SentenceScore] = []
    for sentence, p in zip(analysis.sentences, probs, strict=True):
        flags: list[str] = []
        score = float(p)
        sent = _spacy_sentence(analysis, sentence.start, sentence.end)
        if _is_question(sentence.text):
            flags.append("question")
            score = 0.0
        if sent is not None and not any(t.pos_ in ("VERB", "AUX") for t in sent):
            # "Up to 30%." restates a number for effect; the claim is the sentence before it.
            flags.append("fragment")
            score = 0.0
        if _is_opinion(sentence.text):
            flags.append("opinion")
            score *= rules.opinion_factor
        if sent is not None and _is_prediction(sent):
            flags.append("prediction")
            score *= rules.prediction_factor
        out.append(
            SentenceScore(
                sentence=sentence.index, start=sentence.start, end=sentence.end,
                model_score=float(p), score=score, flags=tuple(flags),
            )
        )
    return out


def find_claims(
    analysis: LanguageAnalysis,
    text: str,
    encoded: EncodedArticle | None,
    head: ClaimsHead | None,
    threshold: float | None = None,
    rules: ClaimSettings = _DEFAULT_RULES,
) -> list[Claim]:
    """Check-worthy claims of an article, in text order.

    ``encoded`` is the article's shared encoder pass (``Encoder.encode(text)``); with
    no encoder output or no head there is nothing to score and the list is empty.
    ``threshold`` overrides the head's (cross-validated) one; ``rules`` weigh opinion and
    predictions down.
    """
    if encoded is None or head is None:
        return []
    if encoded.text != text:
        raise ValueError("the encoded article is not this text")
    th = head.threshold if threshold is None else threshold
    entity_labels: dict[int, set[str]] = {}
    for ent in analysis.entities:
        entity_labels.setdefault(ent.sentence, set()).add(ent.label)
    claims: list[Claim] = []
    for s in score_sentences(analysis, encoded, head, rules):
        if s.score < th:
            continue
        sent = _spacy_sentence(analysis, s.start, s.end)
        kind: ClaimKind = (
            claim_kind(sent, entity_labels.get(s.sentence, set())) if sent else "other"
        )
        claims.append(
            Claim(
                start=s.start, end=s.end, text=text[s.start:s.end],
                score=min(1.0, max(0.0, s.score)), kind=kind,
                sentence=s.sentence,
            )
        )
    return claims


def make_sentence_scorer(
    model: TechniqueModel, head: ClaimsHead
) -> Callable[[Sequence[str]], list[float]]:
    """A scorer for isolated sentences (evaluation): one encoder pass per sentence.

    This is how the head was trained. The rules are not applied: the CT24 metric measures
    the head, and its sentences come without the article around them.
    """
    width = head.mean.shape[-1]

    def score(sentences: Sequence[str]) -> list[float]:
        vectors = np.zeros((len(sentences), width), np.float32)
        for i, text in enumerate(sentences):
            hidden = model.encode(text).hidden
            if len(hidden):  # an empty sentence has no token: the zero vector
                vectors[i] = pool(hidden, head.pooling)
        return [float(p) for p in head.probabilities(vectors)]

    return score


class ClaimsLayer:
    """The ``claims`` layer: sentences scored over the shared encoder pass, then the rules."""

    name = "claims"
    needs: frozenset[Need] = frozenset({"language", "encoder"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.claims
        self.model_dir = settings.models.claims
        self._head: ClaimsHead | None = None

    def load(self) -> None:
        if self._head is None:
            self._head = load_claims_head(self.model_dir)

    def __call__(self, article: Article) -> list[Claim]:
        self.load()
        return find_claims(
            article.language, article.text, article.encoded, self._head,
            threshold=self.settings.threshold, rules=self.settings,
        )
