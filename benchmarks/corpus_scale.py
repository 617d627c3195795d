"""`unspun corpus` at scale: a synthesised batch output of 10,000 articles.

    python benchmarks/corpus_scale.py [--articles 10000] [--keep DIR]

The batch output is made without the models: each article is a synthesised report (about
600 words in 25 sentences, with sentence, technique, quote and claim spans at true offsets,
speakers of every kind) written by the batch's own rows and ChunkStore, in parts of 200.
Outlets are skewed in size (one has a single article), dates run over 18 months with a
six-week gap and 3% undated, and 5% of the articles are syndicated copies of an earlier one
with small edits.

Each measured command runs in a fresh process, so its wall time and peak memory (max RSS)
are its own: `unspun corpus OUT --by week` with the articles' own pages (first run, then
again with the pages up to date), without them, and without dedupe; then the dedupe alone
(dedupe.find_duplicates over the stored texts), per 1,000 articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TECHNIQUES = (
    "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Exaggeration,Minimisation",
    "Doubt", "Appeal_to_fear-prejudice", "Flag-Waving", "Causal_Oversimplification",
    "Slogans", "Appeal_to_Authority", "Black-and-White_Fallacy",
    "Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
)
# Loaded phrases as they are written, variants of one term included; the vocabulary's other
# words (w0 … w2999) never contain one, so every occurrence is found again by this pattern.
LOADED = ("disastrous", "Disastrous", "reckless", "so-called experts", "so called experts",
          "the radical left", "radical leftists", "thugs", "the thugs", "thug",
          "shameful betrayal", "catastrophic failures", "corrupt elites", "witch hunt",
          "a witch-hunt", "brutal regime", "heroic", "draconian", "job-killing", "fake news",
          "sham", "demonised", "demonized")
_LOADED = re.compile("|".join(re.escape(p) for p in sorted(LOADED, key=len, reverse=True)))
NAMED = ("Maria Lopez", "John Carter", "the Ministry of Health", "Dr Anna Berg",
         "Senator Hale", "Acme Corp", "Priya Natarajan", "the city council", "Tom Ashby")
UNNAMED = (("experts", "vague"), ("analysts", "vague"), ("a source close to the talks",
           "anonymous"), ("a spokesman", "role"), ("I", "author"), ("the report", "document"))
GAP = (dt.date(2023, 9, 4), dt.date(2023, 10, 16))  # six weeks without a story


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    words = [rng.choice(vocab) for _ in range(rng.randint(14, 34))]
    return " ".join(words).capitalize() + "."


def _date(rng: random.Random) -> dt.date | None:
    if rng.random() < 0.03:
        return None
    start = dt.date(2023, 1, 1)
    while True:
        day = start + dt.timedelta(days=rng.randrange(548))
        if not GAP[0] <= day < GAP[1]:
            return day


def _report(rng: random.Random, vocab: list[str], sentences: list[str], site: str,
            author: str, date: dt.date | None, title: str) -> Any:
    from unspun.report import (
        Claim,
        Document,
        Quote,
        Report,
        Sentence,
        Span,
        Speaker,
        TechniqueSpan,
    )

    text = "\n".join(sentences)
    spans, at = [], 0
    for i, sentence in enumerate(sentences):
        spans.append(Sentence(start=at, end=at + len(sentence), text=sentence, index=i))
        at += len(sentence) + 1
    techniques, quotes, claims = [], [], []
    for match in _LOADED.finditer(text):
        sentence = next(s for s in spans if s.start <= match.start() < s.end)
        techniques.append(TechniqueSpan(
            start=match.start(), end=match.end(), text=match.group(),
            technique=rng.choice(TECHNIQUES[:2]), confidence=0.8, sentence=sentence.index))
    for _ in range(rng.randint(0, 10)):
        s = rng.choice(spans)
        technique = rng.choice(TECHNIQUES[2:5] if rng.random() < 0.6 else TECHNIQUES[2:])
        length = rng.randint(4, min(40, len(s.text)))
        start = s.start + rng.randrange(len(s.text) - length + 1)
        techniques.append(TechniqueSpan(start=start, end=start + length,
                                        text=text[start:start + length], technique=technique,
                                        confidence=round(rng.random(), 3), sentence=s.index))
    for _ in range(rng.randint(0, 8)):
        s = rng.choice(spans)
        name, kind = ((rng.choice(NAMED), "person") if rng.random() < 0.6
                      else rng.choice(UNNAMED))
        quotes.append(Quote(start=s.start, end=s.end, text=s.text, kind="indirect",
                            confidence=0.8, speaker=Speaker(name=name, kind=kind),  # type: ignore[arg-type]
                            cue=Span(start=s.start, end=s.start + 4, text=s.text[:4])))
    for s in rng.sample(spans, 3):
        claims.append(Claim(start=s.start, end=s.end, text=s.text, score=0.6, kind="other",
                            sentence=s.index))
    return Report(unspun_version="bench", source=title,
                  document=Document(title=title, site=site, author=author,
                                    date=date.isoformat() if date else None, text=text,
                                    language="en"),
                  sentences=spans, techniques=techniques, quotes=quotes, claims=claims)


def synthesise(out: Path, n: int, seed: int = 7) -> None:
    """A batch output of *n* synthesised articles in *out*."""
    from unspun.batch.rows import article_row, span_rows
    from unspun.batch.store import ChunkStore
    from unspun.batch.tasks import Analysed, task_id

    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)] + list(LOADED)
    sites = [f"outlet{i}.example" for i in range(14)] + ["tiny.example"]
    weights = [2 ** -(i / 3) for i in range(14)] + [0.0]
    store = ChunkStore(out)
    store.open()
    batch: list[Analysed] = []
    originals: list[tuple[list[str], dt.date | None]] = []
    for i in range(n):
        site = "tiny.example" if i == 0 else rng.choices(sites, weights)[0]
        if originals and rng.random() < 0.05:
            # A syndicated copy: the same story, lightly edited, in another outlet.
            sentences, date = rng.choice(originals)
            sentences = list(sentences)
            for _ in range(3):
                k = rng.randrange(len(sentences))
                words = sentences[k].split()
                words[rng.randrange(len(words))] = rng.choice(vocab)
                sentences[k] = " ".join(words)
            date = date + dt.timedelta(days=1) if date else None
        else:
            sentences = [_sentence(rng, vocab) for _ in range(rng.randint(18, 32))]
            date = _date(rng)
            originals.append((sentences, date))
        report = _report(rng, vocab, sentences, site, f"Author {rng.randrange(200)}", date,
                         f"Story {i}")
        article_id = task_id(f"synthetic/{i}")
        batch.append(Analysed(article_id, f"synthetic/{i}",
                              article_row(article_id, f"synthetic/{i}", report),
                              span_rows(article_id, report)))
        if len(batch) == 200:
            store.commit(list(batch))
            batch.clear()
    store.commit(batch)


_RUN = """
import json, resource, sys, time
from unspun.cli import main
started = time.perf_counter()
code = main(sys.argv[1:], stdout=open("/dev/null", "w"))
print(json.dumps({"code": code, "wall_s": time.perf_counter() - started,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_DEDUPE = """
import json, resource, sys, time
from pathlib import Path
from unspun.corpus.dedupe import find_duplicates
from unspun.corpus.queries import connect
find_duplicates([])  # imports datasketch (and scipy) outside the timings
con = connect(Path(sys.argv[1]), duplicates=False)
rows = con.execute("SELECT id, json_extract_string(report_json, '$.document.text'),"
                   " try_cast(date AS DATE) FROM articles ORDER BY id").fetchall()
figures = {}
for n in sorted({min(1000, len(rows)), len(rows)}):
    started = time.perf_counter()
    found = find_duplicates(rows[:n])
    figures[n] = {"s": time.perf_counter() - started, "copies": len(found)}
print(json.dumps({"figures": figures,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _measure(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", script, *args], check=True,
                          capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _size_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--by", default="week")
    parser.add_argument("--keep", type=Path, help="write the output here and keep it")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="unspun-corpus-bench-"))
    out = args.keep if args.keep is not None else tmp / "out"
    try:
        import time

        started = time.perf_counter()
        synthesise(out, args.articles)
        made = time.perf_counter() - started
        runs = [
            ("first run, with article pages", []),
            ("again, article pages up to date", []),
            ("--no-article-pages", ["--no-article-pages"]),
            ("--no-article-pages --no-dedupe", ["--no-article-pages", "--no-dedupe"]),
        ]
        results = []
        for name, extra in runs:
            command = ["corpus", str(out), "--by", args.by, *extra]
            results.append((name, command, _measure(_RUN, *command)))
        pages = _size_mib(out / "corpus_articles") if (out / "corpus_articles").is_dir() else 0
        dedupe = _measure(_DEDUPE, str(out))
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)

    print(f"$ {Path(sys.executable).name} {' '.join(sys.argv)}")
    print(f"python {platform.python_version()}, {platform.machine()}; {args.articles:,}"
          f" synthesised articles made in {made:.0f} s")
    print(f"{'unspun corpus …':<40} {'wall s':>7} {'peak MiB':>9}")
    for name, command, result in results:
        print(f"{name:<40} {result['wall_s']:>7.1f} {result['peak_mib']:>9.0f}"
              f"   (unspun {' '.join([*command[:1], 'OUT', *command[2:]])})")
    print(f"article pages: {pages:,.0f} MiB on disk")
    for n, figure in dedupe["figures"].items():
        per = 1000 * figure["s"] / int(n)
        print(f"dedupe alone over {int(n):,} articles: {figure['s']:.1f} s"
              f" ({per:.2f} s per 1,000 articles), {figure['copies']} copies found")


if __name__ == "__main__":
    main()
