"""Corpus view: figures over the Parquet output of ``unspun batch``, as CSV and HTML.

    from unspun.corpus import build_corpus_report
    build_corpus_report(Path("out"), by="site")   # out/corpus.html, out/corpus_csv/*.csv

The figures are DuckDB queries (queries.py) over the committed parts of the output; the
same views are open to your own SQL through :func:`connect`.
"""

from __future__ import annotations

from unspun.corpus.queries import GROUPINGS, Figure, Grouping, connect, corpus_figures
from unspun.corpus.report import CorpusReport, build_corpus_report

__all__ = [
    "GROUPINGS",
    "CorpusReport",
    "Figure",
    "Grouping",
    "build_corpus_report",
    "connect",
    "corpus_figures",
]
