"""The PolNeAR metric on a hand-annotated article whose scores are worked out by hand.

tests/fixtures/polnear/dev holds one article and two annotators' files: ``_a1`` (four
attributions: said / told / found / a quote split around "he said", discontinuous) and
``_b2`` (only the first). The metric must read ``_a1``, the file name that sorts first.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from support import FIXTURES
from unspun.cli import main
from unspun.evaluate.polnear import (
    Article,
    GoldAttribution,
    evaluate_polnear,
    is_speech_cue,
    read_split,
    score,
)
from unspun.report import Entity, Quote, Speaker

SPLIT = FIXTURES / "polnear" / "dev"


@pytest.fixture
def article() -> Article:
    (found,) = read_split(SPLIT)
    return found


def quote(text: str, start: int, end: int, name: str | None, said: str | None = None) -> Quote:
    speaker = Speaker(text=said or name, name=name) if (name or said) else None
    return Quote(
        start=start, end=end, text=text[start:end], kind="direct", speaker=speaker,
        confidence=0.9,
    )


def entities(text: str) -> list[Entity]:
    out = []
    for name in ("Donald Trump", "Trump"):
        start = text.index(name) if name != "Trump" else text.index("Trump told")
        out.append(Entity(start=start, end=start + len(name), text=name, label="PERSON",
                          sentence=0))
    return out


def test_reads_first_annotator_and_discontinuous_content(article: Article) -> None:
    assert article.name == "sample-article"
    assert len(article.gold) == 4  # _a1, not _b2 (one attribution)
    assert [g.cue for g in article.gold] == ["said", "told", "found", "said"]
    assert article.gold[3].content == ((126, 147), (157, 167))
    assert article.gold[3].source == (148, 150)


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        ("said", True), ("has said", True), ("said thursday morning", True),
        ("According to", True), ("in a statement", True), ("told", True),
        ("found", False), ("shows", False), (":", False), ("―", False), ("called for", False),
    ],
)
def test_speech_cues(cue: str, expected: bool) -> None:
    assert is_speech_cue(cue) is expected


def test_scores_worked_by_hand(article: Article) -> None:
    text = article.text
    article.entities = entities(text)
    article.predicted = [
        quote(text, 0, 14, "Donald Trump"),                     # E1, right speaker
        quote(text, 56, 84, None, said="Trump"),                # E2, right (written name)
        quote(text, 102, 123, "The poll"),                      # E3: out-of-scope cue
        quote(text, 126, 147, "Hillary Clinton", said="he"),    # E4 piece, wrong speaker
        quote(text, 35, 55, "Trump"),                           # "Trump told reporters": FP
    ]
    result = score([article])
    # precision: 4 of 5 predictions match some gold; recall: E1, E2, E4 of 3 in scope
    assert result["attribution"] == {"precision": 0.8, "recall": 1.0, "f1": 0.8889}
    # speaker: E1 and E2 right; E4's "he" refers to the last named gold source, Donald
    # Trump (E2's "Trump", expanded), and Hillary Clinton is wrong
    assert result["speaker_accuracy"] == 0.6667
    assert (result["n"], result["gold"], result["predicted"], result["speaker_n"]) == (
        1, 3, 5, 3,
    )
    # exact: E1, E2 and E3 (out of scope, but a true attribution) are predicted to the
    # character; E4's content is in two pieces and no single prediction can equal it
    assert result["strict"]["exact"] == {"precision": 0.6, "recall": 0.6667, "f1": 0.6316}
    # tokens predicted 3 + 6 + 4 + 3 + 3, of which shared with their best gold 3 + 6 + 4 + 3
    # + 0 = 16 of 19; gold in scope 3 (E1) + 6 (E2) + 5 (E4, both pieces) = 14, of which
    # recalled 3 + 6 + 3 ("Nothing is settled") = 12
    assert result["strict"]["token"] == {"precision": 0.8421, "recall": 0.8571, "f1": 0.8496}
    # "he" is a pronoun and all speaker spans are missing: no mention is right
    assert result["speaker_by_type"] == {
        "named": {"accuracy": 1.0, "n": 2},
        "pronoun": {"accuracy": 0.0, "n": 1},
        "nominal": {"accuracy": 0.0, "n": 0},
    }
    assert result["mention_accuracy"] == 0.0


def test_small_overlap_is_no_match(article: Article) -> None:
    text = article.text
    article.entities = entities(text)
    # "the wall would be built" shares 4 characters with a 20-character prediction: < half
    article.predicted = [quote(text, 80, 100, "Trump")]
    result = score([article])
    assert result["attribution"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert result["speaker_accuracy"] == 0.0


def test_missing_speaker_is_wrong_and_misses_lower_recall(article: Article) -> None:
    text = article.text
    article.entities = entities(text)
    article.predicted = [quote(text, 0, 14, None)]
    result = score([article])
    assert result["attribution"]["precision"] == 1.0
    assert result["attribution"]["recall"] == round(1 / 3, 4)
    assert result["speaker_accuracy"] == 0.0
    assert result["speaker_n"] == 1


def test_evaluate_polnear_end_to_end() -> None:
    for data_dir in (SPLIT, SPLIT.parent):  # the split itself, or the corpus root
        result = evaluate_polnear(Path(data_dir))
        assert result["n"] == 1
        assert set(result["attribution"]) == {"precision", "recall", "f1"}
        assert result["attribution"]["recall"] > 0.5


def test_missing_split_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        evaluate_polnear(tmp_path)


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def gold(text: str, content: str, source: str, cue: str = "said") -> GoldAttribution:
    return GoldAttribution(content=(span(text, content),), cue=cue, source=span(text, source))


def spoken(
    text: str, content: str, name: str | None, at: str | None = None, said: str | None = None
) -> Quote:
    """A prediction of ``content`` whose speaker is written at ``at`` (None: no span)."""
    start, end = span(text, content)
    where = span(text, at) if at else (None, None)
    speaker = Speaker(text=said or at or name, start=where[0], end=where[1], name=name)
    return Quote(start=start, end=end, text=content, kind="indirect", speaker=speaker,
                 confidence=0.9)


SOURCES = (
    "The campaign said it would win. Obama said the plan works. "
    "He told reporters that it is done. A senior official said nothing was decided."
)


def sources_article() -> Article:
    text = SOURCES
    obama = span(text, "Obama")
    return Article(
        name="sources",
        text=text,
        gold=[
            gold(text, "it would win", "The campaign"),                 # nominal
            gold(text, "the plan works", "Obama"),                      # named
            gold(text, "that it is done", "He", cue="told"),            # pronoun → Obama
            gold(text, "nothing was decided", "A senior official"),     # nominal
        ],
        predicted=[
            spoken(text, "it would win", None, at="The campaign"),      # right mention
            spoken(text, "the plan works", "Barack Obama"),             # right, no span
            spoken(text, "that it is done", "Hillary Clinton", at="He"),  # mention only
            spoken(text, "nothing was decided", "Barack Obama", at="Obama"),  # wrong mention
        ],
        entities=[Entity(start=obama[0], end=obama[1], text="Obama", label="PERSON",
                         sentence=1)],
    )


def test_speaker_by_source_type_and_mention() -> None:
    result = score([sources_article()])
    assert result["attribution"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["speaker_by_type"] == {
        "named": {"accuracy": 1.0, "n": 1},    # "Barack Obama" shares "obama"
        "pronoun": {"accuracy": 0.0, "n": 1},  # "He" is Obama, not Hillary Clinton
        "nominal": {"accuracy": 0.5, "n": 2},  # "The campaign" overlaps, "Obama" does not
    }
    # the overall figure stays named + pronoun only: nominal sources do not enter it
    assert (result["speaker_accuracy"], result["speaker_n"]) == (0.5, 2)
    # of the named and the pronoun attribution, only "He" was predicted at its gold mention
    assert result["mention_accuracy"] == 0.5


def test_nominal_speaker_partial_overlap_and_none() -> None:
    article = sources_article()
    text = article.text
    article.predicted[0] = spoken(text, "it would win", None)  # a speaker with no span
    article.predicted[3] = spoken(text, "nothing was decided", None, at="official")
    result = score([article])
    assert result["speaker_by_type"]["nominal"] == {"accuracy": 0.5, "n": 2}
    article.predicted[3] = spoken(text, "nothing was decided", None, at="senior official said")
    article.predicted[0] = spoken(text, "it would win", None, at="campaign")
    assert score([article])["speaker_by_type"]["nominal"] == {"accuracy": 1.0, "n": 2}


TOKENS = (
    "“We will win,” Smith said. Jones said the budget will pass next year. "
    "Lee said — taxes rise."
)


def tokens_article() -> Article:
    text = TOKENS
    return Article(
        name="tokens",
        text=text,
        gold=[
            gold(text, "“We will win,”", "Smith"),
            gold(text, "the budget will pass next year", "Jones"),
            gold(text, "taxes rise", "Lee"),                            # never predicted
        ],
        predicted=[
            spoken(text, "We will win", "Smith"),          # exact but for “ ,” : 3 of 3 tokens
            spoken(text, "said the budget will pass", "Jones"),  # 4 of its 5 tokens, of 6
            spoken(text, "next year", "Jones"),            # 2 of 2, a smaller piece of g2
            spoken(text, "Lee said —", "Lee"),             # no gold content: 0 of 2 ("—" is none)
        ],
    )


def test_strict_token_overlap_and_exact_boundaries() -> None:
    result = score([tokens_article()])
    # lenient: the first three predictions match (the second shares 20 characters of 25)
    assert result["attribution"] == {"precision": 0.75, "recall": 0.6667, "f1": 0.7059}
    # tokens: precision (3 + 4 + 2 + 0) / (3 + 5 + 2 + 2) = 9/12; recall pairs each gold with
    # one prediction only, the one sharing most: (3 + 4 + 0) / (3 + 6 + 2) = 7/11
    assert result["strict"]["token"] == {"precision": 0.75, "recall": 0.6364, "f1": 0.6885}
    # exact: only "We will win" equals its gold once quotation marks and comma are trimmed
    assert result["strict"]["exact"] == {"precision": 0.25, "recall": 0.3333, "f1": 0.2857}


def test_exact_needs_both_boundaries() -> None:
    article = tokens_article()
    text = article.text
    # the second content annotated in two pieces that only a space separates: joined
    article.gold[1] = GoldAttribution(
        content=(span(text, "the budget will"), span(text, "pass next year")), cue="said",
        source=span(text, "Jones"),
    )
    article.predicted = [
        spoken(text, "“We will win", "Smith"),                        # exact: trimmed equal
        spoken(text, "the budget will pass next year.", "Jones"),     # exact: final period
        spoken(text, "taxes", "Lee"),                                 # one word short
    ]
    result = score([article])
    assert result["strict"]["exact"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert result["strict"]["token"] == {"precision": 1.0, "recall": 0.9091, "f1": 0.9524}


def test_score_adds_up_over_any_subset() -> None:
    both = score([sources_article(), tokens_article()])
    # the tokens article has no entities: Smith and Jones are nominal sources there, and
    # its predicted speakers have no span, so they are wrong
    assert (both["n"], both["gold"], both["predicted"], both["speaker_n"]) == (2, 7, 8, 2)
    assert both["speaker_by_type"]["nominal"] == {"accuracy": 0.25, "n": 4}
    # micro-averaged: the sources article has 13 predicted and gold tokens, all shared
    assert both["strict"]["token"]["precision"] == round((13 + 9) / (13 + 12), 4)
    assert both["strict"]["token"]["recall"] == round((13 + 7) / (13 + 11), 4)
    empty = score([])
    assert empty["strict"]["token"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert empty["speaker_by_type"]["named"] == {"accuracy": 0.0, "n": 0}


def test_cli_prints_one_figure_per_line() -> None:
    out = io.StringIO()
    assert main(["evaluate", "polnear", "--data", str(SPLIT)], stdout=out) == 0
    lines = out.getvalue().splitlines()
    result = json.loads(out.getvalue())
    assert len(lines) == len(result)
    assert lines[0].startswith('{"attribution": {')
    assert set(result["strict"]) == {"token", "exact"}
    assert set(result["speaker_by_type"]) == {"named", "pronoun", "nominal"}
