"""training.techniques checkpoints: a resumed run ends where an unbroken one does (needs
the train extra). A tiny randomly initialised BERT keeps it fast."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
np = pytest.importorskip("numpy")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_technique_runtime import VOCAB, tiny_tokenizer  # noqa: E402
from training.encoders import SpecialIds  # noqa: E402
from training.ptc_data import Article, Window, tokenize_all  # noqa: E402
from training.techniques import (  # noqa: E402
    MultiTaskModel,
    collate,
    parse_args,
    resume_mismatch,
    train,
)

from unspun.evaluate.ptc import TCLabel, merge_spans  # noqa: E402

TECHNIQUES = ["A", "B", "C"]
IDS = SpecialIds(cls_id=2, sep_id=3, pad_id=0)


def articles() -> list[Article]:
    out = []
    for k in range(4):
        text = "the cat sat badly on the mat. the very evil dog sat. " * (3 + k)
        tc = [TCLabel(str(k), TECHNIQUES[k % 3], 4, 17), TCLabel(str(k), "A", 34, 47)]
        out.append(Article(str(k), text, tc, merge_spans(lab.span for lab in tc)))
    tokenize_all(out, tiny_tokenizer())
    return out


def network(seed: int) -> Any:
    torch.manual_seed(seed)
    cfg = transformers.BertConfig(
        vocab_size=len(VOCAB), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=32,
    )  # fmt: skip
    return MultiTaskModel(transformers.BertModel(cfg), n_techniques=len(TECHNIQUES), hidden=8)


def options(*extra: str) -> Any:
    return parse_args([
        "--data", "unused", "--out", "unused", "--epochs", "3", "--max-len", "12",
        "--batch-size", "3", "--crf-weight", "1", "--ema-decay", "0.5", "--log-every", "1000",
        *extra,
    ])  # fmt: skip


def run(model: Any, args: Any, checkpoint: Path, resume: bool = False) -> tuple[int, list[int]]:
    history: list[dict[str, Any]] = []
    done = train(
        args, model, articles(), TECHNIQUES, lambda epoch: history.append({"epoch": epoch}),
        IDS, checkpoint=checkpoint, resume=resume, history=history,
    )  # fmt: skip
    return done, [h["epoch"] for h in history]


def test_a_resumed_run_ends_with_the_weights_of_an_unbroken_one(tmp_path: Path) -> None:
    unbroken = network(0)
    assert run(unbroken, options(), tmp_path / "a.pt") == (3, [1, 2, 3])

    first = network(0)
    assert run(first, options("--stop-after", "1"), tmp_path / "b.pt") == (1, [1])
    after_one = {k: v.clone() for k, v in first.state_dict().items()}
    # Another initialisation and another torch seed: all that counts must come from the file.
    resumed = network(99)
    assert run(resumed, options("--resume", "--threads", "2"), tmp_path / "b.pt", True) == (
        3,
        [1, 2, 3],  # the first epoch's evaluation restored from the checkpoint
    )
    for name, value in unbroken.state_dict().items():
        assert torch.equal(resumed.state_dict()[name], value), name
    assert not torch.equal(after_one["si.weight"], unbroken.state_dict()["si.weight"])
    assert torch.load(tmp_path / "b.pt", weights_only=False)["epoch"] == 3


def test_resume_refuses_a_checkpoint_of_other_options(tmp_path: Path) -> None:
    run(network(0), options("--stop-after", "1"), tmp_path / "c.pt")
    with pytest.raises(SystemExit, match="lr"):
        run(network(0), options("--resume", "--lr", "1e-5"), tmp_path / "c.pt", True)
    with pytest.raises(SystemExit, match="no checkpoint"):
        run(network(0), options("--resume"), tmp_path / "none.pt", True)


def test_only_options_that_shape_the_training_must_match() -> None:
    saved = vars(options())
    assert resume_mismatch(saved, vars(options("--threads", "4", "--export", "--resume"))) == {}
    assert resume_mismatch(saved, vars(options("--epochs", "4"))) == {"epochs": (3, 4)}
    assert resume_mismatch(saved, vars(options("--encoder", "mpnet"))) == {
        "encoder": ("minilm", "mpnet")
    }
    older = {k: v for k, v in saved.items() if k != "encoder"}  # saved before --encoder
    assert resume_mismatch(older, vars(options())) == {}
    assert resume_mismatch(older, vars(options("--encoder", "mpnet"))) == {
        "encoder": ("minilm", "mpnet")
    }


def test_windows_are_padded_with_the_encoders_pad_id() -> None:
    windows = [
        Window(np.array([5, 6, 7]), np.array([0, 1, 2]), []),
        Window(np.array([8]), np.array([0]), []),
    ]
    ids, mask, tags, _ = collate(windows, 0, 2, pad_id=1)  # all-mpnet-base-v2's ids
    assert ids.tolist() == [[0, 5, 6, 7, 2], [0, 8, 2, 1, 1]]
    assert mask.tolist() == [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]
    assert tags.tolist() == [[-100, 0, 1, 2, -100], [-100, 0, -100, -100, -100]]
    bert_ids, _, _, _ = collate(windows, 101, 102)  # the shipped model's, padded with 0
    assert bert_ids.tolist() == [[101, 5, 6, 7, 102], [101, 8, 102, 0, 0]]
