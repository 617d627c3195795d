"""The speaker-kind labels of PolNeAR dev and the kind metric, on an example worked out by hand.

The labels ship in the package (``unspun/evaluate/data``); when ``../shared/data/polnear/dev``
is here, every row is checked against the corpus: the text at its offsets, the Source span of
the first annotator's file, and the documented sample (every third distinct Source span).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import FIXTURES
from unspun.evaluate.polnear import Article, GoldAttribution, read_split
from unspun.evaluate.speaker_kinds import (
    KINDS,
    LABELS,
    NOT_A_SPEAKER,
    SourceLabel,
    evaluate_speaker_kinds,
    read_labels,
    sample_sources,
    score_kinds,
)
from unspun.report import Quote, Speaker

ROOT = Path(__file__).resolve().parents[2]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"
SPLIT = FIXTURES / "polnear" / "dev"
HEADER = "article\tsource_start\tsource_end\tsource_text\tkind\tnote\n"


def _flat(text: str) -> str:
    return re.sub(r"[\t\r\n]", " ", text)


def test_labels_parse_with_enough_rows_and_valid_kinds() -> None:
    labels = read_labels()
    assert LABELS.is_file()
    assert len(labels) >= 300
    assert {lab.kind for lab in labels} <= {*KINDS, NOT_A_SPEAKER}
    # the seven kinds but one are there (anonymous Sources are rare in PolNeAR dev)
    assert {lab.kind for lab in labels} >= set(KINDS) - {"anonymous"}
    keys = [(lab.article, lab.start, lab.end) for lab in labels]
    assert len(set(keys)) == len(keys)
    assert all(0 <= lab.start < lab.end and lab.text.strip() for lab in labels)
    assert len({lab.article for lab in labels}) >= 80


def test_labels_are_the_documented_sample_of_polnear_dev() -> None:
    if not (POLNEAR_DEV / "text").is_dir():
        pytest.skip("../shared/data/polnear/dev is not here")
    labels = read_labels()
    articles = read_split(POLNEAR_DEV)
    texts = {a.name: a.text for a in articles}
    sources = {(a.name, *g.source) for a in articles for g in a.gold if g.source}
    for lab in labels:
        assert _flat(texts[lab.article][lab.start:lab.end]) == lab.text, lab
        assert (lab.article, lab.start, lab.end) in sources, lab
    assert [(lab.article, lab.start, lab.end) for lab in labels] == sample_sources(articles)


def test_sample_takes_every_third_distinct_source_span() -> None:
    said = "said"
    gold = [
        GoldAttribution(content=((0, 1),), cue=said, source=s)
        for s in [(30, 32), (10, 12), (10, 12), (20, 22), (40, 42), None, (50, 52)]
    ]
    articles = [Article("b", "", gold), Article("a", "", gold[:1])]
    assert sample_sources(articles) == [("b", 10, 12), ("b", 40, 42), ("a", 30, 32)]


@pytest.mark.parametrize(
    "row",
    [
        "art\t0\t3\tAnn\tpeople\t\n",  # not a kind
        "art\t0\t3\tAnn\tperson\n",  # a cell missing
        "art\tzero\t3\tAnn\tperson\t\n",  # not an offset
    ],
)
def test_malformed_rows_are_refused(tmp_path: Path, row: str) -> None:
    path = tmp_path / "labels.tsv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(ValueError):
        read_labels(path)


# A hand-made article: five labelled Sources, one "none" Source and one unlabelled Source.
TEXT = (
    'Ann Lee said "we will win the vote". '  # person: right speaker, right kind
    'Experts say "taxes will rise again". '  # vague: right speaker, kind role (wrong)
    'The ministry said "no comment today". '  # organisation: speaker on another mention
    'A report said "growth slowed down". '  # document: matched quote without a speaker
    'He said "this is fine by me". '  # person: no quote matches
    'The truck story shows "a plan B". '  # none: not a speaker, left out
    'Bob said "see you all soon".'  # no label: left out
)


def _span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _gold(content: str, source: str) -> GoldAttribution:
    return GoldAttribution(content=(_span(content),), cue="said", source=_span(source))


def _quote(content: str, speaker: str | None, kind: str | None = None) -> Quote:
    start, end = _span(content)
    said = None
    if speaker is not None:
        s_start, s_end = _span(speaker)
        said = Speaker(text=speaker, start=s_start, end=s_end, kind=kind)  # type: ignore[arg-type]
    return Quote(start=start, end=end, text=TEXT[start:end], kind="direct", speaker=said,
                 confidence=0.9)


def _label(source: str, kind: str) -> SourceLabel:
    start, end = _span(source)
    return SourceLabel("hand", start, end, source, kind)


@pytest.fixture
def hand_made() -> tuple[Article, list[SourceLabel]]:
    gold = [
        _gold('"we will win the vote"', "Ann Lee"),
        _gold('"taxes will rise again"', "Experts"),
        _gold('"no comment today"', "The ministry"),
        _gold('"growth slowed down"', "A report"),
        _gold('"this is fine by me"', "He"),
        _gold('"a plan B"', "The truck story"),
        _gold('"see you all soon"', "Bob"),
    ]
    predicted = [
        _quote('"we will win the vote"', "Ann Lee", "person"),
        _quote('"taxes will rise again"', "Experts", "role"),
        _quote('"no comment today"', "Ann Lee", "person"),  # the wrong mention
        _quote('"growth slowed down"', None),
        _quote('"a plan B"', "The truck story", "document"),
        _quote('"see you all soon"', "Bob", "organisation"),
        _quote('me". The truck', "He", "person"),  # under half of either: no match
    ]
    labels = [
        _label("Ann Lee", "person"),
        _label("Experts", "vague"),
        _label("The ministry", "organisation"),
        _label("A report", "document"),
        _label("He", "person"),
        _label("The truck story", NOT_A_SPEAKER),
    ]
    return Article("hand", TEXT, gold, predicted), labels


def test_scores_on_the_hand_made_article(hand_made: tuple[Article, list[SourceLabel]]) -> None:
    article, labels = hand_made
    errors: list[dict] = []
    result = score_kinds([article], labels, errors)
    assert result["items"] == 5  # the "none" and the unlabelled Source are left out
    assert result["items_by_kind"] == {
        "person": 2, "organisation": 1, "role": 0, "vague": 1, "anonymous": 0, "author": 0,
        "document": 1,
    }
    assert result["matched"] == 4  # "He said" has no matching quote, only a sliver of one
    # (a): Ann Lee right, Experts wrong (role for vague)
    assert result["kind_accuracy"] == {"accuracy": 0.5, "n": 2}
    # (b): also the ministry (another mention) and the report (no speaker), both wrong
    assert result["kind_accuracy_all_matched"] == {
        "accuracy": 0.25, "n": 4, "no_speaker": 1, "other_mention": 1,
    }
    assert result["confusion"]["person"] == {"person": 1}
    assert result["confusion"]["vague"] == {"role": 1}
    assert result["confusion"]["organisation"] == {}
    assert result["per_kind"]["person"] == {
        "precision": 1.0, "recall": 1.0, "gold_n": 1, "predicted_n": 1,
    }
    assert result["per_kind"]["role"] == {
        "precision": 0.0, "recall": 0.0, "gold_n": 0, "predicted_n": 1,
    }
    assert result["per_kind"]["vague"] == {
        "precision": 0.0, "recall": 0.0, "gold_n": 1, "predicted_n": 0,
    }
    assert result["person_baseline"] == 0.5
    assert errors == [{
        "article": "hand", "source": "Experts", "speaker": "Experts", "gold": "vague",
        "predicted": "role", "note": "",
    }]


def test_best_overlapping_quote_gives_the_speaker(
    hand_made: tuple[Article, list[SourceLabel]],
) -> None:
    article, labels = hand_made
    # a second, smaller quote inside the Experts content, spoken by Experts as vague: the
    # larger (best-overlapping) quote with the wrong kind still decides
    start, end = _span('"taxes will rise again"')
    article.predicted.append(Quote(
        start=start, end=start + 8, text=TEXT[start:start + 8], kind="direct",
        speaker=Speaker(text="Experts", start=_span("Experts")[0], end=_span("Experts")[1],
                        kind="vague"),
        confidence=0.9,
    ))
    assert end - start > 8
    assert score_kinds([article], labels)["kind_accuracy"] == {"accuracy": 0.5, "n": 2}
    # the other way round: the vague quote is the larger one
    article.predicted[1], article.predicted[-1] = (
        article.predicted[-1].model_copy(update={"end": end, "text": TEXT[start:end]}),
        article.predicted[1].model_copy(update={"end": start + 8, "text": TEXT[start:start + 8]}),
    )
    assert score_kinds([article], labels)["kind_accuracy"] == {"accuracy": 1.0, "n": 2}


def test_end_to_end_on_the_fixture_split(tmp_path: Path) -> None:
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        HEADER
        + "sample-article\t15\t27\tDonald Trump\tperson\t\n"
        + "sample-article\t35\t40\tTrump\tperson\t\n"
        + "sample-article\t87\t95\tThe poll\tdocument\t\n"
        + "sample-article\t148\t150\the\tperson\the = Donald Trump\n",
        encoding="utf-8",
    )
    for data_dir in (SPLIT, SPLIT.parent):  # the split itself, or the corpus root
        result = evaluate_speaker_kinds(data_dir, labels)
        assert result["labels"] == 4 and result["n"] == 1 and result["items"] == 4
        assert result["matched"] >= 1
        assert set(result["per_kind"]) == set(KINDS)


def test_missing_split_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        evaluate_speaker_kinds(tmp_path)
