"""Check-worthy claims on news: the claims layer against labelled PolNeAR sentences.

**Labels.** Two sets, made the same way (``data/README.md``), two judgements each:
``check_worthy`` (would a fact-checker want the sentence looked at) and ``verifiable`` (does
it state a fact a record could settle). Columns: ``article`` (file stem), ``start``, ``end``
(character offsets of the sentence in ``<split>/text/<article>.txt``), ``check_worthy``,
``verifiable`` (``yes``/``no``). No article text is stored.

* :data:`LABELS` (``dev``, ``data/polnear_dev_news_claims.tsv``): 477 sentences of the 84
  PolNeAR dev articles (Newell, Margolin & Ruths, LREC 2018). It is only measured: nothing
  in the claims layer is chosen on it.
* :data:`TRAIN_LABELS` (``train``, ``data/polnear_train_news_claims.tsv``): 412 sentences of
  84 PolNeAR train articles (:func:`tuning_articles`: every :data:`TUNING_ARTICLE_STRIDE`-th
  train article in name order). The tuning set: the claims layer's news decision is chosen
  on it.

**Sample** (:func:`sample_sentences`, not chosen by difficulty, the same for both sets):
each article's sentences as the language layer splits them
(:class:`unspun.nlp.pipeline.LanguageLayer`, no publication date), every
:data:`SAMPLE_STRIDE`-th from the first; articles in name order.

**Article kinds** (:func:`article_kind`, from ``metadata.tsv`` beside the split and the
text, first rule that matches):

1. ``wire``: the metadata's ``wire`` column names an agency (AP, UPI, AFP, Reuters), or the
   text carries an agency dateline ("(AP) —") or a Reuters credit line ("(Reporting by");
2. ``op-ed``: a USA TODAY piece without an author (its editorials and readers' letters), or
   a text in which at least :data:`OPED_FIRST_PERSON` sentences use "I", "me" or "my"
   and carry no quotation mark and no interview turn ("PENCE: ...") (a column, an opinion
   piece, a letter);
3. ``other``: news reports, analyses, features.

**Figures** (:func:`evaluate_news_claims`):

* ``check_worthy``: precision, recall and F1 of "the layer makes a Claim of the sentence"
  (any ``verifiable``) against ``check_worthy``;
* ``verifiable_claims``: the same for claims with ``verifiable=True`` against sentences
  labelled both check-worthy and verifiable (the issue's definition of a claim);
* ``check_worthy_ap``: the average precision of the sentences' check-worthiness scores
  (after the rules) against ``check_worthy``: the ranking, whatever the threshold;
* ``verifiable_accuracy``: over every labelled sentence, the share whose rule judgement
  (:func:`unspun.claims.is_verifiable`, computed whatever the score) equals the label; with
  the always-"no" baseline;
* ``flagged_share``: per article kind and for all articles (``all``), the share of *all*
  sentences of those articles that become claims, the share of labelled sentences labelled
  check-worthy (the gold share it should come near), and ``check_worthy`` figures (P, R, F1)
  on that kind's labelled sentences.

The labels file records no article kind: kinds come from the rules above at evaluation
time. PolNeAR holds no press releases (seven news outlets, 12 dev articles each), so the
issue's third kind has no articles here.

``never_claims=False`` turns off the never-claim rules of :mod:`unspun.claims` (credit lines,
datelines, captions, calls to action, exhortations) for the before/after comparison.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unspun.evaluate.checkworthiness import average_precision
from unspun.evaluate.labels import tsv_rows

if TYPE_CHECKING:
    from unspun.nlp.pipeline import LanguageAnalysis
    from unspun.settings import ClaimSettings

__all__ = [
    "KINDS",
    "LABELS",
    "LABEL_SETS",
    "OPED_FIRST_PERSON",
    "SAMPLE_STRIDE",
    "TRAIN_LABELS",
    "TUNING_ARTICLE_STRIDE",
    "SentenceLabel",
    "article_kind",
    "evaluate_news_claims",
    "read_labels",
    "read_metadata",
    "sample_sentences",
    "score_labels",
    "tuning_articles",
]

LABELS = Path(__file__).parent / "data" / "polnear_dev_news_claims.tsv"
"""The labelled PolNeAR dev sentences shipped with the package (measured, never tuned on)."""

TRAIN_LABELS = Path(__file__).parent / "data" / "polnear_train_news_claims.tsv"
"""The labelled PolNeAR train sentences: the tuning set of the news decision."""

LABEL_SETS: dict[str, Path] = {"dev": LABELS, "train": TRAIN_LABELS}
"""The labels file of each PolNeAR split, by split name."""

TUNING_ARTICLE_STRIDE = 10
"""Every tenth PolNeAR train article (name order, from the first) is in the tuning set: 84 of
840, as many as dev, enough for the issue's 400 sentences at :data:`SAMPLE_STRIDE`."""

