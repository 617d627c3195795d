"""Furniture lines: whole-line patterns, share-word runs, trailing press-release sections,
and the headline line; article sentences that mention furniture words survive."""

from __future__ import annotations

from extract.extract_support import ARTICLE, _html, _page
from unspun.extract.furniture import drop_furniture


def test_the_headline_is_the_first_line_once() -> None:
    document = _html(_page(ARTICLE))
    assert document.title == "Harbour board closes the eastern quay"
    lines = document.text.split("\n")
    assert lines[:2] == ["Harbour board closes the eastern quay",
                         "The harbour board met on Tuesday and voted to close the eastern quay"
                         " for repairs."]
    assert lines.count("Harbour board closes the eastern quay") == 1


def test_a_headline_spelled_otherwise_in_the_body_is_not_repeated() -> None:
    # <title> and <h1> differ in case and final punctuation: one headline line all the same.
    document = _html(_page(ARTICLE, title="HARBOUR BOARD CLOSES THE EASTERN QUAY."))
    assert document.text.split("\n")[0] == document.title
    assert sum(line.casefold().rstrip(".") == "harbour board closes the eastern quay"
               for line in document.text.split("\n")) == 1


def test_legitimate_sentences_with_furniture_words_survive() -> None:
    sentences = [
        "Related research by the university found the quay wall was already failing.",
        "Residents who like this kind of project say the board should share its plans sooner.",
        "The cookie policy of the board's website was also criticised at the meeting.",
        "Leave a reply, the chairman told one objector, and we will read it.",
        "Share prices of the contractor rose 3% after the decision was announced.",
        "Powered by tidal turbines, the new pumps will run day and night.",
    ]
    body = ARTICLE + "".join(f"<p>{sentence}</p>" for sentence in sentences)
    text = _html(_page(body)).text
    for sentence in sentences:
        assert sentence in text


def test_furniture_lines_are_removed_whole() -> None:
    article = ["The council voted on Sunday.", "It will meet again in March."]
    furniture = [
        "Leave a Reply",
        "Leave a comment",
        "You are commenting using your WordPress.com account. ( Log Out / Change )",
        "Notify me of new comments via email.",
        "Cancel reply",
        "Like this:",
        "Like Loading...",
        "%d bloggers like this:",
        "4 bloggers like this.",
        "Share this:",
        "Click to share on Twitter (Opens in new window)",
        "Tweet",
        "Related",
        "Related posts",
        "Recent Posts",
        "Archives",
        "Categories",
        "Follow Blog via Email",
        "Subscribe",
        "Blog at WordPress.com.",
        "Powered by WordPress",
        "© 2022 Northgate Courier Media Ltd. All rights reserved.",
        "Copyright 2021 The Quiet Ledger",
        "Up ↑",
        "Advertisement",
        "Read more: Northgate Water fined over Riverside sewage spill",
        "We use cookies to improve your experience on our site.",
        "Accept all cookies",
        "Sign up to our newsletter",
        "About the author",
    ]
    assert drop_furniture([article[0], *furniture[:-1], article[1]]) == article


def test_furniture_headings_of_other_languages_are_removed_whole() -> None:
    article = ["Der Stadtrat stimmte am Sonntag ab.", "Lesen Sie auch die Stellungnahme des Amtes.",
               "Mira a los ojos del alcalde y dice que no.", "Mirage-Jets flogen über die Stadt.",
               "Sources say the vote was close.", "Quellen zufolge war die Abstimmung knapp."]
    furniture = [
        "Auch interessant",
        "Lesen Sie auch: Stadtrat beschließt neuen Haushalt",
        "Zum Weiterlesen:",
        "Anzeige",
        "meist-diskutiert",
        "Quelle: Landesregierung",
        "Sie sind aktuell nicht eingeloggt.",
        "À lire aussi",
        "Crédits photos : Agence Nord",
        "Le puede interesar",
        "NOTAS RELACIONADAS",
        "PUEDES VER: ¿Qué dijo el alcalde?",
        "Mire: El concejo aprueba el presupuesto",
        "Leggi anche: Il consiglio approva il bilancio",
        "Leia também",
        "Zobacz też: Rada miasta przyjęła budżet",
    ]
    assert drop_furniture([article[0], *furniture, *article[1:]]) == article


def test_share_words_go_only_in_runs() -> None:
    assert drop_furniture(["Text.", "Facebook", "Twitter", "Email", "More text."]) == [
        "Text.",
        "More text.",
    ]
    kept = ["The largest advertisers are:", "Google", "Facebook", "Amazon"]
    assert drop_furniture(kept) == kept


def test_press_release_trailer_is_cut_but_not_an_early_about_heading() -> None:
    lines = [f"Paragraph {i} of the release, with enough words to weigh it." for i in range(8)]
    trailer = ["Notes to editors", "About Acme Harbour Works", "Acme builds quays.", "###"]
    assert drop_furniture([*lines, *trailer]) == lines
    about_early = ["Intro line of the story.", "About the Plan", *lines]
    assert drop_furniture(about_early) == about_early


_BODY = "<p>" + "The harbour board said on Tuesday that the quay would close. " * 2 + "</p>"


def _headline_page(head: str, body: str) -> tuple[str | None, list[str]]:
    document = _html(f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>",
                     url="https://news.example/quay")
    return document.title, document.text.split("\n")


def test_the_headline_drops_the_site_name_of_the_title() -> None:
    title, lines = _headline_page(
        "<title>Harbour board closes the eastern quay | The Harbour Courier | 19.01.2020</title>",
        f"<article>{_BODY}</article>")
    assert title == lines[0] == "Harbour board closes the eastern quay"


def test_the_h1_is_the_headline_when_the_title_names_the_site() -> None:
    title, lines = _headline_page(
        '<meta property="og:title" content="The Harbour Courier"><title>The Harbour Courier'
        "</title>", f"<article><h1>Harbour board closes the eastern quay</h1>{_BODY}</article>")
    assert title == lines[0] == "Harbour board closes the eastern quay"
    assert "The Harbour Courier" not in lines


def test_the_headline_is_not_repeated_with_other_punctuation_or_a_breadcrumb() -> None:
    title, lines = _headline_page(
        "<title>Quay closure: board votes to shut the eastern quay</title>",
        '<div class="crumbs-x">Home News Quay closure - board votes to shut the eastern quay'
        "</div><article><h1>Quay closure: board votes to shut the eastern quay</h1>"
        f"<p>Quay closure, board votes to shut the eastern quay</p>{_BODY}</article>")
    assert lines[0] == title == "Quay closure: board votes to shut the eastern quay"
    assert sum("board votes to shut the eastern quay" in line for line in lines) == 1
