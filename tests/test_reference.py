"""The reference scale: percentile ranks, the sentences, and where reports carry them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from unspun.reference import (
    FIGURES,
    Rank,
    ReferenceSet,
    Scale,
    comparison,
    figures,
    figures_of,
    load_scale,
    positions,
    rank,
    reference_sentence,
)
from unspun.render.markdown import to_markdown
from unspun.render.summary import word_count
from unspun.report import Document, Report

ENGLISH = (
    "The Defense Ministry said on Sunday that 300 troops had returned to their bases.\n"
    "Opposition leader Anna Petrova called the announcement a cynical stunt."
)
VALUES = (1.0, 2.0, 2.0, 2.0, 5.0)


@dataclass(frozen=True)
class Counts:
    words: int = 1000
    sentences: int = 50
    techniques: int = 10
    sentences_with_technique: int = 8
    claims: int = 20
    quotes: int = 5
    skipped: frozenset[str] = field(default_factory=frozenset)


def _scale(mainstream: tuple[float, ...], propaganda: tuple[float, ...]) -> Scale:
    def values(v: tuple[float, ...]) -> dict[str, tuple[float, ...]]:
        return {figure.key: v for figure in FIGURES}

    return Scale((
        ReferenceSet("mainstream", "mainstream news reference articles", values(mainstream)),
        ReferenceSet("propaganda", "propaganda-annotated reference articles", values(propaganda)),
    ), "test")


@pytest.mark.parametrize(("value", "below", "equal", "above", "percentile"), [
    (2.0, 1, 3, 1, 50.0),     # ties: half of the equal ones count as below
    (1.0, 0, 1, 4, 10.0),     # the minimum itself
    (5.0, 4, 1, 0, 90.0),     # the maximum itself
    (3.0, 4, 0, 1, 80.0),     # between two values
    (0.0, 0, 0, 5, 0.0),      # below the minimum
    (9.5, 5, 0, 0, 100.0),    # above the maximum
    (2.00001, 1, 3, 1, 50.0),  # rounded as the shipped values are (4 decimals)
])
def test_rank_in_a_tiny_distribution(value: float, below: int, equal: int, above: int,
                                     percentile: float) -> None:
    where = rank(value, VALUES)
    assert (where.below, where.equal, where.above) == (below, equal, above)
    assert where.percentile == pytest.approx(percentile)


def test_comparison_wording() -> None:
    label = "mainstream news reference articles"
    key = "techniques_per_1000_words"
    assert comparison(key, Rank(92, 0, 8), label) == (
        "more technique-dense than 92% of the mainstream news reference articles")
    assert comparison(key, Rank(20, 0, 80), label) == (
        "less technique-dense than 80% of the mainstream news reference articles")
    # Floored, never rounded up: 619 of 924 is 66.99%.
    assert comparison(key, Rank(305, 0, 619), label).startswith("less technique-dense than 66%")
    # Ties count on neither side: with 3 of 5 equal, it is more than the 1 below only.
    assert comparison(key, Rank(1, 3, 1), label).startswith("more technique-dense than 20%")
    assert comparison(key, Rank(5, 0, 0), label) == (
        "more technique-dense than all 5 of the mainstream news reference articles")
    assert comparison(key, Rank(0, 0, 5), label).startswith("less technique-dense than all 5")
    assert comparison(key, Rank(0, 5, 0), label) == (
        "the same as every one of the mainstream news reference articles")
    assert comparison("quotes_per_1000_words", Rank(1, 0, 9), label).startswith(
        "fewer quotes per 1,000 words than 90%")
    assert comparison("technique_sentence_share", Rank(9, 0, 1), label).startswith(
        "a larger share of sentences with a technique than 90%")


def test_figures_from_counts() -> None:
    got = figures(Counts())
    assert got == {"techniques_per_1000_words": 10.0, "technique_sentence_share": 0.16,
                   "claims_per_1000_words": 20.0, "quotes_per_1000_words": 5.0}
    assert figures(Counts(techniques=0, sentences_with_technique=0))[
        "techniques_per_1000_words"] == 0.0  # none found is a figure, not an unknown
    skipped = figures(Counts(skipped=frozenset({"techniques", "quotes"})))
    assert skipped["techniques_per_1000_words"] is None
    assert skipped["technique_sentence_share"] is None
    assert skipped["quotes_per_1000_words"] is None and skipped["claims_per_1000_words"] == 20.0
    assert set(figures_of(dict(words=0, sentences=0, techniques=0, sentences_with_technique=0,
                                    claims=0, quotes=0)).values()) == {None}


def test_reference_sentence_wording() -> None:
    scale = _scale((2.0, 4.0, 6.0, 8.0, 20.0), (5.0, 10.0, 15.0, 20.0, 30.0))
    # 12 per 1,000 words: above 4 of 5 news articles, below 3 of 5 propaganda ones.
    assert reference_sentence(Counts(techniques=12), scale) == (
        "12.0 techniques per 1,000 words: more technique-dense than 80% of the mainstream"
        " news reference articles and less technique-dense than 60% of the"
        " propaganda-annotated reference articles.")
    # The same comparison for both sets is said once.
    assert reference_sentence(Counts(techniques=3), scale) == (
        "3.0 techniques per 1,000 words: less technique-dense than 80% of the mainstream"
        " news reference articles and all 5 of the propaganda-annotated reference articles.")
    assert reference_sentence(Counts(skipped=frozenset({"techniques"})), scale) is None
    assert reference_sentence(Counts(words=0), scale) is None
    assert positions({"techniques_per_1000_words": 1.0}, _scale((), ())) == []


def test_the_shipped_scale() -> None:
    scale = load_scale()
    assert scale is not None
    sets = {ref.key: ref for ref in scale.sets}
    assert list(sets) == ["mainstream", "propaganda"]
    for ref in scale.sets:
        for figure in FIGURES:
            values = ref.values[figure.key]
            assert len(values) > 300 and list(values) == sorted(values)
    assert len(sets["mainstream"].values["techniques_per_1000_words"]) == 924
    assert len(sets["propaganda"].values["techniques_per_1000_words"]) == 371


def test_analysed_reports_carry_their_place_on_the_scale(analyzer) -> None:
    report = analyzer.analyze(ENGLISH)
    assert report.summary is not None
    assert report.summary.words == word_count(report.document.text) == 24
    assert report.summary.sentences == len(report.sentences) == 2
    found = {(p.figure, p.reference) for p in report.summary.reference}
    assert ("techniques_per_1000_words", "mainstream") in found
    assert ("quotes_per_1000_words", "propaganda") in found
    for position in report.summary.reference:
        assert 0 <= position.percentile <= 100
        assert position.below + position.above <= 100
        assert position.sentence.endswith("reference articles")
    data = json.loads(report.model_dump_json())
    assert data["summary"]["reference"][0]["figure"] == "techniques_per_1000_words"
    assert Report.model_validate(data) == report
    headline = reference_sentence(report)
    assert headline is not None and headline.startswith(
        f"{report.summary.techniques_per_1000_words:.1f} techniques per 1,000 words: ")
    assert headline == reference_sentence(report.model_copy(update={"summary": None}))
    markdown = to_markdown(report)
    assert f"**Reference scale:** {headline}" in markdown.splitlines()


def test_reports_built_by_hand_have_no_summary_in_json() -> None:
    report = Report(unspun_version="0", source="-", document=Document(text="Hi there."))
    assert "summary" not in json.loads(report.model_dump_json())
    # Computed when asked for: the techniques layer ran and found nothing, a figure of 0.
    assert (reference_sentence(report) or "").startswith("0.0 techniques per 1,000 words: less")
    unlooked = report.model_copy(update={"skipped_layers": ["techniques"]})
    assert reference_sentence(unlooked) is None
    assert "**Reference scale:**" not in to_markdown(unlooked)