SAMPLE_STRIDE = 8
"""Every eighth sentence of each article is labelled, starting with the first."""

OPED_FIRST_PERSON = 3
"""Sentences with a first-person singular pronoun outside quotes that make a text an op-ed."""

KINDS: tuple[str, ...] = ("wire", "op-ed", "other")

_COLUMNS = ("article", "start", "end", "check_worthy", "verifiable")
_YES_NO = {"yes": True, "no": False}
_WIRES = frozenset({"ap", "upi", "afp", "reuters"})
_WIRE_TEXT = re.compile(r"\((AP|UPI|AFP|Reuters)\)\s*[—–-]|\(Reporting by\b")
_TRANSCRIPT_TURN = re.compile(r"^\W*[A-Z][A-Z. ]+:")
_FIRST_PERSON = re.compile(r"\b(I|me|[Mm]y)\b")


@dataclass(frozen=True)
class SentenceLabel:
    """The two judgements on one sentence of one article."""

    article: str
    start: int
    end: int
    check_worthy: bool
    verifiable: bool


def read_labels(path: Path = LABELS) -> list[SentenceLabel]:
    """The rows of a labels TSV (module docstring); raises ValueError on a malformed row."""
    out: list[SentenceLabel] = []
    for number, cells in tsv_rows(path, _COLUMNS):
        if cells[3] not in _YES_NO or cells[4] not in _YES_NO:
            row = "\t".join(cells)
            raise ValueError(f"{path}:{number}: malformed row {row!r}")
        out.append(SentenceLabel(
            cells[0], int(cells[1]), int(cells[2]), _YES_NO[cells[3]], _YES_NO[cells[4]]
        ))
    return out


def sample_sentences(analyses: dict[str, LanguageAnalysis]) -> list[tuple[str, int, int]]:
    """The sentences the labels cover: per article (in name order), every
    :data:`SAMPLE_STRIDE`-th sentence from the first, as ``(article, start, end)``."""
    out: list[tuple[str, int, int]] = []
    for name in sorted(analyses):
        sentences = analyses[name].sentences
        out.extend((name, s.start, s.end) for s in sentences[::SAMPLE_STRIDE])
    return out


def tuning_articles(names: Sequence[str]) -> list[str]:
    """The PolNeAR train articles the tuning set samples: every
    :data:`TUNING_ARTICLE_STRIDE`-th of ``names`` in sorted order, from the first."""
    return sorted(names)[::TUNING_ARTICLE_STRIDE]


