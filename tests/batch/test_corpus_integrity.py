"""`unspun corpus` over a damaged batch output: only verified parts are read, each damaged
part is named in one line, and with nothing readable the command ends in one line, exit 2."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from batch.test_batch_integrity import ARTICLES, alter, delete, truncate
from batch.test_batch_run import corpus_inputs, run_fake
from unspun.cli import main


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    """A finished batch output in 5 parts."""
    folder = tmp_path / "out"
    run_fake(corpus_inputs(tmp_path), folder, workers=1, chunk_size=4)
    return folder


def _corpus(out: Path) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["corpus", str(out)], stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def _corpus_articles(out: Path) -> int:
    import csv

    with (out / "corpus_csv" / "totals.csv").open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    return int(row["articles"])


@pytest.mark.parametrize(("damage", "target"), [
    (truncate, "articles/part-000001.parquet"), (alter, "spans/part-000001.parquet"),
    (delete, "spans/part-000001.parquet"), (truncate, "_manifests/part-000001.json"),
])
def test_corpus_reports_a_damaged_part_in_one_line_and_reads_the_rest(
    out: Path, damage: Callable[[Path], None], target: str,
) -> None:
    lost = len(json.loads((out / "_manifests" / "part-000001.json").read_text())["articles"])
    damage(out / target)
    code, stdout, stderr = _corpus(out)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    assert "part-000001" in line and "skipped" in line
    assert stdout.splitlines()[0] == str(out / "corpus.html")
    assert _corpus_articles(out) == ARTICLES - lost
    # Reading never repairs: the damaged files are still there for `unspun batch` to redo.
    assert (out / "_manifests" / "part-000001.json").exists()


def test_corpus_with_nothing_readable_is_one_line_and_exit_2(
    out: Path,
) -> None:
    for part in (out / "articles").iterdir():
        truncate(part)
    code, _, stderr = _corpus(out)
    assert code == 2
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1].startswith("unspun: error:")
    assert "no readable" in stderr.splitlines()[-1]


