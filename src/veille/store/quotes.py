"""Reads about quotes: an article's quotes, sources and times in export form.

Listing quotes (by speaker, words, kind) is :func:`.browse.quotes`."""

from __future__ import annotations

import json
from typing import Any

from .db import Store


def _quote(row: Any) -> dict[str, Any]:
    speaker = {"id": row["speaker_id"], "name": row["speaker_name"]} if row["speaker_id"] else None
    return {
        "speaker": speaker, "speaker_text": row["speaker_text"], "text": row["text"], "start": row["start"],
        "end": row["end"], "kind": row["kind"], "cue": row["cue"], "via": json.loads(row["via"]),
        "addressee": json.loads(row["addressee"]) if row["addressee"] else None,
        "confidence": row["confidence"], "flags": json.loads(row["flags"]),
    }


def article_quotes(store: Store, article_id: str) -> list[dict[str, Any]]:
    rows = store.db.execute('SELECT * FROM quotes WHERE article_id = ? ORDER BY start', (article_id,))
    return [_quote(r) for r in rows]


def article_sources(store: Store, article_id: str) -> list[dict[str, Any]]:
    rows = store.db.execute("SELECT source_id, name FROM sources WHERE article_id = ? ORDER BY name", (article_id,))
    return [{"id": r["source_id"], "name": r["name"]} for r in rows]


def article_times(store: Store, article_id: str) -> list[dict[str, Any]]:
    rows = store.db.execute(
        'SELECT text, start, "end", value, granularity FROM times WHERE article_id = ? ORDER BY start', (article_id,)
    )
    return [dict(r) for r in rows]
