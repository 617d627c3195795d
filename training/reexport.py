"""Export a shipped technique model again, from its own int8 ONNX file, with today's export code.

    python -m training.reexport --model src/unspun/models/techniques [--out DIR]

The torch checkpoint (``runs/*/model.pt``) of a shipped model is not kept, so a change to
the export (such as tracing with eager attention instead of scaled-dot-product attention)
would otherwise need a retraining, and with it a new encoder for the claims head too. The
int8 file holds every weight the graph uses: the linear layers as int8 with one scale per
output channel, the embeddings as uint8 with a scale and a zero point, biases and layer
norms in fp32. Dequantised into the torch network and quantised again, the same integers
come back (the largest weight of a channel sets its scale, and it dequantises to exactly
that largest value), so the new file is the same model in a different graph; the tool
checks both that and the outputs before it replaces anything.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from training.techniques import (
    MultiTaskModel,
    encoder_layers,
    export_onnx,
    log,
    pretrained_encoder,
    quantize,
)
from unspun.techniques.model import ModelConfig, TechniqueModel

INT8_FILE = "encoder.int8.onnx"
SAMPLE = (
    "The corrupt elite will stop at nothing to destroy our great nation, and everyone knows "
    "it. Officials said on Tuesday that 1,200 jobs would be cut by March.\n"
)


def _param_name(onnx_name: str) -> str:
    """``model.encoder.x.weight`` (an initializer of ExportWrapper) -> ``encoder.x.weight``."""
    return onnx_name.removeprefix("model.")


def dequantised_state(int8_path: Path) -> dict[str, torch.Tensor]:
    """The torch parameters (of :class:`MultiTaskModel`) that an int8 encoder file holds."""
    graph = onnx.load(str(int8_path)).graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    state: dict[str, np.ndarray] = {}
    for name, value in inits.items():
        if not name.startswith("model."):
            continue
        if name.endswith("_quantized"):  # a quantised Gather table (the embeddings)
            base = name.removesuffix("_quantized")
            zero = inits[base + "_zero_point"].astype(np.float32)
            value = (value.astype(np.float32) - zero) * inits[base + "_scale"]
            state[_param_name(base)] = value
        elif value.dtype == np.float32 and not name.endswith(("_scale", "_zero_point")):
            state[_param_name(name)] = value
    for node in graph.node:
        if node.op_type != "MatMulInteger":
            continue
        # "/model/encoder/encoder/layer.0/attention/self/query/MatMul_quant": the module path.
        module = node.name.removeprefix("/model/").rsplit("/", 1)[0].replace("/", ".")
        base = node.input[1].removesuffix("_quantized")
        q = inits[node.input[1]].astype(np.float32)  # (in, out): the transposed weight
        zero = inits[base + "_zero_point"].astype(np.float32)
        state[f"{module}.weight"] = ((q - zero) * inits[base + "_scale"]).T
    return {
        k: torch.from_numpy(np.array(v, dtype=np.float32, copy=True)) for k, v in state.items()
    }


def load_int8_weights(model: MultiTaskModel, state: dict[str, torch.Tensor]) -> MultiTaskModel:
    """``model`` (encoder and SI tag layer, the exported part) with an int8 file's weights,
    as :func:`dequantised_state` reads them."""
    # The pooler is not part of the graph (the heads read token states), so it keeps its
    # pretrained weights; buffers such as position_ids are rebuilt by transformers.
    exported = {
        k
        for k in model.state_dict()
        if k.startswith(("encoder.", "si.")) and not k.startswith("encoder.pooler.")
    }
    lacking = {k for k in exported - set(state) if not k.endswith("position_ids")}
    if lacking or set(state) - exported:
        raise SystemExit(
            f"the file does not match the network: {sorted(lacking)[:5]} "
            f"{sorted(set(state) - exported)[:5]}"
        )
    model.load_state_dict(state, strict=False)
    return model.eval()


def reexport(model: MultiTaskModel, src: Path, out: Path) -> dict[str, float]:
    """Export ``model`` (loaded from ``src``) into ``out`` with the other files of ``src``.

    Nothing is written when the new file's weights or outputs differ from the old one's.
    """
    config = ModelConfig.from_dict(json.loads((src / "config.json").read_text("utf-8")))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for f in src.iterdir():
            if f.is_file() and f.suffix != ".onnx":
                shutil.copy(f, work / f.name)
        export_onnx(model, work / "encoder.onnx", config.max_len)
        quantize(work / "encoder.onnx", work / INT8_FILE)
        (work / "encoder.onnx").unlink()
        report = compare_int8(src / INT8_FILE, work / INT8_FILE)
        log(f"re-exported: {report}")
        # Same integers; the outputs still move a little: the two graphs round differently
        # in fp32 (attention scaling, softmax), and activations are quantised on the fly,
        # so a rounding difference can move a value to the next int8 step.
        if (
            report["max_weight_difference"] > 1e-6
            or report["max_tag_probability_difference"] > 0.1
            or report["mean_tag_probability_difference"] > 0.005
        ):
            raise SystemExit("the re-exported model differs from the original; nothing written")
        out.mkdir(parents=True, exist_ok=True)
        for f in work.iterdir():
            shutil.copy(f, out / f.name)
    return report


def compare_int8(old: Path, new: Path) -> dict[str, float]:
    """Largest difference of the dequantised weights, and of the outputs on a sample text."""
    a, b = dequantised_state(old), dequantised_state(new)
    weight_diff = max(float((a[k] - b[k]).abs().max()) for k in a)
    outputs: dict[str, Any] = {}
    for label, path in (("old", old), ("new", new)):
        tm = TechniqueModel.load(path.parent, encoder_file=path.name)
        enc = tm.encode(SAMPLE * 40)  # several windows
        outputs[label] = (enc.hidden, tm.tag_probs(enc))
    prob_diff = np.abs(outputs["old"][1] - outputs["new"][1])
    return {
        "max_weight_difference": weight_diff,
        "max_hidden_difference": float(np.abs(outputs["old"][0] - outputs["new"][0]).max()),
        "max_tag_probability_difference": float(prob_diff.max()),
        "mean_tag_probability_difference": float(prob_diff.mean()),
    }


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--model", required=True, type=Path, help="a model dir with encoder.int8.onnx")
    p.add_argument("--out", type=Path, help="where to write the model (default: replace in place)")
    args = p.parse_args(argv)
    src: Path = args.model
    config = ModelConfig.from_dict(json.loads((src / "config.json").read_text("utf-8")))
    # A model trained with --encoder-layers N holds N layers; build the network as deep.
    state = dequantised_state(src / INT8_FILE)
    network = MultiTaskModel(pretrained_encoder(encoder_layers(state)), len(config.techniques))
    reexport(load_int8_weights(network, state), src, args.out or src)
    log(f"written to {args.out or src}")


if __name__ == "__main__":
    main()
