"""A finished analysis as a file to save: the report page (HTML), the Markdown summary, the
JSON report, or a CSV of every span (:meth:`Report.rows`, one row per span of every layer).

Each comes as an attachment named after the article (``harbour-bridge-to-close.md``), never
cached, and under a CSP that lets nothing run should a browser display it after all.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

from fastapi.responses import Response

from unspun.render import to_html, to_json, to_markdown
from unspun.report import ROW_FIELDS, Report

# Cells a spreadsheet would read as a formula: an article is untrusted input, and "=HYPERLINK(...)"
# in a quote must not become a live formula on the analyst's machine (OWASP's CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(report: Report) -> str:
    """Every span of every layer, one row each, under a header of :data:`ROW_FIELDS`.

    Text cells that start like a spreadsheet formula get a leading ``'`` (shown by no
    spreadsheet, but it keeps the cell text): use the JSON download for exact span text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ROW_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: _inert(v) for k, v in row.items()} for row in report.rows())
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Format:
    """One download: its file extension, media type, what the page calls it, its renderer."""

    extension: str
    media_type: str
    label: str
    render: Callable[[Report], str]


FORMATS: Final[dict[str, Format]] = {
    "html": Format("html", "text/html; charset=utf-8", "HTML", to_html),
    "md": Format("md", "text/markdown; charset=utf-8", "Markdown", to_markdown),
    "json": Format("json", "application/json", "JSON", to_json),
    "csv": Format("csv", "text/csv; charset=utf-8", "CSV", to_csv),
}
"""The downloads by the name their URL gives (``/analyses/{id}/download/{name}``)."""

# Nothing in a download may run, load or be framed if a browser shows it instead of saving it.
DOWNLOAD_CSP: Final = "default-src 'none'; sandbox; frame-ancestors 'none'"

_NOT_WORD = re.compile(r"[^\w]+")


def file_stem(title: str | None, fallback: str) -> str:
    """A file name (without extension) from an article's title: its words in lower case,
    joined by hyphens, at most 60 characters; ``fallback`` when the title has no words."""
    words = _NOT_WORD.sub("-", unicodedata.normalize("NFKC", title or "").casefold()).strip("-_")
    words = words.replace("_", "-")
    if len(words) > 60:
        words = words[:60].rsplit("-", 1)[0] if "-" in words[:60] else words[:60]
    return words.strip("-") or fallback


def content_disposition(filename: str) -> str:
    """``attachment`` with ``filename``: plain ASCII for every client, and the full name in
    UTF-8 (RFC 6266) for the clients that read it."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-.")
    if "." not in ascii_name:  # nothing but the extension was ASCII
        ascii_name = f"report.{ascii_name or 'txt'}"
    header = f'attachment; filename="{ascii_name}"'
    if ascii_name != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def download(report: Report, fmt: Format, stem: str) -> Response:
    """``report`` rendered as ``fmt``, as an attachment named ``stem``.<extension>."""
    body = fmt.render(report)
    return Response(
        body.encode("utf-8"),
        media_type=fmt.media_type,
        headers={
            "Content-Disposition": content_disposition(f"{stem}.{fmt.extension}"),
            "Cache-Control": "no-store",
            "Content-Security-Policy": DOWNLOAD_CSP,
        },
    )
