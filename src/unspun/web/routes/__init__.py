"""The app's routers: the JSON API (:mod:`.api`) and the browser pages (:mod:`.browser`)."""

from __future__ import annotations

from unspun.web.routes import api, browser

__all__ = ["api", "browser"]
