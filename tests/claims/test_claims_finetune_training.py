"""training.claims_finetune: its batching and the pooling of per-fold scores (needs the train
extra for the import; the parts tested here use numpy only)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("torch")
np = pytest.importorskip("numpy")

from training.claims_finetune import epoch_scores, length_batches, pooled_report  # noqa: E402

from unspun.evaluate.checkworthiness import best_f1_threshold, score_report  # noqa: E402


def test_length_batches_cover_every_row_once_with_similar_lengths() -> None:
    rng = np.random.default_rng(0)
    lengths = rng.integers(2, 100, size=1003).tolist()
    batches = length_batches(lengths, 16, np.random.default_rng(1), pool=4)
    rows = np.concatenate(batches)
    assert sorted(rows.tolist()) == list(range(1003))
    assert all(len(b) <= 16 for b in batches)
    # Sorted within pools: a batch spans far less of the length range than a random one.
    spread = np.mean([np.ptp([lengths[i] for i in b]) for b in batches if len(b) == 16])
    assert spread < 30
    # The batch order is shuffled: not all ascending in length.
    firsts = [lengths[b[0]] for b in batches]
    assert firsts != sorted(firsts)


def test_pooled_report_threshold_and_fold_f1() -> None:
    rng = np.random.default_rng(3)
    labels = (rng.random(60) < 0.3).tolist()
    folds = [np.arange(0, 20), np.arange(20, 40), np.arange(40, 60)]
    scores = {f: np.clip(np.asarray(labels, float)[idx] * 0.4 + rng.random(20) * 0.6, 0, 1)
              for f, idx in enumerate(folds) if f != 1}  # fold 1 not done yet
    r = pooled_report(labels, folds, scores)
    assert r["folds"] == [0, 2]
    y = [labels[i] for i in [*folds[0], *folds[2]]]
    s = [*scores[0].tolist(), *scores[2].tolist()]
    t, f1 = best_f1_threshold(y, s)
    assert r["at_best"]["threshold"] == t
    assert r["at_best"]["f1"] == pytest.approx(f1)
    assert r["at_best"]["n"] == 40
    assert r["at_0.5"]["f1"] == pytest.approx(score_report(y, s, 0.5)["f1"])
    assert r["fold_f1"][2] == pytest.approx(
        score_report(labels[40:], scores[2].tolist(), t)["f1"]
    )


def test_epoch_scores_reads_the_folds_that_reached_the_epoch(tmp_path: Path) -> None:
    for f, epochs in ((0, 2), (1, 1), (3, 2)):
        (tmp_path / f"fold{f}").mkdir()
        for e in range(1, epochs + 1):
            np.save(tmp_path / f"fold{f}" / f"epoch{e}.npy", np.full(3, f + e / 10, np.float32))
    assert sorted(epoch_scores(tmp_path, 4, 1)) == [0, 1, 3]
    two = epoch_scores(tmp_path, 4, 2)
    assert sorted(two) == [0, 3]
    assert two[3].tolist() == pytest.approx([3.2] * 3)
    assert epoch_scores(tmp_path, 4, 3) == {}
