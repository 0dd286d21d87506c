"""The FastAPI application over a store: the JSON API under ``/api``, its OpenAPI
documentation (``/docs``, ``/openapi.json``), and the web pages (``veille.web``) at ``/``.

Read-only: every request reads through a read-only SQLite connection. The only write is
``POST /api/ingest``, which exists only when the app is given an ingest token.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from .. import __version__, web
from ..errors import E, StoreError
from ..store import SCHEMA_VERSION, Store, default_db_path
from . import errors, ingest, routes
from .deps import StorePool
from .limits import DEFAULT_MAX_BODY_BYTES, BodyLimit

DESCRIPTION = """\
A read-only JSON API over a veille store: articles (with full-text search), each article
with its actors, quotes, events and temporal expressions and their offsets in the text;
actors, quotes, PLOVER events, timelines and the actor network.

Every error has one shape: `{"error": {"status", "code", "message", "detail"?}}`.
"""


def prepare_store(path: str, *, create: bool = False) -> None:
    """Make sure the store at ``path`` exists and has the current schema (migrating an
    older one, which needs write access once); :class:`StoreError` otherwise."""
    if not Path(path).exists():
        if not create:
            raise StoreError(E.E030, path=path, cause="no such database (create it with `veille ingest`)")
        Store(path).close()  # an empty store
        return
    with Store(path, readonly=True) as store:
        current = store.version
    if current > SCHEMA_VERSION:
        raise StoreError(E.E031, path=path, found=current, known=SCHEMA_VERSION)
    if current < SCHEMA_VERSION:
        Store(path).close()  # migrates


def create_app(
    db_path: str | None = None,
    *,
    ingest_token: str | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    pool: bool = True,
) -> FastAPI:
    """The application over the store at ``db_path`` (default ``$VEILLE_DB`` or ``./veille.db``).

    The store must exist, unless ``ingest_token`` is given (it is then created, empty);
    an older schema is migrated first. ``ingest_token`` enables ``POST /api/ingest``;
    ``max_body_bytes`` bounds request bodies (413 above); ``pool`` keeps read-only
    connections between requests instead of opening one per request."""
    path = str(db_path or default_db_path())
    prepare_store(path, create=bool(ingest_token))
    store_pool = StorePool(path) if pool else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if store_pool is not None:
            store_pool.close()

    # FastAPI's own /docs and /redoc pages load their scripts from a CDN; veille serves Swagger
    # UI from the copy vendored in the package (nothing is fetched at run time)
    app = FastAPI(
        title="veille", version=__version__, description=DESCRIPTION, lifespan=lifespan, docs_url=None, redoc_url=None
    )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="veille API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    app.state.db_path = path
    app.state.store_pool = store_pool
    errors.install(app)
    app.include_router(routes.router)
    if ingest_token:
        ingest.install(app, ingest_token)
    web.install(app)
    app.add_middleware(BodyLimit, max_body_bytes=max_body_bytes)
    return app
