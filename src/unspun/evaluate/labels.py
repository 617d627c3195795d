"""The project's own labelled sets (``evaluate/data/*.tsv``): reading their rows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path


def tsv_rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank row of a tab-separated labels file under the header ``columns``, as
    (line number, cells); :class:`ValueError` for another header or a row of another width."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != tuple(columns):
        raise ValueError(f"{path}: the header must be {' '.join(columns)}")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ValueError(
                f"{path}:{number}: malformed row {line!r}: {len(cells)} cells, not {len(columns)}")
        yield number, cells
