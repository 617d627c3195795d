"""Training-data preparation (training/ptc_data.py): split, tags and windows. No torch."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("tokenizers")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_technique_runtime import tiny_tokenizer  # noqa: E402
from training.ptc_data import (  # noqa: E402
    Article,
    bio_tags,
    kfold,
    line_index,
    make_windows,
    tokenize_all,
    training_split,
)

from unspun.evaluate.ptc import TCLabel, merge_spans  # noqa: E402
from unspun.techniques.windows import TAG_B, TAG_I, TAG_O  # noqa: E402


def test_kfold_is_deterministic_disjoint_and_complete() -> None:
    ids = [str(i) for i in range(23)]
    folds = kfold(ids, 5, seed=13)
    assert folds == kfold(list(reversed(ids)), 5, seed=13)  # listing order does not matter
    assert sorted(i for f in folds for i in f) == sorted(ids)
    assert {len(f) for f in folds} == {4, 5}
    assert folds != kfold(ids, 5, seed=14)


def test_extra_articles_train_in_every_fold_and_are_never_held_out() -> None:
    ptc = [Article(str(i), f"text {i}", []) for i in range(10)]
    extra = [Article(str(1000 + i), f"silver {i}", []) for i in range(3)]
    held_out: list[str] = []
    for fold in range(5):
        train, test = training_split(ptc, 5, fold, 13, extra)
        assert all(a in train for a in extra) and not any(a in test for a in extra)
        assert {a.article_id for a in train} & {a.article_id for a in test} == set()
        assert len(train) + len(test) == len(ptc) + len(extra)
        held_out += [a.article_id for a in test]
    assert sorted(held_out) == sorted(a.article_id for a in ptc)
    train, test = training_split(ptc, 5, -1, 13, extra)
    assert test == [] and len(train) == 13
    _, test = training_split(ptc, 5, 0, 13)
    with pytest.raises(ValueError, match="share IDs"):
        training_split(ptc, 5, 0, 13, [Article(test[0].article_id, "clash", [])])


def _article() -> Article:
    text = "the cat sat badly on the mat. the evil dog sat."
    #       0   4   8   12     19 22  26  30  34   39  43
    tc = [
        TCLabel("1", "A", 4, 18),  # "cat sat badly"
        TCLabel("1", "B", 4, 18),
        TCLabel("1", "A", 34, 42),  # "evil dog"
    ]
    a = Article("1", text, tc, merge_spans(lab.span for lab in tc))
    tokenize_all([a], tiny_tokenizer())
    return a


def test_bio_tags_follow_spans_and_words() -> None:
    a = _article()
    # tokens: the cat sat bad ##ly on the mat . the evil dog sat .
    tags = bio_tags(a).tolist()
    assert tags == [
        TAG_O, TAG_B, TAG_I, TAG_I, TAG_I, TAG_O, TAG_O, TAG_O, TAG_O,
        TAG_O, TAG_B, TAG_I, TAG_O, TAG_O,
    ]  # fmt: skip


def test_windows_give_each_span_to_one_window_with_its_label_distribution() -> None:
    a = _article()
    windows = make_windows(a, ["A", "B"], content_len=6, offset=2)
    assert sum(len(w.ids) for w in windows) >= len(a.tokens.ids)  # type: ignore[union-attr]
    spans = [sp for w in windows for sp in w.spans]
    assert len(spans) == 2  # two distinct gold spans, each given once
    targets = sorted(tuple(sp.target.tolist()) for sp in spans)
    assert targets == [(0.5, 0.5), (1.0, 0.0)]
    for w in windows:
        for sp in w.spans:
            assert 0 <= sp.tok_start < sp.tok_end <= len(w.ids)


def test_line_index_numbers_each_token_by_its_text_line() -> None:
    text = "the cat sat.\n\nthe evil dog\nsat."
    a = Article("2", text, [], [])
    tokenize_all([a], tiny_tokenizer())
    # tokens: the cat sat . | the evil dog | sat .  (line 1 is empty)
    assert line_index(a).tolist() == [0, 0, 0, 0, 2, 2, 2, 3, 3]
    windows = make_windows(a, ["A"], content_len=4, offset=0)
    assert [w.line_ids.tolist() for w in windows if w.line_ids is not None] == [
        [0, 0, 0, 0],
        [2, 2, 2, 3],
        [3],
    ]
