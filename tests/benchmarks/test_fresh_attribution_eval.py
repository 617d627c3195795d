"""The fresh attribution benchmark: its scoring, and the fixtures' offsets."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fresh_attribution_eval", ROOT / "benchmarks" / "fresh_attribution_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


fresh = _module()


@pytest.mark.parametrize("name", fresh.SET_NAMES)
def test_every_gold_span_is_its_text(name: str) -> None:
    articles = fresh.load_set(name)
    assert len(articles) >= 6  # ten as a rule; tuning28, one style's tuning set, has six
    kinds = {"person", "organisation", "role", "vague", "anonymous", "author", "document"}
    for article in articles:
        for gold in article["quotes"]:
            assert article["text"][gold["start"]:gold["end"]] == gold["text"]
            assert gold["kind"] in kinds
            assert gold["name"] or gold["kind"] != "person"


def _quote(start: int, end: int, name: str | None, kind: str | None) -> dict[str, Any]:
    speaker = None if kind is None else {"text": name, "name": name, "kind": kind}
    return {"start": start, "end": end, "speaker": speaker}


def test_scoring_counts_overlap_names_and_kinds() -> None:
    text = '"One," said Ann Lee. Experts say two. A source said three. Banners: "Four".'
    article = {
        "id": "t", "text": text,
        "quotes": [
            {"start": 0, "end": 6, "text": text[0:6], "name": "Ann Lee", "kind": "person"},
            {"start": 33, "end": 36, "text": text[33:36], "name": None, "kind": "vague"},
            {"start": 52, "end": 57, "text": text[52:57], "name": None, "kind": "anonymous"},
        ],
    }
    predicted = [
        _quote(0, 5, "Ann Lee", "person"),       # overlaps, last name right
        _quote(33, 36, "Experts", "role"),       # found, wrong kind
        _quote(67, 73, None, None),              # overlaps no gold quote
    ]
    counts = fresh.score_article(article, predicted)
    assert (counts.gold, counts.found, counts.correct, counts.extra) == (3, 2, 1, 1)
    assert [e["gold"] for e in counts.errors] == ["two", "three"]
    assert not fresh.speaker_right({"name": "Ann Lee", "kind": "person"},
                                   {"name": "Leeds Council", "kind": "organisation"})


def test_a_relative_who_shares_the_surname_is_not_the_speaker() -> None:
    family = ("Mary Trevithick", "Jack Trevithick", "Alan Hughes")
    mary = {"name": "Mary Trevithick", "kind": "person"}
    assert not fresh.speaker_right(mary, {"name": "Jack Trevithick", "kind": "person"}, family)
    assert fresh.speaker_right(mary, {"name": "Mary Trevithick", "kind": "person"}, family)
    # a surname alone or a longer form of the name is still hers
    assert fresh.speaker_right(mary, {"name": "Trevithick", "kind": "person"}, family)
    assert fresh.speaker_right(mary, {"name": "Dr Mary Trevithick", "kind": "person"}, family)
    # with no other gold speaker of that surname, the surname decides
    assert fresh.speaker_right(mary, {"name": "Jack Trevithick", "kind": "person"}, ())


def test_the_article_scorer_tells_relatives_apart() -> None:
    text = "one two three four five six seven eight"
    article = {
        "id": "family", "text": text,
        "quotes": [
            {"start": 0, "end": 7, "text": text[0:7], "name": "Mary Trevithick", "kind": "person"},
            {"start": 8, "end": 18, "text": text[8:18], "name": "Jack Trevithick",
             "kind": "person"},
        ],
    }
    predicted = [_quote(0, 7, "Jack Trevithick", "person"),
                 _quote(8, 18, "Jack Trevithick", "person")]
    counts = fresh.score_article(article, predicted)
    # Mary's words given to her brother are wrong, though the surname is hers
    assert (counts.found, counts.correct) == (2, 1)
    assert [e["name"] for e in counts.errors] == ["Mary Trevithick"]



def test_every_fresh_set_on_disk_is_a_set_name() -> None:
    # a set added on disk but not to SET_NAMES would go unchecked and unscorable
    folders = {p.name for p in fresh.SETS.iterdir() if p.is_dir()}
    assert folders and folders <= set(fresh.SET_NAMES)
