"""Reads about actors: the entities of an article in export form.

Listing actors, resolving a name and one actor's record are :func:`.browse.actors`,
:func:`.explore.resolve` and :func:`.browse.actor`: the CLI, the API and the web pages read
them there, from the tables the store's triggers keep (migrations 7 and 8)."""

from __future__ import annotations

from typing import Any

from .browse import _ids_like
from .db import Store


def _ids_matching(store: Store, q: str) -> list[str]:
    """Actors whose canonical name or a form seen contains ``q`` (accents and case ignored):
    :func:`.browse._ids_like`, kept under this name for ``store.events``."""
    return _ids_like(store, q)


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
