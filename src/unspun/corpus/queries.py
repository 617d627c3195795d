"""The corpus figures: DuckDB over the Parquet tables that ``unspun batch`` writes, then
groups, intervals, terms and copies in Python.

Reading: the views ``articles`` and ``spans`` are made from the verified committed parts
of a batch output: the manifests say which parts are committed (a part an interrupted run
left behind is never read), and each part's articles and spans files must match the size
and SHA-256 its manifest records (unspun.batch.store). A part that does not (truncated,
altered, missing, or with a damaged manifest) is left out of every view and reported in one
line through ``on_damaged``; nothing is deleted or repaired here (the next ``unspun batch``
run into the folder redoes it). With no readable part at all, the report cannot be made:
:class:`~unspun.errors.InputError`.

Counting: with ``dedupe`` (the default) the copies that dedupe.py finds are folded into
their original, so that a syndicated story counts once in every figure; the per-article
figure still lists them, with ``duplicate_of``. Groups are outlets (``site``), authors, or
periods (``week``: ISO weeks from Monday, ``month``, ``quarter``) on a true time axis: every
period from the first to the last dated article is a row, empty ones included, in date order;
undated articles are counted apart. Each rate of a group comes with its number of articles n
and a bootstrap interval (stats.py); a group with fewer than ``min_n`` articles is flagged.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import numpy as np

from unspun.batch.store import MANIFESTS, DamagedPart, damage_line, verified_parts
from unspun.corpus import dedupe, stats, terms
from unspun.corpus.stats import PERIODS, Period, Ratio
from unspun.errors import InputError
from unspun.render.summary import NAMED_KINDS, normalise_mention

OnDamaged = Callable[[str], None]
"""Gets one line per damaged part that is left out."""
_READ_TABLES = ("articles", "spans")

Grouping = Literal["site", "author", "week", "month", "quarter"]
GROUPINGS: tuple[Grouping, ...] = get_args(Grouping)
MIN_N = 5
UNDATED = "(undated)"
# Over time, for groupings that are not periods: the corpus and its biggest groups by month.
OVER_TIME_PERIOD: Period = "month"
OVER_TIME_SERIES = 5
ALL = "(all)"
# Kinds of source that are not somebody to list among the most quoted, and kinds that are
# only when the article resolves them to a name ("the judge" to the judge it named).
UNNAMED_SPEAKERS = ("vague", "anonymous", "author")
NAMED_WHEN_RESOLVED = ("role", "document")
# The sourcing profile's parts: named (person, organisation), other attributed (role,
# document, author), vague, anonymous, and quotes without a speaker.
PROFILE = ("named", "other", "vague", "anonymous", "unattributed")


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

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass
class Corpus:
    """Every figure of the corpus report, with what the report needs to draw and link them."""

    by: Grouping
    figures: list[Figure]
    min_n: int
    dedupe: bool
    groups: list[str] = field(default_factory=list)
    """The group labels in display order (periods: every one, empty ones too)."""

    def figure(self, name: str) -> Figure:
        return next(f for f in self.figures if f.name == name)


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


def connect(out: Path, on_damaged: OnDamaged | None = None, *, duplicates: bool = True) -> Any:
    """A DuckDB connection with ``articles`` and ``spans`` views over a batch output.

    ``articles`` holds the analysed articles, with two columns more than the Parquet files:
    ``duplicate_of`` (the id of the article this one is a near-copy of, null for an
    original or a unique article) and ``similarity`` (the Jaccard similarity of their word
    5-shingles), found by dedupe.py, which reads every text (about a second per 1,000
    articles); with *duplicates* False nothing is looked for and both are null.
    ``all_articles`` holds every row, pages that were read but not analysed (``status``:
    ``unsupported_language``) included. Only verified parts are read; *on_damaged* gets one
    line per part left out.
    """
    import duckdb

    parts = readable_parts(out, on_damaged)
    con = duckdb.connect()
    for table in _READ_TABLES:
        paths = [out / table / f"{part}.parquet" for part in parts]
        files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
        name = "all_articles" if table == "articles" else "_spans"
        con.execute(
            f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{files}], union_by_name=true)"
        )
    columns = {row[0] for row in con.execute("DESCRIBE all_articles").fetchall()}
    # Outputs written before the status column hold analysed articles only.
    analysed = "coalesce(status, 'analysed') = 'analysed'" if "status" in columns else "true"
    con.execute(f"CREATE VIEW _analysed AS SELECT * FROM all_articles WHERE {analysed}")
    _spans_view(con)
    copies = _find_copies(con) if duplicates else {}
    _register(con, "_duplicates", {
        "id": list(copies), "duplicate_of": [c.duplicate_of for c in copies.values()],
        "similarity": [c.similarity for c in copies.values()],
    }, {"id": "VARCHAR", "duplicate_of": "VARCHAR", "similarity": "DOUBLE"})
    con.execute("CREATE VIEW articles AS SELECT a.*, d.duplicate_of, d.similarity"
                " FROM _analysed a LEFT JOIN _duplicates d ON d.id = a.id")
    return con


# Span columns added after the first outputs were written, each with the JSON path in the
# stored report that older outputs read it from.
_LATER_SPAN_COLUMNS = {"speaker_kind": "$.speaker.kind", "speaker_text": "$.speaker.text"}


def _spans_view(con: Any) -> None:
    columns = {row[0] for row in con.execute("DESCRIBE _spans").fetchall()}
    missing = [c for c in _LATER_SPAN_COLUMNS if c not in columns]
    present = [c for c in _LATER_SPAN_COLUMNS if c in columns]
    # A quote with a speaker always has a speaker kind in the parts that have the column, so
    # one without comes from an older part of a mixed output (one a newer version resumed).
    older_rows = "s.layer = 'quotes' AND s.speaker IS NOT NULL AND s.speaker_kind IS NULL"
    if not missing and not con.execute(
            f"SELECT count(*) FROM _spans s WHERE {older_rows}").fetchone()[0]:
        con.execute("CREATE VIEW spans AS SELECT * FROM _spans")
        return
    # Outputs written before spans had these columns, wholly or in part: they are in each
    # stored report, read only for the articles that need them.
    picked = ", ".join([f"coalesce(s.{c}, k.{c}) AS {c}" for c in present]
                       + [f"k.{c} AS {c}" for c in missing])
    kept = f"s.* EXCLUDE ({', '.join(present)})" if present else "s.*"
    needing = ("true" if missing
               else f"a.id IN (SELECT s.article_id FROM _spans s WHERE {older_rows})")
    extracted = ", ".join(
        f"any_value(json_extract_string(q.value, '{path}')) AS {c}"
        for c, path in _LATER_SPAN_COLUMNS.items())
    con.execute(f"""
        CREATE VIEW spans AS
        SELECT {kept}, {picked}
        FROM _spans s LEFT JOIN (
            SELECT a.id AS article_id, CAST(json_extract(q.value, '$.start') AS INTEGER) AS start,
                   CAST(json_extract(q.value, '$.end') AS INTEGER) AS "end", {extracted}
            FROM all_articles a, json_each(json_extract(a.report_json, '$.quotes')) q
            WHERE {needing}
            GROUP BY 1, 2, 3
        ) k ON s.layer = 'quotes' AND k.article_id = s.article_id AND k.start = s.start
               AND k."end" = s."end"
    """)


def _register(con: Any, name: str, data: dict[str, list[Any]], types: dict[str, str]) -> None:
    import pyarrow as pa

    schema = pa.schema([(c, pa.string() if t == "VARCHAR" else pa.float64())
                        for c, t in types.items()])
    con.register(f"{name}_arrow", pa.table(data, schema=schema))
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_arrow")
    con.unregister(f"{name}_arrow")


def _find_copies(con: Any) -> dict[str, dedupe.Duplicate]:
    cursor = con.execute(
        "SELECT id, json_extract_string(report_json, '$.document.text'),"
        " try_cast(date AS DATE) FROM _analysed ORDER BY id")

    def rows() -> Iterator[tuple[str, str, dt.date | None]]:
        # A batch at a time: the texts of a big corpus need not all be in memory at once.
        while batch := cursor.fetchmany(1000):
            yield from batch

    return dedupe.find_duplicates(rows())


# ------------------------------------------------------------------------------ articles


@dataclass
class _Articles:
    """Per-article values, as parallel lists and arrays (NaN: not known)."""

    ids: list[str]
    titles: list[str | None]
    sites: list[str | None]
    authors: list[str | None]
    dates: list[str | None]
    days: list[dt.date | None]
    counts: list[dict[str, int]]
    kinds: list[dict[str, int]]
    duplicate_of: list[str | None]
    similarity: list[float | None]
    values: dict[str, np.ndarray]
    """words, techniques, claims, quotes, sentences, technique_sentences, sourced, named,
    vague, anonymous, other, unattributed."""


_ARTICLES_SQL = """
    WITH technique_sentences AS (
        SELECT t.article_id, count(DISTINCT s.start) AS n
        FROM spans t JOIN spans s ON s.article_id = t.article_id AND s.layer = 'sentences'
             AND t.start >= s.start AND t.start < s."end"
        WHERE t.layer = 'techniques' AND t."end" > t.start
        GROUP BY 1)
    SELECT a.id, a.title, a.site, a.author, a.date, try_cast(a.date AS DATE),
           a.word_count, a.n_techniques, a.n_claims, a.n_quotes, a.n_sentences,
           coalesce(ts.n, 0), a.technique_counts, a.source_kinds, a.duplicate_of, a.similarity
    FROM articles a LEFT JOIN technique_sentences ts ON ts.article_id = a.id
    ORDER BY a.id
