"""The corpus report: the figures of queries.py as CSV files and one self-contained HTML page,
with each article's own HTML report written beside it.

The page loads nothing: its charts are SVG images inlined as ``data:`` URIs (charts.py), its
style and its one small script (sorting and filtering the articles table) are inline and
allowed by hash in its Content-Security-Policy, which forbids everything else. Text from
the corpus is escaped wherever it goes.

Drill-down: every group row links to its articles in the page's articles table (``#g3``
filters the table to group 3; without script the link still jumps to the group's first
article). Each article links to its own report, rendered from the report JSON stored in its
``articles`` row (the same HTML as ``unspun analyze --format html``), written to
``<report name>_articles/<id>.html`` beside the corpus page. A page whose report and unspun
version are unchanged since the last run is not rendered again.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from unspun import __version__
from unspun.corpus import charts
from unspun.corpus.charts import Group, Series
from unspun.corpus.queries import (
    ALL,
    PROFILE,
    Corpus,
    Figure,
    Grouping,
    OnDamaged,
    connect,
    corpus_of,
)
from unspun.corpus.stats import PERIODS
from unspun.errors import InputError
from unspun.render.html import csp_hash

# Techniques drawn apart in the mix chart; the rest are "other".
MIX_PARTS = 9
# Rows of a group table shown in the page (all are in the CSV).
TABLE_ROWS = 400
_PERIOD_DAYS = {"week": 7, "month": 30, "quarter": 91}
_SAFE_ID = re.compile(r"[0-9A-Za-z_-]{1,100}")

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:78rem;padding:1rem 1.5rem;
color:#1d232b}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem}
.meta{color:#555}.figure img{max-width:100%;height:auto;border:1px solid #e3e6ea}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
td,th{border:1px solid #dde1e6;padding:.2rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.few td{color:#7a808a;background:#f5f6f8}tr.empty td{color:#9aa0a8}
tr.copy td{color:#7a808a;font-style:italic}
.tag{font-size:.75rem;background:#e4e6e9;border-radius:.2rem;padding:0 .3rem;color:#444}
details{margin:.4rem 0 1rem}summary{cursor:pointer;color:#2a5db0}
.pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;
align-items:start}@media (max-width:60rem){.pair{display:block}}
.pair td:first-child{white-space:nowrap}
th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;
color:inherit}th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
.scroll{max-height:40rem;overflow:auto}#filter{margin:.3rem 0}
"""

# Sorting the articles table by a column, and showing one group's articles for #g<n>.
_SCRIPT = """
(function(){
var table=document.getElementById('articles-table');if(!table){return;}
var body=table.tBodies[0],note=document.getElementById('filter');
function key(row,i,num){var c=row.cells[i],v=c.getAttribute('data-v');
if(v===null){v=c.textContent;}if(!num){return v.toLowerCase();}
return v===''?NaN:parseFloat(v);}
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
var b=th.querySelector('button');if(!b){return;}
b.addEventListener('click',function(){
var asc=th.getAttribute('aria-sort')!=='ascending',num=th.classList.contains('num');
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(h){
h.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',asc?'ascending':'descending');
var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(x,y){var a=key(x,i,num),c=key(y,i,num),r;
if(num){var na=isNaN(a),nc=isNaN(c);if(na||nc){return na-nc;}r=a-c;}
else{r=a<c?-1:a>c?1:0;}return asc?r:-r;});
rows.forEach(function(r){body.appendChild(r);});});});
function filter(){var m=/^#g(\\d+)$/.exec(location.hash),shown=0,name='';
Array.prototype.forEach.call(body.rows,function(r){
var hit=!m||r.getAttribute('data-g')===m[1];r.hidden=!hit;if(hit){shown++;
if(m){name=r.getAttribute('data-group');}}});
if(m){note.hidden=false;note.firstChild.textContent='Showing the '+shown+
(shown===1?' article':' articles')+' of '+name+'. ';table.scrollIntoView();}
else{note.hidden=true;}}
window.addEventListener('hashchange',filter);filter();
})();
"""

