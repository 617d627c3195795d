"""The exported ONNX model predicts what the torch model predicts (needs the train extra).

A tiny randomly initialised BERT keeps this fast; the export code path is the same one the
training script uses for the real model.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
np = pytest.importorskip("numpy")

from training.ptc_data import Window  # noqa: E402
from training.techniques import (  # noqa: E402
    MultiTaskModel,
    WeightAverage,
    encoder_param_groups,
    sentence_loss,
    torch_window_encoder,
    write_model_dir,
)

from unspun.techniques.model import ModelConfig, TechniqueModel  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_technique_runtime import VOCAB, tiny_tokenizer  # noqa: E402

TEXT = (
    "The cat sat on the mat. The very evil dog sat badly, very badly, on the cat.\r\n"
    "Evil, evil dog! The cat sat. " * 12
)


def tiny_network() -> MultiTaskModel:
    cfg = transformers.BertConfig(
        vocab_size=len(VOCAB),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=4,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    return MultiTaskModel(transformers.BertModel(cfg), n_techniques=3, hidden=16).eval()


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tech_model")


@pytest.fixture(scope="module")
def models(model_dir: Path) -> tuple[TechniqueModel, TechniqueModel]:
    torch.manual_seed(0)
    model = tiny_network()
    with torch.no_grad():
        # Push the SI head towards "inside" so that the random model predicts some spans.
        model.si.bias.copy_(torch.tensor([0.0, 0.2, 0.4]))
    config = ModelConfig(techniques=["A", "B", "C"], max_len=24, stride=14, cls_id=2, sep_id=3)
    tok = tiny_tokenizer()
    write_model_dir(model, model_dir, config, tok)
    torch_tm = TechniqueModel(config, tok, torch_window_encoder(model), model.span_head())
    onnx_tm = TechniqueModel.load(model_dir, encoder_file="encoder.onnx")
    return torch_tm, onnx_tm


def test_onnx_encoder_matches_torch(models: tuple[TechniqueModel, TechniqueModel]) -> None:
    torch_tm, onnx_tm = models
    a, b = torch_tm.encode(TEXT), onnx_tm.encode(TEXT)
    assert len(a.tokens.ids) > 3 * torch_tm.config.max_len  # several windows
    np.testing.assert_allclose(a.hidden, b.hidden, atol=1e-4)
    np.testing.assert_allclose(a.si_logits, b.si_logits, atol=1e-4)


def test_onnx_predictions_match_torch(models: tuple[TechniqueModel, TechniqueModel]) -> None:
    torch_tm, onnx_tm = models
    pa, pb = torch_tm.predict(TEXT), onnx_tm.predict(TEXT)
    assert pa, "the fixture should predict some spans"
    assert [(p.start, p.end, p.technique) for p in pa] == [
        (p.start, p.end, p.technique) for p in pb
    ]
    for x, y in zip(pa, pb, strict=True):
        assert x.confidence == pytest.approx(y.confidence, abs=1e-4)
        assert x.span_confidence == pytest.approx(y.span_confidence, abs=1e-4)
    spans = [(0, 3), (4, 7), (40, 60)]
    np.testing.assert_allclose(
        torch_tm.technique_probs(torch_tm.encode(TEXT), spans),
        onnx_tm.technique_probs(onnx_tm.encode(TEXT), spans),
        atol=1e-4,
    )


def test_quantised_model_loads_and_runs(
    models: tuple[TechniqueModel, TechniqueModel], model_dir: Path
) -> None:
    # Its accuracy on real data is measured by the trainer on a held-out fold; here only
    # that the int8 file is a drop-in for the fp32 graph (same outputs, same shapes).
    tm = TechniqueModel.load(model_dir, encoder_file="encoder.int8.onnx")
    enc = tm.encode(TEXT)
    assert enc.hidden.shape == (len(enc.tokens.ids), 32)
    assert enc.si_logits.shape == (len(enc.tokens.ids), 3)
    assert np.isfinite(enc.hidden).all()
    assert (model_dir / "encoder.int8.onnx").stat().st_size < (
        model_dir / "encoder.onnx"
    ).stat().st_size


def test_reexport_from_the_int8_file_keeps_the_weights_and_predictions(tmp_path: Path) -> None:
    from training.reexport import INT8_FILE, dequantised_state, load_int8_weights, reexport

    torch.manual_seed(3)
    trained = tiny_network()
    with torch.no_grad():  # as after training: no two weight tensors alike (the exporter
        for param in trained.parameters():  # would merge equal ones into one initializer)
            param.normal_(0.0, 0.3)
    config = ModelConfig(techniques=["A", "B", "C"], max_len=24, stride=14, cls_id=2, sep_id=3)
    write_model_dir(trained, tmp_path / "first", config, tiny_tokenizer())

    old = dequantised_state(tmp_path / "first" / INT8_FILE)
    network = load_int8_weights(tiny_network(), old)
    report = reexport(network, tmp_path / "first", tmp_path / "again")
    assert report["max_weight_difference"] == 0.0
    new = dequantised_state(tmp_path / "again" / INT8_FILE)
    assert old.keys() == new.keys() and len(old) > 20  # embeddings, linears, norms, biases
    state = network.state_dict()
    for name, value in old.items():  # what the file holds is what the network was given
        assert torch.equal(state[name], value), name
    assert not torch.equal(old["si.weight"], tiny_network().si.weight)
    assert (tmp_path / "again" / "heads.npz").is_file()
    assert not (tmp_path / "again" / "encoder.onnx").exists()
    a = TechniqueModel.load(tmp_path / "first").encode(TEXT)
    b = TechniqueModel.load(tmp_path / "again").encode(TEXT)
    np.testing.assert_allclose(a.si_logits, b.si_logits, atol=0.05)


def test_crf_loss_is_the_negative_log_likelihood_by_enumeration() -> None:
    import itertools
    import math

    torch.manual_seed(1)
    cfg = transformers.BertConfig(
        vocab_size=len(VOCAB), hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=16, max_position_embeddings=16,
    )
    model = MultiTaskModel(transformers.BertModel(cfg), n_techniques=2, hidden=4)
    with torch.no_grad():
        model.crf_transitions.copy_(torch.randn(3, 3))
        model.crf_start.copy_(torch.randn(3))
        model.crf_end.copy_(torch.randn(3))
    em = torch.randn(2, 4, 3)
    tags = torch.tensor([[0, 1, 2, 0], [1, 2, -100, -100]])  # the second window is shorter

    def log_lik(e: torch.Tensor, path: list[int]) -> float:
        def score(p: tuple[int, ...] | list[int]) -> float:
            s = model.crf_start[p[0]] + model.crf_end[p[-1]]
            s = s + sum(e[t, p[t]] for t in range(len(p)))
            s = s + sum(model.crf_transitions[p[t - 1], p[t]] for t in range(1, len(p)))
            return float(s)

        z = sum(math.exp(score(p)) for p in itertools.product(range(3), repeat=len(path)))
        return score(path) - math.log(z)

    expected = -(log_lik(em[0], [0, 1, 2, 0]) + log_lik(em[1, :2], [1, 2])) / 6
    assert float(model.crf_nll(em, tags)) == pytest.approx(expected, abs=1e-5)


def test_sentence_loss_pools_each_line_of_each_window() -> None:
    torch.manual_seed(2)
    cfg = transformers.BertConfig(
        vocab_size=len(VOCAB), hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=16, max_position_embeddings=16,
    )
    model = MultiTaskModel(transformers.BertModel(cfg), n_techniques=2, hidden=4).eval()
    h = torch.randn(2, 6, 8)  # [CLS] + content (+ [SEP] / padding)
    windows = [
        Window(np.zeros(4, np.int64), np.array([0, 0, 1, 2]), [], None, np.array([5, 5, 6, 6])),
        Window(np.zeros(2, np.int64), np.array([0, 0]), [], None, np.array([9, 9])),
    ]
    lines = [h[0, 1:3].mean(0), h[0, 3:5].mean(0), h[1, 1:3].mean(0)]
    logits = model.sentence_si(torch.stack(lines)).squeeze(1)
    expected = torch.nn.functional.binary_cross_entropy_with_logits(
        logits, torch.tensor([0.0, 1.0, 0.0])
    )
    assert float(sentence_loss(model, h, windows)) == pytest.approx(float(expected), abs=1e-6)


def test_layer_lr_decay_gives_each_depth_its_rate() -> None:
    model = tiny_network()  # 2 layers: embeddings, layer.0, layer.1 (+ pooler at the top)
    groups = encoder_param_groups(model.encoder, 1e-3, 0.5)
    assert [g["lr"] for g in groups] == pytest.approx([2.5e-4, 5e-4, 1e-3])
    names = {id(p): n for n, p in model.encoder.named_parameters()}
    depth_names = [{names[id(p)].split(".")[0] for p in g["params"]} for g in groups]
    assert depth_names == [{"embeddings"}, {"encoder"}, {"encoder", "pooler"}]
    assert all(".layer.0." in names[id(p)] for p in groups[1]["params"])
    n_all = len(list(model.encoder.parameters()))
    assert sum(len(g["params"]) for g in groups) == n_all
    (single,) = encoder_param_groups(model.encoder, 1e-3, 1.0)
    assert single["lr"] == 1e-3 and len(single["params"]) == n_all


def test_weight_average_follows_the_weights_and_swaps_back() -> None:
    model = tiny_network()
    w = model.si.weight
    start = w.detach().clone()
    ema = WeightAverage(model, decay=0.5)
    with torch.no_grad():
        w.add_(1.0)
    ema.update()  # first update: decay min(0.5, 2/11)
    d = 2 / 11
    expected = d * start + (1 - d) * (start + 1)
    torch.testing.assert_close(ema.shadow["si.weight"], expected)
    with ema.swapped_in():
        torch.testing.assert_close(model.si.weight.detach(), expected)
    torch.testing.assert_close(model.si.weight.detach(), start + 1)
    ema.copy_to_model()
    torch.testing.assert_close(model.si.weight.detach(), expected)


def test_a_soup_ships_the_mean_of_its_runs_crf_scores() -> None:
    from training.soup import make_soup

    runs = []
    for seed in (1, 2):
        torch.manual_seed(seed)
        run = tiny_network()
        with torch.no_grad():
            for p in (run.crf_transitions, run.crf_start, run.crf_end):
                p.copy_(torch.randn_like(p))
        runs.append(run)
    config = ModelConfig(techniques=["A", "B", "C"], si_crf=runs[0].crf_config())
    soup = tiny_network()
    shipped = make_soup(soup, [r.state_dict() for r in runs], config)
    mean = (runs[0].crf_transitions + runs[1].crf_transitions) / 2
    assert np.allclose(shipped.si_crf["transitions"], mean.detach().numpy())
    si_mean = (runs[0].si.weight + runs[1].si.weight) / 2
    assert np.allclose(soup.si.weight.detach(), si_mean.detach())
    assert config.si_crf == runs[0].crf_config()  # the first run's config is left as it was


def test_a_soup_is_built_as_deep_as_its_runs() -> None:
    from training.techniques import encoder_layers

    network = tiny_network()
    assert encoder_layers(network.state_dict()) == 2
    network.encoder.encoder.layer = network.encoder.encoder.layer[:1]
    assert encoder_layers(network.state_dict()) == 1
