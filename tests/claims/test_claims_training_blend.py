"""training.claims' blend is the run time's (torch and scikit-learn: skipped without)."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("torch")
pytest.importorskip("sklearn")

from training.claims import blend, fit_ngrams  # noqa: E402

from unspun.claims import ClaimsHead  # noqa: E402


def test_blend_in_training_equals_the_head_at_run_time() -> None:
    texts = ["Taxes rose 4 percent in 2019.", "We will win.", "Jobs fell by a million.",
             "Thank you all.", "The deficit doubled since 2008.", "God bless America."]
    y = np.asarray([1, 0, 1, 0, 1, 0])
    ngrams = fit_ngrams(texts * 2, np.concatenate([y, y]))  # every word seen twice
    rng = np.random.default_rng(0)
    head = ClaimsHead(mean=np.zeros(3, np.float32), std=np.ones(3, np.float32),
                      w2=rng.normal(size=(3, 1)).astype(np.float32) * 8,
                      b2=np.asarray([0.5], np.float32), ngrams=ngrams, ngram_weight=0.4)
    rows = rng.normal(size=(len(texts), 3)).astype(np.float32)
    trained = blend(head.logits(rows), ngrams.logits(texts), 0.4)
    np.testing.assert_allclose(trained, head.probabilities(rows, texts), rtol=1e-5)
