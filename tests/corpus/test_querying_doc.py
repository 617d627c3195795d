"""docs/querying.md stays true: every SQL example runs on a batch output that `unspun corpus`
has reported on, and finds something."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.corpus_support import hand_corpus, write_output
from unspun.batch.store import ChunkStore
from unspun.batch.tasks import Failure
from unspun.corpus import GROUPINGS, build_corpus_report

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "querying.md"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = write_output(tmp_path_factory.mktemp("guide") / "results", hand_corpus())
    store = ChunkStore(out)
    store.open()
    store.commit([Failure("f" * 64, "broken.html", "no readable text", "InputError")])
    for by in ("site", "week"):
        build_corpus_report(out, by=by, min_n=2, article_pages=False)
    return out


def test_every_query_in_the_duckdb_guide_runs(output: Path) -> None:
    import duckdb

    queries = re.findall(r"```sql\n(.*?)```", GUIDE.read_text("utf-8"), flags=re.DOTALL)
    assert len(queries) >= 13
    con = duckdb.connect()
    for sql in queries:
        rows = con.execute(sql.replace("'results/", f"'{output}/")).fetchall()
        assert rows, sql  # each example finds something in the test corpus


def test_the_guide_names_every_column(output: Path) -> None:
    import duckdb

    documented = set(re.findall(r"`([a-z0-9_]+)`", GUIDE.read_text("utf-8")))
    con = duckdb.connect()
    for table in ("articles", "spans", "errors"):
        names = [r[0] for r in con.execute(
            f"DESCRIBE SELECT * FROM '{output}/{table}/*.parquet'").fetchall()]
        assert set(names) <= documented, (table, set(names) - documented)
    for path in (output / "corpus_csv").glob("*.csv"):
        header = path.read_text("utf-8").splitlines()[0].split(",")
        # The group's own column is named after the grouping; a rate's bounds and the
        # sourcing shares are documented with their stem.
        missing = [n for n in header if n not in documented and n not in GROUPINGS
                   and re.sub(r"_(low|high|share)$", "", n) not in documented]
        assert not missing, (path.name, missing)
