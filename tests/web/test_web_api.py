"""The JSON API and the HTML pages, over a fake Analyzer (and the real one once)."""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from unspun.report import Report
from unspun.web import Limits, create_app
from web.web_support import FakeAnalyzer, make_client, submit, wait_done

ARTICLE = "Mayor Alice Smith said on Monday that the Harbour Bridge will close.\n"


def html_doc(title: str, body: str, site: str = "Example News") -> str:
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="og:site_name" content="{site}"></head>'
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_text_analysis_round_trip_and_dedup(client: TestClient) -> None:
    first = submit(client, text=ARTICLE)
    assert set(first) == {"id", "status"}
    done = wait_done(client, first["id"])
    assert done["status"] == "done"
    report = Report.model_validate(done["report"])
    assert report.document.text.startswith("Mayor Alice Smith")
    assert {e.text for e in report.entities} >= {"Alice", "Smith"}
    assert done["content_hash"] and len(done["content_hash"]) == 64
    again = submit(client, text=ARTICLE)
    assert again == {"id": first["id"], "status": "done"}
    assert FakeAnalyzer.calls == 1


def test_same_content_from_another_input_reuses_the_report(client: TestClient) -> None:
    page = html_doc("Bridge to close", ARTICLE * 3)
    a = submit(client, html=page)
    assert wait_done(client, a["id"])["status"] == "done"
    # Pasted as "text", the same markup is a different submission but the same article bytes.
    b = submit(client, text=page)
    assert b["id"] != a["id"]
    done = wait_done(client, b["id"])
    assert done["status"] == "done"
    assert done["content_hash"] == wait_done(client, a["id"])["content_hash"]
    assert done["report"] == wait_done(client, a["id"])["report"]
    assert FakeAnalyzer.calls == 1
    # Uploading bytes identical to a pasted input is the same submission.
    token = csrf(client)
    files = {"file": ("story.html", page.encode(), "text/html")}
    response = client.post(
        "/analyses", data={"csrf_token": token}, files=files, follow_redirects=False
    )
    assert response.headers["location"] == f"/analyses/{b['id']}"
    assert FakeAnalyzer.calls == 1


def test_html_analysis_has_title_and_site(client: TestClient) -> None:
    job = submit(client, html=html_doc("Bridge to close", ARTICLE * 3))
    done = wait_done(client, job["id"])
    assert done["status"] == "done"
    assert done["title"] == "Bridge to close"
    assert done["report"]["document"]["title"] == "Bridge to close"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"text": "a", "url": "https://example.org/"}, "exactly one"),
        ({}, "exactly one"),
        ({"url": "file:///etc/passwd"}, "http"),
        ({"url": "not a url"}, "http"),
        ({"text": "   "}, "empty"),
        ({"text": 5}, "text"),
        ({"nope": "x"}, "nope"),
    ],
)
def test_bad_submissions_get_clear_json_errors(
    client: TestClient, body: dict[str, Any], fragment: str
) -> None:
    response = client.post("/api/v1/analyses", json=body)
    assert response.status_code == 400
    assert fragment in response.json()["error"]


