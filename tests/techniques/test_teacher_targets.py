"""training.teacher_targets: a teacher's soft targets per character, mapped onto another
tokenizer's tokens, written for the training articles of a fold split only (no torch)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

np = pytest.importorskip("numpy")

from training import teacher_targets as tt  # noqa: E402
from training.ptc_data import kfold  # noqa: E402

from unspun.resources.encoder import EncodedArticle, TokenizedArticle  # noqa: E402

TEXT = "Evil dogs bark. Cats nap."


def test_character_probabilities_come_from_the_token_covering_them() -> None:
    # Teacher tokens: "Evil", "dogs", "bark", "." ; the gaps and "Cats nap." are untokenized.
    offsets = np.array([[0, 4], [5, 9], [10, 14], [14, 15]])
    assert [TEXT[s:e] for s, e in offsets] == ["Evil", "dogs", "bark", "."]
    p = tt.char_span_probs(np.array([0.9, 0.5, 0.25, 0.0]), offsets, len(TEXT))
    assert p.dtype == np.float16 and len(p) == len(TEXT)
    assert np.allclose(p[0:4], 0.9, atol=1e-3)
    assert p[4] == 0 and np.allclose(p[5:9], 0.5) and np.allclose(p[10:14], 0.25)
    assert not p[15:].any()  # characters outside tokens


def test_student_tokens_take_the_mean_over_their_characters() -> None:
    p = tt.char_span_probs(
        np.array([1.0, 0.5]), np.array([[0, 4], [5, 9]]), len(TEXT)
    )  # "Evil" 1, "dogs" 0.5
    # The student cuts differently: "Evil dogs" in one piece, "Ev", "il", a zero-width token.
    student = np.array([[0, 9], [0, 2], [2, 4], [9, 9], [16, 20]])
    assert [TEXT[s:e] for s, e in student] == ["Evil dogs", "Ev", "il", "", "Cats"]
    t = tt.token_targets(p, student)
    assert t[0] == pytest.approx((4 * 1.0 + 4 * 0.5) / 9)  # the space counts as 0
    assert t[1] == pytest.approx(1.0) and t[2] == pytest.approx(1.0)
    assert np.isnan(t[3])  # no character: no target
    assert t[4] == 0.0


class FakeTeacher:
    """Stands in for TechniqueModel: one token per word, span probability by position."""

    def __init__(self, techniques: list[str]) -> None:
        self.config = type("C", (), {"techniques": techniques})()
        self.seen: list[str] = []

    def encode(self, text: str) -> EncodedArticle:
        self.seen.append(text)
        words = [(m.start(), m.end()) for m in __import__("re").finditer(r"\S+", text)]
        offsets = np.array(words, np.int64).reshape(-1, 2)
        n = len(offsets)
        tokens = TokenizedArticle(np.arange(n), offsets, np.zeros(n, bool))
        return EncodedArticle(text, tokens, np.zeros((n, 2), np.float32), np.zeros((n, 3)))

    def tag_probs(self, encoded: EncodedArticle) -> Any:
        n = len(encoded.tokens.ids)
        b = np.linspace(0, 0.5, n)
        return np.stack([1 - 2 * b, b, b], axis=1)

    def technique_probs(self, encoded: EncodedArticle, spans: Any) -> Any:
        out = np.zeros((len(spans), len(self.config.techniques)), np.float32)
        out[:, 0] = 0.75
        out[:, 1] = 0.25
        return out


def ptc(tmp_path: Path, n: int) -> Path:
    d = tmp_path / "ptc"
    (d / "train-articles").mkdir(parents=True)
    (d / "techniques.txt").write_text("A\nB\n", "utf-8")
    labels = []
    for k in range(n):
        aid = str(100 + k)
        (d / "train-articles" / f"article{aid}.txt").write_text(TEXT * (k + 1), "utf-8")
        labels.append(f"{aid}\tA\t0\t9\n{aid}\tB\t0\t9\n{aid}\tB\t16\t24\n")
    (d / "train-task-flc-tc.labels").write_text("".join(labels), "utf-8")
    return d


def test_targets_are_written_for_the_training_fold_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out = ptc(tmp_path, 10), tmp_path / "targets"
    teacher = FakeTeacher(["A", "B"])
    monkeypatch.setattr(tt.TechniqueModel, "load", lambda *a, **k: teacher)
    args = ["--teacher", "t", "--data", str(data), "--fold", "1", "--folds", "5"]
    tt.main([*args, "--out", str(out)])
    held_out = set(kfold([str(100 + k) for k in range(10)], 5, 13)[1])
    written = {p.stem for p in out.glob("*.npz")}
    assert len(held_out) == 2 and written == {str(100 + k) for k in range(10)} - held_out
    assert json.loads((out / "meta.json").read_text("utf-8"))["held_out_ids"] == sorted(held_out)
    assert len(teacher.seen) == 8  # the held-out texts never reached the teacher

    targets = tt.load_targets(out, [str(100 + k) for k in range(10)], 1, 5, 13)
    assert set(targets) == written
    aid = min(written)
    t = targets[aid]
    assert t.spans == [(0, 9), (16, 24)] and len(t.p_span) == len(TEXT) * (int(aid) - 99)
    assert t.tc_probs.tolist() == [[0.75, 0.25]] * 2
    assert t.p_span[0] == 0 and t.p_span[4] == 0  # first word: P(B)+P(I) 0; the space
    assert t.p_span[-2] == pytest.approx(1.0, abs=1e-3)  # in the last word, "nap."

    # Written already: a second run skips them and asks the teacher nothing.
    tt.main([*args, "--out", str(out)])
    assert len(teacher.seen) == 8
    with pytest.raises(SystemExit, match="split"):
        tt.load_targets(out, ["100"], 0, 5, 13)  # targets of fold 1 for a fold-0 run
