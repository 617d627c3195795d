"""How reliable the shipped technique model is, per technique: the figures the report shows.

    python -m training.reliability --data ../shared/data/ptc
    python -m training.reliability --data ../shared/data/ptc --scores runs/si-decoding-X.json

Writes ``src/unspun/models/techniques/reliability.json``, which
:mod:`unspun.techniques.reliability` turns into words ("usually right", ...) for the report.

Where each figure comes from:

* ``gold_fragments``: counted here, the lines per technique of PTC's
  ``train-task-flc-tc.labels`` (one line per technique on a fragment; 6,128 lines), the same as
  ``cut -f2 ../shared/data/ptc/train-task-flc-tc.labels | sort | uniq -c``.
* Without ``--scores``, the out-of-fold figures of the shipped model as recorded on
  2026-12-03 (:data:`RECORDED`), from the 5-fold table of
  ``src/unspun/models/techniques/MODEL_CARD.md`` ("Measured figures") and the end of
  ``docs/training-history.md`` (TC F1 per technique). They were printed by
  :data:`RECORDED_COMMAND`, whose output file (``runs/si-decoding-soup-e3e4.json``) is gone:

  - ``si.f1``: the out-of-fold SI F1 as the model card gives it unrounded, 0.4515 (each fold
    decoded with the decoding chosen on the other four);
  - ``si.precision`` / ``si.recall``: the means of the card's per-fold SI P / R (same
    decoding);
  - ``tc.micro_f1``, ``tc.macro_f1``: the card's means over the five folds;
  - ``techniques.*.tc_f1``: TC F1 per technique, mean over the five folds, two decimals, for
    the eight techniques the training history names; the other six were not written down
    and are null. ``tc.unmeasured_mean_f1`` is what the macro-F1 leaves for them.

* With ``--scores FILE`` (what ``python -m training.si_decoding ... --out FILE`` writes), the
  same figures from that run instead, every technique measured; name its command with
  ``--command`` so that the JSON says where they come from.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from unspun.evaluate.ptc import read_tc_labels
from unspun.settings import SHIPPED_MODELS
from unspun.techniques import TECHNIQUE_IDS

OUT = SHIPPED_MODELS / "techniques" / "reliability.json"
RECORDED_DATE = "2026-12-03"
RECORDED_COMMAND = (
    "python -m training.si_decoding --data ../shared/data/ptc --fold-models"
    " runs/soup-f{0,1,2,3,4}-e3e4/model --window-blend on --out runs/si-decoding-soup-e3e4.json"
)
RECORDED_SOURCE = (
    "src/unspun/models/techniques/MODEL_CARD.md (Measured figures: 5-fold table) and"
    " docs/training-history.md (TC F1 per technique, mean of the five fold soups)"
)
_FOLD_SI_PRECISION = (0.356, 0.412, 0.482, 0.385, 0.386)
_FOLD_SI_RECALL = (0.535, 0.515, 0.483, 0.513, 0.538)
RECORDED: dict[str, Any] = {
    "si": {
        "f1": 0.4515,
        "precision": round(statistics.mean(_FOLD_SI_PRECISION), 3),
        "recall": round(statistics.mean(_FOLD_SI_RECALL), 3),
    },
    "tc": {"micro_f1": 0.644, "macro_f1": 0.461},
    "tc_f1": {
        "Loaded_Language": 0.79,
        "Name_Calling,Labeling": 0.76,
        "Flag-Waving": 0.64,
        "Repetition": 0.59,
        "Bandwagon,Reductio_ad_hitlerum": 0.28,
        "Thought-terminating_Cliches": 0.26,
        "Black-and-White_Fallacy": 0.25,
        "Whataboutism,Straw_Men,Red_Herring": 0.20,
    },
}


def gold_fragments(labels: Path) -> dict[str, int]:
    """Label lines per catalogue technique in a PTC TC label file (0 where it has none)."""
    counts = Counter(line.technique for line in read_tc_labels(labels))
    unknown = sorted(set(counts) - set(TECHNIQUE_IDS))
    if unknown:
        raise SystemExit(f"{labels}: techniques the catalogue does not know: {unknown}")
    return {technique: counts[technique] for technique in TECHNIQUE_IDS}


def from_scores(scores: dict[str, Any]) -> dict[str, Any]:
    """The figures of :data:`RECORDED`'s shape from a ``training.si_decoding --out`` file."""
    held = scores["out_of_fold"]
    return {
        "si": {
            key: round(statistics.mean(fold[key] for fold in held), 4)
            for key in ("f1", "precision", "recall")
        },
        "tc": {
            key: round(statistics.mean(scores[f"tc_{key}"]), 4)
            for key in ("micro_f1", "macro_f1")
        },
        "tc_f1": {k: round(v, 2) for k, v in scores["tc_f1_per_technique"].items()},
    }


def reliability(
    figures: dict[str, Any], fragments: dict[str, int], provenance: dict[str, str]
) -> dict[str, Any]:
    """The content of reliability.json."""
    tc_f1: dict[str, float] = figures["tc_f1"]
    unmeasured = [t for t in TECHNIQUE_IDS if t not in tc_f1]
    tc = dict(figures["tc"])
    if unmeasured:
        # Macro-F1 is the mean over all 14, so it fixes the mean of the unmeasured ones.
        rest = figures["tc"]["macro_f1"] * len(TECHNIQUE_IDS) - sum(tc_f1.values())
        tc["unmeasured_mean_f1"] = round(rest / len(unmeasured), 2)
    return {
        "version": 1,
        "about": (
            "Out-of-fold reliability of the shipped technique model's recipe (5-fold"
            " cross-validation by article on the PTC training articles, int8 as shipped; the"
            " provenance names the fold models): SI F1 for finding"
            " technique fragments, TC F1 per technique for naming the technique of a gold"
            " fragment (null: not recorded), and the technique's gold fragments in PTC train."
        ),
        "provenance": provenance,
        "si": figures["si"],
        "tc": tc,
        "techniques": {
            t: {"tc_f1": tc_f1.get(t), "gold_fragments": fragments[t]} for t in TECHNIQUE_IDS
        },
    }


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    p.add_argument("--data", required=True, help="the PTC folder (train-task-flc-tc.labels)")
    p.add_argument("--scores", help="a training.si_decoding --out file (default: recorded)")
    p.add_argument("--command", help="the command that wrote --scores")
    p.add_argument("--date", help="when --scores was measured (default: today)")
    p.add_argument("--out", default=str(OUT))
    args = p.parse_args(argv)

    labels = Path(args.data) / "train-task-flc-tc.labels"
    fragments = gold_fragments(labels)
    if args.scores:
        if not args.command:
            p.error("--scores needs --command: the JSON must say where its figures come from")
        figures = from_scores(json.loads(Path(args.scores).read_text("utf-8")))
        source, command = args.scores, args.command
        date = args.date or datetime.date.today().isoformat()
    else:
        figures, source, command, date = RECORDED, RECORDED_SOURCE, RECORDED_COMMAND, RECORDED_DATE
    provenance = {
        "source": source,
        "date": date,
        "command": command,
        "gold_fragments": f"lines per technique of ptc/{labels.name}",
        "written_by": "python -m training.reliability --data ../shared/data/ptc"
        + (f" --scores {args.scores}" if args.scores else ""),
    }
    text = json.dumps(reliability(figures, fragments, provenance), indent=1, ensure_ascii=False)
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {sum(fragments.values()):,} gold fragments, "
          f"{len(figures['tc_f1'])} of {len(TECHNIQUE_IDS)} techniques with a TC F1")


if __name__ == "__main__":
    main()
