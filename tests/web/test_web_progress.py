"""The waiting page's progress: the analysis's place in the queue and the time it has waited,
in the page (refreshed without scripts) and in the API that its script polls."""

from __future__ import annotations

import re
import threading
import time

from fastapi.testclient import TestClient

from unspun.web import store as st
from unspun.web.jobs import Progress
from unspun.web.pages import elapsed_text, queue_text
from web.test_web_api import assert_strict_csp
from web.web_support import FakeAnalyzer, make_client, submit, wait_done


def _progress(client: TestClient, ident: str) -> dict[str, object]:
    body = client.get(f"/api/v1/analyses/{ident}").json()
    assert body["status"] == "pending"
    progress: dict[str, object] = body["progress"]
    return progress


def test_pending_analyses_know_their_place_in_the_queue(client: TestClient) -> None:
    FakeAnalyzer.gate = threading.Event()
    try:
        # One worker: the first submission is analysed, the others wait in order.
        ids = [submit(client, text=f"Story number {n} about the Harbour Bridge.\n")["id"]
               for n in range(3)]
        assert [_progress(client, i)["queue_position"] for i in ids] == [0, 1, 2]
        pages = [client.get(f"/analyses/{i}") for i in ids]
        for page, words in zip(
            pages, ("Being analysed now", "Next in the queue", "Number 2 in the queue"),
            strict=True,
        ):
            assert page.status_code == 200
            assert re.search(rf'<dd id="queue"[^>]*>{words}</dd>', page.text), words
            # Without scripts the page reloads itself, and so its figures.
            assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page.text
            assert 'id="poll" data-status-url="/api/v1/analyses/' in page.text
            assert_strict_csp(page)
        # The same input again is the same queued analysis, in the same place.
        again = submit(client, text="Story number 2 about the Harbour Bridge.\n")
        assert again["id"] == ids[2] and _progress(client, ids[2])["queue_position"] == 2
    finally:
        FakeAnalyzer.gate.set()
    for ident in ids:
        done = wait_done(client, ident)
        assert done["status"] == "done" and "progress" not in done
        assert 'id="queue"' not in client.get(f"/analyses/{ident}").text


def test_the_waiting_page_shows_the_time_since_it_was_queued(client: TestClient) -> None:
    store: st.Store = client.app.state.store  # type: ignore[attr-defined]
    # A pending row this server did not queue (another server's, sharing the database).
    item, _ = store.claim("e" * 64, "text", "<pasted text>")
    with store.engine.begin() as conn:
        conn.execute(
            st.analyses.update()
            .where(st.analyses.c.id == item.id)
            .values(updated=time.time() - 125)
        )
    progress = _progress(client, item.id)
    assert progress["queue_position"] is None
    assert isinstance(progress["elapsed_seconds"], float)
    assert 125 <= progress["elapsed_seconds"] < 135
    page = client.get(f"/analyses/{item.id}").text
    assert re.search(r'<dd id="queue"[^>]*>In the queue</dd>', page)
    clock = re.search(r'<span id="elapsed" role="timer" data-seconds="(\d+)">([^<]+)</span>',
                      page)
    assert clock and 125 <= int(clock.group(1)) < 135
    assert re.fullmatch(r"2 min \d\d s", clock.group(2))


def test_a_retried_analysis_counts_from_its_retry() -> None:
    with make_client() as c:
        store: st.Store = c.app.state.store  # type: ignore[attr-defined]
        item, _ = store.claim("f" * 64, "text", "<pasted text>")
        store.finish(item.id, status=st.FETCH_FAILED, error="unreachable")
        with store.engine.begin() as conn:
            conn.execute(st.analyses.update().values(created=time.time() - 3600))
        retried, fresh = store.claim("f" * 64, "text", "<pasted text>")
        assert fresh and retried.status == st.PENDING
        assert c.app.state.jobs.progress(retried).elapsed < 60  # type: ignore[attr-defined]


def test_progress_in_words() -> None:
    assert [queue_text(n) for n in (None, 0, 1, 7)] == [
        "In the queue", "Being analysed now", "Next in the queue", "Number 7 in the queue"]
    assert [elapsed_text(s) for s in (-1, 0, 9.9, 60, 125, 3599, 3600, 7325)] == [
        "0 s", "0 s", "9 s", "1 min 00 s", "2 min 05 s", "59 min 59 s", "1 h 00 min",
        "2 h 02 min"]
    assert Progress(3, 12.345).as_json() == {"queue_position": 3, "elapsed_seconds": 12.3}
