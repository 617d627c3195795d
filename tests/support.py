"""Paths and helpers shared by the tests (importable as `support`: pytest puts tests/ on
sys.path)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
SAMPLES = Path(__file__).parent.parent / "src" / "unspun" / "samples"


def saved_pages() -> list[Path]:
    """Every saved page the project keeps: test fixtures and the bundled samples."""
    return sorted(PAGES.glob("*.html")) + sorted(SAMPLES.glob("*.html"))
