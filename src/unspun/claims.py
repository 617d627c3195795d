"""Check-worthy claims: a small head over the article's one shared encoder pass, plus rules.

Every sentence of the article is scored. Its vector is the pooled hidden states (mean and
max, concatenated) of the tokens inside the sentence's character range, read from the
:class:`~unspun.resources.encoder.EncodedArticle` that the article computed once for every
layer that reads it (this one and techniques); this module never runs the encoder itself.
The head (``claims_head.npz``: standardisation + logistic regression or a one-hidden-layer
MLP, trained on CLEF CheckThat! 2024 Task 1 by ``python -m training.claims``) turns the
vector into a probability. A head whose ``features`` (``claims.json``) include ``parse``
also reads :data:`PARSE_FEATURES`, cues from the spaCy parse the language layer already made
of the article (:func:`parse_features`: numbers, dates, named entities, tense, person,
modals, ...), appended to the pooled vector; training parses each sentence alone with the
same pipeline (:func:`parse_sentences`). A head with an n-gram part (``claims_ngrams.npz``,
``ngram_weight`` in ``claims.json``) blends its logit with that of a tf-idf word 1-2-gram
logistic model over the sentence text (:mod:`unspun.ngrams`): the
probability is the logistic of ``(1 - w) * head logit + w * n-gram logit``. The n-grams cost
no encoder time; the weight is chosen by the same grouped cross-validation as the threshold.

The probability is then adjusted by rules, because a check-worthy *claim* in a news report
is a checkable statement of fact, which the debate-transcript training data only roughly
captures:

* rhetorical and other questions (the sentence ends in ``?``) are skipped: score 0;
* fragments without any verb ("Up to 30%.", "Within three years.") are skipped: score 0;
* opinion markers ("I think", "in my view", "should", ...) multiply the score by
  :attr:`~unspun.settings.ClaimSettings.opinion_factor`;
* predictions ("will", "could", "might", ...: a modal or future auxiliary governing the main
  verb) multiply the score by :attr:`~unspun.settings.ClaimSettings.prediction_factor`;
* a sentence with no figure (:func:`has_figure`: no CARDINAL, MONEY, PERCENT or QUANTITY
  entity and no number-like token other than a date, time or ordinal) is flagged
  ``no_figure`` and its score multiplied by
  :attr:`~unspun.settings.ClaimSettings.no_figure_factor`, 1.0 (off) by default: a news
  decision of issue 30 that was chosen on the PolNeAR train tuning set (0.7) and not shipped,
  because it lowered F1 on the dev news set (the model card's News section).

**Never claims** (:func:`never_claim`; score 0, flag named in brackets). A page carries text
around the article that no one would check, and a column carries rhetoric shaped like a
statement; the head, trained on debate transcripts, cannot tell them apart:

* ``credit``: credit lines: "(Reporting by …; Editing by …)", "Additional reporting by …",
  "Compiled by …", "Writing by …", "Editing by …";
* ``dateline``: a dateline on its own: "WASHINGTON (AP) —", "LONDON, Sept. 8 (Reuters) -",
  "7 p.m." (a live blog's time stamp); a dateline that opens a sentence does not count;
* ``caption``: photo and image credits and captions: "Photo: …", "Image: …", "Credit: …",
  "(AP Photo/Evan Vucci)" or "Getty Images" ending the sentence, "Getty/Instagram.";
* ``call_to_action``: "Sign up…", "Subscribe…", "Click here…", "Follow us / Follow X on
  Twitter…", "Contact …", "Read more…", "Read the rest here", "Visit …", "Download …",
  "Share this…", "Join us…", "Watch …", "Email us…" at the start of a sentence, and any
  sentence that gives an e-mail address;
* ``exhortation``: rhetorical lead-ins and exhortations: the fixed phrases of
  :data:`_LEAD_INS` ("Make no mistake.", "Think about that.", "Look at what happened next
  door.", "Let that sink in.", "Imagine …", "Remember …") and any imperative sentence: its
  root is a base-form verb (tag ``VB``) among its first three words (after "so", "now",
  "just", "please", "don't"), with no subject and no auxiliary ("Let's be clear.", "Stop
  lying.").

Questions (above) are never claims either. ``score_sentences(..., never_claims=False)``
turns these rules off, for the before/after figures of :mod:`unspun.evaluate.news_claims`.

**Verifiable** (:func:`is_verifiable`). Each sentence also gets a judgement whether it is a
statement of fact that a record could confirm or refute, as opposed to opinion, value
judgement, prediction, question or exhortation. Rules, in order, on the sentence (or, when
its main verb is a speech verb with a clausal complement, "X said that …", on what was
said: a quotation of a fact is verifiable, a quoted opinion is not):

1. not verifiable: a question, a never-claim (above), a verbless fragment, an opinion
   marker, a prediction (the main verb governed by a modal or future auxiliary) unless it
   carries a figure: a quantified plan or forecast ("bills will rise by 14% from October 1",
   "the council estimates that 9,200 households will qualify") can be checked against the
   decision or estimate it reports, as :class:`~unspun.settings.ClaimSettings` keeps such a
   forecast check-worthy; "prices will rise" cannot;
2. not verifiable: a value judgement: the main verb is a copula or a verb of seeming ("is",
   "became", "seems", "remains", ...) with an adjective or noun complement, and the clause
   has no number, no date and no comparison ("the country became a police state", "this is
   a disgrace");
3. verifiable: a number (a CARDINAL, MONEY, PERCENT or QUANTITY entity, or a digit);
4. verifiable: a past event: a past-tense verb other than a copula (tag ``VBD``, or ``VBN``
   with "have" or a past passive auxiliary): "The factory closed on Tuesday", "the bill was
   signed" (not the present state of "the system is rigged");
5. verifiable: an official act or a named actor: a verb of :data:`_ACT_LEMMAS` ("vote",
   "sign", "rule", "endorse", ...), or a non-copular main verb whose subject is or contains
   a named person, organisation, place or group (PERSON, ORG, GPE, NORP, FAC, LAW entity,
   or a proper noun): "Trump urges supporters to monitor polling places";
6. verifiable: a comparison (kind rule 4 below): "Crime is higher than in any other city";
7. otherwise not verifiable (a general present-tense statement: "People are angry").

**Claims and opinion dressed as fact.** A sentence whose adjusted score reaches the head's
threshold (``claims.json``, chosen by cross-validation grouped by debate on the training
data) becomes a
:class:`~unspun.report.Claim` carrying its ``verifiable`` judgement: a claim with
``verifiable=True`` is a check-worthy statement of fact (what a fact-checker checks); one
with ``verifiable=False`` is a sentence written to carry the weight of a fact that no record
can settle (opinion dressed as fact), which the renderers show apart. Readers who want only
checkable claims filter on ``verifiable``. Its ``kind`` comes from spaCy's entities and
tags, first rule that matches:

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

from unspun.ngrams import NgramModel, load_ngram_model
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
NGRAM_FILE = "claims_ngrams.npz"

POOLINGS = ("mean", "mean+max")
FEATURE_SETS = ("encoder", "encoder+parse", "parse")
"""What a head reads: the pooled encoder vector, :data:`PARSE_FEATURES`, or both."""

PARSE_FEATURES: tuple[str, ...] = (
    "number", "percent_or_money", "date", "named_entity", "entities", "past_main",
    "past_any", "prediction", "first_singular", "first_plural", "second_person", "question",
    "opinion", "comparison", "speech", "value_judgement", "imperative", "verifiable",
    "negation", "words",
)
"""The parse features of a sentence, in column order (:func:`parse_features`)."""

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

# -- never claims (module docstring) --
_OPEN = r"^[\s\"'“‘(\[—–-]*"
_CREDIT = re.compile(
    _OPEN + r"(additional |further )?(reporting|writing|editing|compiled|compilation|"
    r"produced|research|fact[- ]checking|graphics|translation)( and \w+)?( was)? by\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’,-]*[A-Z.]"                      # WASHINGTON / NEW YORK / ST. LOUIS
    r"(,? [A-Z][a-z]+\.? \d{1,2})?"                     # , Sept. 8
    r"\s*(\((AP|UPI|AFP|Reuters|Bloomberg|CNN|dpa)\))?"  # (AP)
    r"\s*[—–-]+\s*$"
    r"|^\s*\d{1,2}(:\d\d)?\s*[ap]\.?m\.?\s*$",          # 7 p.m. (a live blog's time stamp)
    re.IGNORECASE,
)
_CAPTION = re.compile(
    _OPEN + r"(photo|photograph|image|picture|video|credit|caption|illustration)s?"
    r"( credit)?\s*:"
    r"|\((AP|AFP|UPI|Reuters|Getty|EPA|Bloomberg)( Photo| Images)?(/[^)]*)?\)\W*$"
    r"|\bGetty Images\W*$"
    r"|^\W*(Getty|AP|AFP|Reuters|EPA|Shutterstock)( Images)?(/[\w ]+)+\W*$",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    _OPEN + r"(please )?(sign up|subscribe|click|tap (here|to)|follow (us|me|him|her|them|"
    r"@|[\w.]+( [\w.]+){0,2} on (twitter|facebook|instagram))|contact\b|read (more|the rest|"
    r"the full|on|it here)|visit\b|download\b|share (this|on)|like us|join (us|the)|"
    r"watch (the|it|this|more|below|above|here|:)|email (us|me)|listen (to|here))"
    r"|\b[\w.+-]+@[\w-]+\.[\w.]+\b",
    re.IGNORECASE,
)
_LEAD_INS = re.compile(
    _OPEN + r"(make no mistake|mark my words|think about (that|it|this)|think of (that|it|this)"
    r"|consider (this|that|the)|let that sink in|look at\b|just look|imagine\b|remember\b"
    r"|here'?s the thing|believe me|trust me|guess what|you be the judge|don'?t forget"
    r"|let'?s be (clear|honest)|let me be clear|never forget)",
    re.IGNORECASE,
)
_IMPERATIVE_OPENERS = frozenset({"so", "now", "just", "please", "do", "n't", "not", "and"})

# -- verifiable (module docstring) --
_COPULAS = frozenset({
    "be", "become", "seem", "appear", "remain", "look", "sound", "feel", "get", "stay",
})
_ACT_LEMMAS = frozenset({
    "vote", "sign", "pass", "veto", "rule", "approve", "reject", "file", "sue", "charge",
    "indict", "convict", "sentence", "arrest", "endorse", "appoint", "nominate", "elect",
    "resign", "fire", "hire", "ban", "order", "fund", "award", "fine", "release", "publish",
    "testify", "subpoena", "enact", "repeal", "ratify", "sanction", "impose", "raise", "cut",
    "spend", "donate", "pay", "open", "close", "launch", "announce", "issue", "meet", "visit",
})
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LAW"})


# -- the head --------------------------------------------------------------------------------


@dataclass(slots=True)
class ClaimsHead:
    """Standardisation + logistic regression (``w1`` absent) or a one-hidden-layer MLP,
    blended with an n-gram model of the sentence text when ``ngrams`` is set."""

    mean: FloatArray
    std: FloatArray
    w2: FloatArray  # (h, 1) or (d, 1) for logistic regression
    b2: FloatArray  # (1,)
    w1: FloatArray | None = None  # (d, h)
    b1: FloatArray | None = None  # (h,)
    threshold: float = 0.5
    pooling: str = "mean+max"
    features: str = "encoder"
    meta: dict[str, Any] = field(default_factory=dict)
    ngrams: NgramModel | None = None
    ngram_weight: float = 0.0

    @property
    def reads_encoder(self) -> bool:
        return self.features != "parse"

    @property
    def reads_parse(self) -> bool:
        return "parse" in self.features

    def logits(self, vectors: FloatArray) -> FloatArray:
        """The head's own logit of each input row ``(n, d)`` (:func:`head_inputs`), before
        any n-gram blend."""
        x = (np.asarray(vectors, np.float32) - self.mean) / self.std
        if self.w1 is not None and self.b1 is not None:
            x = np.maximum(x @ self.w1 + self.b1, 0.0)
        return (x @ self.w2 + self.b2).reshape(-1).astype(np.float32)

    def probabilities(
        self, vectors: FloatArray, texts: Sequence[str] | None = None
    ) -> FloatArray:
        """Check-worthiness probability of each sentence from its input row ``(n, d)``
        (:func:`head_inputs`) and, for a head with an n-gram part, its text."""
        logits = self.logits(vectors).astype(np.float64)
        if self.ngrams is not None and self.ngram_weight > 0:
            if texts is None:
                raise ValueError("this claims head blends n-grams: pass the sentence texts")
            if len(texts) != len(logits):
                raise ValueError(f"{len(texts)} texts for {len(logits)} input rows")
            w = self.ngram_weight
            logits = (1.0 - w) * logits + w * self.ngrams.logits(texts)
        return (1.0 / (1.0 + np.exp(-np.clip(logits, -60.0, 60.0)))).astype(np.float32)

    def save(self, out_dir: str | os.PathLike[str], config: dict[str, Any]) -> None:
        """Write ``claims_head.npz`` and ``claims.json`` (``config`` + threshold, pooling,
        features)."""
        d = Path(out_dir)
        d.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, Any] = {
            "mean": self.mean, "std": self.std, "w2": self.w2, "b2": self.b2,
        }
        if self.w1 is not None and self.b1 is not None:
            arrays["w1"], arrays["b1"] = self.w1, self.b1
        np.savez(d / HEAD_FILE, **arrays)
        full = {**config, "threshold": self.threshold, "pooling": self.pooling,
                "features": self.features}
        if self.ngrams is not None and self.ngram_weight > 0:
            self.ngrams.save(d / NGRAM_FILE)
            full["ngram_weight"] = self.ngram_weight
        else:
            (d / NGRAM_FILE).unlink(missing_ok=True)
            full.pop("ngram_weight", None)
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
    # Heads from before the parse features read the encoder alone.
    features = str(config.get("features", "encoder"))
    if features not in FEATURE_SETS:
        raise ValueError(f"{d / CONFIG_FILE}: unknown features {features!r}")
    ngram_weight = float(config.get("ngram_weight", 0.0))
    if not 0.0 <= ngram_weight <= 1.0:
        raise ValueError(f"{d / CONFIG_FILE}: ngram_weight {ngram_weight} outside [0, 1]")
    ngrams = (load_ngram_model(d / NGRAM_FILE, f"{d / CONFIG_FILE} sets ngram_weight"
                               f" {ngram_weight}") if ngram_weight > 0 else None)
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
            features=features,
            meta=config,
            ngrams=ngrams,
            ngram_weight=ngram_weight,
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


def _is_imperative(sent: SpacySpan) -> bool:
    """A base-form root among the first three words, with no subject and no auxiliary."""
    root = sent.root
    if root.tag_ != "VB" or root.i - sent.start > 3:
        return False
    before = [t for t in sent[: root.i - sent.start] if not t.is_punct]
    if any(t.lower_ not in _IMPERATIVE_OPENERS for t in before):
        return False
    return not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") and c.lower_ not in ("do",)
        for c in root.children
    )


def never_claim(text: str, sent: SpacySpan | None) -> str | None:
    """The flag of the never-claim rule a sentence meets, or None (module docstring)."""
    if _CREDIT.search(text):
        return "credit"
    if _DATELINE.search(text):
        return "dateline"
    if _CAPTION.search(text):
        return "caption"
    if _CALL_TO_ACTION.search(text):
        return "call_to_action"
    if _LEAD_INS.search(text) or (sent is not None and _is_imperative(sent)):
        return "exhortation"
    return None


def _has_past_verb(sent: SpacySpan | Sequence[Any]) -> bool:
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


_EVALUATIVE = frozenset({"good", "better", "best", "bad", "worse", "worst", "great", "greatest"})
_NEVER_VERIFIABLE = frozenset({
    "question", "fragment", "opinion", "prediction",
    "credit", "dateline", "caption", "call_to_action", "exhortation",
})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def _clause(sent: SpacySpan) -> tuple[Any, list[Any]]:
    """The root and tokens the verifiable rules read: what was said, for "X said that ..."."""
    root = sent.root
    if root.lemma_.lower() in _SPEECH_LEMMAS:
        for child in root.children:
            if child.dep_ == "ccomp":
                return child, list(child.subtree)
    return root, list(sent)


def _copular(root: Any) -> bool:
    return root.lemma_.lower() in _COPULAS and any(
        c.dep_ in ("acomp", "attr", "oprd") for c in root.children
    )


def _has_number(tokens: Sequence[Any]) -> bool:
    return any(
        t.ent_type_ in _QUANTITY_LABELS
        or (t.like_num and t.ent_type_ not in ("DATE", "TIME", "ORDINAL"))
        for t in tokens
    )


def has_figure(sent: SpacySpan | None) -> bool:
    """Whether a sentence states a figure: a CARDINAL, MONEY, PERCENT or QUANTITY entity, or
    a number-like token that is not part of a date, time or ordinal ("412 people", "$2
    billion", "half a million"; not "in 2010", "the third debate"). Without a parse, no."""
    return sent is not None and _has_number(list(sent))


def _cues(tokens: Sequence[Any]) -> tuple[bool, bool, bool]:
    """Whether a clause has a number, a date or time, and a (non-evaluative) comparison."""
    number = _has_number(tokens)
    date = any(t.ent_type_ in _TIME_LABELS for t in tokens)
    comparison = bool(_COMPARATIVE_PHRASES.search(" ".join(t.text for t in tokens))) or any(
        t.tag_ in _COMPARATIVE_TAGS and t.lower_ not in _EVALUATIVE for t in tokens
    )
    return number, date, comparison


def _is_value_judgement(sent: SpacySpan) -> bool:
    """A copular main clause with no number, no date and no comparison (verifiable rule 2)."""
    root, tokens = _clause(sent)
    return _copular(root) and not any(_cues(tokens))


def _modal_root(root: Any) -> bool:
    return any(
        c.dep_ == "aux" and (c.lower_ in _PREDICTION_WORDS or c.tag_ == "MD")
        and c.lower_ not in {"can", "must", "ca"}
        for c in root.children
    )


def is_verifiable(sent: SpacySpan | None, flags: Sequence[str] = ()) -> bool:
    """Whether a sentence states a fact that a record could settle (module docstring rules).

    ``flags`` are the sentence's rule flags (:class:`SentenceScore`): a question, never-claim,
    fragment, opinion or prediction is never verifiable.
    """
    if sent is None or _NEVER_VERIFIABLE.difference({"prediction"}).intersection(flags):
        return False
    root, tokens = _clause(sent)
    number, date, comparison = _cues(tokens)
    if root is not sent.root and _is_opinion(" ".join(t.text for t in tokens)):
        return False  # a quoted opinion
    if ("prediction" in flags or (root is not sent.root and _modal_root(root))) and not number:
        return False  # a prediction, said or quoted, without a figure to hold it to
    if _copular(root) and not (number or date or comparison):
        return False  # a value judgement: "the country became a police state"
    if number:
        return True
    for t in tokens:
        if t.tag_ == "VBD" and t.lemma_.lower() not in _COPULAS:
            return True
        if t.tag_ == "VBN" and any(
            (c.dep_ == "aux" and c.lemma_ == "have")
            or (c.dep_ == "auxpass" and (c.tag_ == "VBD" or c.lower_ == "been"))
            for c in t.children
        ):
            return True  # "has closed", "was signed"; not the state of "is rigged"
    if root.lemma_.lower() in _ACT_LEMMAS:
        return True
    if root.pos_ == "VERB" and root.lemma_.lower() not in _COPULAS:
        for c in root.children:
            if c.dep_ in _SUBJECTS and any(
                t.ent_type_ in _NAMED_LABELS or t.tag_ in ("NNP", "NNPS") for t in c.subtree
            ):
                return True
    return comparison


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


# -- parse features --------------------------------------------------------------------------

_PERSON_WORDS = {
    "first_singular": frozenset({"i", "me", "my", "mine", "myself"}),
    "first_plural": frozenset({"we", "us", "our", "ours", "ourselves"}),
    "second_person": frozenset({"you", "your", "yours", "yourself", "yourselves"}),
}


def parse_features(sent: SpacySpan | None, text: str) -> FloatArray:
    """The :data:`PARSE_FEATURES` of one sentence, from its span of the article's parse.

    Cues a fact-checker reads whatever the debate or the outlet: a figure, a date, a named
    actor, a past event, who speaks (I / we / you), hedges and predictions, and the
    judgements of this module's rules. All 0/1 except ``entities`` and ``words`` (log counts).
    """
    values = dict.fromkeys(PARSE_FEATURES, 0.0)
    values["question"] = float(_is_question(text))
    values["opinion"] = float(_is_opinion(text))
    if sent is not None and len(sent):
        tokens = list(sent)  # one pass of token objects, read by most cues below
        # From the tokens: Span.ents walks every entity of the document for each sentence.
        labels = {t.ent_type_ for t in tokens if t.ent_type_}
        words = [t for t in tokens if not (t.is_punct or t.is_space)]
        flags = [f for f, on in (("question", values["question"]),
                                 ("opinion", values["opinion"])) if on]
        if not any(t.pos_ in ("VERB", "AUX") for t in tokens):
            flags.append("fragment")
        prediction = _is_prediction(sent)
        if prediction:
            flags.append("prediction")
        if (never := never_claim(text, sent)) is not None:
            flags.append(never)
        root = sent.root
        number, date, _ = _cues(tokens)
        values.update({
            "number": float(number),
            "percent_or_money": float(bool(labels & {"PERCENT", "MONEY"})
                                      or any(t.text in ("%", "$") for t in tokens)),
            "date": float(date),
            "named_entity": float(bool(labels & _NAMED_LABELS)),
            "entities": float(np.log1p(sum(t.ent_iob_ == "B" for t in tokens))),
            "past_main": float(root.tag_ == "VBD" or any(
                c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lemma_ == "have")
                for c in root.children)),
            "past_any": float(_has_past_verb(tokens)),
            "prediction": float(prediction),
            "comparison": float(_has_comparison(sent)),
            "speech": float(_has_speech(sent)),
            "value_judgement": float(_is_value_judgement(sent)),
            "imperative": float(_is_imperative(sent)),
            "verifiable": float(is_verifiable(sent, flags)),
            "negation": float(any(t.dep_ == "neg" for t in tokens)),
            "words": float(np.log1p(len(words))),
        })
        lowered = {t.lower_ for t in words}
        for name, pronouns in _PERSON_WORDS.items():
            values[name] = float(bool(lowered & pronouns))
    return np.asarray([values[f] for f in PARSE_FEATURES], np.float32)


