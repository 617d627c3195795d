"""unspun.techniques.calibration: the map from a highlight's raw score to its confidence, and
the techniques layer applying it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from unspun.render.html import DEFAULT_THRESHOLD
from unspun.techniques.calibration import ConfidenceMap, logit, sigmoid
from unspun.techniques.layer import find_techniques
from unspun.techniques.model import DEFAULT_MODEL_DIR, TechniqueModel

OVERCONFIDENT = ConfidenceMap(slope=0.8, intercept=-0.4,
                              offsets={"Loaded_Language": 0.5, "Doubt": -0.7})


def test_the_identity_map_leaves_scores_alone() -> None:
    identity = ConfidenceMap(slope=1.0, intercept=0.0)
    for raw in (0.05, 0.3, 0.5, 0.9):
        assert identity(raw, "Doubt") == pytest.approx(raw)
    assert sigmoid(logit(0.25)) == pytest.approx(0.25)
    # The ends stay finite and inside [0, 1].
    assert 0.0 < identity(0.0, "Doubt") < identity(1.0, "Doubt") < 1.0


def test_each_technique_keeps_its_order_and_gets_its_own_level() -> None:
    raws = [0.1, 0.2, 0.4, 0.6, 0.8, 0.95]
    for technique in ("Loaded_Language", "Doubt", "Slogans"):
        mapped = [OVERCONFIDENT(r, technique) for r in raws]
        assert mapped == sorted(mapped)
    # The same raw score means more for a technique that is right more often.
    assert OVERCONFIDENT(0.6, "Loaded_Language") > OVERCONFIDENT(0.6, "Slogans") > \
        OVERCONFIDENT(0.6, "Doubt")
    # A technique the map has no offset for takes the common line.
    assert OVERCONFIDENT(0.6, "Slogans") == pytest.approx(sigmoid(0.8 * logit(0.6) - 0.4))


def test_the_map_round_trips_through_its_dict() -> None:
    assert ConfidenceMap.from_dict(json.loads(json.dumps(OVERCONFIDENT.to_dict()))) == \
        OVERCONFIDENT


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "config.json").is_file(),
                    reason="no technique model shipped")
def test_the_layer_shows_mapped_confidences(tmp_path: Path) -> None:
    model_dir = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, model_dir)
    config = json.loads((model_dir / "config.json").read_text("utf-8"))
    config["confidence_map"] = None
    (model_dir / "config.json").write_text(json.dumps(config), "utf-8")
    raw_model = TechniqueModel.load(model_dir)
    text = ("This disgraceful, corrupt regime is a threat to every decent family. Wake up! "
            "They will destroy everything we love unless we act now.")
    encoded = raw_model.encode(text)
    raw = find_techniques(raw_model, encoded, lambda _offset: 0)
    assert raw
    raw_model.confidence_map = OVERCONFIDENT
    mapped = find_techniques(raw_model, encoded, lambda _offset: 0)
    assert [(s.start, s.end, s.technique) for s in mapped] == \
        [(s.start, s.end, s.technique) for s in raw]
    for before, after in zip(raw, mapped, strict=True):
        assert text[after.start:after.end] == after.text
        assert after.confidence == pytest.approx(
            OVERCONFIDENT(before.confidence, before.technique), abs=1e-3)


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "config.json").is_file(),
                    reason="no technique model shipped")
def test_the_view_default_is_the_threshold_chosen_with_the_shipped_map() -> None:
    config = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text("utf-8"))
    assert config["confidence_map"], "the shipped model carries its calibration map"
    assert TechniqueModel.load_heads().confidence_map is not None
    # training.calibration --write-map stores the threshold it chose beside the map.
    assert config["display_threshold"] == DEFAULT_THRESHOLD
