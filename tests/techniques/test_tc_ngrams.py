"""training.tc_ngrams: the TC n-gram blend's training side (scikit-learn; skipped without)."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("sklearn")

from training.ptc_data import Article  # noqa: E402
from training.tc_ngrams import ABSENT, blended, fit_tc_ngrams, fragments  # noqa: E402

from unspun.evaluate.ptc import TCLabel  # noqa: E402

NAMES = ["Doubt", "Flag-Waving", "Loaded_Language", "Slogans"]


def _article() -> Article:
    text = "They say our proud nation is weak. Really? Make it great again, truly evil people."
    lines = [("our proud nation", "Flag-Waving"), ("Really?", "Doubt"),
             ("Make it great again", "Slogans"), ("truly evil people", "Loaded_Language"),
             ("truly evil people", "Doubt")]
    return Article("a1", text, [TCLabel("a1", t, text.index(f), text.index(f) + len(f))
                                for f, t in lines])


def test_fragments_are_the_gold_lines_text_one_row_per_line() -> None:
    texts, labels = fragments([_article()], NAMES)
    assert texts == ["our proud nation", "Really?", "Make it great again", "truly evil people",
                     "truly evil people"]
    assert [NAMES[i] for i in labels] == ["Flag-Waving", "Doubt", "Slogans",
                                          "Loaded_Language", "Doubt"]


def test_a_technique_missing_from_training_never_wins() -> None:
    texts = ["great again", "great nation", "proud nation", "evil people", "evil liars",
             "is it true", "is it so"] * 2
    labels = [3, 1, 1, 2, 2, 0, 0] * 2
    model = fit_tc_ngrams(texts, labels, n_classes=5)
    assert model.coef.shape[1] == 5 and model.intercept[4] == ABSENT
    logits = model.logits(["great again", "evil liars", "unknown words"])
    assert logits.argmax(axis=1).tolist()[:2] == [3, 2]
    assert (logits[:, 4] < logits[:, :4].min(axis=1)).all()


def test_blend_is_the_softmax_of_the_weighted_logits() -> None:
    head = np.asarray([[0.7, 0.2, 0.1]])
    words = np.asarray([[0.0, 3.0, 0.0]])
    z = 0.3 * np.log(head) + 0.7 * words
    expected = np.exp(z) / np.exp(z).sum()
    np.testing.assert_allclose(blended(head, words, 0.7), expected)
    np.testing.assert_allclose(blended(head, words, 0.0), head)