def parse_sentences(texts: Sequence[str]) -> FloatArray:
    """:func:`parse_features` of sentences given alone (training and CT24 evaluation), each
    parsed by the language layer's spaCy pipeline as a document of its own."""
    from unspun.nlp.pipeline import load_spacy

    out = np.zeros((len(texts), len(PARSE_FEATURES)), np.float32)
    for i, doc in enumerate(load_spacy().pipe(texts, batch_size=256)):
        out[i] = parse_features(doc[:], texts[i])
    return out


def head_inputs(
    features: str, vectors: FloatArray | None, parse: FloatArray | None
) -> FloatArray:
    """The rows a head of ``features`` reads: pooled vectors, parse features, or both."""
    parts = []
    if features != "parse":
        if vectors is None:
            raise ValueError(f"a head on {features!r} needs the pooled encoder vectors")
        parts.append(np.asarray(vectors, np.float32))
    if "parse" in features:
        if parse is None:
            raise ValueError(f"a head on {features!r} needs the parse features")
        parts.append(np.asarray(parse, np.float32))
    return np.concatenate(parts, axis=1) if len(parts) > 1 else parts[0]


# -- the layer -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """The score of one sentence: as the head gave it, and after the rules."""

    sentence: int
    start: int
    end: int
    model_score: float
    score: float
    # "question", "fragment", "opinion", "prediction", "no_figure", never-claims
    flags: tuple[str, ...] = ()
    verifiable: bool = False


