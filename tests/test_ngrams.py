"""The word n-gram model read without scikit-learn (unspun.ngrams)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from unspun.ngrams import NgramModel, load_ngram_model, word_ngrams


def test_word_ngrams_drop_one_character_tokens_and_lower_case() -> None:
    assert word_ngrams("A Rise of 12% in May", 1, 2) == [
        "rise", "of", "12", "in", "may",
        "rise of", "of 12", "12 in", "in may",
    ]
    assert word_ngrams("one", 2, 3) == []


def _binary() -> NgramModel:
    return NgramModel(1, 1, {"rose": 0, "percent": 1}, np.asarray([1.0, 2.0]),
                      np.asarray([0.5, 2.0]), np.asarray([-0.25]))


def test_binary_logit_is_sublinear_tfidf_unit_row_times_weights() -> None:
    # rose: tf 1 -> 1 * idf 1; percent: tf 2 -> (1 + ln 2) * idf 2; the row has unit length
    rose, percent = 1.0, (1 + math.log(2)) * 2.0
    expected = -0.25 + (0.5 * rose + 2.0 * percent) / math.hypot(rose, percent)
    logits = _binary().logits(["Percent rose, percent fell", "nothing known here", ""])
    assert logits.shape == (3,)
    assert logits[0] == pytest.approx(expected)
    assert logits[1] == pytest.approx(-0.25) and logits[2] == pytest.approx(-0.25)


def test_multinomial_logits_have_one_column_per_class() -> None:
    model = NgramModel(1, 2, {"never": 0, "never again": 1}, np.asarray([1.0, 1.0]),
                       np.asarray([[1.0, 0.0], [0.0, 3.0]]), np.asarray([0.1, -0.1]))
    logits = model.logits(["Never again!", "again"])
    unit = 1 / math.sqrt(2)
    np.testing.assert_allclose(logits, [[0.1 + unit, -0.1 + 3 * unit], [0.1, -0.1]])


@pytest.mark.parametrize("model", [
    _binary(),
    NgramModel(1, 2, {"never": 0, "never again": 1}, np.asarray([1.0, 1.5]),
               np.asarray([[1.0, 0.0, 2.0], [0.0, 3.0, -1.0]]), np.asarray([0.1, -0.1, 0.0])),
])
def test_save_and_load_give_the_same_logits(tmp_path: Path, model: NgramModel) -> None:
    model.save(tmp_path / "m.npz")
    loaded = load_ngram_model(tmp_path / "m.npz")
    texts = ["Percent rose, never again", "", "rose rose never"]
    np.testing.assert_allclose(loaded.logits(texts), model.logits(texts), rtol=1e-6)
    assert (loaded.low, loaded.high) == (model.low, model.high)


def test_class_names_travel_with_the_file_and_an_empty_model_is_refused(
    tmp_path: Path,
) -> None:
    model = NgramModel(1, 1, {"never": 0}, np.ones(1), np.asarray([[1.0, 0.0]]),
                       np.zeros(2), ("Slogans", "Doubt"))
    model.save(tmp_path / "m.npz")
    assert load_ngram_model(tmp_path / "m.npz").classes == ("Slogans", "Doubt")
    with pytest.raises(ValueError, match="vocabulary"):
        NgramModel(1, 1, {}, np.zeros(0), np.zeros(0), np.zeros(1)).save(tmp_path / "e.npz")
    with pytest.raises(FileNotFoundError, match="no n-gram model"):
        load_ngram_model(tmp_path / "missing.npz")


def test_a_file_whose_parts_disagree_is_refused(tmp_path: Path) -> None:
    model = _binary()
    NgramModel(1, 1, model.vocabulary, model.idf, model.coef[:1], model.intercept).save(
        tmp_path / "m.npz")
    with pytest.raises(ValueError, match="weights"):
        load_ngram_model(tmp_path / "m.npz")


@pytest.mark.parametrize("classes", [2, 3])
def test_same_ngrams_and_logits_as_scikit_learn(classes: int) -> None:
    text_features = pytest.importorskip("sklearn.feature_extraction.text")
    linear = pytest.importorskip("sklearn.linear_model")
    from unspun.ngrams import from_fitted

    texts = [
        "Unemployment fell to 3.9% in 2019, the lowest in 50 years.",
        "We have to stand together.", "Thank you.", "Über-Straße\tand  naïve — U.S. jobs",
        "Taxes rose by $2 trillion under his plan.", "I think that's wrong, I think.",
        "", "İstanbul ﬁnally ΣΟΦΙΑ ς snake_case ２０１９ 北京 مرحبا", "word " * 3000,
    ]
    y = (np.asarray([1, 0, 0, 0, 1, 0, 0, 1, 0]) if classes == 2
         else np.asarray([1, 0, 2, 0, 1, 2, 0, 1, 2]))
    for t in texts:
        assert word_ngrams(t, 1, 2) == text_features.TfidfVectorizer(
            ngram_range=(1, 2)).build_analyzer()(t)
    vectorizer = text_features.TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    x = vectorizer.fit_transform(texts)
    lr = linear.LogisticRegression().fit(x, y)
    model = from_fitted(vectorizer, lr)
    np.testing.assert_allclose(model.logits(texts), lr.decision_function(x), atol=1e-9)
    accents = text_features.TfidfVectorizer(sublinear_tf=True, strip_accents="unicode")
    with pytest.raises(ValueError, match="default tokens"):
        from_fitted(accents.fit(texts), lr)
