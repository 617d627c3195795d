"""The engines by name: the only module that knows every engine.

The Dask engine is imported when it is asked for, so that the local engine needs no Dask.
"""

from __future__ import annotations

from collections.abc import Callable

from unspun.batch.engine import Engine
from unspun.batch.local_engine import LocalEngine


def _dask_engine() -> Engine:
    from unspun.batch.dask_engine import DaskEngine

    return DaskEngine()


ENGINES: dict[str, Callable[[], Engine]] = {"local": LocalEngine, "dask": _dask_engine}


def get_engine(name: str) -> Engine:
    try:
        return ENGINES[name]()
    except KeyError:
        raise ValueError(
            f"unknown engine {name!r}; available: {', '.join(sorted(ENGINES))}"
        ) from None
