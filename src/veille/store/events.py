"""Reads about events: an article's events in export form, filtered listings, timelines."""

from __future__ import annotations

import json
from typing import Any

from .actors import _ids_matching
from .db import Store


def _event(row: Any) -> dict[str, Any]:
    return {
        "type": row["type"],
        "mode": row["mode"],
        "source": json.loads(row["source"]),
        "target": json.loads(row["target"]),
        "date": row["date"],
        "date_granularity": row["date_granularity"],
        "date_basis": row["date_basis"],
        "where": {"id": row["where_id"], "name": row["where_name"]} if row["where_name"] else None,
        "modality": row["modality"],
        "negated": bool(row["negated"]),
        "trigger": row["trigger"],
        "start": row["start"],
        "end": row["end"],
        "evidence": json.loads(row["evidence"]),
        "mentions": json.loads(row["mentions"]),
        "speaker": json.loads(row["speaker"]) if row["speaker"] else None,
        "confidence": row["confidence"],
    }


def article_events(store: Store, article_id: str) -> list[dict[str, Any]]:
    rows = store.db.execute("SELECT * FROM events WHERE article_id = ? ORDER BY start", (article_id,))
    return [_event(r) for r in rows]


def list_events(
    store: Store,
    *,
    actors: tuple[str, ...] = (),
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    happened: bool = False,
    chronological: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events involving every actor of ``actors`` (any name or spelling seen), of one PLOVER
    ``type``, dated within [since, until] (ISO prefixes compare: "2024" covers "2024-11-12").
    ``happened`` keeps asserted events only (planned, negated and hypothetical ones did not)."""
    where, args = [], []
    for name in actors:
        ids = _ids_matching(store, name)
        if not ids:
            return []
        where.append(f"e.n IN (SELECT event_n FROM event_actors WHERE actor_id IN ({','.join('?' * len(ids))}))")
        args += ids
    if type:
        where.append("e.type = ?")
        args.append(type.upper())
    if since:
        where.append("e.date IS NOT NULL AND substr(e.date, 1, length(?)) >= ?")
        args += [since, since]
    if until:
        where.append("e.date IS NOT NULL AND substr(e.date, 1, length(?)) <= ?")
        args += [until, until]
    if happened:
        where.append("e.modality = 'asserted'")
    sql = "SELECT e.*, a.title, a.published FROM events e JOIN articles a ON a.id = e.article_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += (
        " ORDER BY e.date IS NULL, e.date, a.n, e.start"
        if chronological
        else " ORDER BY e.date IS NULL, e.date DESC, a.n, e.start"
    )
    sql += " LIMIT ? OFFSET ?"
    args += [limit, offset]
    out = []
    for r in store.db.execute(sql, args):
        rec = _event(r)
        rec.update(article_id=r["article_id"], title=r["title"], published=r["published"])
        out.append(rec)
    return out
