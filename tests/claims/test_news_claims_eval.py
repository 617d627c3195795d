"""The news-claims evaluation (:mod:`unspun.evaluate.news_claims`): its labels file, article
kinds and figures, and a small fixture of sentences written for this test
(``news_sentences.tsv``: text, check_worthy, verifiable, never-claim flag) run through the
claims rules with a head that finds everything check-worthy."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from unspun.evaluate.news_claims import (
    LABEL_SETS,
    LABELS,
    SAMPLE_STRIDE,
    TRAIN_LABELS,
    TUNING_ARTICLE_STRIDE,
    SentenceLabel,
    article_kind,
    read_labels,
    sample_sentences,
    score_labels,
    tuning_articles,
)

FIXTURE = Path(__file__).parent / "news_sentences.tsv"
POLNEAR_TRAIN = Path(__file__).resolve().parents[3] / "shared" / "data" / "polnear" / "train"


def test_shipped_labels_cover_every_article_and_stride() -> None:
    labels = read_labels(LABELS)
    assert len(labels) >= 400
    assert len({lab.article for lab in labels}) == 84
    assert all(lab.start < lab.end for lab in labels)
    assert SAMPLE_STRIDE == 8
    # The counts the README states.
    pairs = [(lab.check_worthy, lab.verifiable) for lab in labels]
    assert (pairs.count((True, True)), pairs.count((True, False)),
            pairs.count((False, True)), pairs.count((False, False))) == (94, 21, 109, 253)


def test_tuning_labels_are_train_articles_with_the_stated_counts() -> None:
    labels = read_labels(TRAIN_LABELS)
    assert LABEL_SETS == {"dev": LABELS, "train": TRAIN_LABELS}
    assert len(labels) >= 400
    names = {lab.article for lab in labels}
    assert len(names) == 84
    assert not names & {lab.article for lab in read_labels(LABELS)}
    assert all(lab.start < lab.end for lab in labels)
    pairs = [(lab.check_worthy, lab.verifiable) for lab in labels]
    assert (pairs.count((True, True)), pairs.count((True, False)),
            pairs.count((False, True)), pairs.count((False, False))) == (79, 12, 108, 213)


def test_tuning_articles_take_every_tenth_name() -> None:
    names = [f"a{i:03d}" for i in range(25)][::-1]
    assert TUNING_ARTICLE_STRIDE == 10
    assert tuning_articles(names) == ["a000", "a010", "a020"]


@pytest.mark.slow
@pytest.mark.skipif(not POLNEAR_TRAIN.is_dir(), reason="PolNeAR train is not here")
def test_tuning_labels_are_exactly_the_sample() -> None:
    from unspun.nlp.pipeline import LanguageLayer

    names = tuning_articles([p.stem for p in (POLNEAR_TRAIN / "text").glob("*.txt")])
    layer = LanguageLayer()
    texts = {n: (POLNEAR_TRAIN / "text" / f"{n}.txt").read_text(encoding="utf-8")
             for n in names}
    sample = sample_sentences({n: layer.analyze(t, None) for n, t in texts.items()})
    labels = read_labels(TRAIN_LABELS)
    assert [(lab.article, lab.start, lab.end) for lab in labels] == sample
    # Offsets are the contract: each labelled span is a sentence of its article.
    assert all(texts[lab.article][lab.start:lab.end].strip() for lab in labels)


def test_malformed_labels_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("article\tstart\tend\tcheck_worthy\tverifiable\na\t0\t5\tmaybe\tno\n")
    with pytest.raises(ValueError, match="malformed"):
        read_labels(bad)


def test_article_kinds() -> None:
    assert article_kind("x", "text", {"wire": "AP"}) == "wire"
    assert article_kind("x", "LONDON (Reuters) - Prices rose.") == "wire"
    assert article_kind("usa-today_x", "The editors think.", {"author": ""}) == "op-ed"
    column = "I went there. My view changed. I saw it. Then it rained."
    assert article_kind("nyt_x", column, {"author": "A. Writer"}) == "op-ed"
    quoted = '"I went," he said. "My view," he said. "I saw," she said.'
    assert article_kind("nyt_x", quoted, {"author": "A. Writer"}) == "other"


def test_score_labels_figures() -> None:
    labels = [
        SentenceLabel("a", 0, 5, True, True),
        SentenceLabel("a", 6, 9, True, False),
        SentenceLabel("b", 0, 4, False, True),
        SentenceLabel("b", 5, 8, False, False),
    ]
    predictions = {
        ("a", 0, 5): (True, True, True),
        ("a", 6, 9): (True, False, False),
        ("b", 0, 4): (True, True, False),
    }
    r = score_labels(labels, predictions, {"a": "wire", "b": "other"},
                     {"a": (2, 2), "b": (1, 4)})
    assert r["check_worthy"]["precision"] == pytest.approx(2 / 3)
    assert r["check_worthy"]["recall"] == 1.0
    assert r["verifiable_claims"]["f1"] == pytest.approx(2 / 3)  # P 1/2, R 1
    assert r["verifiable_accuracy"]["accuracy"] == pytest.approx(3 / 4)
    assert r["flagged_share"]["wire"]["flagged"] == 1.0
    assert r["flagged_share"]["other"]["flagged"] == 0.25
    assert r["flagged_share"]["all"]["flagged"] == pytest.approx(3 / 6)
    assert r["flagged_share"]["all"]["labelled_check_worthy"] == 0.5
    assert r["flagged_share"]["wire"]["check_worthy"]["f1"] == 1.0
    # "b": one sentence claimed, none check-worthy: P 0, R undefined (0).
    assert r["flagged_share"]["other"]["check_worthy"]["n_predicted"] == 1
    assert r["flagged_share"]["other"]["check_worthy"]["f1"] == 0.0
    assert r["flagged_share"]["all"]["check_worthy"] == r["check_worthy"]
    assert "check_worthy_ap" not in r
    # Ranked a(0.9, yes), b(0.8, no), a(0.5, yes), b(unscored: 0, no): AP (1 + 2/3) / 2.
    scores = {("a", 0, 5): 0.9, ("b", 0, 4): 0.8, ("a", 6, 9): 0.5}
    ranked = score_labels(labels, predictions, {"a": "wire", "b": "other"},
                          {"a": (2, 2), "b": (1, 4)}, scores)
    assert ranked["check_worthy_ap"] == pytest.approx(5 / 6)
    assert r["matched"] == 3


def test_fixture_sentences_through_the_rules() -> None:
    pytest.importorskip("numpy")
    from tests.claims.test_claims_layer import constant_head, fake_encode

    from unspun.claims import find_claims, score_sentences
    from unspun.nlp.pipeline import LanguageLayer

    layer = LanguageLayer()
    with FIXTURE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) >= 10
    for row in rows:
        text = row["text"]
        analysis = layer.analyze(text, None)
        encoded = fake_encode(text)
        claims = find_claims(analysis, text, encoded, constant_head(0.9))
        scores = score_sentences(analysis, encoded, constant_head(0.9))
        if row["never"]:
            assert any(row["never"] in s.flags for s in scores), text
            assert not any(c.verifiable for c in claims), text
        if row["check_worthy"] == "yes":
            # A head that finds everything check-worthy: the rules keep the sentence, and
            # the verifiable judgement tells a fact from opinion dressed as one.
            assert claims, text
            assert claims[0].verifiable is (row["verifiable"] == "yes"), text
        elif not row["never"]:
            assert not any(c.verifiable for c in claims), text
