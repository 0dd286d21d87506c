"""What each page shows, read from the store: plain dicts for the templates.

The route handlers in :mod:`veille.web.pages` only parse the request and pick the
template; everything a page needs is assembled here from the store's read functions.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from markupsafe import Markup, escape

from ..kb import KnowledgeBase
from ..store import Store, browse, query
from ..store import actors as actor_reads
from ..store import events as event_reads
from ..store import quotes as quote_reads
from ..store.explore import QUAD_CLASS
from . import highlight

SNIPPET_OPEN, SNIPPET_CLOSE = "[", "]"  # the marks the full-text search puts around matched terms


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) link, else None (never a ``javascript:`` link from the data)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def article_view(store: Store, article_id: str) -> dict[str, Any]:
    """One article with its annotations highlighted in the body and listed.

    Raises :class:`veille.errors.NotFound` for an unknown id.
    """
    art = query.get_article(store, article_id)
    aid = art["id"]
    entities = actor_reads.article_entities(store, aid)
    quotes = quote_reads.article_quotes(store, aid)
    events = event_reads.article_events(store, aid)
    times = quote_reads.article_times(store, aid)
    spans = highlight.article_spans(entities=entities, quotes=quotes, events=events, times=times)
    inserts = {h["start"]: Markup('<h3 class="section">{}</h3>').format(h["text"]) for h in art["headings"]}
    for ev in events:
        ev["quad"] = QUAD_CLASS.get(ev["type"])
    entities.sort(key=lambda e: (-len(e["mentions"]), e["name"]))
    return {
        "article": art,
        "url": safe_url(art.get("url")),
        "body": highlight.render(art["text"], spans, inserts),
        "entities": entities,
        "quotes": quotes,
        "events": events,
        "times": times,
        "sources": quote_reads.article_sources(store, aid),
        "removed": Counter(r["reason"] for r in art["removed"]).most_common(),
    }


def snippet_html(snippet: str) -> Markup:
    """A search snippet, escaped, with its matched terms in ``<mark>``."""
    out, inside = [], False
    for ch in snippet:
        if ch == SNIPPET_OPEN and not inside:
            out.append("<mark>")
            inside = True
        elif ch == SNIPPET_CLOSE and inside:
            out.append("</mark>")
            inside = False
        else:
            out.append(str(escape(ch)))
    if inside:
        out.append("</mark>")
    return Markup("".join(out))


def search(store: Store, q: str, *, limit: int, offset: int) -> dict[str, Any]:
    """Full-text matches for ``q`` (a paged listing), each snippet as markup."""
    if not q.strip():
        return {"total": 0, "items": []}
    listing = browse.articles(store, q=q, limit=limit, offset=offset)
    for r in listing["items"]:
        r["snippet_html"] = snippet_html(r.get("snippet") or "")
    return listing


def actor_view(store: Store, actor_id: str, kb: KnowledgeBase | None, *, limit: int = 20) -> dict[str, Any]:
    """One actor: aliases, roles, counts, latest articles, co-mentioned actors, partners in
    events, and its latest events (``limit`` of each).

    Raises :class:`veille.errors.NotFound` for an unknown actor.
    """
    rec = browse.actor(store, actor_id, kb=kb, limit=limit)
    latest = browse.events(store, actors=(rec["id"],), limit=limit)
    return {"actor": rec, "aliases": rec["aliases"][:limit], "events": latest["items"],
            "events_total": latest["total"]}
