"""Paged reads for browsing the store: articles, actors, one actor, quotes, events.

Each listing returns ``{"total": int, "limit": int, "offset": int, "items": [...]}`` where
``total`` counts every match, so that a client can page. Filters are keyword arguments;
an actor may be named by id, name or any spelling seen (:func:`~veille.store.explore.resolve`).
Publication windows (``since``/``until``: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or
``YYYY-Www``) keep the articles published on a day inside them; undated ones are outside.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..kb import KnowledgeBase, name_key
from .db import Store
from .explore import (
    PairCounts,
    actor_names,
    count_events,
    fetch_events,
    resolve,
    select_events,
    sign,
)
from .periods import date_range, next_day
from .query import LIST_COLUMNS, _fts_query

__all__ = ["actor", "actors", "articles", "events", "quotes"]

KINDS = ("direct", "partial", "indirect")


def _page(total: int, limit: int, offset: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _published(since: str | None, until: str | None, column: str) -> tuple[list[str], list[Any]]:
    conds: list[str] = []
    args: list[Any] = []
    if since:
        conds.append(f"{column} >= ?")
        args.append(date_range(since, name="since")[0])
    if until:
        conds.append(f"{column} < ?")
        args.append(next_day(date_range(until, name="until")[1]))
    return conds, args


def _where(conds: list[str]) -> str:
    return (" WHERE " + " AND ".join(conds)) if conds else ""


def _fts(store: Store, table: str, query: str) -> str | None:
    """The FTS5 query to run on ``table`` for what the user typed: as typed when it is valid
    FTS5 syntax there, else with every term quoted (so that no input breaks the syntax);
    None when nothing searchable is left."""
    try:
        store.db.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", (query,)).fetchall()
        return query
    except sqlite3.OperationalError:
        return _fts_query(query) or None


# -- articles ------------------------------------------------------------------------------------


def articles(
    store: Store,
    *,
    q: str | None = None,
    source: str | None = None,
    language: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Articles, newest publication first (undated last; on the same day, last stored
    first), or best matches of the full-text query ``q`` first (titles weigh more; accents
    ignored; FTS5 syntax allowed), each with a ``snippet`` then (the matched words between
    ``[`` and ``]``)."""
    conds, args = _published(since, until, "a.published")
    if source:
        conds.append("a.source = ?")
        args.append(source)
    if language:
        conds.append("a.language = ?")
        args.append(language)
    cols = ", ".join(f"a.{c.strip()}" for c in LIST_COLUMNS.split(","))
    if not q:
        total = store.db.execute("SELECT count(*) FROM articles a" + _where(conds), args).fetchone()[0]
        rows = store.db.execute(
            f"SELECT {cols}, a.url FROM articles a" + _where(conds)
            + " ORDER BY a.published DESC, a.n DESC LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
        return _page(total, limit, offset, [dict(r) for r in rows])
    match = _fts(store, "articles_fts", q)
    if match is None:
        return _page(0, limit, offset, [])
    # rank rowids first (bm25 over every match, cheap), then read and snippet only the page
    if conds:
        base = " FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid" + _where(
            ["articles_fts MATCH ?", *conds])
    else:  # no join: the index alone counts and ranks
        base = " FROM articles_fts WHERE articles_fts MATCH ?"
    total = store.db.execute("SELECT count(*)" + base, [match, *args]).fetchone()[0]
    keys = [r[0] for r in store.db.execute(
        "SELECT articles_fts.rowid" + base + " ORDER BY bm25(articles_fts, 5.0, 1.0), articles_fts.rowid"
        " LIMIT ? OFFSET ?", [match, *args, limit, offset])]
    if not keys:
        return _page(total, limit, offset, [])
    rows = {r["n"]: dict(r) for r in store.db.execute(
        f"SELECT a.n, {cols}, a.url, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
        " FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid"
        f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({','.join('?' * len(keys))})", [match, *keys])}
    items = []
    for k in keys:
        row = rows[k]
        row.pop("n")
        items.append(row)
    return _page(total, limit, offset, items)


# -- actors --------------------------------------------------------------------------------------


def _ids_like(store: Store, q: str) -> list[str]:
    """Actors whose canonical name or a form seen contains ``q`` (accents and case ignored)."""
    key = name_key(q)
    if not key:
        return []
    found: dict[str, None] = {}
    for actor_id, canonical, text in store.db.execute(
        "SELECT f.actor_id, a.name, f.text FROM actor_forms f JOIN actors a ON a.id = f.actor_id"
    ):
        if actor_id not in found and (key in name_key(canonical) or key in name_key(text)):
            found[actor_id] = None
    return list(found)


def actors(
    store: Store, *, q: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """Actors with their mention, article and asserted-event counts, most widely covered
    first; ``q`` matches the canonical name or any form seen (accents ignored)."""
    conds, args = ["(t.mentions > 0 OR t.events > 0)"], []
    if type:
        conds.append("a.type = ?")
        args.append(type)
    if q:
        conds.append("a.id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(_ids_like(store, q)))
    base = " FROM actor_totals t JOIN actors a ON a.id = t.actor_id" + _where(conds)
    total = store.db.execute("SELECT count(*)" + base, args).fetchone()[0]
    rows = store.db.execute(
        "SELECT a.id, a.name, a.type, a.qid, a.in_kb, t.mentions, t.articles, t.events" + base
        + " ORDER BY t.articles DESC, t.mentions DESC, a.name, a.id LIMIT ? OFFSET ?", [*args, limit, offset])
    return _page(total, limit, offset, [{**dict(r), "in_kb": bool(r["in_kb"])} for r in rows])


def actor(store: Store, name: str, *, kb: KnowledgeBase | None = None, limit: int = 20) -> dict[str, Any]:
    """One actor (id, name or any spelling seen), as ``veille actor --json`` gives it —
    ``aliases`` seen with counts, ``roles`` from the knowledge base, latest ``articles``,
    ``co_mentions`` (actors named in the same articles) — plus its ``counts`` (mentions,
    articles, asserted events, quotes), ``partners`` (the actors it shares the most
    asserted events with, signed as :func:`~veille.store.explore.network` signs edges: only
    the events where the two are opposed or of a symmetric type count as cooperation or
    conflict) and ``event_types`` (its asserted events by type)."""
    db = store.db
    actor_id = resolve(store, name, kb)["id"]
    row = dict(db.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone())
    totals = db.execute(
        "SELECT mentions, articles, events FROM actor_totals WHERE actor_id = ?", (actor_id,)).fetchone()
    counts = dict(totals) if totals else {"mentions": 0, "articles": 0, "events": 0}
    counts["quotes"] = db.execute("SELECT count(*) FROM quotes WHERE speaker_id = ?", (actor_id,)).fetchone()[0]
    aliases = [dict(r) for r in db.execute(
        "SELECT text AS alias, n FROM actor_forms WHERE actor_id = ? ORDER BY n DESC, text", (actor_id,))]
    latest = [dict(r) for r in db.execute(
        "SELECT ar.id, ar.title, ar.published, x.n AS mentions FROM actor_articles x"
        " JOIN articles ar ON ar.id = x.article_id WHERE x.actor_id = ?"
        " ORDER BY x.published DESC, ar.n LIMIT ?", (actor_id, limit))]
    # cut after ordering by name too, so that actors tied on the last place are chosen by name
    co = [{"id": other, "articles": n} for other, n in db.execute(
        "SELECT x.id, c.articles FROM (SELECT CASE WHEN a = ?1 THEN b ELSE a END AS other, articles"
        " FROM comentions WHERE (a = ?1 OR b = ?1) AND articles > 0) c JOIN actors x ON x.id = c.other"
        " ORDER BY c.articles DESC, x.name, x.id LIMIT ?2", (actor_id, limit))]
    pairs = PairCounts()
    for a, b, etype, n, joint in db.execute(
        "SELECT a, b, type, events, joint FROM dyad_types WHERE (a = ?1 OR b = ?1) AND events > 0", (actor_id,)
    ):
        pairs.add(a, b, etype, n, joint)
    ranked = sorted(pairs.cells.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
    names = actor_names(store, {i for c in co for i in [c["id"]]} | {i for key, _ in ranked for i in key})
    co = [{**names[c["id"]], "articles": c["articles"]} for c in co if c["id"] in names]
    co.sort(key=lambda c: (-c["articles"], c["name"]))
    partners = []
    for (a, b), (n, coop, conf) in ranked:
        other = b if a == actor_id else a
        if other in names:
            partners.append({**names[other], "events": n, "cooperation": coop, "conflict": conf,
                             "sign": sign(coop, conf)})
    event_types = dict(db.execute(
        "SELECT type, count(*) FROM actor_events WHERE actor_id = ? AND modality = 'asserted'"
        " GROUP BY 1 ORDER BY 2 DESC, 1", (actor_id,)).fetchall())
    return {**row, "in_kb": bool(row["in_kb"]), "counts": counts, "aliases": aliases, "roles": _roles(kb, actor_id),
            "articles": latest, "co_mentions": co, "partners": partners, "event_types": event_types}


def _roles(kb: KnowledgeBase | None, actor_id: str) -> list[dict[str, Any]]:
    ent = kb.get(actor_id) if kb is not None else None
    if ent is None:
        return []
    out = []
    for r in ent.roles:
        of = kb.get(r.of)  # type: ignore[union-attr]
        out.append({"role": r.role, "of": r.of, "of_name": of.name if of else r.of,
                    "start": r.start.isoformat() if r.start else None, "end": r.end.isoformat() if r.end else None})
    return out


# -- quotes --------------------------------------------------------------------------------------


def _quote(row: sqlite3.Row) -> dict[str, Any]:
    speaker = {"id": row["speaker_id"], "name": row["speaker_name"]} if row["speaker_id"] else None
    return {
        "id": row["n"], "speaker": speaker, "speaker_text": row["speaker_text"], "text": row["text"],
        "start": row["start"], "end": row["end"], "kind": row["kind"], "cue": row["cue"],
        "via": json.loads(row["via"]), "addressee": json.loads(row["addressee"]) if row["addressee"] else None,
        "confidence": row["confidence"], "flags": json.loads(row["flags"]),
        "article_id": row["article_id"], "title": row["title"], "published": row["published"],
    }


def quotes(
    store: Store,
    *,
    speaker: str | None = None,
    q: str | None = None,
    kind: str | None = None,
    article: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
    kb: KnowledgeBase | None = None,
) -> dict[str, Any]:
    """Quotes, newest articles first: by ``speaker`` (id, name or any spelling seen),
    containing the words ``q`` (full-text, accents ignored), of ``kind`` (direct, partial,
    indirect), in one ``article``, in articles published in [``since``, ``until``]."""
    conds, args = _published(since, until, "a.published")
    if speaker:
        conds.append("qu.speaker_id = ?")
        args.append(resolve(store, speaker, kb)["id"])
    if kind:
        conds.append("qu.kind = ?")
        args.append(kind)
    if article:
        conds.append("qu.article_id = ?")
        args.append(article)
    # without a filter on quotes, walk the articles newest first (CROSS JOIN keeps that order)
    join = "JOIN" if (speaker or kind or article or q) else "CROSS JOIN"
    base = f" FROM articles a {join} quotes qu ON qu.article_id = a.id"
    cols = "SELECT qu.*, a.title, a.published"
    order = " ORDER BY a.published DESC, a.n DESC, qu.start LIMIT ? OFFSET ?"
    if q:
        match = _fts(store, "quotes_fts", q)
        if match is None:
            return _page(0, limit, offset, [])
        conds.insert(0, "qu.n IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.insert(0, match)
    # counting needs the articles only to filter on their publication date
    count_from = base if (since or until) else " FROM quotes qu"
    total = store.db.execute("SELECT count(*)" + count_from + _where(conds), args).fetchone()[0]
    rows = store.db.execute(cols + base + _where(conds) + order, [*args, limit, offset]).fetchall()
    return _page(total, limit, offset, [_quote(r) for r in rows])


# -- events --------------------------------------------------------------------------------------


def events(
    store: Store,
    *,
    actors: tuple[str, ...] = (),
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = None,
    limit: int = 50,
    offset: int = 0,
    kb: KnowledgeBase | None = None,
) -> dict[str, Any]:
    """Events, newest first (undated last): of one actor, or between two (``actors``: any
    role, either direction), of a PLOVER ``type``, whose whole date lies in [``since``,
    ``until``], of one ``modality`` (every modality by default). Adds ``actors``: the
    actors the names resolved to."""
    sel = select_events(store, actors, since=since, until=until, type=type, modality=modality, kb=kb)
    page = _page(count_events(store, sel), limit, offset,
                 fetch_events(store, sel, limit=limit, offset=offset, newest_first=True))
    return {"actors": sel.actors, **page}
