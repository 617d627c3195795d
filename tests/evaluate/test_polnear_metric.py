"""The PolNeAR metric on a hand-annotated article whose scores are worked out by hand.

tests/fixtures/polnear/dev holds one article and two annotators' files: ``_a1`` (four
attributions: said / told / found / a quote split around "he said", discontinuous) and
``_b2`` (only the first). The metric must read ``_a1``, the file name that sorts first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import FIXTURES
from unspun.evaluate.polnear import (
    Article,
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
