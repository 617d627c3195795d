"""The history's figures and its failed filter, and the page comparing two analyses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from unspun.ingest import Page
from unspun.render.summary import summarise
from unspun.report import Report
from unspun.web import store as st
from web.test_web_api import EVIL, assert_strict_csp, html_doc
from web.web_support import (
    ExplodingOnDemand,
    FakeAnalyzer,
    RichAnalyzer,
    make_client,
    submit,
    wait_done,
)

# 40 words; 4 techniques (2 loaded language, 1 exaggeration, 1 flag-waving); 2 claims (the
# sentences with a figure); 2 quotes.
OP_ED = (
    'The plan is a disaster, and the council always ignores 4,000 workers. "It is shameful,"'
    ' said Alice Smith. Real patriots will remember this in 2025, she said. "We will fight'
    ' on," she added, and nobody disagreed with her then.\n'
)
# 24 words; 1 technique; 1 claim; no quote.
WIRE = (
    "The council voted on Tuesday to close the bridge for 3 months. Engineers always check"
    " the steel, the transport ministry said in a statement.\n"
)


class EntitiesOnly(FakeAnalyzer):
    """As ``Analyzer(layers="entities")`` reports: the other layers were not run."""

    def analyze_page(self, page: Page, *, published: Any = None, **_: Any) -> Report:
        report = super().analyze_page(page, published=published)
        return report.model_copy(update={"skipped_layers": ["quotes", "claims", "techniques"]})


@pytest.fixture
def rich() -> Iterator[TestClient]:
    with make_client(analyzer_factory=RichAnalyzer) as c:
        yield c


def _done(client: TestClient, **body: str) -> str:
    ident = str(submit(client, **body)["id"])
    assert wait_done(client, ident)["status"] == "done"
    return ident


def _row(page: str, ident: str) -> str:
    match = re.search(rf'<tr>(?:(?!</tr>).)*?/analyses/{re.escape(ident)}".*?</tr>', page, re.S)
    assert match, ident
    return match.group(0)


def _cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>",
                                                                      row, re.S)]


def test_history_shows_density_top_technique_claims_and_quotes(rich: TestClient) -> None:
    op_ed = _done(rich, text=OP_ED)
    wire = _done(rich, text=WIRE)
    report = Report.model_validate(wait_done(rich, op_ed)["report"])
    s = summarise(report)
    assert (s.words, s.techniques, s.claims, s.quotes) == (40, 4, 2, 2)
    page = rich.get("/analyses")
    assert page.status_code == 200
    assert "Techniques per 1,000 words" in page.text and "Top technique" in page.text
    # compare box, title, site, status, analysed, density, top technique, claims, quotes, delete
    cells = _cells(_row(page.text, op_ed))
    assert cells[5:9] == ["100.0", "Loaded language", "2", "2"]
    cells = _cells(_row(page.text, wire))
    assert cells[5:9] == [f"{1000 / 24:.1f}", "Exaggeration / minimisation", "1", "0"]
    # The start page's recent list has them too, without the compare boxes.
    home = _cells(_row(rich.get("/").text, op_ed))
    assert home[4:8] == ["100.0", "Loaded language", "2", "2"]
    assert_strict_csp(page)


def test_figures_of_a_layer_that_did_not_run_are_blank_not_zero(client: TestClient) -> None:
    # FakeAnalyzer finds entities only: no technique, claim or quote spans at all.
    ident = _done(client, text="Mayor Alice Smith spoke.\n")
    item = client.app.state.store.get(ident)  # type: ignore[attr-defined]
    assert item.figures == st.Figures(
        words=4, techniques=0, claims=0, quotes=0, top_technique=None
    )
    assert _cells(_row(client.get("/analyses").text, ident))[5:9] == ["0.0", "", "0", "0"]
    with make_client(analyzer_factory=EntitiesOnly) as only_entities:
        other = _done(only_entities, text="Mayor Alice Smith spoke.\n")
        item = only_entities.app.state.store.get(other)  # type: ignore[attr-defined]
        assert item.figures is not None
        assert (item.figures.techniques, item.figures.claims, item.figures.quotes) == (
            None, None, None)
        row = _cells(_row(only_entities.get("/analyses").text, other))
        assert row[5:9] == ["", "", "", ""]


def test_hide_failed_leaves_out_failed_analyses_and_pages_keep_the_filter() -> None:
    with make_client(analyzer_factory=ExplodingOnDemand) as c:
        good = [_done(c, text=f"Story number {n} about Harbour Bridge.\n") for n in range(3)]
        bad = submit(c, text="EXPLODE: this one fails.\n")["id"]
        assert wait_done(c, bad)["status"] == "failed"
        everything = c.get("/analyses").text
        assert all(f"/analyses/{i}" in everything for i in [*good, bad])
        assert 'id="hide-failed" name="hide_failed" value="1">' in everything  # unticked
        shown = c.get("/analyses", params={"hide_failed": "1"})
        assert shown.status_code == 200
        assert f"/analyses/{bad}" not in shown.text
        assert all(f"/analyses/{i}" in shown.text for i in good)
        assert 'id="hide-failed" name="hide_failed" value="1" checked' in shown.text
        # The next page of a filtered history is filtered too.
        store: st.Store = c.app.state.store  # type: ignore[attr-defined]
        first, cursor = store.search(hide_failed=True, limit=2)
        assert cursor is not None and bad not in {a.id for a in first}
        rest, _ = store.search(hide_failed=True, limit=2, cursor=cursor)
        assert [a.id for a in first + rest] == list(reversed(good))
        assert len(store.search(limit=10)[0]) == 4


def test_the_pager_link_carries_the_filter(rich: TestClient) -> None:
    for n in range(27):
        submit(rich, text=f"Story {n}.\n")
    listing = rich.get("/analyses", params={"hide_failed": "true"}).text
    pager = re.search(r'class="pager"><a href="([^"]+)"', listing)
    assert pager and "hide_failed=1" in pager.group(1).replace("&amp;", "&")


def test_old_rows_get_their_figures_when_the_history_shows_them(rich: TestClient) -> None:
    ident = _done(rich, text=OP_ED)
    store: st.Store = rich.app.state.store  # type: ignore[attr-defined]
    with store.engine.begin() as conn:  # as a row finished before figures were kept
        conn.execute(st.analyses.update().values(
            words=None, techniques=None, claims=None, quotes=None, top_technique=None))
    assert store.get(ident).figures is None  # type: ignore[union-attr]
    cells = _cells(_row(rich.get("/analyses").text, ident))
    assert cells[5:9] == ["100.0", "Loaded language", "2", "2"]
    assert store.get(ident).figures == st.Figures(  # type: ignore[union-attr]
        words=40, techniques=4, claims=2, quotes=2, top_technique="Loaded_Language")


def test_a_table_from_before_the_figures_gets_their_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    columns = [c for c in st.analyses.c if c.name in (
        "id", "input_key", "content_hash", "kind", "source", "status", "error", "title", "site",
        "url", "created", "updated", "report")]
    ddl = ", ".join(f"{c.name} {c.type.compile(dialect=engine.dialect)}" for c in columns)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE analyses ({ddl})"))
        conn.execute(text(
            "INSERT INTO analyses (id, input_key, kind, source, status, created, updated)"
            " VALUES ('old', 'k', 'text', '<pasted text>', 'failed', 1.0, 1.0)"))
    engine.dispose()
    store = st.Store(f"sqlite:///{db}")
    try:
        old = store.get("old")
        assert old is not None and old.words is None and old.figures is None
        item, _ = store.claim("n" * 64, "text", "<pasted text>")
        figures = st.Figures(words=10, techniques=1, claims=0, quotes=None, top_technique="Doubt")
        store.finish(item.id, status=st.DONE, report_json="{}", figures=figures)
        assert store.get(item.id).figures == figures  # type: ignore[union-attr]
        assert st.Store(f"sqlite:///{db}").get(item.id) is not None  # opening it again is fine
    finally:
        store.close()


def _compare_url(*idents: str) -> str:
    return "/compare?" + "&".join(f"id={i}" for i in idents)


def test_compare_two_analyses_side_by_side(rich: TestClient) -> None:
    op_ed = _done(rich, html=html_doc("Council plan draws anger", OP_ED, site="Daily Planet"))
    wire = _done(rich, text=WIRE)
    history = rich.get("/analyses").text
    assert 'form id="compare"' in history.replace('class="compare-bar" ', "")
    for ident in (op_ed, wire):
        assert f'name="id" value="{ident}" form="compare"' in history
    page = rich.get(_compare_url(op_ed, wire))
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert_strict_csp(page)
    body = page.text
    assert "Council plan draws anger" in body and "The council voted on Tuesday" in body
    assert f'href="/analyses/{op_ed}"' in body and f'href="/analyses/{wire}"' in body
    figures = body.split('class="compare-table figures"')[1].split("</table>")[0]
    rows = {
        cells[0]: cells[1:]
        for cells in (
            [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>",
                                                                  row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", figures, re.S)
        )
    }
    assert rows["Site"] == ["Daily Planet", ""]
    assert rows["Words"][1] == "24"
    assert rows["Techniques"] == ["4", "1"]
    assert rows["Techniques per 1,000 words"][1] == f"{1000 / 24:.1f}"
    assert rows["Claims"] == ["2", "1"] and rows["Quotes"] == ["2", "0"]
    mix = body.split('class="compare-table mix"')[1].split("</table>")[0]
    mix_rows = [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>",
                                                              row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", mix.split("<tbody>")[1], re.S)
    ]
    assert mix_rows == [
        ["Exaggeration / minimisation", "1", "25%", "1", "100%"],
        ["Loaded language", "2", "50%", "0", "0%"],
        ["Flag-waving", "1", "25%", "0", "0%"],
        ["All techniques", "4", "", "1", ""],
    ]
    # The other way round: the columns swap.
    swapped = rich.get(_compare_url(wire, op_ed)).text
    assert swapped.index(f'href="/analyses/{wire}"') < swapped.index(f'href="/analyses/{op_ed}"')


def test_compare_refuses_bad_picks(rich: TestClient) -> None:
    one = _done(rich, text=OP_ED)
    two = _done(rich, text=WIRE)
    for url in ("/compare", _compare_url(one), _compare_url(one, one),
                _compare_url(one, two, one + "x")):
        response = rich.get(url)
        assert response.status_code == 400, url
        assert "text/html" in response.headers["content-type"]
        assert "pick two" in response.text
    missing = rich.get(_compare_url(one, "no-such-id"))
    assert missing.status_code == 404 and "no such analysis" in missing.text
    escaped = rich.get("/compare", params={"id": [one, "<script>alert(1)</script>"]})
    assert escaped.status_code == 404 and "<script>alert(1)" not in escaped.text
    store: st.Store = rich.app.state.store  # type: ignore[attr-defined]
    pending, _ = store.claim("p" * 64, "text", "<pasted text>")
    unfinished = rich.get(_compare_url(one, pending.id))
    assert unfinished.status_code == 400 and "still being analysed" in unfinished.text
    store.finish(pending.id, status=st.FAILED, error="boom")
    failed = rich.get(_compare_url(pending.id, two))
    assert failed.status_code == 400 and "failed" in failed.text


def test_compare_escapes_article_text(rich: TestClient) -> None:
    evil = _done(rich, html=html_doc(
        "Title &lt;script&gt;alert(1)&lt;/script&gt;", OP_ED,
        site="&quot;&gt;&lt;img src=x onerror=alert(3)&gt;"))
    other = _done(rich, text=f"{EVIL} The plan is a disaster.\n")
    page = rich.get(_compare_url(evil, other))
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert_strict_csp(page)
