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
    names = [*NAMES, "Whataboutism"]
    model = fit_tc_ngrams(texts, labels, names)
    assert model.coef.shape[1] == 5 and model.intercept[4] == ABSENT
    assert model.classes == tuple(names)
    logits = model.logits(["great again", "evil liars", "unknown words"])
    assert logits.argmax(axis=1).tolist()[:2] == [3, 2]
    assert (logits[:, 4] < logits[:, :4].min(axis=1)).all()


def test_training_blend_is_the_run_time_blend() -> None:
    # The run time: TechniqueModel.technique_probs = softmax(technique_logits), whose blend
    # is (1 - w) * head + w * words; training.tc_ngrams.blended must give the same.
    from unspun.techniques.windows import softmax

    head = np.asarray([[2.0, 0.5, -1.0], [40.0, -40.0, 0.0]], np.float32)
    words = np.asarray([[0.0, 3.0, 0.0], [-30.0, 30.0, 0.0]])
    for w in (0.0, 0.3, 0.7):
        run_time = softmax(((1 - w) * head + w * words).astype(np.float32))
        np.testing.assert_allclose(blended(head, words, w), run_time, atol=1e-6)
