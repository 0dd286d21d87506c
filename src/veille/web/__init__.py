"""Server-rendered web pages (Jinja2) and vendored JavaScript, mounted on the API app.

``veille.api.create_app`` calls :func:`install` after registering the ``/api`` routes:
the pages live at ``/``, ``/articles``, ``/actors``, ``/timeline``, ``/network`` and
``/search``, their CSS, scripts and vendored libraries under ``/static``. See docs/web.md.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"

__all__ = ["STATIC", "install"]


def install(app: FastAPI) -> None:
    """Mount the pages and the static files on ``app`` (whose ``state.db_path`` names the store)."""
    from .pages import router

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(router)
