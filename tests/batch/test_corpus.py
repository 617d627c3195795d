"""`unspun corpus`: DuckDB figures over a batch output, checked against hand-counted values,
written as CSV and as a self-contained, inert HTML page."""

from __future__ import annotations

import base64
import csv
import io
import re
from pathlib import Path

import pytest

from batch.batch_support import fake_factory, make_corpus
from unspun.batch import run_batch
from unspun.batch.engine import analyse_task
from unspun.batch.store import ChunkStore
from unspun.batch.tasks import Failure, Task, task_id
from unspun.cli import main
from unspun.corpus import build_corpus_report, corpus_figures
from unspun.errors import InputError
from unspun.ingest import Page
from unspun.report import Claim, Document, Quote, Report, Span, Speaker, TechniqueSpan

EVIL_SITE = '<script>alert("x")</script> $1$ News'


class _Given:
    """An 'analyzer' that returns prepared reports, so every count below is known."""

    def __init__(self, reports: dict[str, Report]) -> None:
        self.reports = reports

    def analyze_page(self, page: Page, *, timings: dict[str, float] | None = None) -> Report:
        return self.reports[page.source]


def _report(site: str | None, date: str | None, author: str | None, words: int,
            loaded: list[str], speakers: list[str], doubts: int = 0) -> Report:
    text = " ".join(loaded + ["word"] * (words - len(loaded)))
    techniques, at = [], 0
    for term in loaded:
        techniques.append(TechniqueSpan(start=at, end=at + len(term), text=term,
                                        technique="Loaded_Language", confidence=0.9,
                                        sentence=0))
        at += len(term) + 1
    techniques += [TechniqueSpan(start=0, end=len(loaded[0]) if loaded else 4,
                                 text=text[:len(loaded[0]) if loaded else 4],
                                 technique="Doubt", confidence=0.5, sentence=0)] * doubts
    quotes = [Quote(start=0, end=4, text=text[:4], kind="direct", confidence=0.8,
                    speaker=Speaker(name=name), cue=Span(start=5, end=9, text=text[5:9]))
              for name in speakers]
    claims = [Claim(start=0, end=9, text=text[:9], score=0.7, kind="quantity", sentence=0)]
    return Report(unspun_version="test", source="given",
                  document=Document(site=site, date=date, author=author, text=text,
                                    language="en"),
                  techniques=techniques, quotes=quotes, claims=claims)


REPORTS = {
    "a": _report("alpha.example", "2024-01-05", "Ann", 1000, ["Evil", "thugs"], ["Mayor Lee"]),
    "b": _report("alpha.example", "2024-02-10", "Ann", 500, ["evil"], ["Mayor Lee", "Dr Roe"]),
    "c": _report("beta.example", "2024-01-20", None, 2000, [], ["Dr Roe", "Mayor Lee"],
                 doubts=2),
    "d": _report(EVIL_SITE, None, "Bo", 1000, ["Evil  "], []),
}


def _write_output(out: Path) -> None:
    store = ChunkStore(out)
    store.open()
    analyzer = _Given(REPORTS)
    results = [
        analyse_task(analyzer, Task(task_id(k), k, Page(b"x", k, "text/plain"))) for k in REPORTS
    ]
    store.commit(results[:2])
    store.commit([*results[2:], Failure("f" * 64, "broken.html", "no readable text", "InputError")])


