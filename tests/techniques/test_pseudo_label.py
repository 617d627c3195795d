"""Self-training data (training/pseudo_label.py) read back as training data. No torch."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")

from training.pseudo_label import FIRST_ID, main
from training.ptc_data import load_ptc

from unspun.techniques.model import DEFAULT_MODEL_DIR

LOADED = (
    "This disgraceful, corrupt regime of traitors is destroying our great nation.\r\n"
    "Only a fool would believe their pathetic lies. You are a dinosaur who wants children "
    "to choke on poisoned air, and every patriot knows it. "
)
PLAIN = "The council met on Tuesday. It approved the budget for the library. "


def test_silver_articles_are_ptc_training_data(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_bytes((LOADED * 4).encode("utf-8"))
    (texts / "b.txt").write_bytes((PLAIN * 12).encode("utf-8"))
    (texts / "short.txt").write_text("Too short.", "utf-8")
    out = tmp_path / "silver"
    main([
        "--model", str(DEFAULT_MODEL_DIR), "--texts", str(texts), "--out", str(out),
        "--n", "5", "--min-chars", "100",
    ])

    articles, techniques = load_ptc(out)
    assert len(articles) == 2  # the short one is skipped
    assert {a.article_id for a in articles} == {str(FIRST_ID), str(FIRST_ID + 1)}
    by_text = {a.text: a for a in articles}
    loaded = by_text[LOADED * 4]  # "\r\n" kept: offsets count every character
    assert loaded.tc, "the teacher finds no span in plainly loaded language"
    for a in articles:
        for label in a.tc:
            assert 0 <= label.start < label.end <= len(a.text)
            assert label.technique in techniques
            assert a.text[label.start : label.end].strip()
    assert len(by_text[PLAIN * 12].tc) < len(loaded.tc)
