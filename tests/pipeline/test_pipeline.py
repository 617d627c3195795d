"""The pipeline: layers chosen by name, resources loaded only for them, once per article."""

from __future__ import annotations

import dataclasses
import json
import pickle
import re
import shutil
from pathlib import Path

import pytest

from unspun.analyzer import Analyzer, analyzer_factory
from unspun.errors import InputError
from unspun.pipeline import Article, Layer, Resources, create_layer, resolve_layers
from unspun.report import BUILTIN_LAYERS, Document
from unspun.resources.encoder import Encoder
from unspun.settings import SHIPPED_MODELS, ClaimSettings, ModelPaths, Settings

ARTICLE = (
    "The Defense Ministry said on Sunday that 300 troops had returned to their bases.\n"
    "Opposition leader Anna Petrova called the announcement “a cynical stunt”.\n"
    "Unemployment rose to 7.4% in March, the statistics office said."
)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts encoder loads and encoder passes across every Analyzer of the test."""
    counts = {"load": 0, "encode": 0}
    load, encode = Encoder.load.__func__, Encoder.encode  # type: ignore[attr-defined]

    def counting_load(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        counts["load"] += 1
        return load(cls, *args, **kwargs)

    def counting_encode(self, text):  # type: ignore[no-untyped-def]
        counts["encode"] += 1
        return encode(self, text)

    monkeypatch.setattr(Encoder, "load", classmethod(counting_load))
    monkeypatch.setattr(Encoder, "encode", counting_encode)
    return counts


def test_a_run_without_encoder_layers_never_loads_the_encoder(counted: dict[str, int]) -> None:
    analyzer = Analyzer(["quotes", "entities"]).load()
    report = analyzer.analyze(ARTICLE)
    assert counted == {"load": 0, "encode": 0}
    assert not analyzer.resources.is_loaded("encoder")
    assert report.entities and report.quotes
    assert report.claims == [] and report.techniques == [] and report.sentences == []
    assert report.skipped_layers == ["sentences", "dates", "claims", "techniques"]
    assert json.loads(report.model_dump_json())["skipped_layers"] == report.skipped_layers


def test_the_encoder_loads_once_and_runs_once_per_article(counted: dict[str, int]) -> None:
    analyzer = Analyzer()
    timings: dict[str, float] = {}
    for text in (ARTICLE, ARTICLE.replace("Sunday", "Monday")):
        page = next(analyzer.pages(text))
        report = analyzer.analyze_page(page, timings=timings)
        assert report.claims and report.sentences
    assert counted == {"load": 1, "encode": 2}  # claims and techniques share each pass
    assert {"extraction", "language_id", "language", "encoder", *BUILTIN_LAYERS} <= set(timings)


def test_layer_order_is_the_pipeline_order_and_names_are_checked() -> None:
    assert resolve_layers("techniques, quotes") == ["quotes", "techniques"]
    assert resolve_layers(None)[: len(BUILTIN_LAYERS)] == list(BUILTIN_LAYERS)
    with pytest.raises(InputError, match=r"unknown layer.*qoutes.*available: sentences"):
        resolve_layers(["qoutes"])
    with pytest.raises(InputError, match="no layer named"):
        resolve_layers(" , ")
    with pytest.raises(InputError, match="unknown layer"):
        analyzer_factory("quotes,bogus")


def test_every_builtin_layer_is_a_layer() -> None:
    for name in BUILTIN_LAYERS:
        layer = create_layer(name, Settings())
        assert isinstance(layer, Layer) and layer.name == name
        assert layer.needs <= {"language", "encoder"}


def test_the_article_computes_the_parse_once() -> None:
    resources = Resources(Settings())
    text = ARTICLE
    article = Article(Document(text=text), resources)
    assert article.language is article.language
    sentences = create_layer("sentences", Settings())(article)
    assert [text[s.start:s.end] for s in sentences] == [s.text for s in sentences]
    assert article.sentence_index(text.index("Unemployment")) == 2


def test_settings_reach_the_layers() -> None:
    strict = Settings(claims=ClaimSettings(threshold=1.01))
    assert Analyzer(["claims"], settings=strict).analyze(ARTICLE).claims == []
    assert Analyzer(["claims"]).analyze(ARTICLE).claims


def test_models_directory_is_a_setting(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(SHIPPED_MODELS, models)
    config = json.loads((models / "claims" / "claims.json").read_text("utf-8"))
    (models / "claims" / "claims.json").write_text(
        json.dumps({**config, "threshold": 0.0}), "utf-8")
    analyzer = Analyzer(["claims"], models=models)
    assert analyzer.settings.models == ModelPaths.from_root(models)
    every_sentence = analyzer.analyze(ARTICLE).claims
    assert len(every_sentence) == 3  # threshold 0: every sentence with a verb is a claim
    with pytest.raises(InputError, match="model directory not found"):
        Analyzer(models=tmp_path / "missing")


def test_settings_are_frozen_and_replaceable() -> None:
    settings = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.claims = ClaimSettings()  # type: ignore[misc]
    looser = dataclasses.replace(settings, claims=ClaimSettings(opinion_factor=1.0))
    assert looser.claims.opinion_factor == 1.0 and settings.claims.opinion_factor == 0.6


def test_missing_model_files_are_one_input_error(tmp_path: Path) -> None:
    (tmp_path / "techniques").mkdir()
    with pytest.raises(InputError, match=r"model file not found: .*techniques/config\.json"):
        Analyzer(["techniques"], models=tmp_path)
    assert Analyzer(["quotes"], models=tmp_path).layer_names == ["quotes"]  # needs no model


@pytest.mark.parametrize(("layer", "ngram_file"), [("claims", "claims/claims_ngrams.npz"),
                                                   ("techniques", "techniques/tc_ngrams.npz")])
def test_a_blend_without_its_ngram_file_is_one_input_error(
    tmp_path: Path, layer: str, ngram_file: str,
) -> None:
    models = tmp_path / "models"
    shutil.copytree(SHIPPED_MODELS, models)
    (models / ngram_file).unlink()
    with pytest.raises(InputError, match=f"model file not found: .*{re.escape(ngram_file)}"):
        Analyzer([layer], models=models)


def test_analyzer_factory_carries_settings_to_workers(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    models = tmp_path / "models"
    shutil.copytree(SHIPPED_MODELS, models)
    monkeypatch.chdir(tmp_path)
    strict = Settings(claims=ClaimSettings(threshold=1.01))
    factory = pickle.loads(pickle.dumps(analyzer_factory("claims", models="models",
                                                         settings=strict)))
    monkeypatch.chdir("/")  # a worker elsewhere still finds the models
    analyzer = factory()
    assert analyzer.settings.models == ModelPaths.from_root(models)
    assert analyzer.settings.claims.threshold == 1.01
    assert analyzer.analyze(ARTICLE).claims == []
    explicit = analyzer_factory("claims", models=ModelPaths.from_root(models))()
    assert explicit.settings.models.claims == models / "claims"


def test_a_layer_with_unknown_needs_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from unspun.pipeline import registry

    class Odd:
        name, needs = "odd", frozenset({"gpu"})

        def __init__(self, settings: Settings) -> None: ...
        def load(self) -> None: ...

    monkeypatch.setitem(registry._BUILTIN_FACTORIES, "odd", "x:Odd")
    monkeypatch.setattr(registry, "_import", lambda reference: Odd)
    with pytest.raises(TypeError, match="not a Layer"):
        create_layer("odd", Settings())


def test_python_dumps_keep_every_field_json_omits_empty_ones() -> None:
    report = Analyzer(["entities"]).analyze(ARTICLE)
    assert report.model_dump()["extra_layers"] == {}
    data = json.loads(report.model_dump_json())
    assert "extra_layers" not in data and data["skipped_layers"]
