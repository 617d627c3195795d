"""Technique inference against its budget: ms per 1,000-word article, and model load.

    python benchmarks/technique_speed.py [MODEL_DIR] [--articles DIR] [--count 30] [--repeat 5]

The budget (issue 3): technique inference at most 200 ms median per 1,000-word article on
one core with onnxruntime, and the model loaded in at most 1 s. Articles are cut from the
PTC training articles read in order and joined, 1,000 words each (the bundled sample, read
over and over, when the PTC folder is missing). Technique inference is all the technique
layer does for an article: tokenising, the windowed encoder pass and the span and technique
heads (``TechniqueModel.encode`` and ``find_techniques``). Each article's time is its median
over the repeats; the figure is the median over articles. The CPU is printed with the
figures, because they depend on it: the same encoder pass took 148 ms per 1,000 words on an
Intel Xeon core with AVX-512 VNNI and 373 ms on an AVX2-only AMD Zen 3 core.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import onnxruntime

from unspun.techniques.layer import find_techniques
from unspun.techniques.model import DEFAULT_MODEL_DIR, TechniqueModel

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "unspun" / "samples" / "sample-article.html"
BUDGET_MS = 200.0
LOAD_BUDGET_S = 1.0
WORDS = 1000


def cpu_description() -> str:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or platform.machine()
    name = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    flags = re.search(r"^flags\s*:\s*(.+)$", cpuinfo, re.M)
    have = set(flags.group(1).split()) if flags else set()
    isa = [f for f in ("avx512_vnni", "avx_vnni", "amx_int8", "avx2") if f in have]
    return f"{name.group(1) if name else platform.machine()} ({', '.join(isa) or 'no AVX2'})"


def source_texts(articles: Path) -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(articles.glob("*.txt"))]
    if texts:
        return texts
    from unspun import analyze

    return [analyze(str(SAMPLE)).document.text]


def thousand_word_articles(texts: list[str], count: int) -> list[str]:
    """``count`` articles of exactly 1,000 words, cut from ``texts`` joined in order (reused
    from the start when they run out), each keeping its paragraphs and punctuation."""
    joined = "\n\n".join(texts)
    while len(words := list(re.finditer(r"\S+", joined))) < count * WORDS:
        joined = f"{joined}\n\n{joined}"
    return [
        joined[words[k].start() : words[k + WORDS - 1].end()]
        for k in range(0, count * WORDS, WORDS)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument(
        "--articles", type=Path, default=ROOT.parent / "shared" / "data" / "ptc" / "train-articles"
    )
    parser.add_argument("--count", type=int, default=30, help="1,000-word articles")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    loads = []
    for _ in range(3):
        t0 = time.perf_counter()
        model = TechniqueModel.load(args.model, threads=1)
        loads.append(time.perf_counter() - t0)
    articles = thousand_word_articles(source_texts(args.articles), args.count)
    model.encode(articles[0])  # warm up

    per_article: list[list[float]] = [[] for _ in articles]
    spans = 0
    for _ in range(args.repeat):
        for i, text in enumerate(articles):
            t0 = time.perf_counter()
            found = find_techniques(model, model.encode(text), lambda offset: 0)
            per_article[i].append(1000 * (time.perf_counter() - t0))
            spans += len(found)
    medians = sorted(statistics.median(times) for times in per_article)
    median = statistics.median(medians)
    p90 = medians[int(0.9 * (len(medians) - 1))]
    load = statistics.median(loads)

    print(f"$ python benchmarks/technique_speed.py --count {args.count} --repeat {args.repeat}")
    print(f"CPU: {cpu_description()}; onnxruntime {onnxruntime.__version__}, one thread")
    print(f"{len(articles)} articles of {WORDS:,} words x {args.repeat} repeats, "
          f"{spans / args.repeat / len(articles):.1f} spans per article")
    print(f"technique inference  median {median:6.1f} ms   p90 {p90:6.1f} ms   "
          f"max {medians[-1]:6.1f} ms   (budget {BUDGET_MS:.0f} ms: "
          f"{'met' if median <= BUDGET_MS else 'NOT met'})")
    print(f"model load           median {load:6.2f} s    first {loads[0]:.2f} s          "
          f"(budget {LOAD_BUDGET_S:.0f} s: {'met' if load <= LOAD_BUDGET_S else 'NOT met'})")


if __name__ == "__main__":
    main()
