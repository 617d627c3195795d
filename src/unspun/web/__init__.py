"""The web app behind ``unspun serve``: submission form, history and a JSON API.

Imports FastAPI, SQLAlchemy and uvicorn, which the core does not need; import this package
only to serve.
"""

from __future__ import annotations

from unspun.web.app import create_app, serve
from unspun.web.limits import Limits

__all__ = ["Limits", "create_app", "serve"]