def read_metadata(path: Path) -> dict[str, dict[str, str]]:
    """PolNeAR's ``metadata.tsv``, by file name; empty when the file is missing."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {row["filename"]: row for row in csv.DictReader(f, delimiter="\t")}


def article_kind(name: str, text: str, meta: dict[str, str] | None = None) -> str:
    """``wire``, ``op-ed`` or ``other`` (the rules of the module docstring)."""
    meta = meta or {}
    wire = (meta.get("wire") or "").strip().lower()
    if wire in _WIRES or _WIRE_TEXT.search(text):
        return "wire"
    author = (meta.get("author") or "").strip()
    if name.startswith("usa-today") and author in ("", "None"):
        return "op-ed"
    first_person = 0
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if _TRANSCRIPT_TURN.match(sentence) or re.search(r"[\"“”]|''", sentence):
            continue  # quoted speech or an interview turn ("PENCE: ...") is not the writer
        if _FIRST_PERSON.search(sentence):
            first_person += 1
    return "op-ed" if first_person >= OPED_FIRST_PERSON else "other"


def _prf(gold: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float | int]:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    n_pred, n_gold = sum(predicted), sum(gold)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "n_gold": n_gold, "n_predicted": n_pred}


def score_labels(
    labels: Sequence[SentenceLabel],
    predictions: dict[tuple[str, int, int], tuple[bool, bool, bool]],
    kinds: dict[str, str],
    flagged: dict[str, tuple[int, int]],
    scores: dict[tuple[str, int, int], float] | None = None,
) -> dict[str, Any]:
    """The figures from per-sentence predictions ``(claim, verifiable claim, verifiable)``
    keyed by ``(article, start, end)``, each article's kind and its ``(claims, sentences)``.
    A labelled sentence with no prediction counts as no claim, not verifiable. With the
    sentences' check-worthiness ``scores``, also the average precision of their ranking
    against the check-worthy labels (``check_worthy_ap``: no threshold in it)."""
    missing = (False, False, False)
    keys = [(lab.article, lab.start, lab.end) for lab in labels]
    preds = [predictions.get(key, missing) for key in keys]
    gold_v = [lab.verifiable for lab in labels]
    right = sum(p[2] == g for p, g in zip(preds, gold_v, strict=True))
    share: dict[str, dict[str, Any]] = {}
    for kind in (*KINDS, "all"):
        names = [a for a, k in kinds.items() if kind in (k, "all")]
        claims = sum(flagged[a][0] for a in names if a in flagged)
        sentences = sum(flagged[a][1] for a in names if a in flagged)
        rows = [i for i, lab in enumerate(labels) if kind in (kinds.get(lab.article), "all")]
        share[kind] = {
            "articles": len(names), "sentences": sentences, "claims": claims,
            "flagged": claims / sentences if sentences else 0.0,
            "labelled": len(rows),
            "labelled_check_worthy": (
                sum(labels[i].check_worthy for i in rows) / len(rows) if rows else 0.0
            ),
            "check_worthy": _prf([labels[i].check_worthy for i in rows],
                                 [preds[i][0] for i in rows]),
        }
    ranking = {}
    if scores is not None:
        ranking["check_worthy_ap"] = average_precision(
            [lab.check_worthy for lab in labels], [scores.get(key, 0.0) for key in keys]
        )
    return {
        **ranking,
        "labels": len(labels),
        "matched": sum(key in predictions for key in keys),
        "check_worthy": _prf([lab.check_worthy for lab in labels], [p[0] for p in preds]),
        "verifiable_claims": _prf(
            [lab.check_worthy and lab.verifiable for lab in labels], [p[1] for p in preds]
        ),
        "verifiable_accuracy": {
            "accuracy": right / len(labels) if labels else 0.0,
            "always_no": gold_v.count(False) / len(labels) if labels else 0.0,
            "n": len(labels),
        },
        "flagged_share": share,
    }


def evaluate_news_claims(
    data: Path,
    labels_path: Path = LABELS,
    *,
    never_claims: bool = True,
    threshold: float | None = None,
    metadata: Path | None = None,
    claims_model: Path | None = None,
    rules: ClaimSettings | None = None,
) -> dict[str, Any]:
    """Run the language layer, the shared encoder and the claims head (the shipped one, or
    the one in ``claims_model``) over every labelled article of the PolNeAR split ``data``
    (``text/`` in it; the labels name the split's articles, all 84 of dev, the tuning
    subset of train) and score them. ``rules`` replace the default claim rules (a candidate
    news decision, measured before it ships)."""
    from unspun.claims import load_claims_head, score_sentences
    from unspun.nlp.pipeline import LanguageLayer
    from unspun.resources.encoder import Encoder
    from unspun.settings import DEFAULTS

    labels = read_labels(labels_path)
    meta = read_metadata(metadata or data.parent / "metadata.tsv")
    language = LanguageLayer(settings=DEFAULTS.language)
    encoder = Encoder.load(DEFAULTS.models.encoder, DEFAULTS.encoder.threads)
    head = load_claims_head(claims_model or DEFAULTS.models.claims)
    th = head.threshold if threshold is None else threshold
    predictions: dict[tuple[str, int, int], tuple[bool, bool, bool]] = {}
    ranked: dict[tuple[str, int, int], float] = {}
    kinds: dict[str, str] = {}
    flagged: dict[str, tuple[int, int]] = {}
    for name in sorted({lab.article for lab in labels}):
        path = data / "text" / f"{name}.txt"
        text = path.read_text(encoding="utf-8")
        kinds[path.stem] = article_kind(path.stem, text, meta.get(path.stem))
        analysis = language.analyze(text, None)
        scores = score_sentences(
            analysis, encoder.encode(text), head, rules or DEFAULTS.claims,
            never_claims=never_claims,
        )
        for s in scores:
            claim = s.score >= th
            predictions[(path.stem, s.start, s.end)] = (claim, claim and s.verifiable,
                                                        s.verifiable)
            ranked[(path.stem, s.start, s.end)] = s.score
        flagged[path.stem] = (sum(s.score >= th for s in scores), len(scores))
    result = score_labels(labels, predictions, kinds, flagged, ranked)
    result.update({
        "n": len(kinds), "threshold": th, "never_claims": never_claims,
        "kinds": {k: sorted(a for a, v in kinds.items() if v == k) for k in KINDS},
    })
    return result
