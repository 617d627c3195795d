"""Attribution on the findings of review 46: "the court" or "the trust" is no body named
before it when an unnamed one of the kind came in since, nor a name that only holds the
word (a hotel, a venue, a firm, a bank); a "that" before a plural noun, or in a sentence
with a verb besides the clause's, is a complementiser; an outlet closing an inverted cue is
an organisation, though its name looks like a person's; a title set off after kin is no
name.

Every text is written for these tests; every span is checked as ``text[start:end]``.
"""

from __future__ import annotations

from quotes.quotes_support import quotes_of
from unspun.nlp.pipeline import LanguageLayer


def found(language: LanguageLayer, text: str) -> list[tuple[str | None, ...]]:
    """(quote's kind, quote, speaker's name, kind and words) for every quote of ``text``,
    spans checked against the text."""
    return [(q.kind, q.text, *((q.speaker.name, q.speaker.kind, q.speaker.text)
                               if q.speaker is not None else (None, None, None)))
            for q in quotes_of(language, text)]


def test_the_court_after_an_unnamed_court_is_no_court_named_before(
        language: LanguageLayer) -> None:
    text = ("The Varnholt District Court jailed Ilse Moravec in 2019. On Tuesday, the "
            "country's top court quashed the sentence. The court said that the judge had "
            "been biased.")
    assert found(language, text) == [
        ("indirect", "that the judge had been biased", "The court", "organisation",
         "The court"),
    ]
    text = ("Pavel Kostrin was fined by the Marrow County Court in March. An appeals court "
            "in Vedlund cleared him on Friday. The court said that the fine had no legal "
            "basis.")
    assert found(language, text) == [
        ("indirect", "that the fine had no legal basis", "The court", "organisation",
         "The court"),
    ]


def test_the_trust_after_an_unnamed_trust_is_no_trust_named_before(
        language: LanguageLayer) -> None:
    text = ("The Ellory Valley Trust owns the lake. A second, unnamed trust holds the fishing "
            "rights. The trust said that the lake would be drained.")
    assert found(language, text) == [
        ("indirect", "that the lake would be drained", "The trust", "organisation",
         "The trust"),
    ]


def test_the_court_after_the_court_and_in_court_is_still_the_one_named(
        language: LanguageLayer) -> None:
    # "the court" and "in court" bring in no other court
    text = ("The Varnholt District Court heard the case of Ilse Moravec. She appeared in court "
            "on Monday, and the court adjourned. The court said that a verdict would follow "
            "in May.")
    assert found(language, text) == [
        ("indirect", "that a verdict would follow in May", "The Varnholt District Court",
         "organisation", "The court"),
    ]


def test_the_trust_after_words_that_bring_in_no_other_trust_is_the_one_named(
        language: LanguageLayer) -> None:
    # "a trust" said of the named one, and "their trust" (in someone), bring in no other
    text = ("The Ellory Valley Trust, a trust set up by farmers, owns the lake. Anglers lost "
            "their trust in the board. The trust said that the lake would stay open.")
    assert found(language, text) == [
        ("indirect", "that the lake would stay open", "The Ellory Valley Trust",
         "organisation", "The trust"),
    ]


def test_the_court_is_no_hotel_venue_or_firm_with_court_in_its_name(
        language: LanguageLayer) -> None:
    for text, quote in [
        ("The row began when the Brackley Court hotel was sold. A tribunal later heard the "
         "case. The court said that the sale was valid.", "that the sale was valid"),
        ("The players trained at the Velden Court all week. A judge ruled on Monday that the "
         "strike was unlawful. The court said that the union must pay costs.",
         "that the union must pay costs"),
        ("Lawyers from Fairlaw Court Associates represented the family. The court said that "
         "the hearing would resume in June.", "that the hearing would resume in June"),
    ]:
        assert found(language, text) == [
            ("indirect", quote, "The court", "organisation", "The court"),
        ], text


