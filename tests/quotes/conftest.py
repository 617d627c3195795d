"""One language layer (the spaCy pipeline) for all the quotes tests: loading it is slow."""

from __future__ import annotations

import pytest

from unspun.nlp.pipeline import LanguageLayer


@pytest.fixture(scope="session")
def language() -> LanguageLayer:
    return LanguageLayer()
