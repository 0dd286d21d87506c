"""Reads over the store, shared by the CLI, the API and the exporters."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from typing import Any

from ..errors import E, NotFound
from .db import Store

_JSON_FIELDS = ("headings", "captions", "removed", "cited_sources", "foreign_lines")
LIST_COLUMNS = "id, published, title, language, source, source_file, record"


def _article(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d.pop("n", None)
    for key in _JSON_FIELDS:
        if key in d:
            d[key] = json.loads(d[key])
    return d


def list_articles(
    store: Store, *, limit: int = 50, offset: int = 0, source: str | None = None,
    language: str | None = None,
) -> list[dict[str, Any]]:
    """Articles, newest publication date first (undated last; on the same day, last stored
    first): the items of :func:`veille.store.browse.articles`, which the API and the pages use."""
    from .browse import articles  # browse builds on this module

    return articles(store, source=source, language=language, limit=limit, offset=offset)["items"]


def get_article(store: Store, article_id: str) -> dict[str, Any]:
    """One article by id, or by an unambiguous id prefix of 4+ characters."""
    row = store.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None and len(article_id) >= 4 and re.fullmatch(r"[0-9a-f]+", article_id):
        rows = store.db.execute(
            "SELECT * FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)
        ).fetchall()
        row = rows[0] if len(rows) == 1 else None
    if row is None:
        raise NotFound(E.E040, id=article_id)
    return _article(row)


def _fts_query(query: str) -> str:
    """Quote every term so that user input never breaks the FTS5 syntax."""
    terms = re.findall(r"[\w'-]+\*?", query)
    return " ".join('"' + t.rstrip("*").replace('"', "") + '"' + ("*" if t.endswith("*") else "") for t in terms)


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Full-text search over title and text (accents ignored), best matches first."""
    sql = (
        "SELECT a.id, a.published, a.title, a.language, a.source,"
        " snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
        " FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ? OFFSET ?"
    )
    try:
        rows = store.db.execute(sql, (query, limit, offset)).fetchall()
    except sqlite3.OperationalError:
        fts = _fts_query(query)
        if not fts:
            return []
        rows = store.db.execute(sql, (fts, limit, offset)).fetchall()
    return [dict(r) for r in rows]


def stats(store: Store) -> dict[str, Any]:
    """Counts: articles, by language and source, removed lines by reason, ingest errors."""
    db = store.db
    removed: dict[str, int] = {}
    for (value,) in db.execute("SELECT removed FROM articles"):
        for r in json.loads(value):
            removed[r["reason"]] = removed.get(r["reason"], 0) + 1
    return {
        "articles": store.count(),
        "documents_bytes": db.execute("SELECT coalesce(sum(length(raw)), 0) FROM documents").fetchone()[0],
        "languages": dict(db.execute(
            "SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall()),
        "sources": dict(db.execute(
            "SELECT coalesce(source, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC LIMIT 20").fetchall()),
        "dated": db.execute("SELECT count(*) FROM articles WHERE published IS NOT NULL").fetchone()[0],
        "removed_lines": dict(sorted(removed.items(), key=lambda kv: -kv[1])),
        "ingest_errors": db.execute("SELECT count(*) FROM ingest_errors").fetchone()[0],
        "schema_version": store.version,
    }


def iter_articles(store: Store) -> Iterator[dict[str, Any]]:
    """Every article in ingest order, as a dict with JSON fields decoded."""
    for row in store.db.execute("SELECT * FROM articles ORDER BY n"):
        yield _article(row)


def raw_document(store: Store, article_id: str) -> bytes:
    row = store.db.execute("SELECT raw FROM documents WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(E.E040, id=article_id)
    return bytes(row[0])
