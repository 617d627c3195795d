"""The corpus figures as DuckDB queries over the Parquet tables that ``unspun batch`` writes.

Every figure is one SQL query over two views, ``articles`` and ``spans``, made from the
verified committed parts of a batch output: the manifests say which parts are committed (a
part an interrupted run left behind is never read), and each part's articles and spans files
must match the size and SHA-256 its manifest records (unspun.batch.store). A part that does
not (truncated, altered, missing, or with a damaged manifest) is left out of every view and
reported in one line through ``on_damaged``; nothing is deleted or repaired here (the next
``unspun batch`` run into the folder redoes it). With no readable part at all, the report
cannot be made: :class:`~unspun.errors.InputError`. Each query returns a small table that
becomes a CSV file and a plot.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from unspun.batch.store import MANIFESTS, DamagedPart, damage_line, verified_parts
from unspun.errors import InputError

OnDamaged = Callable[[str], None]
"""Gets one line per damaged part that is left out."""
_READ_TABLES = ("articles", "spans")

Grouping = Literal["site", "month", "author"]
GROUPINGS: tuple[Grouping, ...] = ("site", "month", "author")

# What each grouping groups by, with a label for articles that lack it.
_GROUP_SQL: dict[Grouping, str] = {
    "site": "coalesce(nullif(trim(a.site), ''), '(no site)')",
    "month": "coalesce(substr(a.date, 1, 7), '(undated)')",
    "author": "coalesce(nullif(trim(a.author), ''), '(no author)')",
}
_MONTH_SQL = "substr(a.date, 1, 7)"


@dataclass(frozen=True)
class Figure:
    """One query's result: column names and rows, in display order."""

    name: str
    title: str
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]


def _warn(line: str) -> None:
    print(f"unspun corpus: {line}", file=sys.stderr, flush=True)


def readable_parts(out: Path, on_damaged: OnDamaged | None = None) -> list[str]:
    """The committed parts of a batch output whose articles and spans files check out.

    Each damaged one goes to *on_damaged* (default: a line on standard error) as one line.
    """
    if not (out / MANIFESTS).is_dir():
        raise InputError(f"{out} is not an `unspun batch` output folder (no {MANIFESTS}/)")
    report = on_damaged if on_damaged is not None else _warn
    parts: list[str] = []
    damaged = 0
    for checked in verified_parts(out, _READ_TABLES):
        if isinstance(checked, DamagedPart):
            damaged += 1
            report(damage_line(checked, then="skipped (run `unspun batch` into this folder"
                                           " again to redo its articles)"))
        else:
            parts.append(checked.part)
    if not parts:
        if damaged:
            raise InputError(f"no readable parts in {out}: all {damaged} are damaged")
        raise InputError(f"no analysed articles in {out} yet")
    return parts


def committed_files(out: Path, table: str, on_damaged: OnDamaged | None = None) -> list[Path]:
    """The Parquet files of ``table`` that belong to verified committed chunks."""
    return [out / table / f"{part}.parquet" for part in readable_parts(out, on_damaged)]


def connect(out: Path, on_damaged: OnDamaged | None = None) -> Any:
    """A DuckDB connection with ``articles`` and ``spans`` views over a batch output.

    ``articles`` holds the analysed articles; ``all_articles`` every row, pages that were
    read but not analysed (``status``: ``unsupported_language``) included. Only verified
    parts are read; *on_damaged* gets one line per part left out.
    """
    import duckdb

    parts = readable_parts(out, on_damaged)
    con = duckdb.connect()
    for table in _READ_TABLES:
        paths = [out / table / f"{part}.parquet" for part in parts]
        files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
        name = "all_articles" if table == "articles" else table
        con.execute(
            f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{files}], union_by_name=true)"
        )
    columns = {row[0] for row in con.execute("DESCRIBE all_articles").fetchall()}
    # Outputs written before the status column hold analysed articles only.
    analysed = "coalesce(status, 'analysed') = 'analysed'" if "status" in columns else "true"
    con.execute(f"CREATE VIEW articles AS SELECT * FROM all_articles WHERE {analysed}")
    return con


def _figure(con: Any, name: str, title: str, sql: str, params: list[Any]) -> Figure:
    cursor = con.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    return Figure(name, title, columns, [tuple(r) for r in cursor.fetchall()])


