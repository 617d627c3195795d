"""Fixtures of the web tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlalchemy")

from fastapi.testclient import TestClient

from web.web_support import FakeAnalyzer, make_client


@pytest.fixture
def client() -> Iterator[TestClient]:
    FakeAnalyzer.gate = None
    FakeAnalyzer.calls = 0
    with make_client() as c:
        yield c
    FakeAnalyzer.gate = None
