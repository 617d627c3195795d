"""A tf-idf word n-gram logistic model, read without scikit-learn.

Two heads blend their encoder scores with a bag of word n-grams: the claims head
(:mod:`unspun.claims`; the words a debate's check-worthy sentences share, "percent",
"million", "voted", are cues the pooled sentence vector blurs) and the technique classifier
(:mod:`unspun.techniques.model`; a fragment's own words, "traitor", "never again", name its
technique more often than its pooled states alone do). The models are trained with
scikit-learn's ``TfidfVectorizer`` and ``LogisticRegression`` (``training.claims``,
``training.tc_ngrams``); scikit-learn is a training dependency only, so this module
re-implements what they compute, exactly as scikit-learn 1.x defines it:

* n-grams: the lower-cased text's tokens of two or more word characters
  (``(?u)\\b\\w\\w+\\b``), and their n-grams joined by one space;
* each n-gram's count becomes ``1 + ln(count)`` (``sublinear_tf``), is weighted by its idf,
  and the row is scaled to unit length;
* the logistic weights give one logit (binary) or one per class (multinomial; softmax
  gives the probabilities).

The training scripts check these logits against scikit-learn's own on every training text
before they write the file.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
_WORD = re.compile(r"(?u)\b\w\w+\b")


def word_ngrams(text: str, low: int, high: int) -> list[str]:
    """scikit-learn's ``word`` analyser: the n-grams of ``text``, lengths ``low``-``high``."""
    tokens = _WORD.findall(text.lower())
    grams: list[str] = []
    for n in range(low, high + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


@dataclass(frozen=True)
class NgramModel:
    """A vocabulary (n-gram → column) with its idf, and logistic weights over the columns:
    ``coef`` ``(columns,)`` and ``intercept`` ``(1,)`` for a binary model, ``(columns,
    classes)`` and ``(classes,)`` for a multinomial one."""

    low: int
    high: int
    vocabulary: dict[str, int]
    idf: FloatArray
    coef: FloatArray
    intercept: FloatArray
    # A multinomial model's class names, in column order (saved, so that a reader can check
    # them against its own list); None for a binary model.
    classes: tuple[str, ...] | None = None

    def logits(self, texts: Iterable[str]) -> FloatArray:
        """The logit of each text ``(n,)``, or its logits per class ``(n, classes)``.

        The n-grams are counted and looked up per text (``Counter`` and ``map`` run in C);
        the arithmetic is done once for all texts, where numpy pays."""
        items = list(texts)
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        for i, text in enumerate(items):
            counted = Counter(word_ngrams(text, self.low, self.high))
            cols.extend(map(self.vocabulary.get, counted.keys(), repeat(-1)))
            counts.extend(counted.values())
            rows.extend(repeat(i, len(counted)))
        col = np.asarray(cols, np.int64)
        known = col >= 0
        row, col = np.asarray(rows, np.int64)[known], col[known]
        values = (1.0 + np.log(np.asarray(counts, np.float64)[known])) * self.idf[col]
        n = len(items)
        norms = np.sqrt(np.bincount(row, values * values, minlength=n))
        scale = np.divide(1.0, norms, out=np.zeros(n), where=norms > 0)
        weighted = values * scale[row]
        if self.coef.ndim == 1:
            return np.bincount(row, weighted * self.coef[col], minlength=n) + self.intercept[0]
        out = np.zeros((n, self.coef.shape[1]), np.float64)
        np.add.at(out, row, weighted[:, None] * self.coef[col])
        return out + self.intercept

    def save(self, path: str | os.PathLike[str]) -> None:
        if not self.vocabulary:
            raise ValueError("an n-gram model without a vocabulary")
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        arrays: dict[str, Any] = {
            "ngram_range": np.asarray([self.low, self.high], np.int64),
            # A term never holds a newline: the tokens are runs of word characters.
            "terms": np.frombuffer("\n".join(terms).encode("utf-8"), np.uint8),
            "idf": self.idf.astype(np.float32),
            "coef": self.coef.astype(np.float32),
            "intercept": np.asarray(self.intercept, np.float64),
        }
        if self.classes is not None:
            arrays["classes"] = np.asarray(self.classes)
        np.savez_compressed(path, **arrays)

    def stored(self) -> NgramModel:
        """The model as :meth:`save` stores it (float32 idf and weights), to check what
        ships rather than what was fitted."""
        return NgramModel(self.low, self.high, self.vocabulary,
                          self.idf.astype(np.float32).astype(np.float64),
                          self.coef.astype(np.float32).astype(np.float64), self.intercept,
                          self.classes)


def load_ngram_model(path: str | os.PathLike[str], needed_by: str | None = None) -> NgramModel:
    """Read a file :meth:`NgramModel.save` wrote; FileNotFoundError when there is none (saying
    what ``needed_by`` it, such as the config that sets a blend), ValueError when its parts
    disagree."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"{needed_by} but {path} is missing" if needed_by
                                else f"no n-gram model file {path}")
    with np.load(Path(path), allow_pickle=False) as z:
        low, high = (int(v) for v in z["ngram_range"])
        terms = z["terms"].tobytes().decode("utf-8").split("\n")
        idf = z["idf"].astype(np.float64)
        coef = z["coef"].astype(np.float64)
        intercept = z["intercept"].astype(np.float64).reshape(-1)
        classes = tuple(str(c) for c in z["classes"]) if "classes" in z.files else None
    if not len(terms) == len(idf) == len(coef):
        raise ValueError(f"{path}: {len(terms)} terms, {len(idf)} idf, {len(coef)} weights")
    if len(intercept) != (1 if coef.ndim == 1 else coef.shape[1]):
        raise ValueError(f"{path}: {len(intercept)} intercepts for weights {coef.shape}")
    if classes is not None and len(classes) != len(intercept):
        raise ValueError(f"{path}: {len(classes)} class names for {len(intercept)} classes")
    return NgramModel(low, high, {t: j for j, t in enumerate(terms)}, idf, coef, intercept,
                      classes)


def from_fitted(vectorizer: Any, logistic: Any) -> NgramModel:
    """An :class:`NgramModel` from a fitted scikit-learn ``TfidfVectorizer`` (word analyser,
    lower-cased, default token pattern, sublinear tf, l2 norm) and the ``LogisticRegression``
    fitted on its output (duck-typed: no import). A multinomial model's columns follow
    ``logistic.classes_``."""
    v = vectorizer
    if (v.analyzer != "word" or not v.lowercase or v.token_pattern != _WORD.pattern
            or v.tokenizer is not None or v.preprocessor is not None
            or v.strip_accents is not None or v.stop_words is not None or v.binary
            or not v.use_idf or not v.sublinear_tf or v.norm != "l2"):
        raise ValueError("only a lower-cased, sublinear, idf-weighted, l2-normed word tf-idf"
                         " with the default tokens")
    low, high = v.ngram_range
    coef = np.asarray(logistic.coef_, np.float64)
    binary = coef.shape[0] == 1
    return NgramModel(
        int(low), int(high), {str(t): int(j) for t, j in v.vocabulary_.items()},
        np.asarray(v.idf_, np.float64),
        coef[0] if binary else coef.T.copy(),
        np.asarray(logistic.intercept_, np.float64).reshape(-1),
    )