def corpus_figures(out: Path, by: Grouping = "site", top: int = 20,
                   on_damaged: OnDamaged | None = None) -> list[Figure]:
    """Every figure of the corpus report for the batch output in ``out``."""
    if by not in _GROUP_SQL:
        raise ValueError(f"cannot group by {by!r}; choose one of {', '.join(GROUPINGS)}")
    con = connect(out, on_damaged)
    group = _GROUP_SQL[by]
    # Rates are per 1,000 words of article text, so long and short outlets compare fairly.
    per_group = f"""
        SELECT {group} AS "{by}",
               count(*) AS articles,
               sum(a.word_count) AS words,
               sum(a.n_techniques) AS techniques,
               round(1000.0 * sum(a.n_techniques) / nullif(sum(a.word_count), 0), 2)
                   AS techniques_per_1000_words,
               sum(a.n_claims) AS claims,
               round(1000.0 * sum(a.n_claims) / nullif(sum(a.word_count), 0), 2)
                   AS claims_per_1000_words,
               sum(a.n_quotes) AS quotes,
               round(1000.0 * sum(a.n_quotes) / nullif(sum(a.word_count), 0), 2)
                   AS quotes_per_1000_words
        FROM articles a
        GROUP BY 1
        ORDER BY articles DESC, 1
    """
    figures = [_figure(con, f"by_{by}", f"Articles by {by}", per_group, [])]

    # Over time: one line for the whole corpus and, unless grouping by month already, one
    # for each of the five biggest groups.
    rate = "round(1000.0 * sum(a.n_techniques) / nullif(sum(a.word_count), 0), 2)"
    over_time = f"""
        SELECT {_MONTH_SQL} AS month, '(all)' AS series, count(*) AS articles,
               {rate} AS techniques_per_1000_words
        FROM articles a WHERE a.date IS NOT NULL GROUP BY 1
    """
    if by != "month":
        over_time += f"""
        UNION ALL
        SELECT {_MONTH_SQL}, {group}, count(*), {rate}
        FROM articles a
        WHERE a.date IS NOT NULL AND {group} IN (
            SELECT {group} FROM articles a GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 5)
        GROUP BY 1, 2
        """
    over_time += " ORDER BY series, month"
    figures.append(_figure(con, "over_time", "Techniques per 1,000 words by month",
                           over_time, []))

    techniques = f"""
        SELECT {group} AS "{by}", s.label AS technique, count(*) AS spans,
               round(1000.0 * count(*) / any_value(w.words), 2) AS per_1000_words
        FROM spans s JOIN articles a ON a.id = s.article_id
        JOIN (SELECT {group} AS g, nullif(sum(a.word_count), 0) AS words
              FROM articles a GROUP BY 1) w ON w.g = {group}
        WHERE s.layer = 'techniques'
        GROUP BY 1, 2
        ORDER BY 1, spans DESC, 2
    """
    figures.append(_figure(con, f"techniques_by_{by}", f"Techniques by {by}", techniques, []))

    # Loaded language as written, folded to lower case and single spaces.
    loaded = """
        SELECT lower(regexp_replace(trim(s.text), '\\s+', ' ', 'g')) AS term,
               count(*) AS uses, count(DISTINCT s.article_id) AS articles
        FROM spans s
        WHERE s.layer = 'techniques' AND s.label = 'Loaded_Language'
        GROUP BY 1
        ORDER BY uses DESC, articles DESC, 1
        LIMIT ?
    """
    figures.append(_figure(con, "loaded_terms", "Top loaded terms", loaded, [top]))

    speakers = """
        SELECT s.speaker, count(*) AS quotes, count(DISTINCT s.article_id) AS articles
        FROM spans s
        WHERE s.layer = 'quotes' AND s.speaker IS NOT NULL
        GROUP BY 1
        ORDER BY quotes DESC, articles DESC, 1
        LIMIT ?
    """
    figures.append(_figure(con, "speakers", "Most quoted speakers", speakers, [top]))

    totals = """
        SELECT count(*) AS articles, sum(word_count) AS words,
               sum(n_techniques) AS techniques, sum(n_claims) AS claims,
               sum(n_quotes) AS quotes,
               count(*) FILTER (WHERE date IS NULL) AS undated,
               min(date) AS first_date, max(date) AS last_date,
               (SELECT count(*) FROM all_articles) - count(*) AS not_analysed
        FROM articles
    """
    figures.append(_figure(con, "totals", "Corpus totals", totals, []))
    con.close()
    return figures
