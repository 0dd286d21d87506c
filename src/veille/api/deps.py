"""FastAPI dependencies shared by the JSON API and the web pages."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from ..store import Store


def get_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request, on the database the app was created with."""
    store = Store(request.app.state.db_path, readonly=True)
    try:
        yield store
    finally:
        store.close()
