"""The unit ingestion hands to extraction: one page's bytes and what is known about them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

MediaType = Literal["text/html", "text/plain"]


@dataclass(frozen=True)
class Page:
    """One article's raw bytes, before extraction.

    ``source`` says where it came from (a path, a URL, ``warc:<path>#<record-id>``, ``-`` for
    standard input, ``<text>`` / ``<bytes>`` for content passed directly).
    ``charset`` is the declared one (HTTP header, ``<meta charset>``, WARC HTTP header), if any.
    """

    body: bytes
    source: str
    media_type: MediaType
    url: str | None = None
    charset: str | None = None
    fetched_at: datetime | None = None
