"""The reference scale: summary figures of unspun's own reports over two reference sets.

    python -m training.reference_scale --data ../shared/data --out src/unspun/models/reference

Runs the Analyzer (the layers the figures need: sentences, quotes, claims, techniques) over

* ``mainstream``: every PolNeAR text (``polnear/train/text`` and ``polnear/dev/text``, 924
  US political news articles from seven publishers, 2015-16), and
* ``propaganda``: every PTC training article (``ptc/train-articles``, 371 articles from
  outlets annotated for propaganda techniques, SemEval-2020 Task 11),

and, per article, the figures of :data:`unspun.reference.FIGURES` (techniques, claims and
quotes per 1,000 words, share of sentences with a technique) from the report's summary.
Writes the sorted values of each figure per set to ``reference_scale.json`` and the model
card to ``MODEL_CARD.md`` in ``--out``: what :mod:`unspun.reference` places an article
against.

Each article's counts are cached, one JSON line each, under ``--cache``: a rerun (after an
interruption, or to rewrite the card) analyses only the articles not yet there. Delete the
cache when the models or the layers change. ``--sample N`` takes every k-th article of each
set (by sorted name) so that a set has about N: deterministic, for a quicker run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import multiprocessing
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unspun import __version__
from unspun.analyzer import Analyzer
from unspun.errors import UnspunError
from unspun.render.summary import summarise, word_count
from unspun.settings import ModelPaths

_T0 = time.monotonic()
LAYERS = ("sentences", "quotes", "claims", "techniques")
"""The layers the figures need; entities and dates do not change them."""
COUNTS = ("words", "sentences", "techniques", "sentences_with_technique", "claims", "quotes")

def log(msg: str) -> None:
    print(f"[reference {time.monotonic() - _T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class ReferenceSet:
    key: str
    description: str
    folders: tuple[str, ...]
    """Folders of ``.txt`` articles, relative to ``--data``."""

    def files(self, data: Path) -> list[Path]:
        return sorted((p for f in self.folders for p in (data / f).glob("*.txt")),
                      key=lambda p: (p.name, str(p)))


SETS = (
    ReferenceSet(
        "mainstream",
        "PolNeAR (Newell et al., LREC 2018), train and dev: US political news from Breitbart,"
        " HuffPost, The New York Times, Politico, USA Today, The Washington Post and The"
        " Western Journal, November 2015 to November 2016",
        ("polnear/train/text", "polnear/dev/text"),
    ),
    ReferenceSet(
        "propaganda",
        "PTC v2 (Da San Martino et al., SemEval-2020 Task 11), the training articles: news"
        " articles from propagandistic and other outlets (as Media Bias/Fact Check rated them),"
        " annotated fragment by fragment for 14 propaganda techniques",
        ("ptc/train-articles",),
    ),
)


def sample(files: list[Path], size: int | None) -> list[Path]:
    """Every k-th file, so that about ``size`` remain (all of them without a size)."""
    if size is None or size >= len(files):
        return files
    step = len(files) / size
    return [files[int(i * step)] for i in range(size)]


_analyzer: Analyzer | None = None


def _init_worker() -> None:
    global _analyzer
    _analyzer = Analyzer(LAYERS).load()


def _counts(task: tuple[str, str]) -> dict[str, Any]:
    """The summary counts of one article (or why it has none)."""
    key, path = task
    assert _analyzer is not None
    start = time.perf_counter()
    row: dict[str, Any] = {"set": key, "name": Path(path).name}
    try:
        summary = summarise(_analyzer.analyze(Path(path)))
    except UnspunError as error:
        row["error"] = f"{type(error).__name__}: {error}"
    else:
        row.update({name: getattr(summary, name) for name in COUNTS})
    row["seconds"] = round(time.perf_counter() - start, 3)
    return row


def read_cache(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    if path.is_file():
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows[(row["set"], row["name"])] = row
    return rows


def analyse(tasks: Sequence[tuple[str, str]], workers: int,
            done: Callable[[dict[str, Any]], None]) -> None:
    if not tasks:
        return
    rows: Iterator[dict[str, Any]]
    if workers <= 1:
        _init_worker()
        rows = map(_counts, tasks)
        for row in rows:
            done(row)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker) as pool:
        for row in pool.imap(_counts, tasks, chunksize=1):
            done(row)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def model_identity() -> dict[str, str]:
    """The model files the figures were computed with, by SHA-256 (first 16 hex digits)."""
    models = ModelPaths()
    files = {
        "techniques/encoder.int8.onnx": models.encoder / "encoder.int8.onnx",
        "techniques/heads.npz": models.techniques / "heads.npz",
        "techniques/config.json": models.techniques / "config.json",
        "techniques/tc_ngrams.npz": models.techniques / "tc_ngrams.npz",
        "claims/claims_head.npz": models.claims / "claims_head.npz",
        "claims/claims.json": models.claims / "claims.json",
        "claims/claims_ngrams.npz": models.claims / "claims_ngrams.npz",
        "speakers/speaker_resolver.json": models.speakers / "speaker_resolver.json",
    }
    return {name: _sha256(path)[:16] for name, path in files.items() if path.is_file()}


def scale(rows: Sequence[dict[str, Any]], chosen: dict[str, list[Path]],
          seconds: float, command: str) -> dict[str, Any]:
    """The shipped JSON: per set, its description, size and the sorted values of each figure."""
    from unspun.reference import FIGURES, figures_of

    sets: dict[str, Any] = {}
    for ref in SETS:
        names = {p.name for p in chosen[ref.key]}
        ok = [r for r in rows if r["set"] == ref.key and r["name"] in names and "error" not in r]
        values: dict[str, list[float]] = {figure.key: [] for figure in FIGURES}
        for row in ok:
            for key, value in figures_of(row).items():
                if value is not None:
                    values[key].append(round(value, 4))
        sets[ref.key] = {
            "label": REF_LABELS[ref.key],
            "description": ref.description,
            "articles": len(names),
            "analysed": len(ok),
            "words": sum(r["words"] for r in ok),
            "values": {key: sorted(v) for key, v in values.items()},
        }
    return {
        "version": 1,
        "date": dt.date.today().isoformat(),
        "unspun_version": __version__,
        "layers": list(LAYERS),
        "models": model_identity(),
        "command": command,
        "seconds": round(seconds),
        "figures": {figure.key: figure.description for figure in FIGURES},
        "sets": sets,
    }


REF_LABELS = {
    "mainstream": "mainstream news reference articles",
    "propaganda": "propaganda-annotated reference articles",
}


def _fmt(value: float, key: str) -> str:
    return f"{value:.0%}" if key.endswith("share") else f"{value:.1f}"


def ptc_gold_density(data: Path) -> float | None:
    """The median of the PTC gold technique lines per 1,000 words, over the train articles."""
    labels = data / "ptc" / "train-task-flc-tc.labels"
    if not labels.is_file():
        return None
    lines = Counter(line.split("\t")[0] for line in labels.read_text("utf-8").splitlines()
                    if line.strip())
    values = []
    for path in sorted((data / "ptc" / "train-articles").glob("article*.txt")):
        words = word_count(path.read_text("utf-8"))
        if words:
            values.append(lines[path.stem.removeprefix("article")] * 1000 / words)
    return statistics.median(values) if values else None


def git_commit() -> str | None:
    """The checkout's commit (with "-dirty" for uncommitted changes), where there is one."""
    try:
        done = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True,
                              text=True, check=True, cwd=Path(__file__).resolve().parent)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def model_card(data: dict[str, Any], rows: Sequence[dict[str, Any]],
               gold: float | None = None) -> str:
    from unspun.reference import FIGURES

    sets = data["sets"]
    header = "| figure | " + " | ".join(
        f"{key} median (p10-p90)" for key in sets) + " |"
    table = [header, "|---" * (len(sets) + 1) + "|"]
    for figure in FIGURES:
        cells = []
        for entry in sets.values():
            v = entry["values"][figure.key]
            deciles = statistics.quantiles(v, n=10, method="inclusive")
            cells.append(f"{_fmt(statistics.median(v), figure.key)}"
                         f" ({_fmt(deciles[0], figure.key)}-{_fmt(deciles[-1], figure.key)})")
        table.append(f"| {figure.description} | " + " | ".join(cells) + " |")
    publishers = _by_publisher(rows)
    errors = [r for r in rows if "error" in r]
    sizes = "; ".join(f"{key}: {e['analysed']} of {e['articles']} articles,"
                      f" {e['words']:,} words" for key, e in sets.items())
    models = ", ".join(f"`{name}` {digest}" for name, digest in data["models"].items())
    lines = [
        "# Reference scale",
        "",
        f"- Date: {data['date']}; unspun {data['unspun_version']}"
        + (f" (card written at commit {commit})" if (commit := git_commit()) else "")
        + f", with the shipped models of that day (SHA-256, first 16 digits: {models}).",
        "- What it is: for each summary figure of a report, its value in every article of two"
        " reference sets, sorted (`reference_scale.json`). `unspun.reference` places an"
        " article's figures among them: the share of reference articles below and above it,"
        " and its percentile rank (below plus half of the equal ones). Reports carry these in"
        " `summary.reference`; the Markdown report states the techniques-per-1,000-words one.",
        "- Figures (as the report's summary defines them; words as the summary counts them):"
        " " + "; ".join(f"`{k}`: {d}" for k, d in data["figures"].items()) + ".",
        *[f"- `{key}`: {entry['description']}." for key, entry in sets.items()],
        f"- Sample: every article of both sets, none left out by choice ({sizes}). "
        + (f"{len(errors)} could not be analysed: "
           + "; ".join(f"{r['name']} ({r['error']})" for r in errors[:5]) + "."
           if errors else "All were analysed."),
        f"- Command: `{data['command']}` ({data['seconds'] / 60:.0f} minutes on this 2-core"
        " machine, two worker processes; per-article counts cached under"
        " `runs/reference-scale/`).",
        "- Layers run: " + ", ".join(data["layers"]) + " (entities and dates change no figure).",
        "",
        "## Medians",
        "",
        *table,
        "",
        "Median techniques per 1,000 words by PolNeAR publisher: "
        + ", ".join(f"{name} {value:.1f}" for name, value in publishers) + ".",
        "",
        "## Caveats",
        "",
        "- The two sets overlap far more than their names suggest: the technique density of"
        " the median propaganda-annotated article is close to the median news article's."
        " The PTC articles come from propagandistic and other outlets alike (as the corpus"
        " paper chose them), and political"
        " news uses loaded language, doubt and appeals to authority too, so a high"
        " mainstream percentile says an article is dense in techniques, not that it is"
        " propaganda.",
        "- The technique model was trained on these PTC articles (all 371 of them), so its"
        " figures on them are in-sample"
        + (f" (the gold annotation has a median of {gold:.1f} technique fragments per 1,000"
           " words there)" if gold is not None else "")
        + ": it would likely find fewer in unseen articles of the same kind. Nothing"
        " comparable exists for PolNeAR, which has no technique annotation.",
        "- PolNeAR is US election coverage of 2015-16 and includes two partisan outlets"
        " (Breitbart, The Western Journal): \"mainstream\" here means published news, not"
        " neutral news. Other genres (press releases, op-eds, wire copy) have no set of their"
        " own.",
        "- The figures are the model's, with its errors (the technique model's span F1 is about"
        " 0.45 on PTC, `techniques/MODEL_CARD.md`): a percentile says how an article compares"
        " with others as unspun reads them, not how persuasive it is.",
        "- The scale belongs to these models and rules: after retraining a model or changing a"
        " layer, rerun the command (with a fresh cache) and ship the new file.",
        "",
    ]
    return "\n".join(lines)


