"""training.techniques --claims-data: the claims task rides the technique steps, resumes
exactly, and writes one held-out score per sentence of its fold (needs the train extra)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
np = pytest.importorskip("numpy")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_technique_runtime import tiny_tokenizer  # noqa: E402
from test_technique_training_resume import IDS, TECHNIQUES, articles, network, options  # noqa: E402
from training.claims_finetune import epoch_scores  # noqa: E402
from training.claims_multitask import ClaimsTask, claims_folds  # noqa: E402
from training.techniques import torch_window_encoder, train  # noqa: E402

from unspun.evaluate.checkworthiness import DEBATE_GAP, MIN_GROUP, LabelledSentence  # noqa: E402
from unspun.techniques.model import ModelConfig, TechniqueModel  # noqa: E402

FOLD = 1


def claims_task(share: float = 0.03) -> ClaimsTask:
    data, sid = [], 0
    for d in range(5):
        for k in range(MIN_GROUP + 5):
            sid += 1
            evil = (k + d) % 3 == 0
            text = "the very evil dog sat." if evil else "the cat sat on the mat."
            data.append(LabelledSentence(str(sid), text, evil))
        sid += DEBATE_GAP + 10
    tok = tiny_tokenizer()
    tokens = [np.asarray(tok.encode(d.text, add_special_tokens=False).ids) for d in data]
    task = ClaimsTask(data, tokens, claims_folds(data, 5, 13), FOLD, 0.5, share, 3, 10, 13)
    task.build_head(16)
    return task


def run(
    model: Any, task: ClaimsTask | None, args: Any, checkpoint: Path, resume: bool = False
) -> int:
    done: int = train(
        args, model, articles(), TECHNIQUES, lambda epoch: None, IDS,
        checkpoint=checkpoint, resume=resume, history=[], claims=task,
    )  # fmt: skip
    return done


def test_a_resumed_multitask_run_ends_where_an_unbroken_one_does(tmp_path: Path) -> None:
    claims = ("--claims-data", "ct24", "--fold", str(FOLD))
    unbroken, unbroken_task = network(0), claims_task()
    assert run(unbroken, unbroken_task, options(*claims), tmp_path / "a.pt") == 3
    first = network(0)
    assert run(first, claims_task(), options(*claims, "--stop-after", "1"), tmp_path / "b.pt") == 1
    resumed, resumed_task = network(99), claims_task()
    torch.manual_seed(99)
    resumed_task.build_head(16)  # another initialisation: the file must restore it
    assert run(resumed, resumed_task, options(*claims, "--resume"), tmp_path / "b.pt", True) == 3
    for name, value in unbroken.state_dict().items():
        assert torch.equal(resumed.state_dict()[name], value), name
    for name, value in unbroken_task.head.state_dict().items():
        assert torch.equal(resumed_task.head.state_dict()[name], value), name
    assert resumed_task.rng.bit_generator.state == unbroken_task.rng.bit_generator.state
    # The claims loss reached the encoder: it ends elsewhere than a technique-only run.
    plain = network(0)
    run(plain, None, options(), tmp_path / "c.pt")
    assert not torch.equal(plain.state_dict()["encoder.embeddings.word_embeddings.weight"],
                           unbroken.state_dict()["encoder.embeddings.word_embeddings.weight"])


def test_held_out_scores_one_per_sentence_of_the_fold(tmp_path: Path) -> None:
    model, task = network(0), claims_task()
    model.eval()
    config = ModelConfig(techniques=TECHNIQUES, max_len=12, stride=8, cls_id=IDS.cls_id,
                         sep_id=IDS.sep_id)
    tm = TechniqueModel(config, tiny_tokenizer(), torch_window_encoder(model), model.span_head())
    path = task.write_scores(tm, tmp_path / "claims", epoch=1)
    assert path == tmp_path / "claims" / f"fold{FOLD}" / "epoch1.npy"
    scores = epoch_scores(tmp_path / "claims", 5, 1)
    assert list(scores) == [FOLD]
    assert scores[FOLD].shape == (len(task.folds[FOLD]),)
    assert ((scores[FOLD] > 0) & (scores[FOLD] < 1)).all()
