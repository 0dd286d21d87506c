"""FastAPI dependencies shared by the JSON API and the web pages."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from typing import Any

from fastapi import Request

from ..kb import KnowledgeBase, load_kb
from ..store import Store


class StorePool:
    """Read-only connections kept between requests (one per request at a time).

    A fresh connection costs little to open (~0.1 ms) but starts with an empty page cache;
    a kept one answers the large-store queries faster (benchmarks/api_latency.py measures
    both). Each connection serves one request at a time; at most ``keep`` wait idle."""

    def __init__(self, path: str, keep: int = 8) -> None:
        self.path = path
        self.keep = keep
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()

    def acquire(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return Store(self.path, readonly=True)

    def release(self, store: Store) -> None:
        if self._idle.qsize() < self.keep:
            self._idle.put(store)
        else:
            store.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def get_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request, on the database the app was created with
    (``app.state.db_path``): from the app's pool of kept connections when it has one
    (``app.state.store_pool``), else opened for this request and closed after it."""
    pool: StorePool | None = getattr(request.app.state, "store_pool", None)
    if pool is None:
        store = Store(request.app.state.db_path, readonly=True)
        try:
            yield store
        finally:
            store.close()
        return
    store = pool.acquire()
    try:
        yield store
    finally:
        pool.release(store)


class _LazyKB:
    """The shipped knowledge base, loaded (once per process, ~2 s) on first use only: most
    requests name actors by id or by a form seen in the texts and never need it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(load_kb(()), name)


_KB = _LazyKB()


def get_kb() -> KnowledgeBase:
    """The knowledge base: roles of persons, and names the texts never used but it knows."""
    return _KB  # type: ignore[return-value]
