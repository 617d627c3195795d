"""Check-worthiness: the CLEF CheckThat! 2024 Task 1 file format and its metrics.

A CT24 file is tab-separated with a header, ``Sentence_id<TAB>Text<TAB>class_label``, the
label ``Yes`` (check-worthy) or ``No``; text fields use CSV quoting (``""`` inside quotes).
A CLEF CheckThat! 2019 Task 1 file is one debate or speech, no header,
``line<TAB>speaker<TAB>text<TAB>label`` with the label ``1`` or ``0``.
The official metric is F1 of the positive class; for ranking, average precision.

**Validation grouped by debate** (:func:`debate_groups`, :func:`grouped_folds`). Debates
differ from one another, so folds that split sentences at random let a head learn a debate's
topics and phrasing and score it on the same debate. CT24's train file gives no debate, but
its sentence ids are ClaimBuster's, numbered in transcript order over all the US
presidential debates (1960-2016); ClaimBuster kept only the candidates' sentences, so within
a debate ids advance by 1-3 (a moderator's question or a short sentence left out), while a
debate's opening (moderator, introductions) and its neighbour's closing leave a gap of
more than 20 ids. Split at such gaps, CT24 train falls into 32 runs that each read as one
debate (opening thanks, closing "I ask for your vote", one pair of candidates' names); two
runs of 38 and 108 sentences are fragments of their neighbours, which is why a run smaller
than ``min_size`` joins the neighbour it is nearer to. Folds take whole groups.

Pure standard library (no numpy): this module is imported by tests, the CLI and the training
script alike.
"""

from __future__ import annotations

import csv
import itertools
import os
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

StrPath = str | os.PathLike[str]
# Takes sentences, returns one check-worthiness score in [0, 1] per sentence.
SentenceScorer = Callable[[Sequence[str]], Sequence[float]]

_LABELS = {"yes": True, "no": False, "1": True, "0": False}
# The CT24 train file has one line whose newline went missing: its label reads "No29286",
# i.e. the label of one sentence glued to the id of the next.
_GLUED_LABEL = re.compile(r"^(Yes|No)(\d+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    sentence_id: str
    text: str
    label: bool


def _label(value: str, path: StrPath, line: int) -> bool:
    try:
        return _LABELS[value.strip().lower()]
    except KeyError:
        raise ValueError(f"{path}:{line}: unknown label {value!r} (expected Yes or No)") from None


def read_ct24(path: StrPath) -> list[LabelledSentence]:
    """Read a CT24-format file; repairs records whose line break went missing."""
    out: list[LabelledSentence] = []
    with Path(path).open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t")
        header = next(rows, None)
        if header is None:
            return out
        if [h.strip().lower() for h in header[:3]] != ["sentence_id", "text", "class_label"]:
            raise ValueError(f"{path}: not a CT24 file (header {header!r})")
        for row in rows:
            line = rows.line_num
            if not row or all(not c.strip() for c in row):
                continue
            fields = list(row)
            while len(fields) > 3:
                glued = _GLUED_LABEL.match(fields[2])
                if glued is None or len(fields) < 5:
                    raise ValueError(f"{path}:{line}: expected 3 fields, found {len(row)}")
                out.append(LabelledSentence(fields[0], fields[1], _label(glued[1], path, line)))
                fields = [glued[2], *fields[3:]]
            if len(fields) != 3:
                raise ValueError(f"{path}:{line}: expected 3 fields, found {len(row)}")
            out.append(LabelledSentence(fields[0], fields[1], _label(fields[2], path, line)))
    return out


def read_clef2019(path: StrPath) -> list[LabelledSentence]:
    """Read one CLEF 2019 Task 1 file (one debate or speech); the id is the line number."""
    out: list[LabelledSentence] = []
    with Path(path).open(encoding="utf-8", newline="") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) != 4 or fields[3].strip() not in ("0", "1"):
                raise ValueError(f"{path}:{number}: expected line, speaker, text, 0/1")
            out.append(LabelledSentence(fields[0].strip(), fields[2], fields[3].strip() == "1"))
    return out


