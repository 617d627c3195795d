"""spaCy's models run for prediction without holding what only training needs.

A thinc ``chain`` keeps the backprop callback of every layer it runs until the chain
returns, and each callback holds that layer's input; spaCy's ``predict`` drops them
unused. For the ``tok2vec`` of ``en_core_web_sm`` (and the one inside its ``ner``) that is
every intermediate array of the CNN at once, about 15 KB per token: 150 MB of transient
peak on a 10,000-token page, which decides a batch worker's peak memory. Run for
prediction, :func:`lean_chain_forward` keeps only the current layer's callback, so each
intermediate is freed as soon as the next layer has read it. The layers and their order
are the same, so the outputs are identical, array for array; training (``is_train``)
keeps thinc's own forward.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from thinc.api import Model
from thinc.layers.chain import forward as chain_forward


def _no_backprop(d_output: Any) -> Any:
    raise RuntimeError("a chain run for prediction keeps nothing to backpropagate")


def lean_chain_forward(
    model: Model[Any, Any], X: Any, is_train: bool
) -> tuple[Any, Callable[[Any], Any]]:
    """thinc's chain forward; for prediction, each callback is dropped after its layer."""
    if is_train:
        return chain_forward(model, X, is_train)
    for layer in model.layers:
        X, _ = layer(X, is_train=False)
    return X, _no_backprop


def lean_prediction(nlp: Language) -> int:
    """Make every chain in ``nlp``'s trained components run :func:`lean_chain_forward`;
    returns how many chains changed."""
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            continue
        for node in model.walk():
            if node._func is chain_forward:
                node._func = lean_chain_forward
                changed += 1
    return changed
