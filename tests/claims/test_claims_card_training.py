"""A retrain of the claims head keeps the card's hand-written sections."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")
from training.claims import kept_sections

GENERATED = "## Head\n\nintro\n\n### Cross-validation\n\nnew table\n\n### CT24 dev\n\nnew dev\n"


def test_hand_written_sections_survive_and_generated_ones_are_replaced() -> None:
    old = (
        "## Head\n\nold intro\n\n### Cross-validation\n\nold table\n\n"
        "### News\n\nnews figures\n\n### CT24 dev\n\nold dev\n\n"
        "### Fine-tuning the encoder: measurement\n\nft figures\n"
    )
    kept = kept_sections(old, GENERATED)
    assert "### News\n\nnews figures" in kept
    assert "### Fine-tuning the encoder: measurement\n\nft figures" in kept
    assert "old table" not in kept and "old dev" not in kept and "old intro" not in kept
    assert kept.index("### News") < kept.index("### Fine-tuning")


def test_a_card_with_only_generated_sections_keeps_nothing() -> None:
    assert kept_sections(GENERATED, GENERATED) == ""
