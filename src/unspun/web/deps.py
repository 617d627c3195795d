"""FastAPI dependencies through which the routers reach the state ``create_app`` put on
``app.state``: the store, the job pool and the limits."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from unspun.web import store as st
from unspun.web.jobs import Jobs
from unspun.web.limits import Limits


def get_store(request: Request) -> st.Store:
    store: st.Store = request.app.state.store
    return store


def get_jobs(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.jobs
    return jobs


def get_limits(request: Request) -> Limits:
    limits: Limits = request.app.state.limits
    return limits


StoreDep = Annotated[st.Store, Depends(get_store)]
JobsDep = Annotated[Jobs, Depends(get_jobs)]
LimitsDep = Annotated[Limits, Depends(get_limits)]
