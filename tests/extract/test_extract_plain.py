"""Plain-text extraction: newlines, blank lines, reflowing, title and byline, odd
characters, empty input."""

from __future__ import annotations

import pytest

from extract.extract_support import _assert_conventions
from unspun.errors import InputError
from unspun.extract import extract
from unspun.ingest.page import Page
from unspun.report import Document


def _plain(text: str, url: str | None = None) -> Document:
    page = Page(body=text.encode(), source="<text>", media_type="text/plain", url=url)
    return extract(page, text)


def test_plain_text_newlines_blank_lines_and_title() -> None:
    text = (
        "Council approves water rise\r\nBy Priya Anand\r\n\r\n\r\n"
        "Household bills   will rise by 14%.  \r\rThe vote was 27 to 19.\r\n\r\n"
    )
    document = _plain(text, url="https://www.northgate-courier.example/x")
    assert document.title == "Council approves water rise"
    assert document.author == "Priya Anand"
    # The headline stays the first line; the byline below it goes to author.
    assert document.text == (
        "Council approves water rise\nHousehold bills will rise by 14%.\nThe vote was 27 to 19.")
    assert document.site == "northgate-courier.example"
    assert document.url == "https://www.northgate-courier.example/x"
    _assert_conventions(document)


def test_plain_text_first_sentence_is_not_a_title() -> None:
    document = _plain("The council voted on Sunday.\nIt will meet again in March.")
    assert document.title is None
    assert document.text == "The council voted on Sunday.\nIt will meet again in March."


def test_plain_text_single_line_stays_text() -> None:
    document = _plain("Short headline only")
    assert document.title is None
    assert document.text == "Short headline only"


def test_plain_text_hard_wrapped_paragraphs_are_reflowed() -> None:
    text = """Ministry announces flood fund

The Ministry of Coastal Affairs today announced a 2.4 million crown
emergency fund to repair and strengthen flood defences in the districts
of Harlow Bay, Skerrin and Eastmoor, following the storm surge of
August 9 that damaged more than 600 homes.

The fund will pay for:
- the repair of 4.5 kilometres of sea wall,
- two tidal gates at Skerrin harbour.
"""
    document = _plain(text)
    assert document.title == "Ministry announces flood fund"
    assert document.text.split("\n") == [
        "Ministry announces flood fund",
        "The Ministry of Coastal Affairs today announced a 2.4 million crown emergency fund to "
        "repair and strengthen flood defences in the districts of Harlow Bay, Skerrin and "
        "Eastmoor, following the storm surge of August 9 that damaged more than 600 homes.",
        "The fund will pay for:",
        "- the repair of 4.5 kilometres of sea wall,",
        "- two tidal gates at Skerrin harbour.",
    ]


def test_plain_text_one_paragraph_per_line_is_kept() -> None:
    text = "Headline here\nFirst paragraph, short.\nSecond paragraph, short too.\n"
    document = _plain(text)
    assert document.text == (
        "Headline here\nFirst paragraph, short.\nSecond paragraph, short too.")


def test_plain_text_furniture_and_odd_characters() -> None:
    text = "\ufeffShare this:\nTwitter\nFacebook\nThe soft\u00adhyphen and zero\u200bwidth go.\x0b"
    text += "Like this:\n\u2028Next line.\x00"
    document = _plain(text)
    assert document.text == "The softhyphen and zerowidth go.\nNext line."


@pytest.mark.parametrize("text", ["", "   ", "\r\n\r\n", "\ufeff\u200b", "Like this:\nShare this:"])
def test_plain_text_empty_raises_input_error(text: str) -> None:
    with pytest.raises(InputError, match="empty input: <text>"):
        _plain(text)


def test_a_plain_text_title_loses_bidi_controls() -> None:
    from unspun.extract import extract
    from unspun.ingest import Page

    text = "\u202eReversed headline of the day\u202c\nThe council met on Monday and voted.\n"
    page = Page(body=text.encode(), source="-", media_type="text/plain")
    document = extract(page, text)
    assert document.title == "Reversed headline of the day"
    assert document.text.split("\n")[0] == "Reversed headline of the day"
