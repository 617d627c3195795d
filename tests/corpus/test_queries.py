"""The corpus figures on a hand-built batch output (corpus_support.hand_corpus), each checked
against a value worked out by hand: groups with their n and intervals, a time axis with a
gap of empty weeks, an outlet of one article, a folded syndicated copy, terms and speakers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from corpus.corpus_support import Article, filler_sentences, hand_corpus, write_output
from unspun.batch import schemas as batch_schemas
from unspun.batch import store as batch_store
from unspun.corpus import connect, corpus
from unspun.corpus.stats import group_ratios


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_output(tmp_path_factory.mktemp("hand") / "out", hand_corpus())


def _by(records: list[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    return {r[key]: r for r in records}


def _ids() -> dict[str, str]:
    return {a.key: a.id for a in hand_corpus()}


def test_outlets_with_their_n_rates_and_a_one_article_outlet(output: Path) -> None:
    result = corpus(output, by="site", min_n=5)
    rows = result.figure("by_site").records()
    # gamma.example's only article is a folded copy: it is no group at all.
    assert [r["site"] for r in rows] == ["alpha.example", "beta.example"]
    alpha, beta = rows
    # alpha: a1..a5, 80 + 50 + 20 + 40 + 20 = 210 words, 2 + 3 + 0 + 1 + 1 = 7 techniques.
    assert (alpha["articles"], alpha["small"], alpha["words"], alpha["techniques"]) == (
        5, False, 210, 7)
    assert alpha["techniques_per_1000_words"] == round(1000 * 7 / 210, 3)  # 33.333
    # Sentences with a technique: a1 2, a2 2 (two spans in sentence 1), a4 1, a5 1 of 21.
    assert alpha["technique_sentence_share"] == round(6 / 21, 4)
    assert alpha["claims_per_1000_words"] == round(1000 * 5 / 210, 3)
    # Quotes: a1 Maria Lopez x2 + Analysts (vague), a2 anonymous + the Ministry, a4 one
    # without speaker: 3 named of 6.
    assert (alpha["sourced_quotes"], alpha["named_quotes"]) == (6, 3)
    assert alpha["named_source_share"] == 0.5
    # beta: one article of 30 words and 3 techniques, flagged, with no interval.
    assert (beta["articles"], beta["small"], beta["techniques_per_1000_words"]) == (1, True, 100.0)
    assert beta["techniques_per_1000_words_low"] is None
    assert beta["techniques_per_1000_words_high"] is None
    assert beta["technique_sentence_share"] == round(2 / 3, 4)
    assert beta["named_source_share"] == 0.5  # maria lopez, and the author


def test_interval_bounds_are_the_bootstrap_of_the_groups_articles(output: Path) -> None:
    alpha = corpus(output, by="site").figure("by_site").records()[0]
    # The same numbers by hand, in the order the corpus reads them (by article id).
    per_article = {"a1": (2, 80, 2, 8), "a2": (3, 50, 2, 5), "a3": (0, 20, 0, 2),
                   "a4": (1, 40, 1, 4), "a5": (1, 20, 1, 2)}
    order = sorted(per_article, key=lambda k: _ids()[k])
    techniques, words, marked, sentences = (
        np.array([per_article[k][i] for k in order], dtype=float) for i in range(4))
    rate, share = group_ratios([(techniques, words), (marked, sentences)],
                               "site:alpha.example", scale=[1000.0, 1.0])
    assert alpha["techniques_per_1000_words_low"] == round(rate.low, 3)
    assert alpha["techniques_per_1000_words_high"] == round(rate.high, 3)
    assert alpha["technique_sentence_share_low"] == round(share.low, 4)
    assert alpha["technique_sentence_share_high"] == round(share.high, 4)
    assert rate.low < 1000 * 7 / 210 < rate.high


def test_weeks_on_a_true_axis_with_a_gap_and_undated_articles_apart(output: Path) -> None:
    result = corpus(output, by="week")
    weeks = result.figure("by_week").records()
    assert [(w["week"], w["start"], w["articles"]) for w in weeks] == [
        ("2024-W01", "2024-01-01", 2),  # a1, a2 (c1, a copy of a1, is folded)
        ("2024-W02", "2024-01-08", 2),  # a3, b1
        ("2024-W03", "2024-01-15", 0),
        ("2024-W04", "2024-01-22", 0),
        ("2024-W05", "2024-01-29", 1),  # a4
    ]
    first, second, gap, _, last = weeks
    assert first["techniques_per_1000_words"] == round(1000 * 5 / 130, 3)
    assert second["techniques_per_1000_words"] == 60.0  # 3 / 50 words
    assert gap["techniques_per_1000_words"] is None and gap["small"]
    assert last["techniques_per_1000_words"] == 25.0
    totals = result.figure("totals").records()[0]
    assert (totals["undated"], totals["articles"], totals["copies_folded"]) == (1, 6, 1)
    assert (totals["first_date"], totals["last_date"]) == ("2024-01-01", "2024-01-31")
    assert result.groups == [w["week"] for w in weeks]
    # No over-time figure: the weeks are the time axis.
    assert "over_time" not in [f.name for f in result.figures]
    quarters = corpus(output, by="quarter").figure("by_quarter").records()
    assert [(q["quarter"], q["articles"]) for q in quarters] == [("2024-Q1", 5)]


def test_over_time_for_outlets_is_monthly_with_the_biggest_groups(output: Path) -> None:
    rows = corpus(output, by="site").figure("over_time").records()
    assert [(r["series"], r["month"], r["articles"]) for r in rows] == [
        ("(all)", "2024-01", 5), ("alpha.example", "2024-01", 4), ("beta.example", "2024-01", 1)]


def test_a_syndicated_copy_is_folded_unless_dedupe_is_off(output: Path) -> None:
    ids = _ids()
    folded = corpus(output, by="site")
    articles = _by(folded.figure("articles").records(), "id")
    copy = articles[ids["c1"]]
    assert (copy["counted"], copy["duplicate_of"]) == (False, ids["a1"])
    # 81 words ("so-called" is two), 77 shingles, 5 of them through the edit: 72 of 82.
    assert copy["similarity"] == round(72 / 82, 4)
    assert articles[ids["a1"]]["duplicate_of"] is None

    counted = corpus(output, by="site", dedupe=False)
    sites = _by(counted.figure("by_site").records(), "site")
    assert sites["gamma.example"]["articles"] == 1 and sites["gamma.example"]["small"]
    totals = counted.figure("totals").records()[0]
    assert (totals["articles"], totals["copies_folded"]) == (7, 0)
    assert all(r["duplicate_of"] is None for r in counted.figure("articles").records())


def test_technique_mix_and_sourcing_profile(output: Path) -> None:
    result = corpus(output, by="site")
    mix = {(r["site"], r["technique"]): r for r in result.figure("techniques_by_site").records()}
    # alpha's 7 spans: Loaded_Language 4 (a1, a2, a4, a5), then one of each of three others.
    assert mix[("alpha.example", "Loaded_Language")]["spans"] == 4
    assert mix[("alpha.example", "Loaded_Language")]["share"] == round(4 / 7, 4)
    assert mix[("beta.example", "Loaded_Language")]["share"] == round(2 / 3, 4)
    sourcing = _by(result.figure("sourcing_by_site").records(), "site")
    alpha = sourcing["alpha.example"]
    assert [alpha[p] for p in ("named", "other", "vague", "anonymous", "unattributed")] == [
        3, 0, 1, 1, 1]
    assert (alpha["vague_share"], alpha["anonymous_share"]) == (round(1 / 6, 4), round(1 / 6, 4))
    assert sourcing["beta.example"]["other"] == 1  # the author's own words


def test_loaded_terms_and_speakers(output: Path) -> None:
    result = corpus(output, by="site")
    terms = result.figure("loaded_terms").records()
    # "thugs" (a1), "Thugs" (a2), "thug" (a4), "thugs" twice (b1): four articles, five uses;
    # the copy c1 is folded and adds nothing.
    assert terms[0] == {"term": "thug", "articles": 4, "uses": 5, "example": "thugs",
                        "variants": 2,
                        "top_techniques": "Loaded_Language (4); Doubt (1)"}
    assert [t["term"] for t in terms[1:]] == ["evil", "so-called expert"]  # 1 each: by name
    speakers = result.figure("speakers").records()
    # Analysts (vague), the anonymous source and "I" (the author) are not ranked.
    assert speakers == [
        {"speaker": "Maria Lopez", "kind": "person", "quotes": 3, "articles": 2},
        {"speaker": "the Ministry", "kind": "organisation", "quotes": 1, "articles": 1},
    ]
    totals = result.figure("totals").records()[0]
    assert totals["quotes_from_unnamed_sources"] == 3


def test_views_carry_duplicate_of_and_speaker_kind(output: Path) -> None:
    ids = _ids()
    con = connect(output)
    assert con.execute("SELECT duplicate_of FROM articles WHERE id = ?",
                       [ids["c1"]]).fetchone() == (ids["a1"],)
    kinds = dict(con.execute(
        "SELECT speaker, speaker_kind FROM spans WHERE layer = 'quotes' AND article_id = ?",
        [ids["a1"]]).fetchall())
    assert kinds == {"Maria Lopez": "person", "Analysts": "vague"}
    con.close()
    plain = connect(output, duplicates=False)
    assert plain.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
                         ).fetchone() == (0,)
    plain.close()


def test_older_outputs_without_speaker_kind_read_it_from_the_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = pa.schema([f for f in batch_schemas.SPANS_SCHEMA if f.name != "speaker_kind"])
    monkeypatch.setitem(batch_store.SCHEMAS, "spans", old)
    out = write_output(tmp_path / "old", hand_corpus())
    monkeypatch.undo()
    assert "speaker_kind" not in pa.parquet.read_schema(
        next((out / "spans").glob("*.parquet"))).names
    speakers = corpus(out, by="site").figure("speakers").records()
    assert [s["speaker"] for s in speakers] == ["Maria Lopez", "the Ministry"]


def _roles_and_documents() -> list[Article]:
    """A role and a document the articles resolve to a name, and one each they do not."""
    return [
        Article("r1", "alpha.example", "2024-01-01", filler_sentences("r1", 4),
                quotes=[("Mary Kinsella", "role"), ("a former diplomat", "role"),
                        ("Pew Research Center", "document"), ("the report", "document")],
                written={0: "the judge", 1: "a former  diplomat", 2: "a survey by Pew",
                         3: "the report"}),
        Article("r2", "alpha.example", "2024-01-02", filler_sentences("r2", 3),
                quotes=[("Mary Kinsella", "person"), ("a former diplomat", "role"),
                        ("The Report", "document")],
                written={0: "Mary Kinsella", 1: "a former diplomat", 2: "The report"}),
    ]


def test_roles_and_documents_rank_only_under_the_name_they_resolve_to(tmp_path: Path) -> None:
    out = write_output(tmp_path / "roles", _roles_and_documents())
    result = corpus(out, by="site")
    assert result.figure("speakers").records() == [
        {"speaker": "Mary Kinsella", "kind": "person", "quotes": 2, "articles": 2},
        {"speaker": "Pew Research Center", "kind": "document", "quotes": 1, "articles": 1},
    ]
    # Two unnamed diplomats and two unnamed reports are not one speaker each.
    assert result.figure("totals").records()[0]["quotes_from_unnamed_sources"] == 4


def test_older_outputs_without_speaker_text_read_it_from_the_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = pa.schema([f for f in batch_schemas.SPANS_SCHEMA
                     if f.name not in ("speaker_kind", "speaker_text")])
    monkeypatch.setitem(batch_store.SCHEMAS, "spans", old)
    out = write_output(tmp_path / "old", _roles_and_documents())
    monkeypatch.undo()
    speakers = corpus(out, by="site").figure("speakers").records()
    assert [s["speaker"] for s in speakers] == ["Mary Kinsella", "Pew Research Center"]


def test_a_newer_version_resuming_an_older_output_reads_the_older_parts_from_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = _roles_and_documents()
    old = pa.schema([f for f in batch_schemas.SPANS_SCHEMA
                     if f.name not in ("speaker_kind", "speaker_text")])
    monkeypatch.setitem(batch_store.SCHEMAS, "spans", old)
    out = write_output(tmp_path / "mixed", articles[:1])
    monkeypatch.undo()
    write_output(out, articles[1:])
    parts = sorted((out / "spans").glob("*.parquet"))
    assert len(parts) == 2
    assert {"speaker_text" in pa.parquet.read_schema(p).names for p in parts} == {False, True}
    con = connect(out)
    rows = con.execute("SELECT article_id, speaker_kind, speaker_text FROM spans"
                       " WHERE layer = 'quotes' ORDER BY article_id, start").fetchall()
    con.close()
    older, newer = articles[0].id, articles[1].id
    # The older part's rows take kind and text from its stored report, the newer part's
    # keep their own.
    assert [r[1:] for r in rows if r[0] == older] == [
        ("role", "the judge"), ("role", "a former  diplomat"),
        ("document", "a survey by Pew"), ("document", "the report")]
    assert [r[1] for r in rows if r[0] == newer] == ["person", "role", "document"]
    speakers = corpus(out, by="site").figure("speakers").records()
    assert speakers == corpus(write_output(tmp_path / "new", articles), by="site"
                              ).figure("speakers").records()


def test_unknown_grouping(output: Path) -> None:
    with pytest.raises(ValueError, match="cannot group by 'day'"):
        corpus(output, by="day")  # type: ignore[arg-type]