# Nothing may load; only our own style block, our own script, and the data: images.
_CSP = (f"default-src 'none'; style-src {csp_hash(_STYLE)}; script-src {csp_hash(_SCRIPT)};"
        " img-src data:")


@dataclass(frozen=True)
class CorpusReport:
    """What ``build_corpus_report`` wrote."""

    html: Path
    csv_files: list[Path]
    figures: list[Figure]
    pages: Path | None = None
    """The folder of the articles' own reports (None: not written)."""
    corpus: Corpus | None = None


def build_corpus_report(
    out: Path,
    *,
    by: Grouping = "site",
    output: Path | None = None,
    csv_dir: Path | None = None,
    top: int = 20,
    min_n: int = 5,
    dedupe: bool = True,
    article_pages: bool = True,
    on_damaged: OnDamaged | None = None,
) -> CorpusReport:
    """Query the batch output in ``out`` and write the HTML report, one CSV per figure and
    (*article_pages*) each article's own report.

    Defaults: ``out/corpus.html``, ``out/corpus_csv/`` and ``out/corpus_articles/``. Damaged
    parts of ``out`` are left out, one line each to *on_damaged* (queries.py); a file that
    cannot be written (disk full, permission) is an :class:`~unspun.errors.InputError`
    naming it.
    """
    html_path = output if output is not None else out / "corpus.html"
    csv_path = csv_dir if csv_dir is not None else out / "corpus_csv"
    pages = html_path.parent / f"{html_path.stem}_articles" if article_pages else None
    target = csv_path
    con = connect(out, on_damaged, duplicates=dedupe)
    try:
        result = corpus_of(con, by=by, top=top, min_n=min_n, dedupe=dedupe)
        links: dict[str, str] = {}
        if pages is not None:
            target = pages
            links = write_article_pages(con, pages)
    except OSError as error:
        raise _write_error(target, error) from None
    finally:
        con.close()
    figures = [_with_links(f, links, pages) if f.name == "articles" else f
               for f in result.figures]
    result.figures = figures
    try:
        target = csv_path
        csv_path.mkdir(parents=True, exist_ok=True)
        written = []
        for figure in figures:
            target = csv_path / f"{figure.name}.csv"
            written.append(write_csv(figure, target))
        target = html_path
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(render_html(result, source=out), encoding="utf-8")
    except OSError as error:
        raise _write_error(target, error) from None
    return CorpusReport(html_path, written, figures, pages, result)


def _write_error(target: Path, error: OSError) -> InputError:
    reason = (error.strerror or str(error)).lower()
    return InputError(f"cannot write {target}: {reason}")


