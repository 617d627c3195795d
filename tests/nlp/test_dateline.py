"""Tests for unspun.nlp.dateline: the dateline at the head of a text, and its date."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

from unspun.nlp import dateline
from unspun.nlp.dateline import dateline_date, find_dateline

D = dt.date

# (text, place, agency, date as written, date)
FOUND: list[tuple[str, str | None, str | None, str | None, dt.date | None]] = [
    # the four forms of the brief
    ("LONDON, Nov 14 (Reuters) – The Bank of England held rates.",
     "LONDON", "Reuters", "Nov 14", None),  # no year: no date, and no guess
    ("WASHINGTON (AP) — The Senate passed the bill.", "WASHINGTON", "AP", None, None),
    ("March 3, 2024 — The council met again.", None, None, "March 3, 2024", D(2024, 3, 3)),
    ("Paris, 3 March 2024: The strike goes on.", "Paris", None, "3 March 2024", D(2024, 3, 3)),
    # and their neighbours
    ("LONDON, Nov 14, 2023 (Reuters) - The Bank of England held rates.",
     "LONDON", "Reuters", "Nov 14, 2023", D(2023, 11, 14)),
    ("BEIJING, Nov. 14 (Xinhua) -- China said.", "BEIJING", "Xinhua", "Nov. 14", None),
    ("KYIV, Ukraine (AP) — Russia fired missiles.", "KYIV", "AP", None, None),
    ("SAN FRANCISCO, Calif., March 3, 2024 — Acme said.",
     "SAN FRANCISCO", None, "March 3, 2024", D(2024, 3, 3)),
    ("NEW YORK, March 3, 2024 /PRNewswire/ -- Acme Corp announced.",
     "NEW YORK", "PRNewswire", "March 3, 2024", D(2024, 3, 3)),
    ("GENEVA, 14 November 2024 – The WHO said.", "GENEVA", None, "14 November 2024",
     D(2024, 11, 14)),
    ("NEW DELHI: The government said.", "NEW DELHI", None, None, None),
    ("Geneva (AFP) - The WHO said.", "Geneva", "AFP", None, None),
    ("LONDON (Reuters)—The pound fell.", "LONDON", "Reuters", None, None),
    ("Tuesday, March 3, 2020 — The vote.", None, None, "Tuesday, March 3, 2020", D(2020, 3, 3)),
    ("2024-03-03 — The vote.", None, None, "2024-03-03", D(2024, 3, 3)),
    # a line that is only a date
    ("Monday, 3 March 2024", None, None, "Monday, 3 March 2024", D(2024, 3, 3)),
    ("Published: March 3, 2024 10:30 GMT", None, None, "March 3, 2024", D(2024, 3, 3)),
    # not a day of the calendar: found, but no date
    ("LONDON, Feb 30, 2024 - Nothing happened.", "LONDON", None, "Feb 30, 2024", None),
]


@pytest.mark.parametrize(("text", "place", "agency", "date_text", "date"), FOUND)
def test_dateline_forms(
    text: str, place: str | None, agency: str | None, date_text: str | None,
    date: dt.date | None,
) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.agency, found.date_text, found.date) == (
        place, agency, date_text, date)
    assert text.startswith(found.text)
    assert dateline_date(text) == date


@pytest.mark.parametrize(
    "text",
    [
        "March was a hard month for the council.",  # a month is not a date
        "March 3 was the day everything changed.",  # no separator after the date
        "It was March 3, 2024 — the day everything changed.",  # not at the start
        "The UN said on March 3, 2024: enough.",
        "BREAKING: The council resigns.",  # a kicker, not a place
        "Officials: the plan is dead.",  # title case needs a date or an agency
        "US-China talks: a new round.",  # a hyphen is no separator
        "Mayor Alice Smith said on Monday that the bridge will close.",
        "",
    ],
)
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None
    assert dateline_date(text) is None


def test_the_head_of_the_text_is_searched_and_a_dated_one_wins() -> None:
    headline = "Council approves the budget"
    assert dateline_date(f"{headline}\nMARCH 3 — no.\nLONDON, March 3, 2024 — Yes.") == D(
        2024, 3, 3)
    # "NASA:" opening a headline must not hide the dated dateline under it.
    assert dateline_date("NASA: launch delayed\nMarch 3, 2024 — The agency said.") == D(
        2024, 3, 3)
    # The fourth line is no longer the head of the text.
    assert dateline_date("One\nTwo\nThree\nMarch 3, 2024 — Late.") is None
    assert dateline_date("Body text.\nMore text.\nMarch 3, 2024") is not None


def test_doctests() -> None:
    assert doctest.testmod(dateline).failed == 0


def test_analyzer_uses_the_dateline_only_when_nothing_else_gives_a_date() -> None:
    from unspun.analyzer import Analyzer

    analyzer = Analyzer(["sentences"])

    def date_of(text: str, published: str | None = None) -> str | None:
        page = next(analyzer.pages(text))
        return analyzer.extract_page(page, published=published).date

    wire = "LONDON, March 3, 2024 (Reuters) – The Bank of England held rates on Thursday."
    assert date_of(wire) == "2024-03-03"
    # The article's own dateline comes before a date given from outside, which fills in
    # for articles that state none.
    assert date_of(wire, "2024-03-05") == "2024-03-03"
    assert date_of("The Bank of England held rates on Thursday.", "2024-03-05") == "2024-03-05"
    # A dateline without a year gives none: no year is guessed from today.
    assert date_of("LONDON, Nov 14 (Reuters) – The Bank of England held rates.") is None
    html = (
        "<html><head><title>Rates held</title>"
        '<meta property="article:published_time" content="2024-02-01T10:00:00Z"></head>'
        "<body><article><h1>Rates held</h1><p>LONDON, March 3, 2024 (Reuters) – The Bank of"
        " England held rates on Thursday, as expected by most economists.</p></article>"
        "</body></html>"
    )
    assert date_of(html) == "2024-02-01"  # the page's metadata wins


def test_the_dateline_date_anchors_relative_dates() -> None:
    from unspun.analyzer import Analyzer

    report = Analyzer(["dates"]).analyze(
        "WASHINGTON, March 3, 2024 (AP) — The Senate passed the bill on Friday after a vote"
        " last week, officials said."
    )
    assert report.document.date == "2024-03-03"
    values = {d.text: d.value for d in report.dates}
    assert values.get("Friday") == "2024-03-01"
