"""Renderers: a Report as JSON, a self-contained HTML page, or a Markdown summary.

``render(reports, fmt)`` is what the shells call; the per-format functions are public too.
JSON of one :class:`Report` is an indented document; JSON of a sequence is JSON Lines (one
compact report per line), even for a sequence of one, so batch output is always line-oriented.
Markdown of several reports separates them with a horizontal rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal

from unspun.render.html import to_html
from unspun.render.json_render import to_json, to_jsonl
from unspun.render.markdown import to_markdown
from unspun.report import Report

Format = Literal["json", "html", "md"]
FORMATS: Final[tuple[Format, ...]] = ("json", "html", "md")
_ALIASES: Final[dict[str, Format]] = {"markdown": "md", "htm": "html", "jsonl": "json"}


def render(reports: Report | Sequence[Report], fmt: str) -> str:
    """``reports`` in format ``fmt`` (one of :data:`FORMATS`; "markdown" is accepted for "md")."""
    key = fmt.lower()
    key = _ALIASES.get(key, key)
    if key == "json":
        return to_json(reports) if isinstance(reports, Report) else to_jsonl(reports)
    if key == "html":
        return to_html(reports)
    if key == "md":
        items = [reports] if isinstance(reports, Report) else list(reports)
        return "\n---\n\n".join(to_markdown(r) for r in items)
    raise ValueError(f"unknown output format {fmt!r}: choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "Format", "render", "to_html", "to_json", "to_jsonl", "to_markdown"]
