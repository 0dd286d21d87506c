"""One error shape for every error the API returns, and the handlers that produce it.

    {"error": {"status": 422, "code": "bad_parameter", "message": "...", "detail": [...]}}

``code`` is stable and greppable; ``message`` is one line for a person; ``detail`` (only
for validation errors) lists each bad field as FastAPI finds it (``loc``, ``msg``,
``type``). Library exceptions become HTTP errors here, at the edge: ``NotFound`` 404,
``QueryError`` 422, ``StoreError`` and SQLite errors 503. Anything unexpected is logged and answered 500
with the same shape (the fuzz tests hold that no input reaches it).
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from ..errors import E, NotFound, QueryError, StoreError, VeilleError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    406: "not_acceptable", 413: "too_large", 415: "unsupported_media_type", 422: "bad_parameter",
    500: "internal_error", 503: "store_unavailable",
}


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    detail: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    """What every error looks like (documented on each route)."""

    error: ErrorBody


#: OpenAPI ``responses=`` for the errors every route may give
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": code.replace("_", " ")}
    for status, code in CODES.items() if status in (404, 413, 422, 503)
}


class ApiError(Exception):
    """An HTTP error raised by a route, answered in the error shape."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 headers: dict[str, str] | None = None, detail: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code or CODES.get(status, "error")
        self.headers, self.detail = headers, detail


def error_body(status: int, message: str, code: str | None = None, detail: list[Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "code": code or CODES.get(status, "error"), "message": message}
    if detail is not None:
        body["detail"] = detail
    return {"error": body}


def error_response(status: int, message: str, code: str | None = None, detail: list[Any] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, code, detail), status_code=status, headers=headers)


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        item = {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        out.append(jsonable_encoder(item))
    return out


def _one_line(detail: list[dict[str, Any]]) -> str:
    parts = []
    for d in detail[:3]:
        where = ".".join(str(p) for p in d["loc"] if p not in ("query", "path", "body")) or "request"
        parts.append(f"{where}: {d['msg']}")
    more = f" (and {len(detail) - 3} more)" if len(detail) > 3 else ""
    return "; ".join(parts) + more


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the error shape."""

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = _validation_detail(exc)
        return error_response(422, _one_line(detail), "bad_parameter", detail)

    @app.exception_handler(HTTPException)
    async def on_http(request: Request, exc: HTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error").replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no route {request.url.path}"
        elif exc.status_code == 405:
            message = f"method {request.method} not allowed on {request.url.path}"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.code, jsonable_encoder(exc.detail), headers=exc.headers)

    @app.exception_handler(NotFound)
    async def on_not_found(request: Request, exc: NotFound) -> JSONResponse:
        return error_response(404, str(exc), "not_found")

    @app.exception_handler(QueryError)
    async def on_query_error(request: Request, exc: QueryError) -> JSONResponse:
        return error_response(422, str(exc), "bad_parameter")

    @app.exception_handler(StoreError)
    async def on_store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error on %s: %s", request.url.path, exc)
        return error_response(503, str(exc), "store_unavailable")

    @app.exception_handler(sqlite3.Error)
    async def on_sqlite_error(request: Request, exc: sqlite3.Error) -> JSONResponse:
        # the library turns what bad input can cause into QueryError or NotFound: what
        # reaches here is the database itself (corrupt, locked, replaced by another file)
        message = E.E030.format(path=request.app.state.db_path, cause=exc)
        log.error("store error on %s: %s", request.url.path, message)
        return error_response(503, message, "store_unavailable")

    @app.exception_handler(VeilleError)
    async def on_veille_error(request: Request, exc: VeilleError) -> JSONResponse:
        return error_response(422, str(exc), "bad_request")

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, f"internal error ({type(exc).__name__}); see the server log")
