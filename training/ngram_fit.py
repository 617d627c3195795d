"""Fit the word n-gram models the claims and technique heads blend in (scikit-learn).

Both ``training.claims`` and ``training.tc_ngrams`` fit the same kind of model: sublinear
tf-idf over word 1-2-grams and an L2 logistic regression, read at run time by
:mod:`unspun.ngrams` without scikit-learn. :func:`fit_word_ngrams` fits one and checks that
the run-time reading of the file as stored (float32) gives scikit-learn's own logits on every
training text, so a reader that drifts from scikit-learn cannot ship.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from unspun.ngrams import NgramModel, from_fitted

# What the run-time logits may differ from scikit-learn's by: float32 storage of the idf
# and the weights moves them by about 1e-7.
MAX_GAP = 1e-4


def fit_word_ngrams(
    texts: Sequence[str], labels: Sequence[int] | np.ndarray, *, c: float, min_df: int,
    class_weight: str | None = None,
) -> tuple[NgramModel, np.ndarray]:
    """The fitted model as the run time reads it, and the classes of its columns
    (``LogisticRegression.classes_``); RuntimeError when the two readings disagree."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=min_df, sublinear_tf=True)
    x = vectorizer.fit_transform(texts)
    logistic: Any = LogisticRegression(C=c, class_weight=class_weight, max_iter=3000)
    logistic.fit(x, np.asarray(labels))
    model = from_fitted(vectorizer, logistic)
    gap = float(np.abs(model.stored().logits(texts) - logistic.decision_function(x)).max())
    if gap > MAX_GAP:
        raise RuntimeError(f"run-time n-gram logits differ from scikit-learn's by {gap:.2e}")
    return model, np.asarray(logistic.classes_)
