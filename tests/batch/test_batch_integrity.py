"""Batch output that cannot lose rows silently: parts and manifests verified on resume and by
`unspun corpus`, a full disk or a refused write ends the run in one line, resumably.

Each test damages an output the way a failing disk, a stray ``truncate`` or a careless ``rm``
would, then checks that the next run notices, says so in one line, and redoes exactly the
articles that were lost: no article missing, none written twice.
"""

from __future__ import annotations

import errno
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from batch.batch_support import fake_factory
from batch.test_batch_run import corpus_inputs, run_fake, sorted_table
from unspun.batch import read_table
from unspun.batch import store as store_module
from unspun.cli import main

TABLES = ("articles", "spans", "errors")
# corpus_inputs(tmp_path) holds 16 articles and 4 error rows; the fake gives 3 spans each.
ARTICLES, ERRORS = 16, 4


def _fake_analyzer_factory(layers: Any = None, models: Any = None) -> Callable[[], Any]:
    return fake_factory


def cli_batch(inputs: list[str], out: Path, monkeypatch: pytest.MonkeyPatch,
              *extra: str) -> tuple[int, str, str]:
    """`unspun batch` as typed, with the fake analyzer in place of the models."""
    import unspun.analyzer

    monkeypatch.setattr(unspun.analyzer, "analyzer_factory", _fake_analyzer_factory)
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["batch", *inputs, "--out", str(out), "--workers", "1", "--chunk-size", "4",
                 *extra], stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def assert_complete(out: Path, expected: Path | None = None) -> None:
    """Every article and error row once, and (given a clean run) the very same rows."""
    articles = read_table(out, "articles").column("id").to_pylist()
    errors = read_table(out, "errors").column("id").to_pylist()
    assert len(articles) == len(set(articles)) == ARTICLES
    assert len(errors) == len(set(errors)) == ERRORS
    assert read_table(out, "spans").num_rows == 3 * ARTICLES
    if expected is not None:
        for table in TABLES:
            assert sorted_table(out, table) == sorted_table(expected, table)


def claimed(out: Path, part: str) -> str:
    """What the CLI says a rerun did when it redoes exactly *part*."""
    record = json.loads((out / "_manifests" / f"{part}.json").read_text("utf-8"))
    articles, errors = len(record["articles"]), len(record["errors"])
    return f"{articles} articles, {errors} errors, {ARTICLES + ERRORS - articles - errors}" \
        " already done"