def test_the_trust_is_no_bank_with_trust_in_its_name(language: LanguageLayer) -> None:
    text = ("Officials at the Dunmore Trust Bank said the loan was sound. The trust said that "
            "it would review its accounts.")
    assert found(language, text) == [
        ("indirect", "the loan was sound", "Officials at the Dunmore Trust Bank", "vague",
         "Officials at the Dunmore Trust Bank"),
        ("indirect", "that it would review its accounts", "The trust", "organisation",
         "The trust"),
    ]


def test_the_court_is_still_a_court_of_law_named_before(language: LanguageLayer) -> None:
    for text, name in [
        ("The Vellan Court of Appeal heard the case in June. The court said that the "
         "conviction stands.", "The Vellan Court of Appeal"),
        ("Ilse Moravec was tried at Brackley Crown Court. The court said that the conviction "
         "stands.", "Brackley Crown Court"),
    ]:
        assert found(language, text) == [
            ("indirect", "that the conviction stands", name, "organisation", "The court"),
        ], text


def test_that_clause_in_a_sentence_with_its_own_verb_is_a_report(
        language: LanguageLayer) -> None:
    # the parse hangs "was released" on "caused": the report ends before it
    for text, quote, name in [
        ("A report concluding that smoke caused the illness was released by the agency.",
         "that smoke caused the illness", "A report"),
        ("A study concluding that corruption caused the delays was released by the agency.",
         "that corruption caused the delays", "A study"),
    ]:
        assert found(language, text) == [
            ("indirect", quote, name, "document", name),
        ], text


def test_that_before_a_plural_noun_is_a_complementiser(language: LanguageLayer) -> None:
    text = "Figures suggesting that shoppers spent less last winter."
    assert found(language, text) == [
        ("indirect", "that shoppers spent less last winter", "Figures", "document",
         "Figures"),
    ]


def test_that_determiner_with_the_sentences_one_verb_is_still_no_report(
        language: LanguageLayer) -> None:
    assert found(language, "Research confirming that theory is now everywhere.") == []


def test_an_outlet_closing_an_inverted_cue_is_an_organisation(
        language: LanguageLayer) -> None:
    for name in ["Al Marwa Times", "Omar Chronicle"]:
        text = f"Floods cut the northern road, reported {name}."
        assert found(language, text) == [
            ("indirect", "Floods cut the northern road", name, "organisation", name),
        ], text


def test_a_person_closing_an_inverted_cue_stays_a_person(language: LanguageLayer) -> None:
    text = "Floods cut the northern road, reported Tom Ellery."
    assert found(language, text) == [
        ("indirect", "Floods cut the northern road", "Tom Ellery", "person", "Tom Ellery"),
    ]
    # a masthead's word, but the article gave the name as a person's before
    text = ("Victor Tribune runs a bakery in Halden. Floods cut the northern road, reported "
            "Victor Tribune.")
    assert found(language, text) == [
        ("indirect", "Floods cut the northern road", "Victor Tribune", "person",
         "Victor Tribune"),
    ]


def test_a_title_set_off_after_kin_is_no_name(language: LanguageLayer) -> None:
    text = "Adeyemi's uncle, Chief, said the farm belonged to the family."
    assert found(language, text) == [
        ("indirect", "the farm belonged to the family", "Adeyemi's uncle", "role",
         "Adeyemi's uncle"),
    ]


def test_a_first_name_set_off_after_kin_is_still_a_name(language: LanguageLayer) -> None:
    for text, quote, name, phrase in [
        ("Okafor's brother, Emeka, said the farm belonged to the family.",
         "the farm belonged to the family", "Emeka", "Okafor's brother, Emeka"),
        ("Dlamini's son, Junior, said the team would go on.", "the team would go on",
         "Junior", "Dlamini's son, Junior"),
    ]:
        assert found(language, text) == [
            ("indirect", quote, name, "person", phrase),
        ], text
