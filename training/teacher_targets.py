"""Soft targets of a teacher technique model on the training articles of one fold (issue 29).

    python -m training.teacher_targets --teacher runs/teacher-mpnet-f0/model \
        --encoder-file encoder.onnx --data ../shared/data/ptc --fold 0 --folds 5 \
        --out runs/targets-f0

Only the TRAINING articles of the fold split (:func:`training.ptc_data.training_split`, the
seed of :mod:`training.techniques`) are run: the held-out fold must stay unseen by the
student. One ``OUT/<article id>.npz`` per article holds

- ``p_span`` (float16, one per character of the article text): P(B) + P(I) of the teacher
  token covering the character (CRF marginals where the teacher has a CRF), 0 outside
  tokens. Per character because the teacher's tokenizer is not the student's;
- ``spans`` (k, 2) the article's distinct gold TC spans [start, end) and ``tc_probs``
  (k, n_techniques) the teacher's technique distribution over each.

``OUT/meta.json`` records the split and the teacher. Articles already written are skipped,
so a killed run goes on where it stopped.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from training.ptc_data import Article, load_ptc, training_split
from unspun.techniques.model import TechniqueModel

META = "meta.json"


@dataclass(slots=True)
class TeacherTargets:
    p_span: np.ndarray  # (n_chars,) float16
    spans: list[tuple[int, int]]
    tc_probs: np.ndarray  # (len(spans), n_techniques)


def char_span_probs(span_probs: np.ndarray, offsets: np.ndarray, n_chars: int) -> np.ndarray:
    """Per character, the span probability of the token covering it (0 outside tokens)."""
    out = np.zeros(n_chars, np.float32)
    for p, (s, e) in zip(span_probs, offsets, strict=True):
        out[s:e] = np.maximum(out[s:e], p)
    return out.astype(np.float16)


def token_targets(p_span: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Per (student) token, the mean character span probability over its characters;
    NaN for a token that covers no character (no target)."""
    csum = np.concatenate([[0.0], np.cumsum(p_span.astype(np.float64))])
    s, e = offsets[:, 0], offsets[:, 1]
    width = e - s
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (csum[e] - csum[s]) / width
    return np.where(width > 0, mean, np.nan).astype(np.float32)


def teacher_targets(model: TechniqueModel, article: Article) -> TeacherTargets:
    """Run the teacher over one article."""
    encoded = model.encode(article.text)
    probs = model.tag_probs(encoded)
    p_span = char_span_probs(probs[:, 1] + probs[:, 2], encoded.tokens.offsets, len(article.text))
    spans = list(article.span_labels())
    tc = model.technique_probs(encoded, spans)
    return TeacherTargets(p_span, spans, np.asarray(tc, np.float32))


def save_targets(path: Path, t: TeacherTargets) -> None:
    tmp = path.with_name(path.name + ".tmp.npz")
    spans = np.asarray(t.spans, np.int64).reshape(-1, 2)
    np.savez(tmp, p_span=t.p_span, spans=spans, tc_probs=t.tc_probs)
    tmp.replace(path)


def load_targets(
    directory: str | Path, article_ids: Sequence[str], fold: int, folds: int, seed: int
) -> dict[str, TeacherTargets]:
    """The targets of those of ``article_ids`` that have a file in ``directory``, which must
    have been written for the same fold split (or a fold's held-out articles could leak)."""
    d = Path(directory)
    meta = json.loads((d / META).read_text("utf-8"))
    split = {"fold": fold, "folds": folds, "seed": seed}
    if {k: meta[k] for k in split} != split:
        raise SystemExit(f"{d}: targets of split { {k: meta[k] for k in split} }, not {split}")
    out = {}
    for aid in article_ids:
        path = d / f"{aid}.npz"
        if path.is_file():
            with np.load(path) as z:
                spans = [(int(s), int(e)) for s, e in z["spans"]]
                out[aid] = TeacherTargets(z["p_span"], spans, z["tc_probs"])
    return out


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--teacher", required=True, help="exported teacher model directory")
    p.add_argument("--encoder-file", default="encoder.onnx")
    p.add_argument("--data", required=True, help="PTC directory")
    p.add_argument("--fold", type=int, required=True, help="held-out fold (-1: all articles)")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=13, help="the fold seed of training.techniques")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--limit", type=int, default=0, help="only the first N training articles")
    p.add_argument("--out", required=True)
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    articles, techniques = load_ptc(args.data)
    train, held_out = training_split(articles, args.folds, args.fold, args.seed)
    if args.limit:
        train = train[: args.limit]
    model = TechniqueModel.load(args.teacher, threads=args.threads, encoder_file=args.encoder_file)
    if list(model.config.techniques) != list(techniques):
        raise SystemExit("the teacher's techniques differ from the data's techniques.txt")
    meta = {
        "teacher": str(args.teacher), "encoder_file": args.encoder_file, "fold": args.fold,
        "folds": args.folds, "seed": args.seed, "techniques": techniques,
        "train_ids": [a.article_id for a in train],
        "held_out_ids": [a.article_id for a in held_out],
    }  # fmt: skip
    (out / META).write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    t0 = time.time()
    for k, a in enumerate(train, 1):
        path = out / f"{a.article_id}.npz"
        if path.is_file():
            continue
        save_targets(path, teacher_targets(model, a))
        print(f"{k}/{len(train)} {a.article_id} {len(a.text)} chars "
              f"{(time.time() - t0) / 60:.1f} min", flush=True)
    print(f"done: {len(train)} articles in {out}", flush=True)


if __name__ == "__main__":
    main()
