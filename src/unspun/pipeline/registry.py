"""Which layers exist: the built-in ones, and third-party ones from an entry-point group.

A package adds a layer by declaring a factory in the ``unspun.layers`` entry-point group,
in its ``pyproject.toml``::

    [project.entry-points."unspun.layers"]
    exclamations = "my_package.layers:ExclamationLayer"

Once installed, the layer runs by default and is selectable by name
(``Analyzer(layers=[...])``, ``--layers``); its spans appear in ``report.extra_layers``,
the HTML and Markdown reports, and the batch ``spans`` table. See docs/layers.md.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Sequence
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, cast

from unspun.errors import InputError
from unspun.report import BUILTIN_LAYERS

if TYPE_CHECKING:
    from unspun.pipeline.layer import Layer, LayerFactory
    from unspun.settings import Settings

ENTRY_POINT_GROUP = "unspun.layers"
NEEDS = frozenset({"language", "encoder"})

log = logging.getLogger(__name__)

# Imported on first use only: a run of the quotes layer does not import the encoder code.
_BUILTIN_FACTORIES: dict[str, str] = {
    "sentences": "unspun.nlp.layers:SentencesLayer",
    "entities": "unspun.nlp.layers:EntitiesLayer",
    "dates": "unspun.nlp.layers:DatesLayer",
    "quotes": "unspun.quotes.layer:QuotesLayer",
    "claims": "unspun.claims:ClaimsLayer",
    "techniques": "unspun.techniques.layer:TechniquesLayer",
}
assert tuple(_BUILTIN_FACTORIES) == BUILTIN_LAYERS

_NAME = re.compile(r"[a-z][a-z0-9_]*")


def _import(reference: str) -> LayerFactory:
    module, _, attribute = reference.partition(":")
    return cast("LayerFactory", getattr(importlib.import_module(module), attribute))


def _plugins() -> dict[str, str]:
    """Entry-point layers by name, as ``module:attribute`` references.

    An entry point whose name is not a valid new layer name, or that two packages both
    declare, is left out with a warning: one broken plugin must not stop every analysis.
    """
    found: dict[str, str] = {}
    clashes: set[str] = set()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in _BUILTIN_FACTORIES or not _NAME.fullmatch(ep.name):
            log.warning("ignored layer %r = %r (%s): a layer name must be new, lowercase"
                        " letters, digits and underscores", ep.name, ep.value, ENTRY_POINT_GROUP)
        elif ep.name in found and found[ep.name] != ep.value:
            clashes.add(ep.name)
        else:
            found[ep.name] = ep.value
    for name in sorted(clashes):
        log.warning("ignored layer %r: two installed packages declare it", name)
        del found[name]
    return found


def available_layers() -> dict[str, str]:
    """Every layer that can run, by name: ``module:attribute`` of its factory."""
    return {**_BUILTIN_FACTORIES, **_plugins()}


def default_layers() -> list[str]:
    """The layers an analyzer runs when none are named: all of them."""
    return list(available_layers())


def resolve_layers(
    names: Sequence[str] | str | None, available: dict[str, str] | None = None
) -> list[str]:
    """Validated layer names in pipeline order (built-ins first); ``None``: the defaults.

    ``names`` may be a comma-separated string (``"quotes,entities"``, as ``--layers``
    takes it). ``available`` is :func:`available_layers`, when the caller has read it.
    """
    available = available if available is not None else available_layers()
    if names is None:
        return list(available)
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in names if n not in available]
    if unknown:
        raise InputError(
            f"unknown layer(s): {', '.join(unknown)}; available: {', '.join(available)}"
        )
    if not names:
        raise InputError(f"no layer named; available: {', '.join(available)}")
    wanted = set(names)
    return [n for n in available if n in wanted]


def create_layer(
    name: str, settings: Settings, available: dict[str, str] | None = None
) -> Layer:
    """A new instance of the layer ``name``, configured by ``settings`` (``available`` as
    for :func:`resolve_layers`)."""
    reference = (available if available is not None else available_layers()).get(name)
    if reference is None:
        raise InputError(f"unknown layer: {name}")
    layer = _import(reference)(settings)
    if getattr(layer, "name", None) != name:
        raise TypeError(f"layer factory {reference} made a layer named"
                        f" {getattr(layer, 'name', None)!r}, not {name!r}")
    unknown = set(getattr(layer, "needs", ())) - NEEDS
    if unknown or not callable(getattr(layer, "load", None)):
        raise TypeError(f"layer {name} ({reference}) is not a Layer: needs must be a subset of"
                        f" {sorted(NEEDS)} (got {sorted(unknown)}), and it needs a load()")
    return layer
