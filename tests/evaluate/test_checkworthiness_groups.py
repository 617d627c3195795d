"""Debate-grouped validation and the CLEF 2019 reader, on cases worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.evaluate.checkworthiness import (
    debate_groups,
    grouped_folds,
    normalise,
    read_clef2019,
)


def test_ids_split_at_gaps_above_the_limit() -> None:
    # Runs 1-4 | 30-33 | 60-62: gaps of 26 and 27 split; the steps of 1-2 inside do not.
    ids = [3, 1, 2, 4, 30, 31, 33, 32, 60, 61, 62]
    groups = debate_groups(ids, gap=20, min_size=1)
    assert groups == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]
    # A gap of exactly the limit does not split.
    assert debate_groups([1, 21, 42], gap=20, min_size=1) == [0, 0, 1]
    assert debate_groups([], gap=20) == []


def test_a_small_run_joins_the_neighbour_across_the_smaller_gap() -> None:
    # Runs: 1-5 (5) | 40-41 (2) | 100-104 (5). The small run is 35 after the first and 59
    # before the last: it joins the first.
    ids = [1, 2, 3, 4, 5, 40, 41, 100, 101, 102, 103, 104]
    assert debate_groups(ids, gap=20, min_size=3) == [0] * 7 + [1] * 5
    # Nearer the last run, it joins that one.
    ids = [1, 2, 3, 4, 5, 70, 71, 100, 101, 102, 103, 104]
    assert debate_groups(ids, gap=20, min_size=3) == [0] * 5 + [1] * 7
    # A small run at an end has one neighbour; everything small merges into one group.
    assert debate_groups([1, 50, 51, 52], gap=20, min_size=2) == [0, 0, 0, 0]
    assert debate_groups([1, 50, 100], gap=20, min_size=5) == [0, 0, 0]


def test_folds_keep_groups_whole_and_balance_sizes() -> None:
    sizes = [9, 7, 6, 5, 4, 3, 2, 2, 1, 1]
    groups = [g for g, n in enumerate(sizes) for _ in range(n)]
    for seed in range(5):
        folds = grouped_folds(groups, 3, seed)
        assert sorted(i for f in folds for i in f) == list(range(len(groups)))
        for f in folds:
            for g in {groups[i] for i in f}:  # every member of a group in its fold
                assert {i for i in range(len(groups)) if groups[i] == g} <= set(f)
        lengths = sorted(len(f) for f in folds)
        assert lengths[-1] - lengths[0] <= 1  # 40 rows: 13, 13, 14
    assert grouped_folds(groups, 3, 7) == grouped_folds(groups, 3, 7)
    with pytest.raises(ValueError, match="cannot fill"):
        grouped_folds([0, 0, 1], 3)


def test_clef2019_file(tmp_path: Path) -> None:
    path = tmp_path / "debate.tsv"
    path.write_text(
        "1\tHOLT\tGood evening.\t0\n2\tTRUMP\tWe've lost 70,000 factories.\t1\n\n",
        encoding="utf-8",
    )
    data = read_clef2019(path)
    assert [(d.sentence_id, d.text, d.label) for d in data] == [
        ("1", "Good evening.", False), ("2", "We've lost 70,000 factories.", True),
    ]
    path.write_text("1\tHOLT\tGood evening.\tYes\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"debate.tsv:1"):
        read_clef2019(path)


def test_normalise_finds_the_same_sentence_in_two_transcripts() -> None:
    assert normalise("We've lost 70,000 factories!") == normalise("we ve lost 70 000 factories")
    assert normalise("Thank you.") != normalise("Thank you, Lester.")
