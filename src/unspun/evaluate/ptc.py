"""Official metrics and file formats of SemEval-2020 Task 11 (Propaganda Techniques Corpus).

Two tasks:

* SI (span identification): character spans of propaganda. For predicted spans S and gold
  spans T of an article, pooled over the corpus,
  ``P = (1/|S|) Σ_s Σ_t |s∩t| / |s|``, ``R = (1/|T|) Σ_t Σ_s |s∩t| / |t|``,
  ``F1 = 2PR / (P + R)``. Overlapping gold spans of one article are merged first.
* TC (technique classification): one technique per given gold span line; micro-F1. When a
  span has k gold lines, its k predictions are matched to the k gold labels as a multiset.

Spans are half-open ``[start, end)`` Python ``str`` indices into the article read as UTF-8
without newline translation. Pure standard library: this module is imported by tests and by
the training script alike, and must not pull in numpy or torch.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]
StrPath = str | os.PathLike[str]


@dataclass(frozen=True, slots=True)
class TCLabel:
    """One line of a TC label file: a technique on a character span of an article."""

    article_id: str
    technique: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1, with the raw counts (or sums) they were computed from."""

    precision: float
    recall: float
    f1: float
    precision_numerator: float
    precision_denominator: float
    recall_numerator: float
    recall_denominator: float

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "precision_numerator": self.precision_numerator,
            "precision_denominator": self.precision_denominator,
            "recall_numerator": self.recall_numerator,
            "recall_denominator": self.recall_denominator,
        }


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> PRF:
    # The official scorer defines an empty denominator as a score of 0, not an error: a
    # system that predicts nothing gets P = 0, and F1 is 0 whenever P + R is 0.
    p = p_num / p_den if p_den > 0 else 0.0
    r = r_num / r_den if r_den > 0 else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return PRF(p, r, f1, p_num, p_den, r_num, r_den)


# --------------------------------------------------------------------------- readers/writers


def article_id_from_path(path: StrPath) -> str:
    """``.../article111111111.txt`` -> ``"111111111"``."""
    name = Path(path).name
    stem = name.split(".", 1)[0]
    return stem[len("article") :] if stem.startswith("article") else stem


def read_article(path: StrPath) -> str:
    # newline="" keeps "\r\n" intact: the gold offsets count every character of the file.
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def read_articles(directory: StrPath) -> dict[str, str]:
    """All ``article<ID>.txt`` files of a directory, keyed by ID, in ID order."""
    paths = sorted(Path(directory).glob("article*.txt"))
    return {article_id_from_path(p): read_article(p) for p in paths}


def _label_files(path: StrPath, suffix: str) -> list[Path]:
    # The corpus ships labels both as one concatenated file and as one file per article;
    # accepting either lets the same code read gold data and our own prediction files.
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.iterdir() if f.name.endswith(suffix))
    return [p]


def _data_lines(path: Path) -> Iterable[tuple[int, list[str]]]:
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            stripped = line.strip()
            if stripped:
                yield lineno, stripped.split("\t")


def _parse_span(start: str, end: str, where: str) -> Span:
    try:
        s, e = int(start), int(end)
    except ValueError as exc:
        raise ValueError(f"{where}: offsets must be integers, got {start!r}, {end!r}") from exc
    if s < 0 or e < s:
        raise ValueError(f"{where}: invalid span [{s}, {e})")
    return s, e


def read_si_labels(path: StrPath) -> dict[str, list[Span]]:
    """SI labels ``ID<TAB>start<TAB>end`` from a file or a directory of ``*.labels`` files."""
    out: dict[str, list[Span]] = defaultdict(list)
    for f in _label_files(path, ".labels"):
        for lineno, cols in _data_lines(f):
            if len(cols) != 3:
                raise ValueError(f"{f}:{lineno}: expected 3 tab-separated columns")
            out[cols[0]].append(_parse_span(cols[1], cols[2], f"{f}:{lineno}"))
    return {k: sorted(v) for k, v in out.items()}


def read_tc_labels(path: StrPath) -> list[TCLabel]:
    """TC labels ``ID<TAB>TECHNIQUE<TAB>start<TAB>end`` from a file or directory."""
    out: list[TCLabel] = []
    for f in _label_files(path, ".labels"):
        for lineno, cols in _data_lines(f):
            if len(cols) != 4:
                raise ValueError(f"{f}:{lineno}: expected 4 tab-separated columns")
            s, e = _parse_span(cols[2], cols[3], f"{f}:{lineno}")
            out.append(TCLabel(cols[0], cols[1], s, e))
    return out