"""


def _number(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _articles(con: Any) -> _Articles:
    rows = con.execute(_ARTICLES_SQL).fetchall()
    columns: dict[str, list[float]] = {name: [] for name in (
        "words", "techniques", "claims", "quotes", "sentences", "technique_sentences",
        "sourced", *PROFILE)}
    for row in rows:
        words, techniques, claims, quotes, sentences, with_technique = row[6:12]
        kinds: dict[str, int] = row[13] or {}
        columns["words"].append(_number(words))
        columns["techniques"].append(_number(techniques))
        columns["claims"].append(_number(claims))
        columns["quotes"].append(_number(quotes))
        columns["sentences"].append(_number(sentences))
        # Unknown when either layer was left out: no sentences to share, or none looked for.
        columns["technique_sentences"].append(
            float("nan") if techniques is None or sentences is None else float(with_technique))
        profile = _profile(kinds)
        # The sourcing of an article whose quotes were not looked for is unknown, not none.
        for part in PROFILE:
            columns[part].append(float("nan") if quotes is None else profile[part])
        columns["sourced"].append(float("nan") if quotes is None else sum(profile.values()))
    return _Articles(
        ids=[r[0] for r in rows], titles=[r[1] for r in rows], sites=[r[2] for r in rows],
        authors=[r[3] for r in rows], dates=[r[4] for r in rows], days=[r[5] for r in rows],
        counts=[r[12] or {} for r in rows], kinds=[r[13] or {} for r in rows],
        duplicate_of=[r[14] for r in rows], similarity=[r[15] for r in rows],
        values={k: np.array(v, dtype=float) for k, v in columns.items()},
    )


def _profile(kinds: dict[str, int]) -> dict[str, int]:
    profile = dict.fromkeys(PROFILE, 0)
    for kind, n in kinds.items():
        if kind in NAMED_KINDS:
            profile["named"] += n
        elif kind in profile:
            profile[kind] += n
        else:
            profile["other"] += n
    return profile


def _label(value: str | None, missing: str) -> str:
    text = " ".join((value or "").split())
    return text or missing


# -------------------------------------------------------------------------------- groups

# Each rate: (column, numerator, denominator, scale).
RATES: tuple[tuple[str, str, str, float], ...] = (
    ("techniques_per_1000_words", "techniques", "words", 1000.0),
    ("technique_sentence_share", "technique_sentences", "sentences", 1.0),
    ("claims_per_1000_words", "claims", "words", 1000.0),
    ("quotes_per_1000_words", "quotes", "words", 1000.0),
    ("named_source_share", "named", "sourced", 1.0),
)


def _round(value: float | None, scale: float) -> float | None:
    # Rates per 1,000 words to 3 decimals, shares to 4: what the figures can support.
    return None if value is None else round(float(value), 3 if scale > 1 else 4)


def _rates(data: _Articles, members: np.ndarray, key: str, options: _Options) -> list[Ratio]:
    pairs = [(data.values[num][members], data.values[den][members]) for _, num, den, _ in RATES]
    return stats.group_ratios(pairs, key, scale=[s for *_, s in RATES],
                              resamples=options.resamples, seed=options.seed)


def _rate_cells(ratios: Sequence[Ratio]) -> list[float | None]:
    cells: list[float | None] = []
    for (_, _, _, scale), ratio in zip(RATES, ratios, strict=True):
        cells += [_round(ratio.value, scale), _round(ratio.low, scale), _round(ratio.high, scale)]
    return cells


def _rate_columns() -> list[str]:
    return [f"{name}{end}" for name, *_ in RATES for end in ("", "_low", "_high")]


@dataclass(frozen=True)
class _Options:
    by: Grouping
    top: int
    min_n: int
    dedupe: bool
    resamples: int
    seed: int


def _group_of(data: _Articles, i: int, by: Grouping) -> str | dt.date | None:
    if by == "site":
        return _label(data.sites[i], "(no site)")
    if by == "author":
        return _label(data.authors[i], "(no author)")
    day = data.days[i]
    return stats.period_start(day, by) if day is not None else None


def _sum(values: np.ndarray) -> int:
    return int(np.nansum(values))


def corpus_figures(out: Path, by: Grouping = "site", top: int = 20,
                   on_damaged: OnDamaged | None = None, **options: Any) -> list[Figure]:
    """Every figure of the corpus report for the batch output in ``out``."""
    return corpus(out, on_damaged=on_damaged, by=by, top=top, **options).figures


def corpus(out: Path, *, dedupe: bool = True, on_damaged: OnDamaged | None = None,
           **options: Any) -> Corpus:
    """The figures of the corpus report for the batch output in ``out``; *options* are
    those of :func:`corpus_of` (``by``, ``top``, ``min_n``, ``resamples``, ``seed``)."""
    if options.get("by", "site") not in GROUPINGS:
        raise ValueError(f"cannot group by {options['by']!r}; choose one of"
                         f" {', '.join(GROUPINGS)}")
    con = connect(out, on_damaged, duplicates=dedupe)
    try:
        return corpus_of(con, dedupe=dedupe, **options)
    finally:
        con.close()


def corpus_of(
    con: Any,
    *,
    by: Grouping = "site",
    top: int = 20,
    min_n: int = MIN_N,
    dedupe: bool = True,
    resamples: int = stats.RESAMPLES,
    seed: int = stats.SEED,
) -> Corpus:
    """:func:`corpus` over an open :func:`connect` connection (made with ``duplicates``
    as *dedupe*)."""
    if by not in GROUPINGS:
        raise ValueError(f"cannot group by {by!r}; choose one of {', '.join(GROUPINGS)}")
    options = _Options(by, top, min_n, dedupe, resamples, seed)
    data = _articles(con)
    counted = np.array([not (dedupe and d) for d in data.duplicate_of], dtype=bool)
    con.execute("CREATE OR REPLACE TEMP TABLE counted AS SELECT id FROM articles"
                + (" WHERE duplicate_of IS NULL" if dedupe else ""))
    keys = [_group_of(data, i, by) for i in range(len(data.ids))]
    groups = _groups(data, keys, counted, _group_order(keys, counted, by), options)
    figures = [_by_group(data, groups, options)]
    if by not in PERIODS:
        figures.append(_over_time(data, groups, counted, options))
    figures.append(_techniques(data, groups, options))
    figures.append(_sourcing(data, groups, options))
    term_figure, passages = _loaded_terms(con, top)
    figures.append(term_figure)
    speaker_figure, unnamed = _speakers(con, top)
    figures.append(speaker_figure)
    figures.append(_per_article(data, keys, counted, by))
    figures.append(_totals(con, data, counted, options, passages, unnamed))
    return Corpus(by, figures, min_n, dedupe, [g.label for g in groups])


def _group_order(keys: list[Any], counted: np.ndarray, by: Grouping) -> list[Any]:
    present = Counter(k for k, c in zip(keys, counted, strict=True) if c and k is not None)
    if by in PERIODS:
        if not present:
            return []
        return stats.period_range(min(present), max(present), by)
    return sorted(present, key=lambda k: (-present[k], k))


def _group_name(key: Any, by: Grouping) -> str:
    return stats.period_label(key, by) if by in PERIODS else str(key)


@dataclass(frozen=True)
class _Group:
    key: Any
    label: str
    members: np.ndarray
    """Which articles (counted ones only) are in it."""
    ratios: list[Ratio]

    @property
    def n(self) -> int:
        return int(self.members.sum())


def _index(keys: Sequence[Any], order: Sequence[Any], counted: np.ndarray) -> np.ndarray:
    """Each article's position in *order* (-1: not counted, or in no group)."""
    position = {k: i for i, k in enumerate(order)}
    return np.array([position.get(k, -1) if c else -1
                     for k, c in zip(keys, counted, strict=True)], dtype=np.int64)


