"""Speaker kinds on PolNeAR dev: how often the quotes layer gives a speaker the right kind.

**Labels.** :data:`LABELS` (``data/polnear_dev_speaker_kinds.tsv``, how it was made in
``data/README.md``) gives a kind to 678 gold Source spans of PolNeAR dev: the first
annotator's file of every article (as :func:`unspun.evaluate.polnear.read_split` reads it),
its distinct Source spans sorted by ``(start, end)``, every third one from the first
(:func:`sample_sources`). Columns: ``article``, ``source_start``, ``source_end``,
``source_text`` (tabs and line breaks written as spaces), ``kind``, ``note``. A kind is one of
:data:`KINDS` (:mod:`unspun.quotes.kinds`) or ``none``: a Source that is no speaker at all ("a
problem that demands…", "the truck story suggests…"), kept so that the sample stays whole
but left out of every figure below.

**Items.** Every gold attribution (whatever its cue) whose Source span is labelled with a
kind. Several attributions may share one Source span: each counts.

**Matching.** As :mod:`unspun.evaluate.polnear` does: an attribution is matched when a
predicted quote shares at least half of the shorter of the two content spans
(:func:`unspun.evaluate.polnear._matches`); its prediction is the best-overlapping matched
quote (the first one on a tie).

**Figures.**

* ``kind_accuracy`` (a): over matched attributions whose predicted speaker has a written span
  (``speaker.start``/``speaker.end``) sharing at least one character with the gold Source
  span, the share whose ``speaker.kind`` equals the label. A wrong or missing mention is not
  counted here, so that mention errors do not count as kind errors.
* ``kind_accuracy_all_matched`` (b): over all matched attributions, the share right as in
  (a); a prediction with no speaker, or whose speaker span misses the gold Source, is wrong
  (counted in ``no_speaker`` and ``other_mention``).
* ``confusion``: over the items of (a), gold kind → predicted kind → count (a speaker
  without a kind is ``"none"``).
* ``per_kind``: over the items of (a), for each kind, precision (right / predicted with that
  kind), recall (right / gold with that kind), and both counts.
* ``person_baseline``: over the items of (a), the share labelled ``person`` (what always
  answering "person" would score).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unspun.evaluate.labels import tsv_rows
from unspun.evaluate.polnear import Article, _chars, _matches, read_split

if TYPE_CHECKING:
    from unspun.nlp.pipeline import LanguageLayer
    from unspun.report import Quote

__all__ = [
    "KINDS",
    "LABELS",
    "NOT_A_SPEAKER",
    "SAMPLE_STRIDE",
    "SourceLabel",
    "evaluate_speaker_kinds",
    "read_labels",
    "sample_sources",
    "score_kinds",
]

KINDS: tuple[str, ...] = (
    "person", "organisation", "role", "vague", "anonymous", "author", "document",
)
"""The speaker kinds of :mod:`unspun.quotes.kinds`, in the order figures are printed."""

NOT_A_SPEAKER = "none"
"""The label of a gold Source that is no speaker (left out of the figures)."""

LABELS = Path(__file__).parent / "data" / "polnear_dev_speaker_kinds.tsv"
"""The labelled PolNeAR dev Sources shipped with the package."""

SAMPLE_STRIDE = 3
"""Every third distinct Source span of each article is labelled (:func:`sample_sources`)."""

_COLUMNS = ("article", "source_start", "source_end", "source_text", "kind", "note")


@dataclass(frozen=True)
class SourceLabel:
    """The kind of one gold Source span of one article."""

    article: str
    start: int
    end: int
    text: str
    kind: str
    note: str = ""


def read_labels(path: Path = LABELS) -> list[SourceLabel]:
    """The rows of a labels TSV (module docstring); raises ValueError on a malformed row."""
    labels: list[SourceLabel] = []
    for number, cells in tsv_rows(path, _COLUMNS):
        article, start, end, text, kind, note = cells
        if kind not in KINDS and kind != NOT_A_SPEAKER:
            raise ValueError(f"{path}:{number}: unknown kind {kind!r}")
        labels.append(SourceLabel(article, int(start), int(end), text, kind, note))
    return labels


def sample_sources(articles: Sequence[Article]) -> list[tuple[str, int, int]]:
    """The Source spans the labels cover: per article, its distinct gold Source spans sorted
    by ``(start, end)``, every :data:`SAMPLE_STRIDE`-th from the first; articles in order."""
    out: list[tuple[str, int, int]] = []
    for article in articles:
        spans = sorted({g.source for g in article.gold if g.source is not None})
        out.extend((article.name, start, end) for start, end in spans[::SAMPLE_STRIDE])
    return out


def _overlaps(quote: Quote, source: tuple[int, int]) -> bool:
    speaker = quote.speaker
    if speaker is None or speaker.start is None or speaker.end is None:
        return False
    return speaker.start < source[1] and source[0] < speaker.end


def score_kinds(
    articles: Sequence[Article],
    labels: Sequence[SourceLabel],
    errors_out: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Kind accuracy and confusion over scored articles (module docstring for the figures).

    ``errors_out``, when given, receives one dict per item of (a) whose kind is wrong:
    ``article``, ``source`` (gold text), ``speaker`` (predicted text), ``gold``,
    ``predicted``, ``note``."""
    by_span = {(lab.article, lab.start, lab.end): lab for lab in labels}
    wanted = {lab.article for lab in labels}
    items = matched = scored = right = no_speaker = other_mention = 0
    gold_kinds: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    for article in articles:
        if article.name not in wanted:
            continue
        preds = [(q, set(range(q.start, q.end))) for q in article.predicted]
        for g in article.gold:
            if g.source is None:
                continue
            label = by_span.get((article.name, g.source[0], g.source[1]))
            if label is None or label.kind == NOT_A_SPEAKER:
                continue
            items += 1
            gold_kinds[label.kind] += 1
            chars = _chars(g.content)
            overlaps = [(o, q) for q, p in preds if (o := _matches(p, chars))]
            if not overlaps:
                continue
            matched += 1
            best = max(overlaps, key=lambda oq: oq[0])[1]
            if best.speaker is None:
                no_speaker += 1
                continue
            if not _overlaps(best, g.source):
                other_mention += 1
                continue
            scored += 1
            predicted = best.speaker.kind or NOT_A_SPEAKER
            confusion[label.kind][predicted] += 1
            if predicted == label.kind:
                right += 1
            elif errors_out is not None:
                errors_out.append({
                    "article": article.name, "source": label.text,
                    "speaker": best.speaker.text, "gold": label.kind,
                    "predicted": predicted, "note": label.note,
                })
    per_kind: dict[str, dict[str, float | int]] = {}
    for kind in KINDS:
        gold_n = sum(confusion[kind].values())
        predicted_n = sum(row[kind] for row in confusion.values())
        hits = confusion[kind][kind]
        per_kind[kind] = {
            "precision": _share(hits, predicted_n), "recall": _share(hits, gold_n),
            "gold_n": gold_n, "predicted_n": predicted_n,
        }
    persons = sum(confusion["person"].values())
    return {
        "items": items,
        "items_by_kind": {k: gold_kinds[k] for k in KINDS},
        "matched": matched,
        "kind_accuracy": {"accuracy": _share(right, scored), "n": scored},
        "kind_accuracy_all_matched": {
            "accuracy": _share(right, matched), "n": matched,
            "no_speaker": no_speaker, "other_mention": other_mention,
        },
        "confusion": {
            k: {p: n for p, n in sorted(row.items())} for k, row in confusion.items()
        },
        "per_kind": per_kind,
        "person_baseline": _share(persons, scored),
    }


