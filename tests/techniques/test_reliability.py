"""The shipped reliability figures, the words they become, and the script that writes them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from training import reliability as script

from unspun.techniques import TECHNIQUE_IDS
from unspun.techniques.reliability import (
    RELIABILITY_FILE,
    band,
    load_reliability,
    parse_reliability,
    shipped_reliability,
)

PTC = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ptc"


def test_every_catalogue_technique_has_an_entry() -> None:
    data = json.loads(RELIABILITY_FILE.read_text("utf-8"))
    assert sorted(data["techniques"]) == sorted(TECHNIQUE_IDS)
    table = shipped_reliability()
    for technique in TECHNIQUE_IDS:
        entry = table.of(technique)
        assert entry.technique == technique
        assert entry.gold_fragments is not None and entry.gold_fragments > 0
        assert entry.tc_f1 is None or 0 <= entry.tc_f1 <= 1
        assert entry.words and entry.note.endswith(".")
    assert 0 < table.si_f1 < 1 and 0 < table.si_recall < 1
    for key in ("source", "date", "command"):
        assert data["provenance"][key]


@pytest.mark.parametrize(
    ("tc_f1", "key", "words"),
    [
        (1.0, "high", "usually right"),
        (0.7, "high", "usually right"),
        (0.699, "fair", "often right"),
        (0.5, "fair", "often right"),
        (0.499, "low", "often wrong or missed"),
        (0.0, "low", "often wrong or missed"),
        (None, "unmeasured", "not measured yet"),
    ],
)
def test_words_follow_the_bands(tc_f1: float | None, key: str, words: str) -> None:
    assert band(tc_f1) == (key, words)


def test_shipped_words_follow_the_bands() -> None:
    for entry in shipped_reliability().techniques.values():
        if entry.tc_f1 is None:
            assert entry.words == "not measured yet"
        elif entry.tc_f1 >= 0.7:
            assert entry.words == "usually right"
        elif entry.tc_f1 >= 0.5:
            assert entry.words == "often right"
        else:
            assert entry.words == "often wrong or missed"


def _data(si_f1: float, recall: float, **tc_f1: float) -> dict[str, Any]:
    return {
        "provenance": {"date": "2026-12-03"},
        "si": {"f1": si_f1, "precision": 0.5, "recall": recall},
        "tc": {"micro_f1": 0.6, "macro_f1": 0.5},
        "techniques": {
            t: {"tc_f1": tc_f1.get(t), "gold_fragments": 10} for t in TECHNIQUE_IDS
        },
    }


@pytest.mark.parametrize(
    ("si_f1", "recall", "start"),
    [
        (0.45, 0.52, "Techniques are often missed: the model finds about half of what"),
        (0.55, 0.3, "Techniques are sometimes missed: the model finds about a third of what"),
        (0.8, 0.77, "Techniques are seldom missed: the model finds about three quarters of what"),
    ],
)
def test_si_sentence_says_how_much_is_found(si_f1: float, recall: float, start: str) -> None:
    sentence = parse_reliability(_data(si_f1, recall)).si_sentence
    assert sentence.startswith(start), sentence
    assert f"(F1 {si_f1:.2f} on articles it was not trained on)" in sentence


def test_notes_give_the_figures() -> None:
    table = parse_reliability(_data(0.45, 0.5, Slogans=0.63))
    assert "F1 0.63" in table.of("Slogans").note
    assert "10 examples" in table.of("Slogans").note
    assert "F1" not in table.of("Doubt").note  # no mean recorded: no figure to give
    unknown = table.of("Not_In_The_File")
    assert unknown.words == "not measured yet" and unknown.gold_fragments is None


def test_a_missing_technique_is_an_error() -> None:
    data = _data(0.45, 0.5)
    del data["techniques"]["Slogans"]
    with pytest.raises(ValueError, match="Slogans"):
        parse_reliability(data)


# ------------------------------------------------------------------------------ the script


def test_script_counts_gold_fragments_per_technique(tmp_path: Path) -> None:
    labels = tmp_path / "train-task-flc-tc.labels"
    labels.write_text(
        "1\tSlogans\t0\t5\n1\tDoubt\t3\t9\n2\tSlogans\t1\t4\n", encoding="utf-8"
    )
    counts = script.gold_fragments(labels)
    assert list(counts) == list(TECHNIQUE_IDS)
    assert counts["Slogans"] == 2 and counts["Doubt"] == 1 and counts["Repetition"] == 0
    labels.write_text("1\tNot_A_Technique\t0\t5\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="Not_A_Technique"):
        script.gold_fragments(labels)


def test_script_writes_recorded_figures_with_the_unmeasured_mean(tmp_path: Path) -> None:
    data_dir = tmp_path / "ptc"
    data_dir.mkdir()
    (data_dir / "train-task-flc-tc.labels").write_text(
        "".join(f"1\t{t}\t0\t5\n" for t in TECHNIQUE_IDS), encoding="utf-8"
    )
    out = tmp_path / "reliability.json"
    script.main(["--data", str(data_dir), "--out", str(out)])
    data = json.loads(out.read_text("utf-8"))
    recorded = script.RECORDED["tc_f1"]
    for technique in TECHNIQUE_IDS:
        assert data["techniques"][technique] == {
            "tc_f1": recorded.get(technique), "gold_fragments": 1
        }
    unmeasured = [t for t in TECHNIQUE_IDS if t not in recorded]
    # The mean over all 14 is the macro-F1: the unmeasured ones make up the rest.
    total = sum(recorded.values()) + data["tc"]["unmeasured_mean_f1"] * len(unmeasured)
    assert total / len(TECHNIQUE_IDS) == pytest.approx(data["tc"]["macro_f1"], abs=0.01)
    assert data["provenance"]["command"] == script.RECORDED_COMMAND
    assert load_reliability(out).of("Loaded_Language").tc_f1 == recorded["Loaded_Language"]


def test_script_reads_a_si_decoding_run(tmp_path: Path) -> None:
    data_dir = tmp_path / "ptc"
    data_dir.mkdir()
    (data_dir / "train-task-flc-tc.labels").write_text("1\tSlogans\t0\t5\n", encoding="utf-8")
    scores = tmp_path / "scores.json"
    scores.write_text(json.dumps({
        "out_of_fold": [
            {"fold": 0, "f1": 0.5, "precision": 0.4, "recall": 0.6},
            {"fold": 1, "f1": 0.4, "precision": 0.3, "recall": 0.5},
        ],
        "tc_micro_f1": [0.7, 0.6],
        "tc_macro_f1": [0.5, 0.4],
        "tc_f1_per_technique": {t: 0.456 for t in TECHNIQUE_IDS},
    }), encoding="utf-8")
    out = tmp_path / "reliability.json"
    with pytest.raises(SystemExit):  # figures without a command that made them
        script.main(["--data", str(data_dir), "--scores", str(scores), "--out", str(out)])
    script.main(["--data", str(data_dir), "--scores", str(scores), "--out", str(out),
                 "--command", "python -m training.si_decoding ...", "--date", "2026-12-09"])
    data = json.loads(out.read_text("utf-8"))
    assert data["si"] == {"f1": 0.45, "precision": 0.35, "recall": 0.55}
    assert data["tc"] == {"micro_f1": 0.65, "macro_f1": 0.45}  # every technique measured
    assert data["techniques"]["Slogans"] == {"tc_f1": 0.46, "gold_fragments": 1}
    assert data["provenance"]["date"] == "2026-12-09"


def test_shipped_fragment_counts_match_the_corpus() -> None:
    labels = PTC / "train-task-flc-tc.labels"
    if not labels.exists():
        pytest.skip("../shared/data/ptc is not here")
    data = json.loads(RELIABILITY_FILE.read_text("utf-8"))
    counts = script.gold_fragments(labels)
    assert {t: e["gold_fragments"] for t, e in data["techniques"].items()} == counts
