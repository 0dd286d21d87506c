"""Reads about quotes: listing and an article's quotes and sources in export form."""

from __future__ import annotations

import json
from typing import Any

from .actors import _ids_matching
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


def list_quotes(
    store: Store, *, speaker: str | None = None, q: str | None = None, kind: str | None = None,
    limit: int = 50, offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes, newest articles first; ``speaker`` matches any name or spelling seen,
    ``q`` words in the quoted text (accents ignored)."""
    where, args = [], []
    if speaker:
        ids = _ids_matching(store, speaker)
        if not ids:
            return []
        where.append(f"qu.speaker_id IN ({','.join('?' * len(ids))})")
        args += ids
    if kind:
        where.append("qu.kind = ?")
        args.append(kind)
    sql = ("SELECT qu.*, a.title, a.published FROM quotes qu JOIN articles a ON a.id = qu.article_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.published IS NULL, a.published DESC, a.n, qu.start"
    out = []
    from ..kb import name_key

    key = name_key(q) if q else None
    for r in store.db.execute(sql, args):
        if key and key not in name_key(r["text"]):
            continue
        rec = _quote(r)
        rec.update(article_id=r["article_id"], title=r["title"], published=r["published"])
        out.append(rec)
    return out[offset : offset + limit]


def article_times(store: Store, article_id: str) -> list[dict[str, Any]]:
    rows = store.db.execute(
        'SELECT text, start, "end", value, granularity FROM times WHERE article_id = ? ORDER BY start', (article_id,)
    )
    return [dict(r) for r in rows]
