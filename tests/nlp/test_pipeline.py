from __future__ import annotations

import datetime as dt

import pytest

from unspun.nlp.pipeline import LanguageLayer, load_spacy

TEXT = (
    "Renat Kuzmin said on August 9 that the Kremlin would respond.\n"
    "The Defense Ministry said on Sunday it had moved 300 troops to Minsk.\n"
    "Exercises will run September 13 – 25 near the Polish border"
)


@pytest.fixture(scope="module")
def found():
    return LanguageLayer(load_spacy()).analyze(TEXT, dt.date(2020, 9, 13))


def test_spacy_is_loaded_once() -> None:
    assert load_spacy() is load_spacy()


def test_every_paragraph_starts_a_sentence(found) -> None:
    starts = {s.start for s in found.sentences}
    for offset in (0, TEXT.index("The Defense"), TEXT.index("Exercises")):
        assert offset in starts
    # a sentence never runs across a paragraph break
    assert all("\n" not in s.text for s in found.sentences)


def test_spans_are_offset_exact_and_trimmed(found) -> None:
    for span in [*found.sentences, *found.entities, *found.dates]:
        assert TEXT[span.start:span.end] == span.text
        assert span.text == span.text.strip()


def test_entities_have_expected_labels(found) -> None:
    labels = {(e.text, e.label) for e in found.entities}
    assert ("Renat Kuzmin", "PERSON") in labels
    assert ("Minsk", "GPE") in labels
    assert any(label == "ORG" for _, label in labels)


def test_dates_resolve_against_publication_date(found) -> None:
    values = {d.text: (d.value, d.kind) for d in found.dates}
    assert values["August 9"] == ("2020-08-09", "day")
    assert values["Sunday"][1] == "day"
    # a past-tense "Sunday" in an article of Sunday 2020-09-13 is not in the future
    assert values["Sunday"][0] <= "2020-09-13"
    range_value = next(v for k, v in values.items() if k.startswith("September 13"))
    assert range_value == ("2020-09-13/2020-09-25", "range")


def test_dates_without_reference_stay_unresolved_when_relative() -> None:
    found = LanguageLayer().analyze("The ministry said on Sunday that it had acted.", None)
    sunday = next(d for d in found.dates if d.text == "Sunday")
    assert sunday.value is None and sunday.kind == "unresolved"


def test_sentence_index_maps_offsets(found) -> None:
    second = found.sentences[1]
    assert found.sentence_index(second.start) == 1
    assert found.sentence_index(second.start + 3) == 1


def _parse_signature(doc) -> list[tuple[object, ...]]:
    """Everything a layer may read of a token, as plain values."""
    return [(t.idx, t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.is_sent_start,
             t.ent_iob_, t.ent_type_, str(t.morph)) for t in doc]


def test_parsing_together_gives_each_text_its_own_parse() -> None:
    from support import saved_pages
    from unspun.analyzer import Analyzer

    analyzer = Analyzer(["sentences"])
    texts = [analyzer.extract_page(next(analyzer.pages(p))).text for p in saved_pages()]
    texts += [TEXT, "A short one.", TEXT.upper()]
    when = [dt.date(2020, 9, 13), None] * (len(texts) // 2) + [None] * (len(texts) % 2)
    layer = LanguageLayer(load_spacy())
    alone = [layer.analyze(text, d) for text, d in zip(texts, when, strict=True)]
    for batch_size, max_chars in [(2, 10**6), (len(texts), 10**6), (len(texts), 3_000)]:
        together = list(layer.analyze_many(texts, when, batch_size, max_chars))
        assert len(together) == len(texts)
        for a, b in zip(alone, together, strict=True):
            assert (a.sentences, a.entities, a.dates) == (b.sentences, b.entities, b.dates)
            assert _parse_signature(a.doc) == _parse_signature(b.doc)


def test_parsing_together_checks_every_length_first() -> None:
    from unspun.errors import InputError
    from unspun.settings import LanguageSettings

    layer = LanguageLayer(load_spacy(), LanguageSettings(max_words=5))
    with pytest.raises(InputError, match="too long"):
        next(layer.analyze_many(["Fine.", "one two three four five six"], [None, None], 2))
    with pytest.raises(ValueError, match="one publication date"):
        next(layer.analyze_many(["Fine."], [], 1))


def test_parses_are_grouped_by_count_and_characters() -> None:
    from unspun.nlp.pipeline import _groups

    def groups(lengths: list[int], most: int, max_chars: int) -> list[list[int]]:
        return [list(g) for g in _groups(lengths, most, max_chars)]

    assert groups([1] * 5, 2, 100) == [[0, 1], [2, 3], [4]]
    # A text longer than the budget goes alone; the others fill up to it.
    assert groups([40, 50, 200, 30, 30, 30], 8, 100) == [[0, 1], [2], [3, 4, 5]]
    assert groups([], 4, 100) == []


def test_a_person_name_ends_at_its_last_capitalised_word() -> None:
    from spacy.tokens import Span

    from unspun.nlp.pipeline import _without_trailing_words

    doc = load_spacy()("Rosa made Ilse Marek weep again.")
    trimmed = _without_trailing_words(Span(doc, 2, 5, label="PERSON"))  # "Ilse Marek weep"
    assert (trimmed.text, trimmed.label_) == ("Ilse Marek", "PERSON")
    whole = Span(doc, 2, 4, label="PERSON")
    assert _without_trailing_words(whole) is whole
    hyphenated = load_spacy()("Choi Dong-hyun spoke")
    span = Span(hyphenated, 0, 4, label="PERSON")
    assert _without_trailing_words(span) is span
    lower = load_spacy()("she quoted bell hooks at length")
    assert _without_trailing_words(Span(lower, 2, 4, label="PERSON")).text == "bell hooks"


def test_a_subhead_name_loses_the_verb_the_recogniser_ran_on_into() -> None:
    text = "Kate made Meghan cry, not the other way around"
    found = LanguageLayer(load_spacy()).analyze(text, None)
    persons = [e.text for e in found.entities if e.label == "PERSON"]
    assert "Meghan" in persons
    assert all(not name.split()[-1].islower() for name in persons)


def test_a_name_cut_at_its_particle_is_whole() -> None:
    # the recogniser reads "Margarethe von der" as a person and "Lahnstein" as a place
    text = ("Brussels wants more. Recently, Margarethe von der Lahnstein stated that the "
            "target holds.")
    found = LanguageLayer(load_spacy()).analyze(text, None)
    persons = [e for e in found.entities if e.label == "PERSON"]
    assert [text[e.start:e.end] for e in persons] == ["Margarethe von der Lahnstein"]
    assert not any(e.text == "Lahnstein" for e in found.entities)


def test_a_name_grown_past_its_particle_stops_at_a_date() -> None:
    text = ("Brussels wants more. Recently, Margarethe von der Lahnstein Thursday stated that "
            "the target holds.")
    found = LanguageLayer(load_spacy()).analyze(text, None)
    persons = [text[e.start:e.end] for e in found.entities if e.label == "PERSON"]
    assert persons == ["Margarethe von der Lahnstein"]
    assert [d.text for d in found.dates] == ["Thursday"]
