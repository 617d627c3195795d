"""Check-worthy claims on news: the claims layer against labelled PolNeAR sentences.

    python benchmarks/news_claims_eval.py [--split dev|train] [--before]

``--split dev`` (the default) scores ``src/unspun/evaluate/data/polnear_dev_news_claims.tsv``
over ``../shared/data/polnear/dev``: the set that is only measured. ``--split train`` scores
the tuning set, ``polnear_train_news_claims.tsv`` over ``../shared/data/polnear/train`` (its
84 articles only): the set the news decision is chosen on. How both were made:
``src/unspun/evaluate/data/README.md``. The metric is :mod:`unspun.evaluate.news_claims`:
F1 of claims against check-worthy labels, F1 of verifiable claims against check-worthy and
verifiable labels, the verifiable rules' accuracy, and per article kind (wire, op-ed, other;
the labels record no kind, the rules of ``news_claims.article_kind`` give it; PolNeAR has no
press releases) and for all articles: the share of all sentences made claims ("flagged")
against the share of labelled sentences labelled check-worthy ("gold cw"), and P, R and F1
against the check-worthy labels. ``--before`` also runs with the never-claim rules off;
``--threshold`` overrides the head's, ``--claims-model DIR`` replaces it,
``--no-figure-factor F`` sets ``ClaimSettings.no_figure_factor`` (the news decision measured
for issue 30; 1.0, off, by default); ``--json FILE``
writes the figures; ``--data`` and ``--labels`` replace the split's.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def _print(title: str, r: dict[str, Any]) -> None:
    print(f"\n== {title} (threshold {r['threshold']:.3f}; {r['labels']} labelled sentences,"
          f" {r['matched']} matched, {r['n']} articles)")
    for key, name in (("check_worthy", "claims vs check-worthy"),
                      ("verifiable_claims", "verifiable claims vs check-worthy+verifiable")):
        f = r[key]
        print(f"{name:46} P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}"
              f"  (gold {f['n_gold']}, predicted {f['n_predicted']})")
    if "check_worthy_ap" in r:
        print(f"{'check-worthiness ranking, average precision':46} {r['check_worthy_ap']:.3f}"
              f"  (a random ranking: {r['flagged_share']['all']['labelled_check_worthy']:.3f})")
    v = r["verifiable_accuracy"]
    print(f"{'verifiable judgement accuracy':46} {v['accuracy']:.3f}  (always 'no':"
          f" {v['always_no']:.3f}, n={v['n']})")
    print(f"{'kind':8}{'articles':>9}{'sentences':>10}{'claims':>8}{'flagged':>9}"
          f"{'labelled':>9}{'gold cw':>9}{'P':>7}{'R':>7}{'F1':>7}")
    for kind, s in r["flagged_share"].items():
        f = s["check_worthy"]
        print(f"{kind:8}{s['articles']:9d}{s['sentences']:10d}{s['claims']:8d}"
              f"{s['flagged']:9.3f}{s['labelled']:9d}{s['labelled_check_worthy']:9.3f}"
              f"{f['precision']:7.3f}{f['recall']:7.3f}{f['f1']:7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev",
                        help="dev: the measured set; train: the tuning set")
    parser.add_argument("--data", type=Path, default=None,
                        help="the PolNeAR split's folder (text/; metadata.tsv beside it)")
    parser.add_argument("--labels", type=Path, default=None, help="another labels TSV")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--claims-model", type=Path, default=None,
                        help="a claims head directory other than the shipped one")
    parser.add_argument("--no-figure-factor", type=float, default=None,
                        help="ClaimSettings.no_figure_factor (default: the settings' 1.0)")
    parser.add_argument("--before", action="store_true",
                        help="also run with the never-claim rules off")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args()

    from unspun.evaluate.news_claims import LABEL_SETS, evaluate_news_claims
    from unspun.settings import DEFAULTS

    rules = DEFAULTS.claims
    if args.no_figure_factor is not None:
        rules = dataclasses.replace(rules, no_figure_factor=args.no_figure_factor)

    data = args.data or POLNEAR / args.split
    labels = args.labels or LABEL_SETS[args.split]
    print(f"$ python benchmarks/news_claims_eval.py --split {args.split} --data {data}"
          + (f" --labels {args.labels}" if args.labels else "")
          + (" --before" if args.before else "")
          + (f" --threshold {args.threshold}" if args.threshold is not None else "")
          + (f" --claims-model {args.claims_model}" if args.claims_model else "")
          + (f" --no-figure-factor {args.no_figure_factor}"
             if args.no_figure_factor is not None else ""))
    results: dict[str, Any] = {}
    runs = [("before", False)] if args.before else []
    for title, on in [*runs, ("after", True)]:
        results[title] = evaluate_news_claims(
            data, labels, never_claims=on, threshold=args.threshold,
            claims_model=args.claims_model, rules=rules,
        )
        _print(f"{title}: never-claim rules {'on' if on else 'off'}", results[title])
    print("\narticle kinds:")
    for kind, names in results["after"]["kinds"].items():
        if kind != "other":
            print(f"  {kind}: " + ", ".join(names))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
