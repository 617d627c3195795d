"""Speaker kinds on PolNeAR dev: the quotes layer's ``speaker.kind`` against labelled Sources.

    python benchmarks/speaker_kinds_eval.py --data ../shared/data/polnear/dev [--errors N]

The labels are ``src/unspun/evaluate/data/polnear_dev_speaker_kinds.tsv`` (how they were made:
``src/unspun/evaluate/data/README.md``); the metric is :mod:`unspun.evaluate.speaker_kinds`:
(a) kind accuracy over matched attributions whose predicted speaker span overlaps the gold
Source, (b) the same over all matched attributions (no speaker or another mention is wrong),
the confusion matrix of (a) and per-kind precision and recall. ``--errors N`` prints N kind
errors of (a) per (gold, predicted) pair; ``--json FILE`` writes the figures.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "dev"


def _print(result: dict[str, Any]) -> None:
    from unspun.evaluate.speaker_kinds import KINDS, NOT_A_SPEAKER

    print(f"{result['labels']} labelled Sources ({result['not_a_speaker']} not a speaker) in"
          f" {result['n']} articles; {result['items']} gold attributions with a labelled kind,"
          f" {result['matched']} matched by a predicted quote")
    print("labelled attributions by kind: " + ", ".join(
        f"{k} {n}" for k, n in result["items_by_kind"].items()))
    a = result["kind_accuracy"]
    b = result["kind_accuracy_all_matched"]
    print(f"(a) kind accuracy, speaker span on the gold Source: {a['accuracy']:.3f}"
          f"  (n={a['n']}; always 'person': {result['person_baseline']:.3f})")
    print(f"(b) kind accuracy, all matched attributions:        {b['accuracy']:.3f}"
          f"  (n={b['n']}; no speaker {b['no_speaker']}, other mention"
          f" {b['other_mention']})")
    columns = [*KINDS, NOT_A_SPEAKER]
    short = {k: k[:5] for k in columns}
    print("\nconfusion of (a), gold (rows) x predicted (columns):")
    print(f"{'':14}" + "".join(f"{short[c]:>7}" for c in columns))
    for kind in KINDS:
        row = result["confusion"][kind]
        print(f"{kind:14}" + "".join(f"{row.get(c, 0):7d}" for c in columns))
    print(f"\n{'kind':14}{'P':>7}{'R':>7}{'gold':>7}{'pred':>7}")
    for kind, f in result["per_kind"].items():
        print(f"{kind:14}{f['precision']:7.3f}{f['recall']:7.3f}{f['gold_n']:7d}"
              f"{f['predicted_n']:7d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="PolNeAR dev split (text/ and attributions/) or the corpus root")
    parser.add_argument("--labels", type=Path, default=None, help="another labels TSV")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N kind errors per (gold, predicted) pair")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args()

    from unspun.evaluate.speaker_kinds import LABELS, evaluate_speaker_kinds

    errors: list[dict[str, Any]] = []
    result = evaluate_speaker_kinds(args.data, args.labels or LABELS, errors_out=errors)
    print(f"$ python benchmarks/speaker_kinds_eval.py --data {args.data}"
          + (f" --labels {args.labels}" if args.labels else "")
          + (f" --errors {args.errors}" if args.errors else ""))
    _print(result)
    if args.errors:
        pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for error in errors:
            pairs[(error["gold"], error["predicted"])].append(error)
        print("\nkind errors of (a), gold -> predicted:")
        for (gold, predicted), found in sorted(pairs.items(), key=lambda kv: -len(kv[1])):
            print(f"  {gold} -> {predicted}: {len(found)}")
            for error in found[: args.errors]:
                note = f"  [{error['note']}]" if error["note"] else ""
                print(f"    {error['speaker']!r} ({error['article']}){note}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
