"""Loaded terms: normalised phrases (lower-cased, lemmatised, trimmed of stop words at the
edges), near-duplicates merged, each counted once per article, with their techniques."""

from __future__ import annotations

import pytest

from unspun.corpus.terms import Normaliser, loaded_terms


@pytest.fixture(scope="module")
def normaliser() -> Normaliser:
    return Normaliser()


@pytest.mark.parametrize(("written", "phrase"), [
    ("Thugs", "thug"),
    ("the thugs", "thug"),
    ("'evil'", "evil"),
    ("The EVILS!", "evil"),
    ("so-called \u201cexperts\u201d", "so-called expert"),  # the hyphenated word stays whole
    ("war on terror", "war on terror"),  # stop words inside a term stay
    ("a radical leftist", "radical leftist"),
    ("rigged elections", "rigged election"),  # shown, only a noun's number is undone
    ("mainstream media", "mainstream media"),  # not "medium": a lemma must keep the stem
    ("never again", "never again"),  # stop words only: kept whole
])
def test_phrases(normaliser: Normaliser, written: str, phrase: str) -> None:
    (found,) = normaliser.normalise([written])
    assert found is not None and found.phrase == phrase and found.is_term


@pytest.mark.parametrize(("first", "second"), [
    ("so-called experts", "So called experts"),
    ("the war on terror", "war against terror"),
    ("demonised", "demonized"),
    ("witch hunt", "a witch-hunt"),
    ("thug", "THUGS"),
])
def test_near_duplicates_share_a_key(normaliser: Normaliser, first: str, second: str) -> None:
    a, b = normaliser.normalise([first, second])
    assert a is not None and b is not None and a.key == b.key


def test_passages_are_not_terms(normaliser: Normaliser) -> None:
    clause, long, empty = normaliser.normalise([
        "the tide is turning, and marsh knows it",
        "you are a dinosaur who wants children to choke",
        " -- ",
    ])
    assert clause is not None and not clause.is_term  # a comma between its words
    assert long is not None and not long.is_term  # four content words
    assert empty is None


def test_terms_are_counted_once_per_article_with_their_techniques(
        normaliser: Normaliser) -> None:
    occurrences = [
        ("a1", "thugs", ["Loaded_Language"]),
        ("a1", "the thugs", ["Loaded_Language"]),  # the same article again: one article
        ("a2", "Thugs", ["Doubt", "Loaded_Language"]),
        ("b1", "thug", ["Name_Calling,Labeling"]),
        ("b1", "so-called experts", ["Name_Calling,Labeling"]),
        ("b2", "so called experts", ["Loaded_Language"]),
        ("b2", "the tide is turning, and marsh knows it", ["Loaded_Language"]),
    ]
    found, passages = loaded_terms(occurrences, normaliser=normaliser)
    assert passages == 1
    thug, expert = found
    assert (thug.term, thug.articles, thug.uses, thug.variants) == ("thug", 3, 4, 3)
    assert thug.example == "thugs"  # "thugs" twice, "the thugs" and "thug" once each
    assert thug.techniques == [("Loaded_Language", 2), ("Doubt", 1),
                               ("Name_Calling,Labeling", 1)]
    assert (expert.articles, expert.uses) == (2, 2)
    assert expert.term == "so-called expert"  # on a tie, the fuller of the two forms