def _by_publisher(rows: Sequence[dict[str, Any]]) -> list[tuple[str, float]]:
    from unspun.reference import figures_of

    groups: dict[str, list[float]] = {}
    for row in rows:
        if row["set"] != "mainstream" or "error" in row:
            continue
        value = figures_of(row)["techniques_per_1000_words"]
        if value is not None:
            groups.setdefault(row["name"].split("_")[0], []).append(value)
    medians = [(name, statistics.median(v)) for name, v in groups.items()]
    return sorted(medians, key=lambda nv: nv[1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("src/unspun/models/reference"))
    parser.add_argument("--cache", type=Path, default=Path("runs/reference-scale"))
    parser.add_argument("--sample", type=int, default=None,
                        help="about this many articles per set (every k-th); default all")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--analyse-only", action="store_true",
                        help="fill the cache and stop, writing nothing to --out")
    args = parser.parse_args(argv)

    chosen = {ref.key: sample(ref.files(args.data), args.sample) for ref in SETS}
    for key, files in chosen.items():
        if not files:
            parser.error(f"no articles for {key} under {args.data}")
    args.cache.mkdir(parents=True, exist_ok=True)
    cache_file = args.cache / "counts.jsonl"
    cached = read_cache(cache_file)
    tasks = [(key, str(p)) for key, files in chosen.items() for p in files
             if (key, p.name) not in cached]
    log(f"{sum(map(len, chosen.values()))} articles, {len(tasks)} to analyse"
        f" with {args.workers} workers")
    seconds = sum(r.get("seconds", 0.0) for r in cached.values()) / max(1, args.workers)
    start = time.monotonic()
    with cache_file.open("a", encoding="utf-8") as sink:
        def done(row: dict[str, Any]) -> None:
            cached[(row["set"], row["name"])] = row
            sink.write(json.dumps(row) + "\n")
            sink.flush()
            n = len(cached)
            if n % 25 == 0:
                log(f"{n} analysed")

        analyse(tasks, args.workers, done)
    seconds += time.monotonic() - start
    log(f"analysed in {time.monotonic() - start:.0f} s")
    if args.analyse_only:
        return 0

    command = "python -m training.reference_scale --data ../shared/data" + (
        f" --sample {args.sample}" if args.sample else "")
    rows = list(cached.values())
    data = scale(rows, chosen, seconds, command)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reference_scale.json").write_text(
        json.dumps(data, indent=None, separators=(",", ":")) + "\n", "utf-8")
    (args.out / "MODEL_CARD.md").write_text(
        model_card(data, rows, ptc_gold_density(args.data)), "utf-8")
    log(f"wrote {args.out}/reference_scale.json and MODEL_CARD.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