def _share(right: int, n: int) -> float:
    return round(right / n, 4) if n else 0.0


def evaluate_speaker_kinds(
    data_dir: Path,
    labels: Path = LABELS,
    *,
    layer: LanguageLayer | None = None,
    errors_out: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Score the speaker kinds of the quotes layer on PolNeAR dev (module docstring).

    ``data_dir`` is the dev split (holding ``text/`` and ``attributions/``) or the corpus
    root. Only the articles the labels name are analysed; each goes through
    :class:`unspun.nlp.LanguageLayer` (no extraction) and :func:`unspun.quotes.find_quotes`,
    as :func:`unspun.evaluate.polnear.evaluate_polnear` does. The result also holds
    ``labels`` (rows read), ``not_a_speaker`` (rows labelled ``none``) and ``n`` (articles
    scored)."""
    from unspun.nlp import LanguageLayer
    from unspun.quotes import find_quotes

    data_dir = Path(data_dir)
    split_dir = data_dir if (data_dir / "text").is_dir() else data_dir / "dev"
    if not (split_dir / "text").is_dir():
        raise FileNotFoundError(f"no PolNeAR split (text/ and attributions/) in {data_dir}")
    rows = read_labels(labels)
    wanted = {row.article for row in rows}
    articles = [a for a in read_split(split_dir) if a.name in wanted]
    missing = wanted - {a.name for a in articles}
    if missing:
        raise FileNotFoundError(f"{len(missing)} labelled articles not in {split_dir}")
    language = layer or LanguageLayer()
    for article in articles:
        analysis = language.analyze(article.text, None)
        article.entities = analysis.entities
        article.predicted = find_quotes(analysis, article.text)
    result = score_kinds(articles, rows, errors_out)
    return {
        "labels": len(rows),
        "not_a_speaker": sum(1 for row in rows if row.kind == NOT_A_SPEAKER),
        "n": len(articles),
        **result,
    }
