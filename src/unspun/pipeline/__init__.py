"""The pipeline: one :class:`Article` per document, read by named :class:`Layer` objects.

    Document ─▶ Article (the spaCy parse and the encoder pass, each computed once, lazily)
                  └─▶ layer 1 · layer 2 · … (built-in and entry-point layers) ─▶ spans

A layer reads the Article and returns spans; it does not know the other layers, the
renderers or the shells. :mod:`unspun.pipeline.registry` finds the layers by name.
"""

from unspun.pipeline.article import Article, Resources
from unspun.pipeline.layer import Layer, LayerFactory, Need
from unspun.pipeline.registry import (
    ENTRY_POINT_GROUP,
    available_layers,
    create_layer,
    default_layers,
    resolve_layers,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "Article",
    "Layer",
    "LayerFactory",
    "Need",
    "Resources",
    "available_layers",
    "create_layer",
    "default_layers",
    "resolve_layers",
]