@pytest.fixture()
def output(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    _write_output(out)
    return out


def _rows(figure: object) -> list[dict[str, object]]:
    return [dict(zip(figure.columns, row, strict=True)) for row in figure.rows]  # type: ignore[attr-defined]


def test_figures_by_site_match_hand_counts(output: Path) -> None:
    figures = {f.name: f for f in corpus_figures(output, by="site", top=5)}
    by_site = {r["site"]: r for r in _rows(figures["by_site"])}
    alpha = by_site["alpha.example"]
    assert (alpha["articles"], alpha["words"], alpha["techniques"]) == (2, 1500, 3)
    assert alpha["techniques_per_1000_words"] == 2.0
    assert (alpha["quotes"], alpha["quotes_per_1000_words"]) == (3, 2.0)
    assert by_site["beta.example"]["techniques_per_1000_words"] == 1.0
    assert by_site[EVIL_SITE]["articles"] == 1
    assert next(iter(by_site)) == "alpha.example"  # most articles first

    terms = _rows(figures["loaded_terms"])
    # "Evil", "evil" and "Evil  " are one term, in three articles.
    assert terms[0] == {"term": "evil", "uses": 3, "articles": 3}
    assert {"term": "thugs", "uses": 1, "articles": 1} in terms

    speakers = _rows(figures["speakers"])
    assert speakers[:2] == [{"speaker": "Mayor Lee", "quotes": 3, "articles": 3},
                            {"speaker": "Dr Roe", "quotes": 2, "articles": 2}]

    techniques = {(r["site"], r["technique"]): r for r in _rows(figures["techniques_by_site"])}
    assert techniques[("beta.example", "Doubt")]["spans"] == 2
    assert techniques[("alpha.example", "Loaded_Language")]["per_1000_words"] == 2.0

    over_time = {(r["series"], r["month"]): r for r in _rows(figures["over_time"])}
    assert over_time[("(all)", "2024-01")]["articles"] == 2  # a and c; d is undated
    assert over_time[("(all)", "2024-01")]["techniques_per_1000_words"] == 1.33  # 4 / 3000
    assert over_time[("alpha.example", "2024-02")]["techniques_per_1000_words"] == 2.0
    assert not any(month is None for _, month in over_time)

    (totals,) = _rows(figures["totals"])
    assert totals["articles"] == 4 and totals["undated"] == 1
    assert (totals["first_date"], totals["last_date"]) == ("2024-01-05", "2024-02-10")


def test_grouping_by_month_and_author(output: Path) -> None:
    by_month = {r["month"]: r for r in _rows(corpus_figures(output, by="month")[0])}
    assert set(by_month) == {"2024-01", "2024-02", "(undated)"}
    assert by_month["2024-01"]["articles"] == 2
    by_author = {r["author"]: r["articles"] for r in _rows(corpus_figures(output, by="author")[0])}
    assert by_author == {"Ann": 2, "Bo": 1, "(no author)": 1}
    series = {r["series"] for r in _rows(corpus_figures(output, by="month")[1])}
    assert series == {"(all)"}


def test_uncommitted_parts_are_not_read(output: Path) -> None:
    # What an interrupted run leaves behind: Parquet files without a manifest.
    for table in ("articles", "spans"):
        source = output / table / "part-000000.parquet"
        (output / table / "part-000009.parquet").write_bytes(source.read_bytes())
    figures = corpus_figures(output)
    assert sum(r["articles"] for r in _rows(figures[0])) == 4


def test_report_files_csv_and_inert_html(output: Path, tmp_path: Path) -> None:
    report = build_corpus_report(output, by="site", output=tmp_path / "r" / "report.html",
                                 csv_dir=tmp_path / "csv")
    names = sorted(p.name for p in report.csv_files)
    assert names == ["by_site.csv", "loaded_terms.csv", "over_time.csv", "speakers.csv",
                     "techniques_by_site.csv", "totals.csv"]
    with (tmp_path / "csv" / "by_site.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["site"] == "alpha.example" and rows[0]["techniques_per_1000_words"] == "2.0"

    page = report.html.read_text("utf-8")
    assert "<script" not in page  # the outlet called <script>… is text, not markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; $1$ News" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"(src|href)=\"(?!data:image/svg\+xml;base64,)", page)
    images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert len(images) == 5  # by site, over time, claims, loaded terms, speakers
    svg = base64.b64decode(images[0]).decode("utf-8")
    assert "alpha.example" in svg and "<script" not in svg
    assert "Mayor Lee" in base64.b64decode(images[4]).decode("utf-8")


def test_report_from_a_real_batch_run_via_the_cli(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([str(make_corpus(tmp_path, 6))], out, workers=1, analyzer_factory=fake_factory,
              progress=io.StringIO())
    stdout = io.StringIO()
    assert main(["corpus", str(out), "--by", "month"], stdout=stdout) == 0
    listed = stdout.getvalue().split()
    assert listed[0] == str(out / "corpus.html") and (out / "corpus.html").is_file()
    assert str(out / "corpus_csv" / "by_month.csv") in listed
    # The report folders do not disturb a later batch run into the same output.
    again = run_batch([str(make_corpus(tmp_path / "more", 2))], out, workers=1,
                      analyzer_factory=fake_factory, progress=io.StringIO())
    assert again.articles == 2


def test_not_a_batch_output(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not an `unspun batch` output"):
        corpus_figures(tmp_path)
    ChunkStore(tmp_path).open()
    with pytest.raises(InputError, match="no analysed articles"):
        corpus_figures(tmp_path)
    stderr = io.StringIO()
    assert main(["corpus", str(tmp_path / "nowhere")], stderr=stderr) == 2
    assert "not an `unspun batch` output" in stderr.getvalue()


def test_every_query_in_the_duckdb_guide_runs(output: Path) -> None:
    import duckdb

    guide = (Path(__file__).resolve().parents[2] / "docs" / "querying.md").read_text("utf-8")
    queries = re.findall(r"```sql\n(.*?)```", guide, flags=re.DOTALL)
    assert len(queries) >= 8
    con = duckdb.connect()
    for sql in queries:
        rows = con.execute(sql.replace("'results/", f"'{output}/")).fetchall()
        assert rows, sql  # each example finds something in the test corpus
