"""Parse features of the claims head: what each cue reads, that training (each sentence
parsed alone) and run time (the article's one parse) give the same row, and that a head
reading them is scored from the article's parse without any second parse or encoder call."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

from claims.test_claims_layer import fake_encode  # noqa: E402
from unspun.claims import (  # noqa: E402
    PARSE_FEATURES,
    ClaimsHead,
    find_claims,
    head_inputs,
    load_claims_head,
    make_sentence_scorer,
    parse_sentences,
    score_sentences,
)
from unspun.nlp.pipeline import LanguageLayer  # noqa: E402

SENTENCES = {
    "Unemployment fell to 4 percent in March.":
        {"number", "percent_or_money", "date", "past_main", "past_any", "verifiable"},
    "I think the economy is strong.": {"first_singular", "opinion"},
    "You know, we will win.": {"prediction", "first_plural", "second_person"},
    "The country became a police state.": {"past_main", "past_any", "value_judgement"},
    "Will taxes ever go down?": {"prediction", "question"},
    "Sign up now.": {"imperative"},
    "Obama did not sign the bill in 2010.":
        {"date", "named_entity", "past_main", "past_any", "verifiable", "negation"},
    "Crime is higher than in any other city.": {"comparison", "verifiable"},
    "The senator said the plan had failed.":
        {"speech", "past_main", "past_any", "verifiable"},
}
BINARY = [f for f in PARSE_FEATURES if f not in ("entities", "words")]


def on(row: np.ndarray) -> set[str]:
    return {f for f, v in zip(PARSE_FEATURES, row, strict=True) if f in BINARY and v}


@pytest.fixture(scope="module")
def rows() -> np.ndarray:
    return parse_sentences(list(SENTENCES))


def test_each_cue_reads_what_it_names(rows: np.ndarray) -> None:
    for (text, expected), row in zip(SENTENCES.items(), rows, strict=True):
        assert on(row) == expected, text
    words = PARSE_FEATURES.index("words")
    assert rows[0, words] == pytest.approx(math.log1p(7))  # punctuation does not count
    entities = PARSE_FEATURES.index("entities")
    assert rows[1, entities] == 0.0 and rows[0, entities] > 0.0


def test_the_article_parse_gives_the_rows_of_sentences_parsed_alone(rows: np.ndarray) -> None:
    """Training parses each CT24 sentence alone; run time reads its span of the article."""
    text = "\n".join(SENTENCES)
    analysis = LanguageLayer().analyze(text, None)
    assert [s.text for s in analysis.sentences] == list(SENTENCES)
    head = parse_head("number")
    scores = score_sentences(analysis, fake_encode(text), head)
    number = [("number" in want) for want in SENTENCES.values()]
    assert [s.model_score > 0.5 for s in scores] == number
    # The rows themselves, through a head that passes one cue at a time.
    for f in BINARY:
        got = [s.model_score > 0.5 for s in score_sentences(analysis, fake_encode(text),
                                                            parse_head(f))]
        assert got == [bool(r[PARSE_FEATURES.index(f)]) for r in rows], f


def parse_head(feature: str, threshold: float = 0.5) -> ClaimsHead:
    """A parse-only head: check-worthy iff ``feature`` is set."""
    d = len(PARSE_FEATURES)
    w2 = np.zeros((d, 1), np.float32)
    w2[PARSE_FEATURES.index(feature)] = 20.0
    return ClaimsHead(
        mean=np.zeros(d, np.float32), std=np.ones(d, np.float32), w2=w2,
        b2=np.asarray([-10.0], np.float32), threshold=threshold, features="parse",
    )


def test_a_head_on_both_reads_the_vector_then_the_parse() -> None:
    vectors = np.asarray([[1.0, 2.0]], np.float32)
    parse = np.asarray([[3.0]], np.float32)
    np.testing.assert_array_equal(head_inputs("encoder+parse", vectors, parse), [[1, 2, 3]])
    np.testing.assert_array_equal(head_inputs("encoder", vectors, None), vectors)
    np.testing.assert_array_equal(head_inputs("parse", None, parse), parse)
    with pytest.raises(ValueError, match="parse features"):
        head_inputs("encoder+parse", vectors, None)
    with pytest.raises(ValueError, match="encoder vectors"):
        head_inputs("encoder", None, parse)


def test_claims_from_a_parse_head_keep_exact_offsets() -> None:
    text = "\n".join(SENTENCES)
    analysis = LanguageLayer().analyze(text, None)
    claims = find_claims(analysis, text, fake_encode(text), parse_head("date"))
    assert [c.text for c in claims] == [
        "Unemployment fell to 4 percent in March.", "Obama did not sign the bill in 2010.",
    ]
    assert all(text[c.start:c.end] == c.text for c in claims)


def test_features_round_trip_and_old_heads_read_the_encoder(tmp_path: Path) -> None:
    head = parse_head("number", threshold=0.4)
    head.save(tmp_path, {})
    loaded = load_claims_head(tmp_path)
    assert (loaded.features, loaded.reads_encoder, loaded.reads_parse) == ("parse", False, True)
    config = (tmp_path / "claims.json").read_text("utf-8")
    (tmp_path / "claims.json").write_text(config.replace('"features": "parse"', '"x": 1'))
    assert load_claims_head(tmp_path).features == "encoder"
    (tmp_path / "claims.json").write_text(config.replace('"parse"', '"words"'))
    with pytest.raises(ValueError, match="unknown features"):
        load_claims_head(tmp_path)


class _NoEncoder:
    def encode(self, text: str) -> object:
        raise AssertionError("a parse-only head needs no encoder pass")


def test_sentence_scorer_parses_sentences_alone_for_a_parse_head(rows: np.ndarray) -> None:
    score = make_sentence_scorer(_NoEncoder(), parse_head("question"))  # type: ignore[arg-type]
    got = score(list(SENTENCES))
    assert [p > 0.5 for p in got] == [text.endswith("?") for text in SENTENCES]