def test_api_requires_json_content_type(client: TestClient) -> None:
    response = client.post(
        "/api/v1/analyses", content=b'{"text": "x"}', headers={"content-type": "text/plain"}
    )
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]
    form = client.post("/api/v1/analyses", data={"text": "hello"})
    assert form.status_code == 415
    broken = client.post(
        "/api/v1/analyses", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 400 and "error" in broken.json()


def test_list_search_and_cursor_pagination(client: TestClient) -> None:
    ids = []
    for n in range(5):
        site = "Daily Planet" if n % 2 else "Gazette"
        job = submit(client, html=html_doc(f"Story number {n}", ARTICLE * (n + 2), site))
        ids.append(job["id"])
    for ident in ids:
        assert wait_done(client, ident)["status"] == "done"
    seen: list[str] = []
    cursor = None
    for _ in range(5):
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/v1/analyses", params=params).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == 5
    assert seen == list(reversed(ids))  # newest first
    found = client.get("/api/v1/analyses", params={"q": "number 3"}).json()["items"]
    assert [item["title"] for item in found] == ["Story number 3"]
    planet = client.get("/api/v1/analyses", params={"site": "planet"}).json()["items"]
    assert len(planet) == 2
    assert client.get("/api/v1/analyses", params={"cursor": "garbage!"}).status_code == 400
    assert client.get("/api/v1/analyses", params={"limit": 0}).status_code == 400


def test_delete(client: TestClient) -> None:
    job = submit(client, text=ARTICLE)
    wait_done(client, job["id"])
    assert client.delete(f"/api/v1/analyses/{job['id']}").status_code == 204
    missing = client.get(f"/api/v1/analyses/{job['id']}")
    assert missing.status_code == 404 and missing.json() == {"error": "no such analysis"}
    assert client.delete(f"/api/v1/analyses/{job['id']}").status_code == 404


def test_slow_analysis_returns_pending_and_server_stays_responsive(client: TestClient) -> None:
    FakeAnalyzer.gate = threading.Event()
    try:
        started = time.monotonic()
        job = submit(client, text=ARTICLE)
        assert job["status"] == "pending"
        assert client.get("/healthz").status_code == 200
        assert client.get(f"/api/v1/analyses/{job['id']}").json()["status"] == "pending"
        page = client.get(f"/analyses/{job['id']}")
        assert "Analysing" in page.text and 'id="poll"' in page.text
        assert time.monotonic() - started < 2
    finally:
        FakeAnalyzer.gate.set()
    assert wait_done(client, job["id"])["status"] == "done"


def test_json_body_cap() -> None:
    with make_client(limits=Limits(max_json_bytes=1000, requests_per_second=0)) as c:
        response = c.post("/api/v1/analyses", json={"text": "x" * 2000})
        assert response.status_code == 413
        assert "too large" in response.json()["error"]
        assert c.post("/api/v1/analyses", json={"text": "fits"}).status_code in (200, 202)


def test_upload_cap() -> None:
    with make_client(limits=Limits(max_upload_bytes=100_000, requests_per_second=0)) as c:
        token = csrf(c)
        files = {"file": ("big.txt", b"word " * 30_000, "text/plain")}
        response = c.post("/analyses", data={"csrf_token": token}, files=files)
        assert response.status_code == 413
        huge = {"file": ("huge.txt", b"word " * 100_000, "text/plain")}
        response = c.post("/analyses", data={"csrf_token": token}, files=huge)
        assert response.status_code == 413 and "too large" in response.json()["error"]


def test_rate_limit() -> None:
    limits = Limits(requests_per_second=0.01, burst=3, submits_per_minute=0)
    with make_client(limits=limits) as c:
        codes = [c.get("/api/v1/analyses").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = c.get("/api/v1/analyses")
        assert refused.json()["error"].startswith("too many requests")
        assert int(refused.headers["retry-after"]) >= 1
        assert c.get("/healthz").status_code == 200


def test_submission_rate_limit() -> None:
    limits = Limits(requests_per_second=0, submits_per_minute=0.1, submit_burst=2)
    with make_client(limits=limits) as c:
        codes = [
            c.post("/api/v1/analyses", json={"text": f"Story {n}"}).status_code for n in range(3)
        ]
        assert codes[:2] != [429, 429] and codes[2] == 429
        assert c.get("/api/v1/analyses").status_code == 200


def csrf(client: TestClient) -> str:
    home = client.get("/")
    match = re.search(r'name="csrf_token" value="([^"]+)"', home.text)
    assert match
    return match.group(1)


def test_form_requires_csrf_token(client: TestClient) -> None:
    no_cookie = TestClient(client.app, raise_server_exceptions=False)
    response = no_cookie.post("/analyses", data={"text": ARTICLE}, follow_redirects=False)
    assert response.status_code == 403
    token = csrf(client)
    # The form's token is the cookie's signature, not the cookie itself (issue 28).
    assert client.cookies.get("unspun_csrf") not in (None, token)
    wrong = client.post(
        "/analyses", data={"text": ARTICLE, "csrf_token": "x" * 43}, follow_redirects=False
    )
    assert wrong.status_code == 403
    # A token copied from another client's page is useless without that client's cookie.
    forged = no_cookie.post(
        "/analyses", data={"text": ARTICLE, "csrf_token": token}, follow_redirects=False
    )
    assert forged.status_code == 403
    ok = client.post(
        "/analyses", data={"text": ARTICLE, "csrf_token": token}, follow_redirects=False
    )
    assert ok.status_code == 303 and ok.headers["location"].startswith("/analyses/")
    ident = ok.headers["location"].rsplit("/", 1)[1]
    assert wait_done(client, ident)["status"] == "done"
    delete = client.post(f"/analyses/{ident}/delete", data={}, follow_redirects=False)
    assert delete.status_code == 403
    delete = client.post(
        f"/analyses/{ident}/delete", data={"csrf_token": token}, follow_redirects=False
    )
    assert delete.status_code == 303
    assert client.get(f"/api/v1/analyses/{ident}").status_code == 404
    fresh = TestClient(client.app).get("/").headers["set-cookie"].lower()
    assert "samesite=strict" in fresh and "httponly" in fresh


def _inline_hashes(html: str, tag: str) -> list[str]:
    out = []
    for body in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        out.append(f"'sha256-{digest}'")
    return out


def assert_strict_csp(response: Any) -> None:
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for digest in _inline_hashes(response.text, "script"):
        assert digest in csp.split("script-src", 1)[1].split(";", 1)[0]
    for digest in _inline_hashes(response.text, "style"):
        assert digest in csp.split("style-src", 1)[1].split(";", 1)[0]


EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_article_strings_are_escaped_and_pages_have_strict_csp(client: TestClient) -> None:
    page_html = html_doc(
        "Title &lt;script&gt;alert(1)&lt;/script&gt;",
        ("Mayor Smith wrote &lt;script&gt;alert(2)&lt;/script&gt; today. " * 4),
        site="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;",
    )
    a = submit(client, html=page_html)
    b = submit(client, text=f"Mayor Smith says {EVIL} and then {EVIL}\n")
    for ident in (a["id"], b["id"]):
        assert wait_done(client, ident)["status"] == "done"
        page = client.get(f"/analyses/{ident}")
        assert page.status_code == 200
        if ident == a["id"]:
            assert "&lt;script&gt;alert(2)" in page.text  # the text is there, but inert
        assert "<script>alert" not in page.text
        assert "<img src=x" not in page.text
        assert 'class="hl' in page.text  # the report's highlights are embedded
        assert_strict_csp(page)
    for url in ("/", "/analyses", "/analyses?q=%3Cscript%3E", "/docs"):
        response = client.get(url)
        assert response.status_code == 200
        assert "<script>alert" not in response.text
        assert_strict_csp(response)
    listing = client.get("/analyses", params={"q": '"><script>alert(4)</script>'})
    assert "<script>alert(4)" not in listing.text


def test_errors_are_json_for_the_api_and_html_pages_elsewhere(client: TestClient) -> None:
    api = client.get("/api/v1/analyses/nope")
    assert api.status_code == 404 and api.json() == {"error": "no such analysis"}
    page = client.get("/analyses/nope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert_strict_csp(page)
    unknown = client.get("/no/such/page")
    assert unknown.status_code == 404
    assert "default-src 'none'" in unknown.headers["content-security-policy"]
    assert client.get("/api/v1/nothing").json() == {"error": "not found"}


class ExplodingAnalyzer(FakeAnalyzer):
    def analyze_page(self, page: Any, **_: Any) -> Report:
        raise RuntimeError("secret internal detail /srv/secrets")


def test_internal_errors_never_reach_clients() -> None:
    with make_client(analyzer_factory=ExplodingAnalyzer) as c:
        job = submit(c, text=ARTICLE)
        done = wait_done(c, job["id"])
        assert done["status"] == "failed"
        assert "secret" not in done["error"] and "Traceback" not in done["error"]
        page = c.get(f"/analyses/{job['id']}")
        assert "secret" not in page.text and "failed" in page.text


def test_input_errors_have_their_own_status(client: TestClient) -> None:
    job = submit(client, text="\x00\x01\x02 binary \x00" * 50)
    done = wait_done(client, job["id"])
    assert done["status"] in ("invalid", "unsupported")
    assert done["error"]


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/analyses" in spec["paths"]
    assert "/api/v1/analyses/{ident}" in spec["paths"]
    docs = client.get("/docs")
    assert "/api/v1/analyses" in docs.text and "cdn" not in docs.text.lower()


def test_file_upload_of_saved_page(client: TestClient) -> None:
    token = csrf(client)
    data = html_doc("Uploaded story", ARTICLE * 3).encode()
    response = client.post(
        "/analyses",
        data={"csrf_token": token},
        files={"file": ("saved.html", data, "text/html")},
        follow_redirects=False,
    )
    ident = response.headers["location"].rsplit("/", 1)[1]
    done = wait_done(client, ident)
    assert done["status"] == "done" and done["title"] == "Uploaded story"
    assert done["source"] == "saved.html"


def test_real_analyzer_end_to_end(analyzer: Any) -> None:
    from support import SAMPLES

    sample = next(SAMPLES.glob("*.html")).read_text("utf-8")
    with make_client(analyzer_factory=lambda: analyzer) as c:
        job = submit(c, html=sample)
        done = wait_done(c, job["id"], timeout=60)
        assert done["status"] == "done", done
        report = Report.model_validate(done["report"])
        assert report.entities and report.sentences and report.dates
        for layer, span in report.spans():
            assert report.document.text[span.start : span.end] == span.text, layer
        page = c.get(f"/analyses/{job['id']}")
        assert 'class="report' in page.text and "Layers" in page.text
        assert_strict_csp(page)


def test_serve_layers_and_models_reach_the_workers_analyzer(tmp_path: Path) -> None:
    from unspun.errors import InputError

    app = create_app(f"sqlite:///{tmp_path / 'a.db'}", layers="quotes,entities")
    analyzer = app.state.jobs.factory()
    assert analyzer.layer_names == ["entities", "quotes"]
    assert not analyzer.resources.is_loaded("encoder")
    with pytest.raises(InputError, match="unknown layer"):
        create_app(f"sqlite:///{tmp_path / 'b.db'}", layers="quotes,bogus")
    with pytest.raises(InputError, match="model directory not found"):
        create_app(f"sqlite:///{tmp_path / 'c.db'}", models=str(tmp_path / "none"))


def test_a_cached_report_is_never_served_for_other_layers(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'shared.db'}"
    limits = Limits(requests_per_second=0, submits_per_minute=0)
    reports = []
    for layers in ("entities", "entities,quotes", "entities"):
        with TestClient(create_app(db, layers=layers, limits=limits)) as client:
            done = wait_done(client, submit(client, text=ARTICLE)["id"])
            assert done["status"] == "done", done
            reports.append(done["report"])
    assert "quotes" in reports[0]["skipped_layers"]
    assert "quotes" not in reports[1]["skipped_layers"]  # analysed anew, not the cached one
    assert reports[2] == reports[0]  # the first configuration's report, from the store
