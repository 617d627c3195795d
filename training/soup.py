"""Average the weights of several technique models fine-tuned from the same encoder (a soup).

    python -m training.soup --runs runs/tech-f1-e3 runs/tech-f1-w143 --out runs/tech-f1-soup

Each run is a ``training.techniques`` output directory (``model.pt`` and ``model/``). The
soup is one network of the same size, so it costs nothing at analysis time, unlike an
ensemble of logits, which would multiply the encoder pass the speed budget allows once.
Runs fine-tuned from the same pretrained weights with the same head initialisation (the
same ``--seed``) stay close enough in weight space for their mean to work (Wortsman et al.,
2022, "Model soups"). The soup is exported like a trained model (``OUT/model/``); score it
out-of-fold with ``training.si_decoding`` against runs held out on the same fold.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

import torch

from training.techniques import (
    MultiTaskModel,
    encoder_dir,
    encoder_layers,
    log,
    pretrained_encoder,
    write_model_dir,
)
from unspun.techniques.model import ModelConfig, load_tokenizer


def average_state_dicts(states: Sequence[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """The mean of each floating-point tensor all states have; other tensors from the first."""
    keys = [k for k in states[0] if all(k in s for s in states[1:])]
    out: dict[str, torch.Tensor] = {}
    for k in keys:
        tensors = [s[k] for s in states]
        if tensors[0].is_floating_point():
            out[k] = torch.stack([t.float() for t in tensors]).mean(0).to(tensors[0].dtype)
        else:
            out[k] = tensors[0].clone()
    return out


def make_soup(
    model: MultiTaskModel, states: Sequence[dict[str, torch.Tensor]], config: ModelConfig
) -> ModelConfig:
    """Load the mean of *states* into *model*; return *config* as the soup must ship with it.

    The CRF's scores are averaged with the other weights, and the runtime reads them from the
    config, so the config carries the averaged ones (not the first run's).
    """
    # Runs from before the auxiliary per-token technique head and the CRF lack them; the
    # first is never exported, the second is left untrained (zeros) and unused in a soup.
    missing, unexpected = model.load_state_dict(average_state_dicts(states), strict=False)
    if unexpected or any(not k.startswith(("token_tc.", "sentence_si.", "crf_")) for k in missing):
        raise SystemExit(f"runs differ in architecture: {missing + unexpected}")
    model.eval()
    if config.si_crf is None:
        return config
    return dataclasses.replace(config, si_crf=model.crf_config())


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", nargs="+", required=True, help="training.techniques output dirs")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    runs = [Path(r) for r in args.runs]
    folds = {json.loads((r / "result.json").read_text("utf-8"))["args"]["fold"] for r in runs}
    if len(folds) != 1:
        raise SystemExit(f"runs were held out on different folds: {sorted(folds)}")
    config = ModelConfig.from_dict(json.loads((runs[0] / "model" / "config.json").read_text()))
    # A run's TC n-gram blend (training.tc_ngrams --write-folds) is fitted per fold and not
    # written by write_model_dir: the soup starts without one.
    config = dataclasses.replace(config, tc_ngram_weight=0.0)
    states = [torch.load(r / "model.pt", map_location="cpu") for r in runs]

    # As deep as the runs (``training.techniques --encoder-layers``).
    encoder = pretrained_encoder(encoder_layers(states[0]))
    model = MultiTaskModel(encoder, len(config.techniques))
    config = make_soup(model, states, config)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out / "model.pt")
    write_model_dir(model, out / "model", config, load_tokenizer(encoder_dir() / "tokenizer.json"))
    (out / "result.json").write_text(
        json.dumps({"args": {"fold": folds.pop(), "soup_of": [str(r) for r in runs]}}, indent=2),
        "utf-8",
    )
    log(f"soup of {len(runs)} runs written to {out / 'model'}")


if __name__ == "__main__":
    main()
