"""Reads about actors: lists, one actor's record, and the entities of an article."""

from __future__ import annotations

from typing import Any

from ..errors import E, NotFound
from ..kb import KnowledgeBase, name_key, translit_key
from .db import Store


def list_actors(
    store: Store, *, type_: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Actors with their mention and article counts, most widely covered first.
    ``q`` matches the canonical name or any form seen in the texts (accents ignored)."""
    where, args = [], []
    if type_:
        where.append("a.type = ?")
        args.append(type_)
    if q:
        ids = _ids_matching(store, q)
        if not ids:
            return []
        where.append(f"a.id IN ({','.join('?' * len(ids))})")
        args += ids
    sql = (
        "SELECT a.id, a.name, a.type, a.qid, a.in_kb, count(*) AS mentions,"
        " count(DISTINCT m.article_id) AS articles FROM actors a JOIN mentions m ON m.actor_id = a.id"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " GROUP BY a.id ORDER BY articles DESC, mentions DESC, a.name LIMIT ? OFFSET ?"
    return [dict(r) for r in store.db.execute(sql, (*args, limit, offset))]


def _ids_matching(store: Store, q: str) -> list[str]:
    key = name_key(q)
    found = []
    rows = store.db.execute("SELECT DISTINCT a.id, a.name, m.text FROM actors a JOIN mentions m ON m.actor_id = a.id")
    for row in rows:
        if key in name_key(row["name"]) or key in name_key(row["text"]):
            found.append(row["id"])
    return list(dict.fromkeys(found))


def resolve_actor(store: Store, name: str, kb: KnowledgeBase | None = None) -> str:
    """The id of the actor ``name`` designates: an id, a canonical name, a knowledge-base
    name or a form seen in the texts (transliteration-tolerant)."""
    db = store.db
    if db.execute("SELECT 1 FROM actors WHERE id = ?", (name,)).fetchone():
        return name
    key, tkey = name_key(name), translit_key(name)
    rows = db.execute(
        "SELECT a.id, a.name, m.text, count(*) AS n FROM actors a JOIN mentions m ON m.actor_id = a.id"
        " GROUP BY a.id, m.text"
    ).fetchall()
    for test in (lambda s: name_key(s) == key, lambda s: translit_key(s) == tkey):
        hits: dict[str, int] = {}
        for r in rows:
            if test(r["name"]) or test(r["text"]):
                hits[r["id"]] = hits.get(r["id"], 0) + r["n"]
        if hits:
            return max(hits, key=lambda i: hits[i])
    if kb is not None:
        for match in kb.lookup(name):
            if db.execute("SELECT 1 FROM actors WHERE id = ?", (match.id,)).fetchone():
                return match.id
    raise NotFound(E.E061, name=name)


def actor_record(store: Store, actor_id: str, *, kb: KnowledgeBase | None = None, limit: int = 20) -> dict[str, Any]:
    """One actor: aliases seen (with counts), roles (from the knowledge base), articles and
    the actors most often mentioned in the same articles."""
    db = store.db
    row = db.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        raise NotFound(E.E061, name=actor_id)
    aliases = [dict(r) for r in db.execute(
        "SELECT text AS alias, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY text ORDER BY n DESC, text",
        (actor_id,))]
    articles = [dict(r) for r in db.execute(
        "SELECT ar.id, ar.title, ar.published, count(*) AS mentions FROM mentions m"
        " JOIN articles ar ON ar.id = m.article_id WHERE m.actor_id = ?"
        " GROUP BY ar.id ORDER BY ar.published IS NULL, ar.published DESC, ar.n LIMIT ?",
        (actor_id, limit))]
    co = [dict(r) for r in db.execute(
        "SELECT a.id, a.name, a.type, count(DISTINCT m2.article_id) AS articles FROM mentions m1"
        " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.actor_id != m1.actor_id"
        " JOIN actors a ON a.id = m2.actor_id WHERE m1.actor_id = ?"
        " GROUP BY a.id ORDER BY articles DESC, a.name LIMIT ?",
        (actor_id, limit))]
    roles = []
    ent = kb.get(actor_id) if kb is not None else None
    if ent is not None:
        for r in ent.roles:
            of = kb.get(r.of)
            roles.append({"role": r.role, "of": r.of, "of_name": of.name if of else r.of,
                          "start": r.start.isoformat() if r.start else None,
                          "end": r.end.isoformat() if r.end else None})
    return {**dict(row), "in_kb": bool(row["in_kb"]), "aliases": aliases, "roles": roles,
            "articles": articles, "co_mentions": co}


def article_entities(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The export form of an article's actors: each with its aliases and mentions."""
    out: dict[str, dict[str, Any]] = {}
    for r in store.db.execute(
        'SELECT m.actor_id, a.name, a.type, a.qid, m.start, m."end", m.text FROM mentions m'
        " JOIN actors a ON a.id = m.actor_id WHERE m.article_id = ? ORDER BY m.start",
        (article_id,),
    ):
        ent = out.setdefault(r["actor_id"], {"id": r["actor_id"], "name": r["name"], "type": r["type"],
                                            "qid": r["qid"], "aliases": [], "mentions": []})
        if r["text"] not in ent["aliases"]:
            ent["aliases"].append(r["text"])
        ent["mentions"].append({"start": r["start"], "end": r["end"], "text": r["text"]})
    return list(out.values())