def lines_about(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


@pytest.fixture()
def done(tmp_path: Path) -> tuple[list[str], Path, Path]:
    """Inputs, a finished output in 5 parts, and a clean copy of the same run to compare."""
    inputs = corpus_inputs(tmp_path)
    out = tmp_path / "out"
    run_fake(inputs, out, workers=1, chunk_size=4)
    clean = tmp_path / "clean"
    run_fake(inputs, clean, workers=1, chunk_size=20)
    return inputs, out, clean


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def alter(path: Path) -> None:
    # Same size, one byte changed in the middle: only the hash can tell.
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def delete(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize(("damage", "table"), [
    (truncate, "articles"), (truncate, "spans"), (delete, "articles"),
    (delete, "errors"), (alter, "spans"),
])
def test_a_damaged_or_missing_part_is_reported_and_its_articles_redone(
    done: tuple[list[str], Path, Path], monkeypatch: pytest.MonkeyPatch,
    damage: Callable[[Path], None], table: str,
) -> None:
    inputs, out, clean = done
    redone = claimed(out, "part-000001")
    damage(out / table / "part-000001.parquet")
    code, stdout, stderr = cli_batch(inputs, out, monkeypatch)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    (line,) = lines_about(stderr, "part-000001")
    assert f"{table}/part-000001.parquet" in line and "redone" in line
    assert stdout.startswith(redone)
    assert_complete(out, clean)
    # Nothing of the damaged part is left over, and the next run finds nothing to say.
    assert not (out / "_manifests" / "part-000001.json").exists()
    assert not list(out.glob("*/part-000001.parquet"))
    code, stdout, stderr = cli_batch(inputs, out, monkeypatch)
    assert code == 0 and "part-0" not in stderr
    assert stdout.startswith("0 articles, 0 errors, 20 already done")


@pytest.mark.parametrize("manifest", [
    b'{"part": "part-000002", "articles": ["ab', b"", b"[]", b'{"part": "part-000002"}',
    b"\xff\xfe not even text",
])
def test_a_damaged_manifest_is_reported_and_its_articles_redone(
    done: tuple[list[str], Path, Path], monkeypatch: pytest.MonkeyPatch, manifest: bytes,
) -> None:
    inputs, out, clean = done
    (out / "_manifests" / "part-000002.json").write_bytes(manifest)
    code, _, stderr = cli_batch(inputs, out, monkeypatch)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    (line,) = lines_about(stderr, "part-000002")
    assert "manifest" in line and "redone" in line
    assert_complete(out, clean)


def test_the_store_records_size_rows_and_hash_of_every_part(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_fake(corpus_inputs(tmp_path), out, workers=1, chunk_size=4)
    import hashlib

    for manifest in sorted((out / "_manifests").iterdir()):
        record = json.loads(manifest.read_text("utf-8"))
        for table in TABLES:
            data = (out / table / f"{manifest.stem}.parquet").read_bytes()
            entry = record["files"][table]
            assert entry["bytes"] == len(data)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()
            assert entry["rows"] == read_part_rows(out / table / f"{manifest.stem}.parquet")
        assert record["files"]["articles"]["rows"] == len(record["articles"])
        assert record["files"]["errors"]["rows"] == len(record["errors"])


def read_part_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.read_metadata(path).num_rows)


def test_an_output_written_before_part_hashes_still_resumes(
    done: tuple[list[str], Path, Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    inputs, out, clean = done
    # Manifests as older versions wrote them: the ids only.
    for manifest in (out / "_manifests").iterdir():
        record = json.loads(manifest.read_text("utf-8"))
        legacy = {k: record[k] for k in ("part", "articles", "errors")}
        manifest.write_text(json.dumps(legacy), encoding="utf-8")
    redone = claimed(out, "part-000003")
    truncate(out / "articles" / "part-000003.parquet")
    code, stdout, stderr = cli_batch(inputs, out, monkeypatch)
    assert code == 0, stderr
    assert len(lines_about(stderr, "part-000003")) == 1
    assert stdout.startswith(redone)
    assert_complete(out, clean)


def _failing_writes(monkeypatch: pytest.MonkeyPatch, error: OSError, after: int) -> None:
    """Every file write of the store after the first *after* raises *error*."""
    original = store_module._write_atomic
    calls = [0]

    def flaky(final: Path, *args: Any) -> None:
        calls[0] += 1
        if calls[0] > after:
            raise error
        original(final, *args)

    monkeypatch.setattr(store_module, "_write_atomic", flaky)


@pytest.mark.parametrize(("error", "says"), [
    (OSError(errno.ENOSPC, "No space left on device"), "no space left on device"),
    (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), "disk quota exceeded"),
])
@pytest.mark.parametrize("after", [0, 9])  # at the first write; in the third chunk
def test_a_full_disk_or_refused_write_ends_the_run_in_one_line_resumably(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, says: str, after: int,
) -> None:
    inputs = corpus_inputs(tmp_path)
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        _failing_writes(patch, error, after)
        code, _, stderr = cli_batch(inputs, out, monkeypatch)
    assert code == 2
    assert "Traceback" not in stderr
    (line,) = lines_about(stderr, "unspun: error:")
    assert says in line.lower() and "run the same command again" in line
    # Two chunks (four files each) were committed before the third failed.
    assert len(list((out / "_manifests").glob("part-*.json"))) == after // 4
    # The failed chunk left nothing behind: every Parquet file belongs to a manifest.
    committed = {p.stem for p in (out / "_manifests").iterdir()}
    for table in TABLES:
        assert {p.stem for p in (out / table).iterdir()} == committed
    code, stdout, stderr = cli_batch(inputs, out, monkeypatch)
    assert code == 0, stderr
    assert f"{4 * (after // 4)} already done" in stdout
    assert_complete(out)


def test_an_output_folder_that_cannot_be_made_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, stderr = cli_batch(corpus_inputs(tmp_path), blocker / "out", monkeypatch)
    assert code == 2
    assert "Traceback" not in stderr
    (line,) = lines_about(stderr, "unspun: error:")
    assert str(blocker) in line


def test_the_dask_engine_redoes_a_damaged_part_and_stops_on_a_full_disk(
    done: tuple[list[str], Path, Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    inputs, out, clean = done
    # Which inputs the first part holds depends on the order the run finished them: some
    # runs put an error in it. Exactly what its manifest claimed must be redone.
    record = json.loads((out / "_manifests" / "part-000000.json").read_text("utf-8"))
    truncate(out / "spans" / "part-000000.parquet")
    log = io.StringIO()
    with monkeypatch.context() as patch:
        _failing_writes(patch, OSError(errno.ENOSPC, "No space left on device"), 0)
        with pytest.raises(store_module.OutputError, match="no space left"):
            run_fake(inputs, out, workers=1, engine="dask", progress=log)
    assert len(lines_about(log.getvalue(), "part-000000")) == 1
    summary = run_fake(inputs, out, workers=1, engine="dask", chunk_size=4)
    assert (summary.articles, summary.errors) == (  # type: ignore[attr-defined]
        len(record["articles"]), len(record["errors"]))
    assert_complete(out, clean)


def test_read_table_refuses_a_damaged_part(done: tuple[list[str], Path, Path]) -> None:
    from unspun.errors import InputError

    _, out, _ = done
    truncate(out / "articles" / "part-000002.parquet")
    with pytest.raises(InputError, match="part-000002"):
        read_table(out, "articles")
    assert read_table(out, "errors").num_rows == ERRORS  # the other tables still read
