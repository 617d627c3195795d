from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def analyzer():
    """One Analyzer for the whole run: loading spaCy once keeps the suite fast."""
    from unspun import Analyzer

    return Analyzer()