def _spacy_sentence(analysis: LanguageAnalysis, start: int, end: int) -> SpacySpan | None:
    return analysis.doc.char_span(start, end, alignment_mode="expand")


def score_sentences(
    analysis: LanguageAnalysis,
    encoded: EncodedArticle,
    head: ClaimsHead,
    rules: ClaimSettings = _DEFAULT_RULES,
    *,
    never_claims: bool = True,
) -> list[SentenceScore]:
    """Score every sentence of the article from the shared encoder output; no encoder call.

    ``never_claims=False`` turns the never-claim rules off (credit lines, datelines,
    captions, calls to action, exhortations), for before/after figures."""
    spans = [(s.start, s.end) for s in analysis.sentences]
    if not spans:
        return []
    sents = [_spacy_sentence(analysis, s, e) for s, e in spans]
    vectors = sentence_vectors(encoded, spans, head.pooling) if head.reads_encoder else None
    parse = (
        np.stack([parse_features(sp, s.text) for sp, s in zip(sents, analysis.sentences,
                                                                strict=True)])
        if head.reads_parse else None
    )
    probs = head.probabilities(head_inputs(head.features, vectors, parse),
                               [s.text for s in analysis.sentences])
    out: list[SentenceScore] = []
    for sentence, sent, p in zip(analysis.sentences, sents, probs, strict=True):
        flags: list[str] = []
        score = float(p)
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
        if not has_figure(sent):
            flags.append("no_figure")
            score *= rules.no_figure_factor
        if never_claims and (never := never_claim(sentence.text, sent)) is not None:
            flags.append(never)
            score = 0.0
        out.append(
            SentenceScore(
                sentence=sentence.index, start=sentence.start, end=sentence.end,
                model_score=float(p), score=score, flags=tuple(flags),
                verifiable=is_verifiable(sent, flags),
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
    *,
    never_claims: bool = True,
) -> list[Claim]:
    """Check-worthy claims of an article, in text order.

    ``encoded`` is the article's shared encoder pass (``Encoder.encode(text)``); with
    no encoder output or no head there is nothing to score and the list is empty.
    ``threshold`` overrides the head's (cross-validated) one; ``rules`` weigh opinion,
    predictions and sentences without a figure down; ``never_claims=False`` turns the
    never-claim rules off. Every claim carries its ``verifiable`` judgement (module
    docstring).
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
    for s in score_sentences(analysis, encoded, head, rules, never_claims=never_claims):
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
                sentence=s.sentence, verifiable=s.verifiable,
            )
        )
    return claims


def make_sentence_scorer(
    model: TechniqueModel, head: ClaimsHead
) -> Callable[[Sequence[str]], list[float]]:
    """A scorer for isolated sentences (evaluation): one encoder pass per sentence, and
    for a head that reads them, the parse features of the sentence parsed alone.

    This is how the head was trained. The rules are not applied: the CT24 metric measures
    the head, and its sentences come without the article around them.
    """
    width = head.mean.shape[-1] - (len(PARSE_FEATURES) if head.reads_parse else 0)

    def score(sentences: Sequence[str]) -> list[float]:
        vectors = np.zeros((len(sentences), width), np.float32)
        if head.reads_encoder:
            for i, text in enumerate(sentences):
                hidden = model.encode(text).hidden
                if len(hidden):  # an empty sentence has no token: the zero vector
                    vectors[i] = pool(hidden, head.pooling)
        parse = parse_sentences(sentences) if head.reads_parse else None
        rows = head_inputs(head.features, vectors, parse)
        return [float(p) for p in head.probabilities(rows, sentences)]

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
