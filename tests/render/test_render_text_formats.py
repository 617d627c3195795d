from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from unspun.render import FORMATS, render, to_json, to_jsonl, to_markdown
from unspun.report import Document, Report


def test_formats() -> None:
    assert FORMATS == ("json", "html", "md")


def test_unknown_format(sample: Report) -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        render(sample, "pdf")


# ------------------------------------------------------------------------------ JSON


def test_json_round_trips(sample: Report) -> None:
    out = to_json(sample)
    assert Report.model_validate_json(out) == sample
    assert render(sample, "json") == out
    assert "\n  " in out  # indented
    assert "“disastrous”" in out and "Café" in out  # not \u-escaped


def test_json_of_several_reports_is_json_lines(make_sample: Callable[..., Report]) -> None:
    reports = [make_sample(), make_sample(title="Two\nlines")]
    out = render(reports, "json")
    assert out == to_jsonl(reports)
    lines = out.splitlines()
    assert len(lines) == 2
    assert [Report.model_validate_json(line) for line in lines] == reports
    assert json.loads(lines[1])["document"]["title"] == "Two\nlines"


# ------------------------------------------------------------------------------ Markdown


def test_markdown_summary(sample: Report) -> None:
    md = to_markdown(sample)
    first = md.splitlines()[0]
    assert first == "# Smith attacks “disastrous” plan"
    url = "<https://news.example.com/a/1?x=1&y=2>"
    assert f"Example News · 2020-08-09 · by A. Reporter · {url}" in md
    words = len(sample.document.text.split())
    assert f"{words} words · {len(sample.sentences)} sentences · 7 entities · 1 date" in md
    assert "**People:** Jane Smith, Smith" in md
    assert "**Organisations:** the Acme Institute" in md
    assert "**Places:** Washington" in md
    assert "1 of 1 resolved: “Tuesday” → 2020-08-04" in md
    assert "1 quote from 1 speaker" in md
    assert "**Jane Smith**: “This is a betrayal of every American family,”" in md
    assert "1 check-worthy claim" in md
    assert "0.87 (quantity): the “disastrous” plan would cost $4 billion" in md
    drawn = [t for t in sample.techniques if t.end > t.start]  # the empty one counts for nothing
    assert f"{len(drawn)} technique spans" in md
    per_1000 = len(drawn) * 1000 / words
    assert f"{per_1000:.1f} per 1,000 words" in md
    assert "of sentences use at least one" in md
    # Each technique with how far to trust it (tests/render/test_render_reliability.py).
    assert re.search(r"\*\*Loaded language\*\* ×3 \([a-z ]+(, F1 0\.\d\d)?\): “disastrous”", md)


def test_markdown_says_how_to_give_a_missing_publication_date(
    make_sample: Callable[..., Report],
) -> None:
    hint = ("  - No publication date known, so relative dates (“last week”) stay unresolved:"
            " give one with `--date YYYY-MM-DD` (web: the Published field).")
    lines = to_markdown(make_sample(date=None)).splitlines()
    dates = next(i for i, line in enumerate(lines) if line.startswith("- **Dates:**"))
    assert lines[dates] == "- **Dates:** 1 of 1 resolved: “Tuesday” → 2020-08-04"
    assert lines[dates + 1] == hint  # under the dates line it explains
    assert "No publication date known" not in to_markdown(make_sample())


def test_markdown_sources(sourced: Report) -> None:
    md = to_markdown(sourced)
    assert "<script>" not in md
    section = md[md.index("## Sources\n") :].split("\n## ", 1)[0]
    assert section.strip().splitlines()[2:] == [
        "Sourcing: 38% from a named source · 3 person · 2 vague · 1 anonymous · 2 unattributed",
        "",
        "- **Jane Smith** (person) · 2 quotes",
        "- **Experts** · 2 quotes · ⚠ vague source",
        r"- **Tom \<script\>alert(1)\</script\> Baker** (person) · 1 quote",
        "- **A source close to the minister** · 1 quote · ⚠ anonymous source",
        "- _Speaker not identified_ · 2 quotes",
    ]
    # The quotes section still shows what the named speakers said, most quoted first.
    assert "8 quotes from 4 speakers (2 unattributed)" in md
    assert "- **Jane Smith** (2): “a disaster for every family”" in md
    assert "- **Experts** (vague) (2): “the cost will double”" in md


def test_markdown_omits_empty_sections() -> None:
    report = Report(unspun_version="0", source="-", document=Document(text="One two three."))
    md = to_markdown(report)
    assert md.startswith("# Untitled article\n")
    assert "3 words · 0 sentences · 0 entities · 0 dates" in md
    for heading in ("## Quotes", "## Sources", "## Claims", "## Persuasion techniques"):
        assert heading not in md


def test_markdown_escapes_markup(make_sample: Callable[..., Report]) -> None:
    report = make_sample(
        title="<script>alert(1)</script> [x](javascript:y)", url="javascript:alert(1)"
    )
    md = to_markdown(report)
    assert "<script>" not in md
    assert r"\[x\](javascript:y)" in md  # brackets escaped: not a link
    assert "<javascript:" not in md


def test_markdown_of_several_reports(make_sample: Callable[..., Report]) -> None:
    out = render([make_sample(), make_sample(title="Other")], "md")
    assert out.count("\n---\n") == 1 and "# Other" in out