def _groups(data: _Articles, keys: list[Any], counted: np.ndarray, order: list[Any],
            options: _Options) -> list[_Group]:
    index = _index(keys, order, counted)
    groups = []
    for i, key in enumerate(order):
        label = _group_name(key, options.by)
        members = index == i
        groups.append(_Group(key, label, members,
                             _rates(data, members, f"{options.by}:{label}", options)))
    return groups


def _by_group(data: _Articles, groups: list[_Group], options: _Options) -> Figure:
    by = options.by
    period = by in PERIODS
    columns = [by, *(["start"] if period else []), "articles", "small", "words", "techniques",
               "sentences", "technique_sentences", "claims", "quotes", "sourced_quotes",
               "named_quotes", *_rate_columns()]
    rows = []
    for group in groups:
        members = group.members
        rows.append((
            group.label, *([group.key.isoformat()] if period else []), group.n,
            group.n < options.min_n,
            *(_sum(data.values[c][members]) for c in (
                "words", "techniques", "sentences", "technique_sentences", "claims", "quotes",
                "sourced", "named")),
            *_rate_cells(group.ratios),
        ))
    return Figure(f"by_{by}", f"Articles by {by}", columns, rows)


def _over_time(data: _Articles, groups: list[_Group], counted: np.ndarray,
               options: _Options) -> Figure:
    period = OVER_TIME_PERIOD
    starts = [stats.period_start(d, period) if d is not None else None for d in data.days]
    dated = [s for s, c in zip(starts, counted, strict=True) if c and s is not None]
    axis = stats.period_range(min(dated), max(dated), period) if dated else []
    index = _index(starts, axis, counted)
    series = [(ALL, counted), *((g.label, g.members) for g in groups[:OVER_TIME_SERIES])]
    scale = RATES[0][3]
    rows = []
    for name, in_series in series:
        for i, start in enumerate(axis):
            members = in_series & (index == i)
            n = int(members.sum())
            ratio = _rates(data, members, f"over_time:{name}:{start}", options)[0]
            rows.append((stats.period_label(start, period), start.isoformat(), name, n,
                         n < options.min_n, _round(ratio.value, scale), _round(ratio.low, scale),
                         _round(ratio.high, scale)))
    columns = [period, "start", "series", "articles", "small", "techniques_per_1000_words",
               "techniques_per_1000_words_low", "techniques_per_1000_words_high"]
    return Figure("over_time", f"Techniques per 1,000 words by {period}", columns, rows)


