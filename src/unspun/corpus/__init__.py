"""Corpus view: figures over the Parquet output of ``unspun batch``, as CSV and HTML.

    from unspun.corpus import build_corpus_report
    build_corpus_report(Path("out"), by="week")   # out/corpus.html, out/corpus_csv/*.csv

The articles and spans come from DuckDB views over the committed parts of the output
(queries.py), open to your own SQL through :func:`connect`; groups, bootstrap intervals
(stats.py), loaded terms (terms.py) and syndicated copies (dedupe.py) are computed over them.
"""

from __future__ import annotations

from unspun.corpus.queries import (
    GROUPINGS,
    Corpus,
    Figure,
    Grouping,
    connect,
    corpus,
    corpus_figures,
)
from unspun.corpus.report import CorpusReport, build_corpus_report

__all__ = [
    "GROUPINGS",
    "Corpus",
    "CorpusReport",
    "Figure",
    "Grouping",
    "build_corpus_report",
    "connect",
    "corpus",
    "corpus_figures",
]
