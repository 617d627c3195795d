"""Serialisation: blocks, list items, table rows and line breaks become lines of their own, and
a paragraph trafilatura's baseline glued together is cut back into the page's blocks."""

from __future__ import annotations

from extract.extract_support import ARTICLE, _html, _page


def test_lists_headings_and_tables_are_lines_of_their_own() -> None:
    body = (
        ARTICLE
        + "<h2>What happens next</h2><p>The board listed three steps for the coming year:</p>"
        + "<ul><li>Survey the quay wall.</li><li>Award the <b>repair</b> contract.</li></ul>"
        + "<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2021</td><td>1.5 million</td></tr>"
        + "</table><p>Work should be complete by the summer of 2022, the board said.</p>"
    )
    lines = _html(_page(body)).text.split("\n")
    assert "What happens next" in lines
    assert "Survey the quay wall." in lines
    assert "Award the repair contract." in lines
    assert "Year | Cost" in lines
    assert "2021 | 1.5 million" in lines


def test_line_breaks_split_lines_and_whitespace_collapses() -> None:
    body = ARTICLE + "<p>First\u00a0 line   of\tthe note<br>second line<br><br>third line.</p>"
    lines = _html(_page(body)).text.split("\n")
    assert lines[-3:] == ["First line of the note", "second line", "third line."]


def test_short_article_is_not_glued_to_its_headline() -> None:
    markup = _page(
        '<div class="entry-meta">Posted on March 14, 2021 by Ines Kowal</div>'
        "<p>The quay closes on Monday.</p><p>Boats must move by Sunday night.</p>"
    )
    document = _html(markup)
    assert document.text == (
        "Harbour board closes the eastern quay\n"
        "The quay closes on Monday.\nBoats must move by Sunday night.")
