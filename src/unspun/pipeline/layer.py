"""The :class:`Layer` protocol: what a component of the pipeline is.

A layer has a ``name`` (its key in the report: a built-in field such as ``quotes``, or an
entry of ``report.extra_layers``), declares which shared resources it ``needs`` (so that
an analyzer without encoder layers never loads the encoder), loads its own model in
``load()``, and is called with one :class:`~unspun.pipeline.article.Article` at a time. It
returns spans: pydantic models with ``start``, ``end``, ``text`` into the article text and
a ``label`` and ``score`` (:class:`unspun.report.Finding`); :class:`unspun.report.LayerSpan`
is the simplest such span.

A layer is made by a factory called with the analyzer's :class:`~unspun.settings.Settings`
(a class whose ``__init__`` takes them is one), so that it reads its model directory and
thresholds from the settings rather than from module constants.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from unspun.pipeline.article import Article
    from unspun.report import Finding
    from unspun.settings import Settings

Need = Literal["language", "encoder"]
"""A shared resource: the spaCy parse (``article.language``) or the encoder pass
(``article.encoded``)."""


@runtime_checkable
class Layer(Protocol):
    name: str
    """The layer's name: lowercase letters, digits and underscores."""
    needs: frozenset[Need]
    """The shared resources the layer reads; the analyzer loads only those."""

    def load(self) -> None:
        """Load the layer's own model files now (the analyzer's ``load()`` calls this)."""

    def __call__(self, article: Article) -> Sequence[Finding]:
        """The layer's spans in one article, in text order."""


LayerFactory = Callable[["Settings"], Layer]