def read_techniques(path: StrPath) -> list[str]:
    """The technique names of ``techniques.txt``, one per line, in file order."""
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def write_si_labels(path: StrPath, spans: Mapping[str, Iterable[Span]]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for article_id in sorted(spans):
            for s, e in sorted(spans[article_id]):
                f.write(f"{article_id}\t{s}\t{e}\n")


def write_tc_labels(path: StrPath, labels: Iterable[TCLabel]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for lab in labels:
            f.write(f"{lab.article_id}\t{lab.technique}\t{lab.start}\t{lab.end}\n")


def si_from_tc(labels: Iterable[TCLabel]) -> dict[str, list[Span]]:
    """The SI view of TC labels: the distinct spans of each article."""
    out: dict[str, set[Span]] = defaultdict(set)
    for lab in labels:
        out[lab.article_id].add(lab.span)
    return {k: sorted(v) for k, v in out.items()}


# --------------------------------------------------------------------------------- SI metric


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Union of overlapping spans, sorted. Empty spans are dropped.

    Spans that only touch (``a.end == b.start``) share no character and stay separate: the
    metric works on character sets, where merging them would change nothing anyway.
    """
    merged: list[list[int]] = []
    for s, e in sorted(sp for sp in spans if sp[1] > sp[0]):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def si_scores(
    predicted: Mapping[str, Sequence[Span]],
    gold: Mapping[str, Sequence[Span]],
) -> PRF:
    """Official SI precision, recall and F1, pooled over all articles of both mappings.

    An article present only in ``gold`` contributes its spans to recall's denominator (a
    missed article costs recall); one present only in ``predicted`` contributes to
    precision's. Empty predicted spans (``end == start``) have no characters and are ignored,
    since ``|s∩t| / |s|`` is undefined for them. Predicted spans are not merged: overlapping
    predictions count their shared characters twice (recall can exceed 1), as in the formula;
    a submission is expected not to overlap, and the unspun decoder never does.
    """
    p_num = r_num = 0.0
    p_den = r_den = 0
    for article_id in set(predicted) | set(gold):
        preds = [sp for sp in predicted.get(article_id, ()) if sp[1] > sp[0]]
        golds = merge_spans(gold.get(article_id, ()))
        p_den += len(preds)
        r_den += len(golds)
        for s in preds:
            for t in golds:
                inter = _overlap(s, t)
                if inter:
                    p_num += inter / (s[1] - s[0])
                    r_num += inter / (t[1] - t[0])
    return _prf(p_num, p_den, r_num, r_den)


# --------------------------------------------------------------------------------- TC metric


@dataclass(frozen=True, slots=True)
class TCScores:
    """Micro P/R/F1 over all span lines and P/R/F1 per technique."""

    micro: PRF
    per_technique: dict[str, PRF]

    def as_dict(self) -> dict[str, object]:
        return {
            "micro": self.micro.as_dict(),
            "per_technique": {k: v.as_dict() for k, v in sorted(self.per_technique.items())},
        }


def tc_scores(
    predicted: Iterable[TCLabel],
    gold: Iterable[TCLabel],
    techniques: Sequence[str] | None = None,
) -> TCScores:
    """Official TC micro-F1 with multiset matching per (article, span).

    For each (article, start, end) the number of correct predictions is the size of the
    multiset intersection of predicted and gold techniques: two gold lines
    ``{Loaded_Language, Doubt}`` and predictions ``{Loaded_Language, Loaded_Language}`` give
    one correct, not two. Predictions on spans that are not gold count against precision.
    When every gold line gets exactly one prediction, P = R = F1 = accuracy.
    """
    pred_by_span: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    gold_by_span: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    for lab in predicted:
        pred_by_span[(lab.article_id, lab.start, lab.end)][lab.technique] += 1
    for lab in gold:
        gold_by_span[(lab.article_id, lab.start, lab.end)][lab.technique] += 1

    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for key, pc in pred_by_span.items():
        n_pred.update(pc)
        tp.update(pc & gold_by_span.get(key, Counter()))
    for gc in gold_by_span.values():
        n_gold.update(gc)

    names = set(n_pred) | set(n_gold) | set(techniques or ())
    per = {t: _prf(tp[t], n_pred[t], tp[t], n_gold[t]) for t in names}
    total_tp = sum(tp.values())
    micro = _prf(total_tp, sum(n_pred.values()), total_tp, sum(n_gold.values()))
    return TCScores(micro, per)


def tc_macro_f1(scores: TCScores, techniques: Sequence[str]) -> float:
    """Unweighted mean of per-technique F1 over ``techniques`` (a diagnostic, not official)."""
    if not techniques:
        return 0.0
    f1s = [scores.per_technique[t].f1 if t in scores.per_technique else 0.0 for t in techniques]
    return sum(f1s) / len(f1s)
