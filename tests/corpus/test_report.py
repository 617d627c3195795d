"""`unspun corpus`: the CSV files and the self-contained HTML page (charts, n and intervals,
greyed small groups, drill-down to each article's own report), and the command line."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
from pathlib import Path

import pytest

from batch.batch_support import fake_factory, make_corpus
from corpus.corpus_support import Article, hand_corpus, words, write_output
from unspun.batch import run_batch
from unspun.batch.store import ChunkStore
from unspun.cli import main
from unspun.corpus import build_corpus_report, corpus_figures
from unspun.corpus import report as report_module
from unspun.errors import InputError

EVIL_SITE = '<script>alert("x")</script> $1$ News'


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_output(tmp_path_factory.mktemp("hand") / "out", hand_corpus())


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _ids() -> dict[str, str]:
    return {a.key: a.id for a in hand_corpus()}


def test_csv_files_carry_n_and_interval_bounds(output: Path, tmp_path: Path) -> None:
    report = build_corpus_report(output, by="site", output=tmp_path / "r" / "report.html",
                                 csv_dir=tmp_path / "csv")
    assert [p.name for p in report.csv_files] == [
        "by_site.csv", "over_time.csv", "techniques_by_site.csv", "sourcing_by_site.csv",
        "loaded_terms.csv", "speakers.csv", "articles.csv", "totals.csv"]
    alpha, beta = _csv(tmp_path / "csv" / "by_site.csv")
    assert (alpha["site"], alpha["articles"], alpha["small"]) == ("alpha.example", "5", "False")
    low, value, high = (float(alpha[f"techniques_per_1000_words{end}"])
                        for end in ("_low", "", "_high"))
    assert low < value == 33.333 < high
    assert (beta["articles"], beta["small"], beta["techniques_per_1000_words_low"]) == (
        "1", "True", "")
    sourcing = _csv(tmp_path / "csv" / "sourcing_by_site.csv")
    assert {"articles", "named_share", "named_share_low", "named_share_high"} <= set(sourcing[0])
    totals = _csv(tmp_path / "csv" / "totals.csv")[0]
    assert (totals["articles"], totals["copies_folded"], totals["dedupe_jaccard_threshold"]) == (
        "6", "1", "0.6")


def test_each_article_links_to_its_own_report(output: Path, tmp_path: Path) -> None:
    html = tmp_path / "r" / "report.html"
    report = build_corpus_report(output, by="site", output=html, csv_dir=tmp_path / "csv")
    assert report.pages == tmp_path / "r" / "report_articles"
    rows = {r["id"]: r for r in _csv(tmp_path / "csv" / "articles.csv")}
    assert len(rows) == 7  # the folded copy is listed too
    ids = _ids()
    link = rows[ids["a2"]]["report"]
    assert link == f"report_articles/{ids['a2']}.html"
    page = (html.parent / link).read_text("utf-8")
    assert "a2s1w1" in page and "Doubt" in page  # a2's own text and techniques
    assert rows[ids["c1"]]["duplicate_of"] == ids["a1"] and rows[ids["c1"]]["counted"] == "False"
    assert f'href="{link}"' in html.read_text("utf-8")


def test_article_pages_are_rendered_again_only_when_changed(
    output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    html = tmp_path / "report.html"
    build_corpus_report(output, output=html, csv_dir=tmp_path / "csv")
    page = tmp_path / "report_articles" / f"{_ids()['a1']}.html"
    stale = tmp_path / "report_articles" / f"{'0' * 64}.html"
    stale.write_text("an article no longer in the output", encoding="utf-8")
    index = (tmp_path / "report_articles" / "index.json").read_text("utf-8")
    (tmp_path / "report_articles" / "index.json").write_text(
        index[:-1] + f', "{stale.name}": "x"}}', encoding="utf-8")
    first = page.stat().st_mtime_ns
    build_corpus_report(output, output=html, csv_dir=tmp_path / "csv")
    assert page.stat().st_mtime_ns == first
    assert not stale.exists()
    monkeypatch.setattr(report_module, "__version__", "9.9.9")  # another renderer
    build_corpus_report(output, output=html, csv_dir=tmp_path / "csv")
    assert page.stat().st_mtime_ns != first


def test_without_article_pages_nothing_is_linked(output: Path, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    report = build_corpus_report(output, output=html, csv_dir=tmp_path / "csv",
                                 article_pages=False)
    assert report.pages is None and not (tmp_path / "report_articles").exists()
    assert all(r["report"] == "" for r in _csv(tmp_path / "csv" / "articles.csv"))
    assert "_articles/" not in html.read_text("utf-8")


def _page(output: Path, tmp_path: Path, **options: object) -> str:
    html = tmp_path / f"report-{len(list(tmp_path.iterdir()))}.html"
    build_corpus_report(output, output=html, csv_dir=tmp_path / "csv", **options)  # type: ignore[arg-type]
    return html.read_text("utf-8")


def test_groups_show_n_greyed_small_ones_and_link_to_their_articles(
    output: Path, tmp_path: Path,
) -> None:
    page = _page(output, tmp_path, by="site", min_n=5)
    assert "6 articles (1 syndicated or lightly edited copy folded" in page
    # alpha (n = 5) is group 0, beta (n = 1) group 1: greyed and flagged.
    alpha = re.search(r"<tr class=''><td>alpha\.example</td><td class=n>5</td>.*?</tr>", page)
    assert alpha and 'href="#g0"' in alpha.group() and "[" in alpha.group()  # an interval
    beta = re.search(r"<tr class='few'><td>beta\.example <span class=tag>few</span></td>"
                     r"<td class=n>1</td>.*?</tr>", page)
    assert beta and 'href="#g1">1 article<' in beta.group()
    # The drill-down: the first of each group's article rows carries the group's anchor.
    assert re.search(r'<tr id=g0 data-g=0 data-group="alpha\.example"', page)
    assert re.search(r'<tr id=g1 data-g=1 data-group="beta\.example"', page)
    assert page.count("data-g=0 ") == 5 and page.count("data-g=1 ") == 1
    # The folded copy is listed, marked, under its own outlet.
    assert re.search(r"<tr id=g2 data-g=2 data-group=\"gamma\.example\" class='copy'>", page)
    assert "copy of “a1” (0.88)" in page
    assert "(n=1, few)" in _svg_texts(page)[0]  # the chart's label of beta
    assert "3 quotes from vague" in page  # left out of the speakers


def _svg_texts(page: str) -> list[str]:
    return [base64.b64decode(b).decode("utf-8")
            for b in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)]


def test_weeks_page_shows_the_gap_and_the_undated_apart(output: Path, tmp_path: Path) -> None:
    page = _page(output, tmp_path, by="week")
    assert '<a href="#g5">1 undated</a>, not on the time axis' in page
    assert page.count("<tr class='empty'>") == 2  # 2024-W03 and W04
    assert re.search(r'<tr id=g5 data-g=5 data-group="\(undated\)"', page)
    # Five charts over weeks; no separate over-time chart (the weeks are the time axis).
    assert len(_svg_texts(page)) == 7  # 3 rates, mix, sourcing, terms, speakers
    assert "Persuasion techniques over time" not in page


def test_the_page_is_self_contained_and_inert(tmp_path: Path) -> None:
    evil = Article("evil", EVIL_SITE, "2024-02-01", [words("e", 12)],
                   quotes=[('<img src=x onerror="alert(1)">', "person")])
    out = write_output(tmp_path / "out", [*hand_corpus(), evil])
    page = _page(out, tmp_path)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; $1$ News" in page
    assert "<img src=x" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1)
    (script,) = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp.group(1)  # only this script may run
    for target in re.findall(r'(?:src|href)="([^"]*)"', page):
        assert re.fullmatch(r"data:image/svg\+xml;base64,.*|#g\d+|#articles"
                            r"|report-\d+_articles/[0-9a-f]{64}\.html", target), target
    assert all("<script" not in svg for svg in _svg_texts(page))


def test_month_and_author_groupings(output: Path) -> None:
    by_month = {r[0]: r[2] for r in corpus_figures(output, by="month")[0].rows}
    assert by_month == {"2024-01": 5}
    authors = corpus_figures(output, by="author")[0]
    assert [(r[0], r[1]) for r in authors.rows] == [
        ("(no author)", 3), ("Ann", 2), ("Bo", 1)]


def test_uncommitted_parts_are_not_read(tmp_path: Path) -> None:
    out = write_output(tmp_path / "out", hand_corpus())
    # What an interrupted run leaves behind: Parquet files without a manifest.
    for table in ("articles", "spans"):
        source = out / table / "part-000000.parquet"
        (out / table / "part-000009.parquet").write_bytes(source.read_bytes())
    totals = corpus_figures(out)[-1]
    assert totals.records()[0]["analysed"] == 7


def test_report_from_a_real_batch_run_via_the_cli(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([str(make_corpus(tmp_path, 6))], out, workers=1, analyzer_factory=fake_factory,
              progress=io.StringIO())
    stdout = io.StringIO()
    assert main(["corpus", str(out), "--by", "week", "--min-n", "2", "--no-dedupe"],
                stdout=stdout) == 0
    listed = stdout.getvalue().split()
    assert listed[0] == str(out / "corpus.html") and (out / "corpus.html").is_file()
    assert str(out / "corpus_csv" / "by_week.csv") in listed
    assert listed[-1] == str(out / "corpus_articles")
    assert "copies not folded" in (out / "corpus.html").read_text("utf-8")
    # The report folders do not disturb a later batch run into the same output.
    again = run_batch([str(make_corpus(tmp_path / "more", 2))], out, workers=1,
                      analyzer_factory=fake_factory, progress=io.StringIO())
    assert again.articles == 2
    stdout = io.StringIO()
    assert main(["corpus", str(out), "--no-article-pages"], stdout=stdout) == 0
    assert str(out / "corpus_articles") not in stdout.getvalue().split()


def test_bad_options_and_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not an `unspun batch` output"):
        corpus_figures(tmp_path)
    ChunkStore(tmp_path).open()
    with pytest.raises(InputError, match="no analysed articles"):
        corpus_figures(tmp_path)
    stderr = io.StringIO()
    assert main(["corpus", str(tmp_path / "nowhere")], stderr=stderr) == 2
    assert "not an `unspun batch` output" in stderr.getvalue()
    stderr = io.StringIO()
    assert main(["corpus", str(tmp_path), "--min-n", "0"], stderr=stderr) == 2
    assert "--min-n must be at least 1" in stderr.getvalue()
