"""The errors unspun raises on purpose.

Every failure caused by the input (a missing file, a binary blob, a refused URL, a page in
another language) is an :class:`UnspunError`, as is a batch run's cluster that lost every
worker (:class:`ClusterLostError`); anything else escaping the library is a bug.
The CLI prints ``str(error)`` on one line and exits with :attr:`UnspunError.exit_code`.
"""

from __future__ import annotations

from typing import Any


class UnspunError(Exception):
    """Base class of every error unspun raises deliberately."""

    exit_code: int = 2


class InputError(UnspunError):
    """The input cannot be analysed: missing, empty, binary, too large or malformed."""


class FetchError(UnspunError):
    """A URL could not be fetched (unreachable, timed out, HTTP error, too many redirects)."""


class RefusedURLError(FetchError):
    """A URL was refused before fetching, e.g. it points at a private or loopback address."""


class UnsupportedError(UnspunError):
    """The input is readable but unspun does not analyse it (another language, a media type)."""


class UnsupportedLanguageError(UnsupportedError):
    """The article is not in English."""

    def __init__(
        self, language: str | None, message: str | None = None, *, name: str | None = None
    ) -> None:
        self.language = language
        self.document: Any = None
        """The extracted document, where extraction got that far (batch rows keep it)."""
        named = language or "an unknown language"
        if language and name:
            named = f"{name} ({language})"
        super().__init__(
            message
            or f"unsupported language: the article appears to be in {named}"
            " (unspun analyses English only)"
        )


class ClusterLostError(UnspunError):
    """A batch run's Dask cluster has had no worker for too long; the run stops, resumable."""

    exit_code = 3