def normalise(text: str) -> str:
    """Lower-case words and digits only: how sentence overlap between two sets is found."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


# -- grouped validation (module docstring) -------------------------------------------------

DEBATE_GAP = 20
"""An id gap above this many starts a new debate group in CT24 train."""
MIN_GROUP = 200
"""A run of fewer sentences than this joins its nearer neighbour."""


def debate_groups(
    ids: Sequence[int], gap: int = DEBATE_GAP, min_size: int = MIN_GROUP
) -> list[int]:
    """The debate group of each sentence id, numbered 0.. in id order (module docstring).

    Runs of ids split where consecutive ids differ by more than ``gap``; a run shorter than
    ``min_size`` merges into the neighbouring run across the smaller of its two gaps.
    """
    if not ids:
        return []
    order = sorted(range(len(ids)), key=lambda i: ids[i])
    runs: list[list[int]] = [[order[0]]]
    gaps: list[int] = []  # gaps[r] = the id gap between run r and run r + 1
    for prev, cur in itertools.pairwise(order):
        step = ids[cur] - ids[prev]
        if step > gap:
            runs.append([])
            gaps.append(step)
        runs[-1].append(cur)
    while len(runs) > 1:
        small = [r for r in range(len(runs)) if len(runs[r]) < min_size]
        if not small:
            break
        r = min(small, key=lambda r: len(runs[r]))
        before = gaps[r - 1] if r > 0 else None
        after = gaps[r] if r < len(gaps) else None
        into = r - 1 if after is None or (before is not None and before <= after) else r + 1
        lo, hi = min(r, into), max(r, into)
        runs[lo:hi + 1] = [runs[lo] + runs[hi]]
        del gaps[lo]
    group = [0] * len(ids)
    for g, run in enumerate(runs):
        for i in run:
            group[i] = g
    return group


def grouped_folds(groups: Sequence[int], k: int, seed: int = 0) -> list[list[int]]:
    """Row indices of ``k`` folds that keep every group whole, balanced by size.

    Largest group first into the fold with the fewest rows so far (ties between groups of
    one size and between folds broken by ``seed``), so that the small groups at the end
    even out what the large ones left.
    """
    members: dict[int, list[int]] = {}
    for row, g in enumerate(groups):
        members.setdefault(g, []).append(row)
    if len(members) < k:
        raise ValueError(f"{len(members)} groups cannot fill {k} folds")
    rng = random.Random(seed)
    keys = list(members)
    rng.shuffle(keys)
    keys.sort(key=lambda g: -len(members[g]))  # stable: the shuffle breaks ties
    folds: list[list[int]] = [[] for _ in range(k)]
    for g in keys:
        fewest = min(len(f) for f in folds)
        target = rng.choice([f for f in folds if len(f) == fewest])
        target.extend(members[g])
    return [sorted(f) for f in folds]


# -- metrics -------------------------------------------------------------------------------


def precision_recall_f1(
    labels: Sequence[bool], predictions: Sequence[bool]
) -> dict[str, float]:
    """Precision, recall and F1 of the positive class (0 where undefined)."""
    if len(labels) != len(predictions):
        raise ValueError("labels and predictions differ in length")
    tp = sum(1 for y, p in zip(labels, predictions, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predictions, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predictions, strict=True) if y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _tied_groups(
    labels: Sequence[bool], scores: Sequence[float]
) -> Iterator[tuple[float, float, int, int, int]]:
    """Walk the ranking by descending score, a group of tied scores at a time.

    Yields ``(score, next_score, tp, seen, gained)``: the group's score, the next lower score
    (the group's own at the end), true positives and items ranked so far including the group,
    and the positives the group itself adds. Ties must move together, or the order of tied
    items would change the figures.
    """
    ranked = sorted(zip(scores, labels, strict=True), key=lambda p: -p[0])
    tp = 0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        gained = sum(1 for k in range(i, j) if ranked[k][1])
        tp += gained
        next_score = ranked[j][0] if j < len(ranked) else ranked[i][0]
        yield ranked[i][0], next_score, tp, j, gained
        i = j


def average_precision(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """Area under the step precision-recall curve: ``Σ_k (R_k - R_{k-1}) P_k``.

    Thresholds run over the distinct scores, highest first, so tied sentences enter the
    ranking together (no dependence on input order; the definition of scikit-learn's
    ``average_precision_score``). 0 when there is no positive.
    """
    if len(labels) != len(scores):
        raise ValueError("labels and scores differ in length")
    n_pos = sum(1 for y in labels if y)
    if n_pos == 0:
        return 0.0
    ap = 0.0
    for _, _, tp, seen, gained in _tied_groups(labels, scores):
        if gained:
            ap += (gained / n_pos) * (tp / seen)
    return ap


def best_f1_threshold(labels: Sequence[bool], scores: Sequence[float]) -> tuple[float, float]:
    """The threshold (predict ``score >= t``) that maximises positive-class F1, and that F1.

    The threshold is the midpoint between the last accepted and the first rejected score, so
    it generalises better than the accepted score itself.
    """
    n_pos = sum(1 for y in labels if y)
    best_f1, best_t = 0.0, 1.0
    for score, next_score, tp, seen, _ in _tied_groups(labels, scores):
        f1 = 2 * tp / (seen + n_pos) if n_pos else 0.0
        if f1 > best_f1:
            best_f1, best_t = f1, (score + next_score) / 2
    return best_t, best_f1


def score_report(
    labels: Sequence[bool], scores: Sequence[float], threshold: float
) -> dict[str, float]:
    """The official figures for scores and a decision threshold (``score >= threshold``)."""
    prf = precision_recall_f1(labels, [s >= threshold for s in scores])
    return {
        **prf,
        "average_precision": average_precision(labels, scores),
        "threshold": threshold,
        "n": len(labels),
        "n_positive": sum(1 for y in labels if y),
    }


def evaluate_checkworthiness(
    path: StrPath,
    scorer: SentenceScorer,
    threshold: float = 0.5,
    *,
    verbose: bool = True,
) -> dict[str, float]:
    """Score every sentence of a CT24-format file; positive-class P/R/F1, AP and n.

    ``scorer`` maps sentences to scores in [0, 1]; a sentence is predicted check-worthy when
    its score is at least ``threshold``. The figures are printed (to stderr, so that the
    CLI's JSON on stdout stays clean) and returned.
    """
    data = read_ct24(path)
    if not data:
        raise ValueError(f"{path}: no sentences")
    scores = [float(s) for s in scorer([d.text for d in data])]
    if len(scores) != len(data):
        raise ValueError(f"scorer returned {len(scores)} scores for {len(data)} sentences")
    result = score_report([d.label for d in data], scores, threshold)
    if verbose:
        print(
            f"checkworthiness {Path(path).name}: n={result['n']}"
            f" precision={result['precision']:.4f} recall={result['recall']:.4f}"
            f" f1={result['f1']:.4f} average_precision={result['average_precision']:.4f}",
            file=sys.stderr,
        )
    return result
