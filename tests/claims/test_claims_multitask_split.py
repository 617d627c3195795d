"""training.claims_multitask without torch: the claims fold a technique run holds out, and the
context windows and per-epoch share it trains on."""

from __future__ import annotations

import numpy as np
import pytest
from training.claims_multitask import (
    ClaimsTask,
    claims_folds,
    claims_split,
    pack_windows,
    spread,
)

from unspun.evaluate.checkworthiness import (
    DEBATE_GAP,
    MIN_GROUP,
    LabelledSentence,
    debate_groups,
    grouped_folds,
)


def debates(n_debates: int = 6, per_debate: int = MIN_GROUP + 10) -> list[LabelledSentence]:
    """Transcripts numbered as CT24's: ids step 1-2 within a debate, a wide gap between."""
    rng = np.random.default_rng(5)
    out, sid = [], 1000
    for d in range(n_debates):
        for k in range(per_debate):
            sid += int(rng.integers(1, 3))
            out.append(LabelledSentence(str(sid), f"debate {d} sentence {k}", k % 4 == 0))
        sid += DEBATE_GAP + 50
    # Not in id order in the file, as the task must not rely on it.
    return [out[i] for i in rng.permutation(len(out))]


def groups(data: list[LabelledSentence]) -> np.ndarray:
    return np.asarray(debate_groups([int(d.sentence_id) for d in data], DEBATE_GAP, MIN_GROUP))


@pytest.mark.parametrize("fold", range(5))
def test_the_held_out_claims_fold_shares_no_debate_with_training(fold: int) -> None:
    data = debates()
    folds = claims_folds(data, 5, seed=13)
    train, test = claims_split(folds, len(data), fold)
    g = groups(data)
    assert len(test) and len(train)
    assert not set(g[train]) & set(g[test])
    assert sorted([*train.tolist(), *test.tolist()]) == list(range(len(data)))
    # The fold claims_finetune --report pools, row for row, in the same order.
    expected = grouped_folds(g.tolist(), 5, 13)[fold]
    assert test.tolist() == expected


def test_fold_minus_one_trains_on_every_sentence() -> None:
    data = debates()
    train, test = claims_split(claims_folds(data, 5, seed=13), len(data), -1)
    assert train.tolist() == list(range(len(data))) and len(test) == 0


def test_windows_hold_whole_sentences_in_order_within_the_budget() -> None:
    lengths = [3, 4, 2, 9, 12, 1, 1, 5]
    rows = np.asarray([7, 0, 1, 2, 3, 4, 5, 6])
    windows = pack_windows(lengths, rows, content=10)
    assert np.concatenate(windows).tolist() == rows.tolist()
    for w in windows:
        assert len(w) == 1 or sum(lengths[r] for r in w) <= 10
    assert [w.tolist() for w in windows] == [[7, 0], [1, 2], [3], [4], [5, 6]]
    # An offset ends the first window early: other neighbours than the last epoch's.
    assert pack_windows(lengths, rows, 10, first=1)[0].tolist() == [7]


def test_spread_places_every_batch_once_over_the_steps() -> None:
    placed = spread(5, 12)
    assert sorted(j for js in placed.values() for j in js) == list(range(5))
    assert max(placed) < 12 and len(placed) == 5
    assert sorted(j for js in spread(7, 3).values() for j in js) == list(range(7))


def test_an_epoch_draws_its_share_of_training_sentences_only() -> None:
    data = debates()
    tokens = [np.arange(3 + i % 5) for i in range(len(data))]
    task = ClaimsTask(data, tokens, claims_folds(data, 5, 13), 2, 0.5, 0.3, 4, 20, 13)
    drawn = [np.concatenate(b) for bs in task.epoch_batches(50).values() for b in bs]
    rows = np.concatenate(drawn)
    assert len(set(rows.tolist())) == len(rows)
    assert not set(rows.tolist()) & set(task.test_rows.tolist())
    share = len(rows) / len(task.train_rows)
    assert 0.3 <= share < 0.33
    # Seeded and advancing: the next epoch draws other windows.
    again = np.concatenate([np.concatenate(b) for bs in task.epoch_batches(50).values()
                            for b in bs])
    assert set(again.tolist()) != set(rows.tolist())
