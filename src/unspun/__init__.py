"""unspun: shows how a news or opinion article is built to persuade.

    >>> import unspun
    >>> report = unspun.analyze("https://example.org/some-article")  # doctest: +SKIP
    >>> [(e.text, e.label) for e in report.entities]                  # doctest: +SKIP

Every span in a :class:`Report` is a ``[start, end)`` character range into
``report.document.text``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from unspun.errors import (
    FetchError,
    InputError,
    RefusedURLError,
    UnspunError,
    UnsupportedError,
    UnsupportedLanguageError,
)
from unspun.report import Report

if TYPE_CHECKING:
    from unspun.analyzer import Analyzer, analyze


def __getattr__(name: str) -> Any:
    # The analyzer pulls in spaCy and trafilatura (seconds to import); `unspun --version`
    # and `unspun schema` should not pay for that.
    if name in ("Analyzer", "analyze"):
        from unspun import analyzer

        return getattr(analyzer, name)
    raise AttributeError(f"module 'unspun' has no attribute {name!r}")


__all__ = [
    "Analyzer",
    "FetchError",
    "InputError",
    "RefusedURLError",
    "Report",
    "UnspunError",
    "UnsupportedError",
    "UnsupportedLanguageError",
    "__version__",
    "analyze",
]
