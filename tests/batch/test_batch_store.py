"""The chunk store: atomic commits, cleanup of what an interrupted run left, committed reads."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from unspun.batch import (
    ARTICLES_SCHEMA,
    ERRORS_SCHEMA,
    SPANS_SCHEMA,
    Analysed,
    ChunkStore,
    Failure,
    read_table,
)


def analysed(n: int) -> Analysed:
    article = {name: None for name in ARTICLES_SCHEMA.names}
    article.update(id=f"id{n}", source=f"s{n}", word_count=n, technique_counts=[("X", n)],
                   report_json="{}")
    span = {"article_id": f"id{n}", "layer": "claims", "label": "other", "start": 0, "end": 1,
            "text": "x", "score": 0.5}
    return Analysed(f"id{n}", f"s{n}", article, [span])


def test_commit_writes_three_tables_then_the_manifest(tmp_path: Path) -> None:
    store = ChunkStore(tmp_path)
    store.open()
    part = store.commit([analysed(1), Failure("e1", "bad", "why", "InputError"), analysed(2)])
    assert part == "part-000000"
    assert pq.read_schema(tmp_path / "articles" / f"{part}.parquet").equals(ARTICLES_SCHEMA)
    assert pq.read_schema(tmp_path / "spans" / f"{part}.parquet").equals(SPANS_SCHEMA)
    assert pq.read_schema(tmp_path / "errors" / f"{part}.parquet").equals(ERRORS_SCHEMA)
    manifest = json.loads((tmp_path / "_manifests" / f"{part}.json").read_text())
    files = manifest.pop("files")
    assert manifest == {"part": part, "format": 2, "articles": ["id1", "id2"], "errors": ["e1"]}
    assert {t: f["rows"] for t, f in files.items()} == {"articles": 2, "spans": 2, "errors": 1}
    assert read_table(tmp_path, "articles").column("id").to_pylist() == ["id1", "id2"]
    assert read_table(tmp_path, "errors").to_pylist() == [
        {"id": "e1", "source": "bad", "reason": "why", "error_type": "InputError"}
    ]
    assert not [p for p in tmp_path.rglob(".*")]  # no temporaries left


def test_open_drops_uncommitted_files_and_loads_committed_ids(tmp_path: Path) -> None:
    store = ChunkStore(tmp_path)
    store.open()
    store.commit([analysed(1)])
    store.commit([analysed(2)])
    # What a kill between the renames and the manifest leaves: files of part 2, no manifest;
    # and a kill during a write: temporaries.
    (tmp_path / "_manifests" / "part-000001.json").unlink()
    (tmp_path / "spans" / ".part-000002.parquet.tmp").write_bytes(b"partial")
    (tmp_path / "_manifests" / ".part-000002.json.tmp").write_bytes(b"{")
    assert read_table(tmp_path, "articles").column("id").to_pylist() == ["id1"]

    again = ChunkStore(tmp_path)
    committed = again.open()
    assert committed.ids == {"id1"} and committed.parts == ["part-000000"]
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert left == [
        "_manifests/part-000000.json",
        "articles/part-000000.parquet",
        "errors/part-000000.parquet",
        "spans/part-000000.parquet",
    ]
    # New parts never reuse a number, even one whose files were just deleted.
    assert again.commit([analysed(3)]) == "part-000002"


def test_empty_output_reads_as_empty_tables(tmp_path: Path) -> None:
    assert read_table(tmp_path / "nothing", "spans").schema.equals(SPANS_SCHEMA)
    assert read_table(tmp_path / "nothing", "spans").num_rows == 0


def test_a_worker_imports_no_pyarrow_and_the_package_names_still_resolve() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, unspun.batch.engine, unspun.batch.local_engine\n"
        "assert 'pyarrow' not in sys.modules, 'a worker loaded pyarrow'\n"
        "import unspun.batch as b\n"
        "assert all(getattr(b, n) is not None for n in b.__all__)\n"
        "assert b.store.ChunkStore is b.ChunkStore and 'SPANS_SCHEMA' in dir(b)\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)
