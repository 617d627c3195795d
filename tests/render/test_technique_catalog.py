from __future__ import annotations

import re
from pathlib import Path

from unspun.techniques import BY_ID, TECHNIQUE_IDS, TECHNIQUES, get_technique

# The 14 labels of SemEval-2020 Task 11 (PTC techniques.txt), in the corpus's order.
PTC_IDS = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)
CORPUS_LIST = Path("/work/shared/data/ptc/techniques.txt")


def test_ids_are_the_ptc_labels() -> None:
    assert TECHNIQUE_IDS == PTC_IDS
    if CORPUS_LIST.exists():
        assert tuple(CORPUS_LIST.read_text().split()) == TECHNIQUE_IDS


def test_entries_are_distinct_and_well_formed() -> None:
    assert len({t.label for t in TECHNIQUES}) == 14
    assert len({t.colour.lower() for t in TECHNIQUES}) == 14
    for t in TECHNIQUES:
        assert re.fullmatch(r"#[0-9a-f]{6}", t.colour)
        assert BY_ID[t.id] is t
        # One plain sentence each.
        assert t.explanation.endswith(".") and t.explanation.count(". ") == 0
        assert 30 < len(t.explanation) < 200


def test_colours_are_dark_enough_for_underlines() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for t in TECHNIQUES:
        contrast_on_white = 1.05 / (luminance(t.colour) + 0.05)
        assert contrast_on_white >= 2.5, (t.id, contrast_on_white)


def test_unknown_id_gets_a_placeholder() -> None:
    entry = get_technique("Some_New,Thing")
    assert entry.id == "Some_New,Thing"
    assert entry.label == "Some New / Thing"
    assert entry.colour.startswith("#")
