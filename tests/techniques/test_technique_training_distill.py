"""training.techniques --teacher-targets: a teacher's soft targets reach the right tokens and
spans of each training window, change the training, and a resumed run ends where an unbroken
one does (needs the train extra)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
np = pytest.importorskip("numpy")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_technique_training_resume import IDS, TECHNIQUES, articles, network, options  # noqa: E402
from training.ptc_data import Article, make_windows, training_window_starts  # noqa: E402
from training.teacher_targets import TeacherTargets  # noqa: E402
from training.techniques import (  # noqa: E402
    article_windows,
    distill_span_loss,
    distill_tc_loss,
    train,
)

from unspun.techniques.windows import TAG_O  # noqa: E402

DISTILL = ("--teacher-targets", "targets", "--distill-weight", "1")


def gold_teacher(a: Article) -> TeacherTargets:
    """A teacher that agrees with the gold labels: span probability 1 on the characters of
    gold spans, the gold technique distribution on each."""
    p = np.zeros(len(a.text), np.float16)
    for s, e in a.si:
        p[s:e] = 1
    labels = a.span_labels()
    dists = np.zeros((len(labels), len(TECHNIQUES)), np.float32)
    for k, names in enumerate(labels.values()):
        for name in names:
            dists[k, TECHNIQUES.index(name)] += 1 / len(names)
    return TeacherTargets(p, list(labels), dists)


@pytest.mark.parametrize("offset", [0, 1, 5, 9])
def test_targets_land_on_the_tokens_and_spans_of_each_window(offset: int) -> None:
    for a in articles():
        assert a.tokens is not None
        windows = make_windows(a, TECHNIQUES, 10, offset)
        starts = training_window_starts(len(a.tokens.ids), 10, offset)
        assert [w.ids.tolist() for w in windows] == [
            a.tokens.ids[s : s + 10].tolist() for s in starts
        ]
        pairs = article_windows(a, TECHNIQUES, 10, offset, gold_teacher(a))
        assert len(pairs) == len(windows)
        n_spans = 0
        for (w, t), s in zip(pairs, starts, strict=True):
            assert t is not None and len(t.span) == len(w.ids)
            # Offsets: a token is fully inside a gold span exactly where it is tagged B or I.
            inside = [
                any(gs <= ts and te <= ge for gs, ge in a.si)
                for ts, te in a.tokens.offsets[s : s + len(w.ids)]
            ]
            assert (t.span == 1).tolist() == inside == (w.tags != TAG_O).tolist()
            assert len(t.tc) == len(w.spans)
            for sp, dist in zip(w.spans, t.tc, strict=True):
                assert dist is not None and np.allclose(dist, sp.target)
                n_spans += 1
        assert n_spans >= 2
        assert all(t is None for _, t in article_windows(a, TECHNIQUES, 10, offset, None))


def test_losses_vanish_when_the_student_agrees_and_skip_windows_without_targets() -> None:
    t = article_windows(articles()[0], TECHNIQUES, 10, 0, gold_teacher(articles()[0]))[0][1]
    assert t is not None
    logits = torch.full((2, len(t.span) + 2, 3), -20.0)
    logits[0, 1:-1, 0] = torch.from_numpy(np.where(t.span > 0, -20.0, 20.0))
    logits[0, 1:-1, 1] = torch.from_numpy(np.where(t.span > 0, 20.0, -20.0))
    # The second window has no targets: its (wrong) logits add nothing.
    assert distill_span_loss(logits, [t, None]).item() < 1e-4
    assert distill_span_loss(logits.flip(2), [t, None]).item() > 5
    assert distill_span_loss(logits, [None, None]).item() == 0
    teacher = [np.array([0.6, 0.3, 0.1], np.float32), None]
    agree = torch.tensor([[0.6, 0.3, 0.1], [0.98, 0.01, 0.01]]).log() + 3  # any shift
    assert distill_tc_loss(agree, teacher, 1.0).item() < 1e-6
    assert distill_tc_loss(agree, teacher, 2.0).item() < 1e-6
    # KL((.6, .3, .1) || (.1, .3, .6)) = .6 ln 6 + .1 ln(1/6)
    assert distill_tc_loss(agree.flip(1), teacher, 1.0).item() == pytest.approx(0.5 * np.log(6))
    assert distill_tc_loss(agree, [None, None], 1.0).item() == 0


def run(model: Any, args: Any, checkpoint: Path, resume: bool = False) -> int:
    arts = articles()
    teacher = {a.article_id: gold_teacher(a) for a in arts[:3]}  # the fourth has none
    # A teacher unlike gold, so that distillation moves the student elsewhere.
    for t in teacher.values():
        t.p_span[:] = np.float16(0.5)
        t.tc_probs[:] = 1 / len(TECHNIQUES)
    done: int = train(
        args, model, arts, TECHNIQUES, lambda epoch: None, IDS,
        checkpoint=checkpoint, resume=resume, history=[], targets=teacher,
    )  # fmt: skip
    return done


def test_a_resumed_distillation_run_ends_where_an_unbroken_one_does(tmp_path: Path) -> None:
    unbroken = network(0)
    assert run(unbroken, options(*DISTILL), tmp_path / "a.pt") == 3
    first = network(0)
    assert run(first, options(*DISTILL, "--stop-after", "1"), tmp_path / "b.pt") == 1
    resumed = network(99)
    assert run(resumed, options(*DISTILL, "--resume"), tmp_path / "b.pt", True) == 3
    for name, value in unbroken.state_dict().items():
        assert torch.equal(resumed.state_dict()[name], value), name
    # The distillation terms reached the weights: a run without them (same targets handed
    # over, weight 0) ends elsewhere.
    plain = network(0)
    run(plain, options(), tmp_path / "c.pt")
    for name in ("si.weight", "tc2.weight"):
        assert not torch.equal(plain.state_dict()[name], unbroken.state_dict()[name]), name
    with pytest.raises(SystemExit, match="distill_weight"):
        run(network(0), options("--resume"), tmp_path / "b.pt", True)