def write_csv(figure: Figure, path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(figure.columns)
        writer.writerows(figure.rows)
    return path


# ---------------------------------------------------------------------------- article pages


def page_name(article_id: str) -> str:
    """The file name of an article's report: its id when that is a safe name (batch ids are
    SHA-256 hex), else a hash of it."""
    if _SAFE_ID.fullmatch(article_id):
        return f"{article_id}.html"
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest() + ".html"


def write_article_pages(con: Any, folder: Path) -> dict[str, str]:
    """Each analysed article's own HTML report, in *folder*; returns id → file name.

    ``folder/index.json`` records what each page was made from (its stored report and the
    unspun version), so that a later run renders only the new and changed ones, and removes
    the pages of articles no longer in the output.
    """
    from unspun.render import to_html
    from unspun.report import Report

    folder.mkdir(parents=True, exist_ok=True)
    index_path = folder / "index.json"
    try:
        before: dict[str, str] = json.loads(index_path.read_text("utf-8"))
        if not isinstance(before, dict):
            before = {}
    except (OSError, ValueError):
        before = {}
    made: dict[str, str] = {}
    names: dict[str, str] = {}
    cursor = con.execute("SELECT id, report_json FROM articles ORDER BY id")
    while batch := cursor.fetchmany(200):
        for article_id, report_json in batch:
            name = page_name(article_id)
            digest = hashlib.sha256(f"{__version__}\0{report_json}".encode()).hexdigest()
            path = folder / name
            if before.get(name) != digest or not path.is_file():
                report = Report.model_validate_json(report_json)
                path.write_text(to_html(report), encoding="utf-8")
            made[name] = digest
            names[article_id] = name
    for name in set(before) - set(made):
        if _SAFE_ID.fullmatch(name.removesuffix(".html")):
            (folder / name).unlink(missing_ok=True)
    index_path.write_text(json.dumps(made, sort_keys=True), encoding="utf-8")
    return names


def _with_links(figure: Figure, links: dict[str, str], pages: Path | None) -> Figure:
    prefix = f"{pages.name}/" if pages is not None else ""
    ids = figure.column("id")
    rows = [(*row, prefix + links[i] if i in links else None)
            for row, i in zip(figure.rows, ids, strict=True)]
    return Figure(figure.name, figure.title, [*figure.columns, "report"], rows)


# ------------------------------------------------------------------------------------- html


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _number(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _articles(n: int) -> str:
    return f"{n:,} {_plural(n, 'article', 'articles')}"


def _technique(label: str) -> str:
    from unspun.techniques.catalog import get_technique

    return label if label == "other" else get_technique(label).label


def _share(value: Any) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _rate_text(record: dict[str, Any], column: str, share: bool) -> str:
    return _interval(*(record.get(column + end) for end in ("", "_low", "_high")), share=share)


def _interval(value: Any, low: Any, high: Any, *, share: bool) -> str:
    show = _share if share else _number
    if value is None:
        return "–"
    if low is None or high is None:
        return show(value)
    return f"{show(value)} <span class=meta>[{show(low)}, {show(high)}]</span>"


def _group_points(records: Sequence[dict[str, Any]], by: str, column: str) -> list[Group]:
    return [Group(str(r[by]), int(r["articles"]), r.get(column), r.get(column + "_low"),
                  r.get(column + "_high"), bool(r["small"])) for r in records]


def _image(uri: str | None, alt: str) -> str:
    if uri is None:
        return "<p class=meta>Nothing to plot.</p>"
    return f'<div class=figure><img src="{uri}" alt="{_e(alt)}"></div>'


def _csv_note(name: str) -> str:
    return f"<p class=meta>All the numbers: {_e(name)}.csv.</p>"


class _Page:
    """The HTML of one corpus report, section by section."""

    def __init__(self, result: Corpus) -> None:
        self.result = result
        self.by = result.by
        self.period = result.by in PERIODS
        self.groups = result.figure(f"by_{result.by}").records()
        self.index = {label: i for i, label in enumerate(result.groups)}
        self.totals = result.figure("totals").records()[0]

    # -- charts

    def _rate_chart(self, column: str, axis: str) -> str | None:
        if not self.groups:
            return None
        points = _group_points(self.groups, self.by, column)
        share = column.endswith("_share")
        if self.period:
            starts = [dt.date.fromisoformat(r["start"]) for r in self.groups]
            return charts.time_chart([Series(ALL, starts, points)], axis,
                                     _PERIOD_DAYS[self.by], share=share)
        return charts.rate_bars(points, axis, share=share)

    def _group_link(self, label: str, n: int) -> str:
        if not n or label not in self.index:
            return ""
        return f'<a href="#g{self.index[label]}">{_articles(n)}</a>'

    # -- sections

    def rates(self) -> str:
        rows = []
        for record in self.groups[:TABLE_ROWS]:
            n = int(record["articles"])
            css = "empty" if not n else "few" if record["small"] else ""
            flag = " <span class=tag>few</span>" if n and record["small"] else ""
            rows.append(
                f"<tr class='{css}'><td>{_e(record[self.by])}{flag}</td>"
                f"<td class=n>{n:,}</td>"
                f"<td class=n>{_rate_text(record, 'techniques_per_1000_words', False)}</td>"
                f"<td class=n>{_rate_text(record, 'technique_sentence_share', True)}</td>"
                f"<td class=n>{_rate_text(record, 'claims_per_1000_words', False)}</td>"
                f"<td class=n>{_rate_text(record, 'named_source_share', True)}</td>"
                f"<td>{self._group_link(str(record[self.by]), n)}</td></tr>")
        more = (f"<p class=meta>First {TABLE_ROWS} of {len(self.groups)} rows.</p>"
                if len(self.groups) > TABLE_ROWS else "")
        order = ("in date order, every period from the first dated article to the last, empty"
                 " ones included" if self.period else "most articles first")
        table = (
            f"<table><thead><tr><th>{_e(self.by)}</th><th>n</th>"
            "<th>techniques per 1,000 words</th><th>sentences with a technique</th>"
            "<th>claims per 1,000 words</th><th>named sources</th><th></th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}"
        )
        chart = self._rate_chart("techniques_per_1000_words", "technique spans per 1,000 words")
        return (
            f"<section><h2>Persuasion techniques by {_e(self.by)}</h2>"
            f"<p>Technique spans per 1,000 words of article text, by {_e(self.by)}"
            f" ({order}). Each figure has its n (articles) and, in brackets, its 95%"
            " interval.</p>"
            + _image(chart, f"Technique spans per 1,000 words by {self.by}")
            + f"<h3>Rates by {_e(self.by)}</h3>{table}{_csv_note(f'by_{self.by}')}</section>"
        )

    def over_time(self) -> str:
        if self.period:
            return ""
        figure = self.result.figure("over_time")
        series: dict[str, tuple[list[dt.date], list[Group]]] = {}
        for r in figure.records():
            starts, points = series.setdefault(str(r["series"]), ([], []))
            starts.append(dt.date.fromisoformat(r["start"]))
            points.append(Group(str(r["month"]), int(r["articles"]),
                                r["techniques_per_1000_words"],
                                r["techniques_per_1000_words_low"],
                                r["techniques_per_1000_words_high"], bool(r["small"])))
        lines = [Series(name, starts, points) for name, (starts, points) in series.items()]
        chart = (charts.time_chart(lines, "technique spans per 1,000 words", 30)
                 if lines and lines[0].starts else None)
        undated = int(self.totals["undated"])
        return (
            "<section><h2>Persuasion techniques over time</h2>"
            "<p>Technique spans per 1,000 words by month on a date axis, for the whole corpus"
            f" (band: 95% interval; bars below: articles per month) and the"
            f" {charts.label(len(lines) - 1) if lines else 0} {_e(self.by)} values with the"
            " most articles. A month without articles is a gap in the line, never joined"
            " across; hollow points have fewer than"
            f" {self.result.min_n} articles. {undated:,} undated articles are not on the"
            " axis.</p>"
            + _image(chart, "Line chart of technique spans per 1,000 words by month")
            + _csv_note("over_time") + "</section>"
        )

    def sentence_share(self) -> str:
        chart = self._rate_chart("technique_sentence_share", "share of sentences")
        return (
            f"<section><h2>Sentences with a technique by {_e(self.by)}</h2>"
            "<p>The share of sentences that hold at least one technique span (all sentences"
            f" of the {_e(self.by)}'s articles pooled), with its 95% interval.</p>"
            + _image(chart, f"Share of sentences with a technique by {self.by}")
            + _csv_note(f"by_{self.by}") + "</section>"
        )

    def claims(self) -> str:
        chart = self._rate_chart("claims_per_1000_words", "check-worthy claims per 1,000 words")
        return (
            f"<section><h2>Claim density by {_e(self.by)}</h2>"
            "<p>Check-worthy claims per 1,000 words: how much of the writing a fact-checker"
            " would want to verify, with its 95% interval.</p>"
            + _image(chart, f"Claims per 1,000 words by {self.by}")
            + _csv_note(f"by_{self.by}") + "</section>"
        )

    def _stacked(self, records: Sequence[dict[str, Any]], shares: list[list[float]],
                 parts: Sequence[str], axis: str) -> str | None:
        if not records:
            return None
        points = [Group(str(r[self.by]), int(r["articles"]), None, small=bool(r["small"]))
                  for r in records]
        if self.period:
            starts = [dt.date.fromisoformat(r["start"]) for r in records]
            return charts.stacked_shares_over_time(starts, points, shares, parts,
                                                   _PERIOD_DAYS[self.by], axis)
        return charts.stacked_shares(points, shares, parts, axis)

    def mix(self) -> str:
        figure = self.result.figure(f"techniques_by_{self.by}")
        spans: dict[str, dict[str, int]] = {}
        overall: dict[str, int] = {}
        for r in figure.records():
            spans.setdefault(str(r[self.by]), {})[r["technique"]] = int(r["spans"])
            overall[r["technique"]] = overall.get(r["technique"], 0) + int(r["spans"])
        ranked = sorted(overall, key=lambda t: (-overall[t], t))
        parts = ranked[:MIX_PARTS] + (["other"] if len(ranked) > MIX_PARTS else [])
        records = [r for r in self.groups if self.period or int(r["articles"])]
        shares = []
        for r in records:
            counts = spans.get(str(r[self.by]), {})
            total = sum(counts.values())
            row = [counts.get(p, 0) / total if total else 0.0 for p in parts[:MIX_PARTS]]
            if len(parts) > MIX_PARTS:
                row.append(1.0 - sum(row) if total else 0.0)
            shares.append(row)
        chart = self._stacked(records, shares, [_technique(p) for p in parts],
                              "share of technique spans")
        body = "".join(
            f"<tr class='{'few' if r['small'] else ''}'><td>{_e(r[self.by])}</td>"
            f"<td class=n>{int(r['articles']):,}</td><td>{self._top_mix(spans, r)}</td></tr>"
            for r in records[:TABLE_ROWS] if int(r["articles"])
        )
        return (
            f"<section><h2>Technique mix by {_e(self.by)}</h2>"
            f"<p>Each {_e(self.by)}'s technique spans split by technique (shares of its own"
            f" spans, so groups of any size compare); the {MIX_PARTS} most used techniques"
            " overall are drawn apart. Greyed: fewer than"
            f" {self.result.min_n} articles.</p><div class=pair>"
            + _image(chart, f"Stacked bars of the technique mix by {self.by}")
            + f"<div class=scroll><table><thead><tr><th>{_e(self.by)}</th><th>n</th>"
            "<th>its most used techniques (share of its spans)</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div></div>"
            + _csv_note(f"techniques_by_{self.by}") + "</section>"
        )

    def _top_mix(self, spans: dict[str, dict[str, int]], record: dict[str, Any]) -> str:
        counts = spans.get(str(record[self.by]), {})
        total = sum(counts.values())
        ranked = sorted(counts, key=lambda t: (-counts[t], t))[:3]
        return " · ".join(f"{_e(_technique(t))} {_share(counts[t] / total)}" for t in ranked)

    def sourcing(self) -> str:
        figure = self.result.figure(f"sourcing_by_{self.by}")
        records = [r for r in figure.records() if self.period or int(r["articles"])]
        if self.period:
            starts = {r[self.by]: r["start"] for r in self.groups}
            for r in records:
                r["start"] = starts[r[self.by]]
        shares = [[float(r[f"{p}_share"] or 0.0) for p in PROFILE] for r in records]
        chart = self._stacked(records, shares, PROFILE, "share of quotes")
        rows = "".join(
            f"<tr class='{'few' if r['small'] else ''}'><td>{_e(r[self.by])}</td>"
            f"<td class=n>{int(r['articles']):,}</td><td class=n>{int(r['quotes']):,}</td>"
            f"<td class=n>{_rate_text(r, 'named_share', True)}</td>"
            + "".join(f"<td class=n>{_share(r[f'{p}_share'])}</td>" for p in PROFILE[1:])
            + "</tr>"
            for r in records[:TABLE_ROWS] if int(r["articles"])
        )
        head = "".join(f"<th>{_e(p)}</th>" for p in PROFILE[1:])
        return (
            f"<section><h2>Sourcing profile by {_e(self.by)}</h2>"
            "<p>Who the quotes are from: named (a person or an organisation by name), other"
            " attributed (a role such as “a spokesman”, a document, the author), vague"
            " (“experts”), anonymous (“a source close to …”), or nobody; shares of each"
            f" {_e(self.by)}'s quotes, the named share with its 95% interval.</p>"
            "<div class=pair>" + _image(chart, f"Stacked bars of sourcing by {self.by}")
            + f"<div class=scroll><table><thead><tr><th>{_e(self.by)}</th><th>n</th>"
            f"<th>quotes</th><th>named</th>{head}</tr></thead><tbody>{rows}</tbody></table>"
            "</div></div>" + _csv_note(f"sourcing_by_{self.by}") + "</section>"
        )

    def terms(self) -> str:
        figure = self.result.figure("loaded_terms")
        chart = (charts.bar_chart(figure.column("term"), figure.column("articles"), "articles")
                 if figure.rows else None)
        rows = "".join(
            f"<tr><td>{_e(r['term'])}</td><td class=n>{r['articles']:,}</td>"
            f"<td class=n>{r['uses']:,}</td><td>{_e(r['example'])}</td>"
            f"<td>{_e(r['top_techniques'])}</td></tr>" for r in figure.records())
        passages = int(self.totals["loaded_passages_not_terms"])
        return (
            "<section><h2>Top loaded terms</h2>"
            "<p>Words and short phrases marked as loaded language or name calling, lower-cased,"
            " lemmatised and trimmed of stop words at the edges, near-duplicates merged; each"
            " counts once per article. Their techniques are those of every technique span"
            f" over them. {passages:,} longer marked passages (more than"
            " three content words, or a clause) are not terms and are left out.</p>"
            + _image(chart, "Bar chart of the loaded terms used in the most articles")
            + "<table><thead><tr><th>term</th><th>articles</th><th>uses</th>"
            "<th>most frequent form as written</th><th>top techniques</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>" + _csv_note("loaded_terms") + "</section>"
        )

    def speakers(self) -> str:
        figure = self.result.figure("speakers")
        chart = (charts.bar_chart(figure.column("speaker"), figure.column("articles"),
                                  "articles quoting them") if figure.rows else None)
        rows = "".join(
            f"<tr><td>{_e(r['speaker'])}</td><td>{_e(r['kind'])}</td>"
            f"<td class=n>{r['articles']:,}</td><td class=n>{r['quotes']:,}</td></tr>"
            for r in figure.records())
        unnamed = int(self.totals["quotes_from_unnamed_sources"])
        return (
            "<section><h2>Most quoted speakers</h2>"
            "<p>Speakers by the name each article resolves them to, in the most articles"
            f" first. {unnamed:,} quotes from vague (“experts”), anonymous and author sources,"
            " and from roles and documents the article names nobody for (“a former"
            " diplomat”, “the report”), are not speakers to rank, and are left out; they are"
            " in the sourcing profile.</p>"
            + _image(chart, "Bar chart of the speakers quoted in the most articles")
            + "<table><thead><tr><th>speaker</th><th>kind</th><th>articles</th>"
            f"<th>quotes</th></tr></thead><tbody>{rows}</tbody></table>"
            + _csv_note("speakers") + "</section>"
        )

    def articles(self) -> str:
        figure = self.result.figure("articles")
        records = figure.records()
        titles = {r["id"]: r["title"] or r["id"][:12] for r in records}
        undated_index = len(self.index)
        first_of: set[int] = set()
        order = sorted(records, key=lambda r: (
            self.index.get(r["group"], undated_index), r["date"] is None, r["date"] or "",
            r["id"]))
        rows = []
        for r in order:
            g = self.index.get(r["group"], undated_index)
            anchor = "" if g in first_of else f" id=g{g}"
            first_of.add(g)
            title = _e(titles[r["id"]])
            if r.get("report"):
                title = f'<a href="{_e(r["report"])}">{title}</a>'
            copy = ""
            if r["duplicate_of"]:
                copy = (f"copy of “{_e(titles.get(r['duplicate_of'], r['duplicate_of']))}”"
                        f" ({_number(r['similarity'])})")
            density = r["techniques_per_1000_words"]
            rows.append(
                f"<tr{anchor} data-g={g} data-group=\"{_e(r['group'])}\""
                f" class='{'copy' if not r['counted'] else ''}'>"
                f"<td>{title}</td><td>{_e(r['site'])}</td><td>{_e(r['date'])}</td>"
                f"<td>{_e(r['group'])}</td>"
                f"<td class=n data-v=\"{'' if density is None else density}\">"
                f"{_number(density)}</td>"
                f"<td>{_e(_technique(r['top_technique']) if r['top_technique'] else '')}</td>"
                f"<td>{copy}</td></tr>")
        head = "".join(
            f"<th{' class=num' if numeric else ''}><button type=button>{name}</button></th>"
            for name, numeric in (("title", False), ("outlet", False), ("date", False),
                                  (_e(self.by), False), ("techniques per 1,000 words", True),
                                  ("top technique", False), ("copy", False)))
        pages = ("Each title opens the article's own report."
                 if any(r.get("report") for r in records) else "")
        return (
            "<section id=articles><h2>Articles</h2>"
            f"<p>Every analysed article. {pages} Click a column heading to sort. Folded"
            " copies are listed in italics with the original they were folded into.</p>"
            "<p id=filter hidden><span></span><a href=\"#articles\">Show all</a></p>"
            "<div class=scroll><table id=articles-table>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
            + _csv_note("articles") + "</section>"
        )

    def method(self) -> str:
        t = self.totals
        fold = (f"Syndicated and lightly edited copies are folded: articles whose word"
                f" {t['dedupe_shingle_words']}-shingles have a Jaccard similarity of at least"
                f" {t['dedupe_jaccard_threshold']} (MinHash/LSH candidates, checked exactly)"
                " form one story, counted once under its earliest article."
                if t["dedupe"] else "Copies are not folded (--no-dedupe): every article"
                " counts.")
        return (
            "<section><h2>Method</h2><ul>"
            f"<li>Intervals: 95% percentile bootstrap over articles, {t['bootstrap_resamples']:,}"
            f" resamples per group, seed {t['bootstrap_seed']}; each rate is a ratio of sums"
            " over the group's articles. None is given for a group of one article.</li>"
            f"<li>Groups with fewer than {t['min_n']} articles (--min-n) are greyed and"
            " flagged “few”: their figures are shown but should not be compared.</li>"
            "<li>Weeks are ISO weeks from Monday; every period from the first dated article to"
            " the last is on the axis, empty ones included.</li>"
            f"<li>{_e(fold)}</li></ul></section>"
        )


def render_html(result: Corpus, *, source: Path) -> str:
    page = _Page(result)
    t = page.totals
    undated = int(t["undated"])
    folded = int(t["copies_folded"])
    copies = (f" ({folded:,} syndicated or lightly edited {_plural(folded, 'copy', 'copies')}"
              " folded into the articles they copy)"
              if result.dedupe else " (copies not folded: --no-dedupe)")
    undated_text = f"{undated:,} undated"
    if page.period and undated:
        undated_text = (f'<a href="#g{len(page.index)}">{undated:,} undated</a>, not on the'
                        " time axis")
    summary = (
        f"<p class=meta>{_articles(int(t['articles']))}{copies}, {int(t['words'] or 0):,}"
        f" words, from {_e(t['first_date'] or '?')} to {_e(t['last_date'] or '?')}"
        f" ({undated_text}); {int(t['not_analysed'] or 0):,} more pages read but not"
        f" analysed (not in English). Groups with fewer than {result.min_n} articles are"
        f" greyed and flagged. Source: {_e(source)}. Made by unspun {_e(__version__)} on"
        f" {dt.date.today().isoformat()}.</p>"
    )
    sections = [page.rates(), page.over_time(), page.sentence_share(), page.claims(),
                page.mix(), page.sourcing(), page.terms(), page.speakers(), page.articles(),
                page.method()]
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>unspun corpus report by {_e(result.by)}</title><style>{_STYLE}</style>"
        f"</head><body><h1>Corpus report by {_e(result.by)}</h1>{summary}"
        + "".join(sections)
        + f"<script>{_SCRIPT}</script></body></html>"
    )
