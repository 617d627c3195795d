"""The publication date a client gives: ``published`` in the JSON API and the web form."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from unspun.report import Report
from web.test_web_api import csrf, html_doc
from web.web_support import FakeAnalyzer, submit, wait_done

STORY = "The council voted on Tuesday to close the Harbour Bridge, Mayor Alice Smith said.\n"


def _date(client: TestClient, ident: str) -> str | None:
    done = wait_done(client, ident)
    assert done["status"] == "done", done
    return Report.model_validate(done["report"]).document.date


def test_published_is_the_documents_date_and_keys_its_own_analysis(client: TestClient) -> None:
    dated = submit(client, text=STORY, published="2024-03-14")
    assert _date(client, dated["id"]) == "2024-03-14"
    # The same text without a date, or with another one, is another analysis.
    undated = submit(client, text=STORY)
    other = submit(client, text=STORY, published="2024-03-15")
    assert len({dated["id"], undated["id"], other["id"]}) == 3
    assert _date(client, undated["id"]) is None
    assert _date(client, other["id"]) == "2024-03-15"
    assert FakeAnalyzer.calls == 3
    # The same text and date again is the same analysis, answered from the store.
    assert submit(client, text=STORY, published="2024-03-14") == {
        "id": dated["id"], "status": "done"}
    explicit_null = client.post("/api/v1/analyses", json={"text": STORY, "published": None})
    assert explicit_null.json()["id"] == undated["id"]
    assert FakeAnalyzer.calls == 3


def test_a_report_cached_by_content_is_reused_only_under_the_same_date(
    client: TestClient,
) -> None:
    page = html_doc("Bridge to close", STORY * 3)
    first = submit(client, html=page, published="2024-03-14")
    assert _date(client, first["id"]) == "2024-03-14"
    # The same article bytes from another input and the same date: the stored report.
    same = submit(client, text=page, published="2024-03-14")
    assert same["id"] != first["id"] and _date(client, same["id"]) == "2024-03-14"
    assert FakeAnalyzer.calls == 1
    # Another date: analysed anew, never the report made under the first date.
    other = submit(client, text=page, published="2023-01-02")
    assert _date(client, other["id"]) == "2023-01-02"
    assert FakeAnalyzer.calls == 2


def test_the_pages_own_date_wins_over_published(client: TestClient) -> None:
    page = html_doc("Bridge to close", STORY * 3).replace(
        "</head>", '<meta property="article:published_time" content="2022-05-06"></head>')
    assert _date(client, submit(client, html=page, published="2024-03-14")["id"]) == (
        "2022-05-06")


@pytest.mark.parametrize(
    ("published", "shown"),
    [
        ("14/03/2024", '"14/03/2024"'),
        ("2024-02-30", '"2024-02-30"'),  # not a day of the calendar
        ("2024-3-4", '"2024-3-4"'),
        ("20240314", '"20240314"'),  # ISO, but not the form the field documents
        ("2024-03-14T10:00:00Z", '"2024-03-14T10:00:00Z"'),
        ("last Tuesday", '"last Tuesday"'),
        (20240314, "20240314"),  # not a string at all
        (["2024-03-14"], '["2024-03-14"]'),
    ],
)
def test_an_invalid_published_is_a_422_that_says_what_is_wanted(
    client: TestClient, published: Any, shown: str
) -> None:
    response = client.post("/api/v1/analyses", json={"text": STORY, "published": published})
    assert response.status_code == 422
    assert response.json() == {"error": "published must be a date written YYYY-MM-DD, such as"
                                        f" 2024-03-14, not {shown}"}
    assert FakeAnalyzer.calls == 0


def test_published_alone_is_not_an_input(client: TestClient) -> None:
    response = client.post("/api/v1/analyses", json={"published": "2024-03-14"})
    assert response.status_code == 400
    assert "exactly one" in response.json()["error"]


def test_published_is_in_the_openapi_schema(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/api/v1/analyses"]["post"]["requestBody"]["content"]
    field = body["application/json"]["schema"]["properties"]["published"]
    assert field["format"] == "date" and "YYYY-MM-DD" in field["description"]


def test_every_form_has_an_optional_published_date(client: TestClient) -> None:
    home = client.get("/").text
    fields = re.findall(r'<input type="date" id="(f-\w+)-published" name="published">', home)
    assert fields == ["f-url", "f-text", "f-file"]
    assert "required" not in re.findall(r'<input type="date"[^>]*>', home)[0]
    for form in fields:
        assert f'<label for="{form}-published">Published' in home


def test_the_form_takes_a_published_date(client: TestClient) -> None:
    token = csrf(client)

    def post(**fields: str) -> Any:
        return client.post("/analyses", data={"csrf_token": token, "text": STORY, **fields},
                           follow_redirects=False)

    dated = post(published="2024-03-14")
    assert dated.status_code == 303
    assert _date(client, dated.headers["location"].rsplit("/", 1)[1]) == "2024-03-14"
    # An empty date field is no date.
    undated = post(published="")
    assert undated.status_code == 303 and undated.headers["location"] != dated.headers[
        "location"]
    assert _date(client, undated.headers["location"].rsplit("/", 1)[1]) is None
    bad = post(published="14.03.2024")
    assert bad.status_code == 422 and "text/html" in bad.headers["content-type"]
    assert "published must be a date written YYYY-MM-DD" in bad.text
    assert "&#34;14.03.2024&#34;" in bad.text or "&quot;14.03.2024&quot;" in bad.text
    # An uploaded file takes it too.
    upload = client.post(
        "/analyses", data={"csrf_token": token, "published": "2021-06-07"},
        files={"file": ("story.txt", STORY.encode(), "text/plain")}, follow_redirects=False)
    assert upload.status_code == 303
    assert _date(client, upload.headers["location"].rsplit("/", 1)[1]) == "2021-06-07"


def test_a_dateline_dates_pasted_text(client: TestClient) -> None:
    wire = "WASHINGTON, March 3, 2024 (AP) — The Senate passed the bill on Friday.\n"
    assert _date(client, submit(client, text=wire)["id"]) == "2024-03-03"
    # The article's own dateline comes first; the client's date fills in for text without.
    assert _date(client, submit(client, text=wire, published="2024-03-05")["id"]) == (
        "2024-03-03")
    plain = "The Senate passed the bill on Friday.\n"
    assert _date(client, submit(client, text=plain, published="2024-03-05")["id"]) == (
        "2024-03-05")
