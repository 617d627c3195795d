"""Extraction on real pages: unspun against trafilatura alone, on the same pages, same run.

    python benchmarks/extraction_eval.py --data ../shared/data/extraction [--limit N]

The data are trafilatura's own evaluation corpus (990 saved pages, each with chunks the article
must contain, ``with``, and must not, ``without``). The metric is trafilatura's
(``tests/eval_common.py``): whitespace normalised, a ``with`` chunk found is a true positive and
one missed a false negative, a ``without`` chunk found a false positive; sums over pages, then
precision, recall and F1. A page whose extraction fails misses all its ``with`` chunks.

"trafilatura" is ``trafilatura.extract(html, url=url, include_comments=False,
include_tables=True)``, as the data's README measured it, with the title trafilatura's
metadata finds put before it (not timed): unspun's text starts with the headline, so both
are scored on headline and body. "unspun" is ``document.text`` as ``unspun analyze`` extracts
it (``unspun.extract.extract`` after the same charset decoding). English pages are those
whose ``with`` chunks py3langid reads as English: a choice independent of either extractor.
Seconds are the medians per page of each extractor, timed alternately page by page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction"
_SPACES = re.compile(r"\s+")


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    seconds: list[float] = field(default_factory=list)

    def add(self, text: str, with_: list[str], without: list[str]) -> int:
        """Counts one page; returns its number of ``with`` chunks found."""
        found = 0
        for chunk in with_:
            if _norm(chunk) in text:
                found += 1
        self.tp += found
        self.fn += len(with_) - found
        bad = sum(1 for chunk in without if _norm(chunk) in text)
        self.fp += bad
        self.tn += len(without) - bad
        return found

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _unspun(html: bytes, url: str) -> str:
    from unspun.errors import UnspunError
    from unspun.extract import extract
    from unspun.ingest import Page, decode

    page = Page(body=html, source=url, media_type="text/html", url=url)
    try:
        return extract(page, decode(page)).text
    except UnspunError:
        return ""


def _trafilatura(html: bytes, url: str) -> str:
    import trafilatura

    try:
        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True)
    except Exception:  # a crash counts as finding nothing, as in trafilatura's own evaluation
        return ""
    return text or ""


def _trafilatura_title(html: bytes, url: str) -> str:
    import trafilatura

    try:
        return trafilatura.extract_metadata(html, default_url=url).title or ""
    except Exception:
        return ""


def _is_english(chunks: list[str]) -> bool:
    from unspun.nlp.language_id import language_identifier

    return bool(chunks) and language_identifier().classify(" ".join(chunks))[0] == "en"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, help="the first N pages only")
    parser.add_argument("--show", type=int, default=25, help="pages listed (worst first)")
    parser.add_argument("--json", type=Path, help="also write per-page results here")
    args = parser.parse_args()

    index: dict[str, dict[str, Any]] = json.loads((args.data / "evaldata.json").read_text())
    items = list(index.items())[: args.limit]
    scores = {name: {"all": Score(), "en": Score()} for name in ("unspun", "trafilatura")}
    worse: list[tuple[float, int, int, str]] = []
    pages: list[dict[str, Any]] = []
    for url, entry in items:
        html = gzip.decompress((args.data / "pages" / entry["file"]).read_bytes())
        with_, without = entry.get("with", []), entry.get("without", [])
        english = _is_english(with_)
        found: dict[str, int] = {}
        for name, run in (("unspun", _unspun), ("trafilatura", _trafilatura)):
            started = time.perf_counter()
            text = _norm(run(html, url))
            seconds = time.perf_counter() - started
            if name == "trafilatura":
                text = _norm(_trafilatura_title(html, url) + "\n" + text)
            for group in ("all", "en") if english else ("all",):
                score = scores[name][group]
                found[name] = score.add(text, with_, without)
                score.seconds.append(seconds)
        pages.append({"url": url, "file": entry["file"], "english": english, **found,
                      "with": len(with_)})
        if found["unspun"] < found["trafilatura"]:
            worse.append((found["unspun"] / found["trafilatura"], found["unspun"],
                          found["trafilatura"], url))

    print(f"$ python benchmarks/extraction_eval.py --data {args.data}"
          + (f" --limit {args.limit}" if args.limit else ""))
    n_en = sum(1 for p in pages if p["english"])
    print(f"{len(pages)} pages, {n_en} English")
    print(f"{'':12}{'group':>6}{'P':>8}{'R':>8}{'F1':>8}{'median s/page':>15}")
    for group in ("all", "en"):
        for name in ("unspun", "trafilatura"):
            p, r, f = scores[name][group].prf()
            median = statistics.median(scores[name][group].seconds or [0.0])
            print(f"{name:12}{group:>6}{p:8.3f}{r:8.3f}{f:8.3f}{median:15.4f}")
    ratio = statistics.median(scores["unspun"]["all"].seconds) / max(
        1e-9, statistics.median(scores["trafilatura"]["all"].seconds))
    print(f"time ratio unspun / trafilatura (median per page): {ratio:.2f}x")
    half = [w for w in worse if w[0] < 0.5]
    print(f"pages where unspun finds fewer 'with' chunks than trafilatura: {len(worse)};"
          f" fewer than half: {len(half)}")
    for _share, mine, theirs, url in sorted(worse)[: args.show]:
        print(f"  {mine}/{theirs}  {url}")
    if args.json:
        args.json.write_text(json.dumps(pages, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
