"""Extraction stages over clean articles: actors, quotes, time and events."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from ..errors import E, VeilleError
from ..kb import KnowledgeBase, load_kb
from ..model import Article
from ..nlp import LANGUAGES, load_model
from ..temporal import find_times
from .actors import ActorExtractor
from .events import EventExtractor
from .quotes import QuoteExtractor

__all__ = ["ActorExtractor", "EventExtractor", "QuoteExtractor", "annotate", "event_extractor", "extractor",
           "quote_extractor"]

def _reference(published: str | None) -> dt.date | None:
    """The publication day, the reference of relative dates ("mardi", "le mois dernier")."""
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def cited_sources(article: Article, kb: KnowledgeBase) -> list[dict[str, object]]:
    """Every agency or outlet the article relies on: source lines and wire credits ("Selon
    RIA Novosti", "Avec AFP"), quote channels, and outlets cited as speakers."""
    out: dict[str, dict[str, object]] = {}

    def add(actor_id: str | None, name: str) -> None:
        key = actor_id or name.casefold()
        out.setdefault(key, {"id": actor_id, "name": name})

    for name in article.cited_sources:
        media = [m for m in kb.lookup(name) if kb.entities[m.id].type == "media"]
        add(media[0].id if media else None, kb.entities[media[0].id].name if media else name)
    media_ids = {m.actor: m.name for m in article.mentions if m.type == "media"}
    for q in article.quotes:
        for v in q.via:
            if v.get("id") in media_ids:
                add(v["id"], media_ids[v["id"]])
            elif v.get("id") is None and any(w in v["name"].casefold() for w in ("agence", "presse", "média")):
                add(None, v["name"])  # "cité par les agences de presse russes"
        if q.speaker in media_ids:
            add(q.speaker, media_ids[q.speaker])
    for m in article.mentions:  # "selon Reuters", "a rapporté Tass" outside quotes
        if m.type == "media":
            add(m.actor, m.name)
    return list(out.values())


@lru_cache(maxsize=4)
def quote_extractor(lang: str, kb_files: tuple[str, ...] = ()) -> QuoteExtractor:
    return QuoteExtractor(lang, load_kb(kb_files), extractor(lang, kb_files).parse_role)


_GRANULES = {4: "year", 7: "month", 10: "day"}


def infer_published(times: Sequence[object]) -> dict[str, object] | None:
    """When an article has no date: it was written on or after the latest date it states
    outright ("le 12 novembre 2024", "en février 2022", "le sommet de 2024"). Only absolute
    expressions count; the result is a lower bound, never a day the text does not give."""
    best = None
    for t in times:
        value = getattr(t, "value", None)
        if getattr(t, "relative", True) or not value or len(value) not in _GRANULES:
            continue
        if best is None or value > best.value:  # ISO strings: later date, or finer value of the same period
            best = t
    if best is None:
        return None
    return {"earliest": best.value, "granularity": _GRANULES[len(best.value)],
            "basis": f"latest explicit date in the text: {best.text!r}"}


@lru_cache(maxsize=4)
def event_extractor(lang: str, kb_files: tuple[str, ...] = ()) -> EventExtractor:
    return EventExtractor(lang, load_kb(kb_files))


@lru_cache(maxsize=4)
def extractor(lang: str, kb_files: tuple[str, ...] = ()) -> ActorExtractor:
    """The actor extractor of a language (and knowledge base), built once per process."""
    return ActorExtractor(load_model(lang), lang, load_kb(kb_files))


def annotate(articles: Sequence[Article], *, kb_files: Sequence[str] = (), batch_size: int = 16) -> list[str]:
    """Run the NLP stage and the extractors on ``articles`` in place.

    Articles are grouped by language; a language without a registered, installed model is
    skipped (its articles keep no mentions) and its error message is returned once.
    """
    by_lang: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        by_lang[art.language or "fr"].append(art)
        if (art.language or "fr") == "fr":  # time needs no parse: every French article gets it
            art.times = find_times(art.text, reference=_reference(art.published))
            if not art.published:
                art.published_inferred = infer_published(art.times)
            art.stages.append("times")
    problems = []
    for lang, group in by_lang.items():
        if lang not in LANGUAGES:
            continue
        try:
            ex = extractor(lang, tuple(str(f) for f in kb_files))
        except VeilleError as exc:
            problems.append(str(exc))
            continue
        qx = quote_extractor(lang, tuple(str(f) for f in kb_files))
        fit = [a for a in group if len(a.text) <= ex.nlp.max_length]
        for art in group:
            if len(art.text) > ex.nlp.max_length:
                problems.append(E.E062.format(
                    item=art.source_file, cause=f"text too long for the NLP stage ({len(art.text):,} characters)"))
        for art, doc in zip(fit, ex.nlp.pipe((a.text for a in fit), batch_size=batch_size), strict=True):
            try:
                art.mentions = ex.extract(doc, published=art.published)
                art.quotes = qx.extract(doc, art.mentions)
                art.sources = cited_sources(art, ex.kb)
                art.events = event_extractor(lang, tuple(str(f) for f in kb_files)).extract(
                    doc, art.mentions, art.times, art.quotes, published=art.published)
            except Exception as exc:  # noqa: BLE001 - one article never stops a run
                art.mentions, art.quotes, art.sources, art.events = [], [], [], []
                problems.append(E.E062.format(item=art.source_file, cause=f"extraction failed ({exc!r})"))
                continue
            art.stages += ["actors", "quotes", "events"]
    return problems