def _techniques(data: _Articles, groups: list[_Group], options: _Options) -> Figure:
    rows = []
    for group in groups:
        if not group.n:
            continue
        spans: Counter[str] = Counter()
        for i in np.flatnonzero(group.members):
            spans.update(data.counts[i])
        total = sum(spans.values())
        words = _sum(data.values["words"][group.members])
        for technique, n in sorted(spans.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append((group.label, group.n, technique, n, round(n / total, 4),
                         round(1000 * n / words, 3) if words else None))
    columns = [options.by, "articles", "technique", "spans", "share", "per_1000_words"]
    return Figure(f"techniques_by_{options.by}", f"Techniques by {options.by}", columns, rows)


def _sourcing(data: _Articles, groups: list[_Group], options: _Options) -> Figure:
    rows = []
    for group in groups:
        quotes = _sum(data.values["sourced"][group.members])
        parts = [_sum(data.values[p][group.members]) for p in PROFILE]
        named = group.ratios[-1]
        rows.append((group.label, group.n, group.n < options.min_n, quotes, *parts,
                     *(round(p / quotes, 4) if quotes else None for p in parts),
                     _round(named.low, 1), _round(named.high, 1)))
    columns = [options.by, "articles", "small", "quotes", *PROFILE,
               *(f"{p}_share" for p in PROFILE), "named_share_low", "named_share_high"]
    return Figure(f"sourcing_by_{options.by}", f"Sourcing profile by {options.by}", columns,
                  rows)


_TERMS_SQL = f"""
    SELECT t.article_id, t.text, list(DISTINCT o.label ORDER BY o.label)
    FROM spans t
    JOIN counted c ON c.id = t.article_id
    JOIN spans o ON o.article_id = t.article_id AND o.layer = 'techniques'
         AND o.start < t."end" AND o."end" > t.start
    WHERE t.layer = 'techniques' AND t."end" > t.start
      AND t.label IN ({", ".join(f"'{name}'" for name in terms.TERM_TECHNIQUES)})
    GROUP BY t.article_id, t.start, t."end", t.text
    ORDER BY t.article_id, t.start, t."end"
"""


def _loaded_terms(con: Any, top: int) -> tuple[Figure, int]:
    found, passages = terms.loaded_terms(con.execute(_TERMS_SQL).fetchall())
    rows = [(t.term, t.articles, t.uses, t.example, t.variants,
             "; ".join(f"{name} ({n})" for name, n in t.techniques[:3])) for t in found[:top]]
    columns = ["term", "articles", "uses", "example", "variants", "top_techniques"]
    return Figure("loaded_terms", "Top loaded terms", columns, rows), passages


_SPEAKERS_SQL = """
    SELECT s.speaker, s.speaker_kind, s.speaker_text, s.article_id
    FROM spans s JOIN counted c ON c.id = s.article_id
    WHERE s.layer = 'quotes' AND s."end" > s.start
    ORDER BY s.article_id, s.start
"""


def _speakers(con: Any, top: int) -> tuple[Figure, int]:
    """The most quoted speakers by resolved name, and how many quotes were left out for
    being from a vague, anonymous or author source, or a role or document the article
    names nobody for ("a former diplomat", "the report": a different one in each article)."""
    quotes: Counter[str] = Counter()
    articles: dict[str, set[str]] = {}
    names: dict[str, Counter[str]] = {}
    kinds: dict[str, Counter[str]] = {}
    unnamed = 0
    for speaker, kind, as_written, article in con.execute(_SPEAKERS_SQL).fetchall():
        name = normalise_mention(speaker or "")
        if kind in UNNAMED_SPEAKERS or (
            kind in NAMED_WHEN_RESOLVED and _unresolved(name, as_written)
        ):
            unnamed += 1
            continue
        if not name:
            continue
        key = name.casefold()
        quotes[key] += 1
        articles.setdefault(key, set()).add(article)
        names.setdefault(key, Counter())[name] += 1
        kinds.setdefault(key, Counter())[kind or "unknown"] += 1
    ranked = sorted(quotes, key=lambda k: (-len(articles[k]), -quotes[k], k))[:top]
    rows = [(_top(names[k]), _top(kinds[k]), quotes[k], len(articles[k])) for k in ranked]
    columns = ["speaker", "kind", "quotes", "articles"]
    return Figure("speakers", "Most quoted speakers", columns, rows), unnamed


def _unresolved(name: str, as_written: str | None) -> bool:
    return not as_written or name.casefold() == normalise_mention(as_written).casefold()


def _top(counts: Counter[str]) -> str:
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _per_article(data: _Articles, keys: list[Any], counted: np.ndarray, by: Grouping) -> Figure:
    values = data.values
    rows = []
    for i, article_id in enumerate(data.ids):
        words, techniques = values["words"][i], values["techniques"][i]
        density = 1000 * techniques / words if words > 0 and not np.isnan(techniques) else None
        counts = data.counts[i]
        top = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None
        named = values["named"][i] / values["sourced"][i] if values["sourced"][i] > 0 else None
        group = keys[i]
        rows.append((
            article_id, data.titles[i], data.sites[i], data.authors[i], data.dates[i],
            UNDATED if group is None else _group_name(group, by),
            *(None if np.isnan(values[c][i]) else int(values[c][i])
              for c in ("words", "techniques", "claims", "quotes")),
            _round(density, 1000.0), top, _round(named, 1.0),
            bool(counted[i]), data.duplicate_of[i], data.similarity[i],
        ))
    rows.sort(key=lambda r: (r[4] is None, r[4] or "", r[0]))
    columns = ["id", "title", "site", "author", "date", "group", "words", "techniques", "claims",
               "quotes", "techniques_per_1000_words", "top_technique", "named_source_share",
               "counted", "duplicate_of", "similarity"]
    return Figure("articles", "Articles", columns, rows)


def _totals(con: Any, data: _Articles, counted: np.ndarray, options: _Options,
            passages: int, unnamed: int) -> Figure:
    values = data.values
    counted_dated = sorted(d for d, c in zip(data.days, counted, strict=True)
                           if c and d is not None)
    not_analysed = con.execute(
        "SELECT (SELECT count(*) FROM all_articles) - (SELECT count(*) FROM articles)"
    ).fetchone()[0]
    row = {
        "articles": int(counted.sum()),
        "copies_folded": int((~counted).sum()),
        "analysed": len(data.ids),
        "words": _sum(values["words"][counted]),
        "techniques": _sum(values["techniques"][counted]),
        "claims": _sum(values["claims"][counted]),
        "quotes": _sum(values["quotes"][counted]),
        "undated": int(counted.sum()) - len(counted_dated),
        "first_date": counted_dated[0].isoformat() if counted_dated else None,
        "last_date": counted_dated[-1].isoformat() if counted_dated else None,
        "not_analysed": int(not_analysed),
        "loaded_passages_not_terms": passages,
        "quotes_from_unnamed_sources": unnamed,
        "min_n": options.min_n,
        "dedupe": options.dedupe,
        "dedupe_jaccard_threshold": dedupe.THRESHOLD,
        "dedupe_shingle_words": dedupe.SHINGLE_WORDS,
        "bootstrap_resamples": options.resamples,
        "bootstrap_seed": options.seed,
        "confidence": stats.LEVEL,
    }
    return Figure("totals", "Corpus totals", list(row), [tuple(row.values())])


__all__ = ["GROUPINGS", "Corpus", "Figure", "Grouping", "connect",
           "corpus", "corpus_figures", "corpus_of"]
