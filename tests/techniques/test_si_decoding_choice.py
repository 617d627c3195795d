"""training/si_decoding.py: each fold's decoding is chosen on the other folds only."""

from __future__ import annotations

from training.si_decoding import Decoding, chosen_out_of_fold


def test_each_fold_is_decoded_with_the_best_cell_of_the_other_folds() -> None:
    a, b, c = Decoding(0.3, 0.2, 0), Decoding(0.4, 0.2, 0), Decoding(0.5, 0.2, 3, 0.3)
    f1 = {a: [0.50, 0.50, 0.10], b: [0.40, 0.30, 0.60], c: [0.10, 0.10, 0.90]}
    # Fold 0 is chosen on folds 1 and 2: means a 0.30, b 0.45, c 0.50 -> c.
    # Fold 1 on folds 0 and 2: a 0.30, b 0.50, c 0.50 -> b (the first of the tie).
    # Fold 2 on folds 0 and 1: a 0.50, b 0.35, c 0.10 -> a, though a is worst on fold 2.
    assert chosen_out_of_fold([a, b, c], f1) == [c, b, a]
    # Restricting the grid (the runtime's hysteresis-only cells) changes the choice.
    assert chosen_out_of_fold([a, b], f1) == [b, b, a]


def test_one_fold_has_nothing_to_choose_on() -> None:
    d = Decoding(0.3, 0.2, 0)
    assert chosen_out_of_fold([d], {d: [0.4]}) == []
