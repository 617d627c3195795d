"""An article longer than the language layer can parse in bounded memory is refused with
its length, before any model runs (issue 28, finding 1: 990 KB of English took 2 minutes and
3.7 GB)."""

from __future__ import annotations

import dataclasses

import pytest
import spacy

from unspun.analyzer import Analyzer
from unspun.errors import InputError
from unspun.ingest.page import Page
from unspun.nlp.pipeline import LanguageLayer, check_length
from unspun.settings import LanguageSettings, Settings

LONG = "The council met again on Tuesday to vote.\n" * 3_000  # 24,000 words


def test_the_default_limit_refuses_a_long_text_with_its_length() -> None:
    with pytest.raises(InputError) as caught:
        check_length(LONG, LanguageSettings())
    assert str(caught.value) == "article too long to analyse: 24,000 words; at most 20,000"
    check_length(LONG[: len(LONG) // 2], LanguageSettings())  # 12,000 words pass


def test_the_language_layer_refuses_before_parsing() -> None:
    layer = LanguageLayer(spacy.blank("en"), LanguageSettings(max_words=100))
    with pytest.raises(InputError, match=r"at most 100$"):
        layer.analyze(LONG, None)


def test_the_analyzer_refuses_before_any_model(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = dataclasses.replace(Settings(), language=LanguageSettings(max_words=50))
    analyzer = Analyzer(settings=settings)
    monkeypatch.setattr(analyzer, "_load_layers", lambda: None)
    page = Page(body=LONG[:1000].encode(), source="<text>", media_type="text/plain")
    with pytest.raises(InputError, match=r"^article too long to analyse: 1\d\d words; at most 50$"):
        analyzer.analyze_page(page)
    assert vars(analyzer.resources)["_language"] is None  # spaCy never loaded
