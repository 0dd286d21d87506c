"""``POST /api/ingest``: add articles through the same pipeline as ``veille ingest``.

Registered only when the app has an ingest token (``veille serve --ingest-token`` or
``$VEILLE_INGEST_TOKEN``); without one the route does not exist (404, or 405 where another
method is routed). A request must carry ``Authorization: Bearer TOKEN``: 401 without it,
403 with another token. The body is one JSON record ``{text, title?, url?, published?,
source?, language?, id?}`` or a list of them; they are written to a temporary ``.jsonl``
file and ingested with a writable store (stored ``source_file``: ``"api"``, with the record
number), one request at a time.
"""

from __future__ import annotations

import hmac
import json
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from ..ingest import article_id, read_items
from ..model import RawDocument
from ..pipeline import ingest as run_ingest
from ..store import Store
from . import models
from .errors import ApiError, ErrorResponse

MAX_RECORDS = 100
_records = TypeAdapter(models.IngestRecord | list[models.IngestRecord])
_RECORD_SCHEMA = models.IngestRecord.model_json_schema()
_lock = threading.Lock()  # one ingest at a time: one writer for SQLite, one user of the NLP models


def _check_token(request: Request, token: str) -> None:
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not header or scheme.lower() != "bearer" or not given:
        raise ApiError(401, "ingest needs an 'Authorization: Bearer TOKEN' header", code="unauthorized",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(403, "wrong ingest token", code="forbidden")


def ingest_records(db_path: str, records: list[models.IngestRecord]) -> dict[str, Any]:
    """Ingest ``records`` into the store at ``db_path``; the result of each, in order."""
    work = Path(tempfile.mkdtemp(prefix="veille-api-"))
    try:
        src = work / "request.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec.model_dump(exclude_none=True), ensure_ascii=False) + "\n")
        ids = [article_id(d) if isinstance(d, RawDocument) else None for d in read_items([src])]
        with _lock, Store(db_path) as store:
            report = run_ingest([src], store=store, source_file="api")
            stored = {i for i in ids if i is not None and store.has(i)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    fresh = set(report.ids)
    items = []
    for n, aid in enumerate(ids, start=1):
        if aid in fresh:
            items.append({"id": aid, "status": "ingested"})
        elif aid in stored:
            items.append({"id": aid, "status": "duplicate"})
        else:
            error = next((e for e in report.errors if f"(line {n})" in e), None)
            items.append({"id": aid, "status": "failed", "error": error or "not stored"})
    return {"ingested": report.ingested, "duplicates": report.duplicates, "failed": report.failed,
            "items": items, "warnings": report.warnings}


def install(app: FastAPI, token: str) -> None:
    """Register ``POST /api/ingest``, guarded by ``token``."""
    router = APIRouter(prefix="/api")

    @router.post(
        "/ingest",
        response_model=models.IngestResult,
        summary="Ingest articles (only when the server was started with an ingest token)",
        responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}, 413: {"model": ErrorResponse},
                   422: {"model": ErrorResponse}},
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
            "anyOf": [_RECORD_SCHEMA,
                      {"type": "array", "minItems": 1, "maxItems": MAX_RECORDS, "items": _RECORD_SCHEMA}],
        }}}}},
    )
    async def ingest(request: Request) -> Any:
        """Clean, analyse and store articles given as JSON (one record or a list of up to 100);
        returns each record's article id and whether it was ingested, already stored, or failed."""
        _check_token(request, token)  # before the body is even read
        try:
            parsed = _records.validate_json(await request.body())
        except ValidationError as exc:
            detail = [{"loc": ["body", *err["loc"]], "msg": err["msg"], "type": err["type"]} for err in exc.errors()]
            raise ApiError(422, f"invalid ingest body: {detail[0]['msg'] if detail else 'not JSON'}",
                           code="bad_parameter", detail=detail) from exc
        records = parsed if isinstance(parsed, list) else [parsed]
        if not records or len(records) > MAX_RECORDS:
            raise ApiError(422, f"send 1 to {MAX_RECORDS} records per request, not {len(records)}",
                           code="bad_parameter")
        return await run_in_threadpool(ingest_records, request.app.state.db_path, records)

    app.include_router(router)
