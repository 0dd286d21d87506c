"""Aggregate reads for exploring the store: timelines, the actor network, the dashboard.

Plain functions over a :class:`~veille.store.Store`, shared by the JSON API, the web pages
and the CLI. Everything returned is JSON-ready (dicts, lists, str, int, float, None).

Dates. An event's ``date`` has its own granularity (``YYYY-MM-DD``, ``YYYY-Www``,
``YYYY-MM``, ``YYYY-SP|SU|FA|WI``, ``YYYY``); the store derives the first and last day it
covers (``events.day_first``/``day_last``, migration 6). A window ``since``/``until``
(``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-Www``) keeps the events whose whole date
lies inside it: ``2024-05`` is inside ``since=2024-05`` but not inside
``since=2024-05-10``; undated events are outside every window.

Modality. Only asserted events happened; aggregates (timeline series, network edges,
dyads) count asserted events unless ``modality`` says otherwise (``"all"`` counts every
modality).

Sides. Two actors of one event are *opposed* when one is a source and the other a target;
in a :data:`SYMMETRIC` event (CONSULT, COOPERATE, AGREE: the order means nothing) every
pair interacts. Only those pairs take the event's quad class as their sign (cooperation or
conflict). Two actors on the same side of any other event (both sources of an accusation,
both targets of sanctions) are *joint*: the event counts among those they share, but says
nothing of how they treat each other, so it is neither cooperation nor conflict between them
(the store flags such pairs, migration 8).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import E, NotFound, QueryError
from ..kb import KnowledgeBase, name_key, translit_key
from .db import Store
from .periods import BUCKETS, Span, date_range, fill_periods, period_of

__all__ = [
    "MODALITIES", "QUAD_CLASS", "SYMMETRIC", "EventQuery", "count_events", "dashboard", "event_record", "fetch_events",
    "network", "resolve", "select_events", "sign", "timeline",
]

#: PLOVER quad class of each event type (docs/plover.md).
QUAD_CLASS: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST"), "verbal conflict"),
    **dict.fromkeys(("SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}
COOPERATION = frozenset(t for t, q in QUAD_CLASS.items() if q.endswith("cooperation"))
CONFLICT = frozenset(t for t, q in QUAD_CLASS.items() if q.endswith("conflict"))
#: event types whose source/target order means nothing: every pair of their actors interacts
#: (migration 8 names the same types)
SYMMETRIC = frozenset(("AGREE", "CONSULT", "COOPERATE"))
MODALITIES = ("asserted", "planned", "negated", "hypothetical", "all")
#: a co-mention (two actors in one article) weighs this much against one shared event
COMENTION_WEIGHT = 0.5



# -- shared pieces -------------------------------------------------------------------------------


def _check(name: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise QueryError(E.E070, name=name, value=value, expected=" or ".join(allowed))
    return value


def _window(since: str | None, until: str | None, prefix: str = "t.") -> tuple[list[str], list[Any]]:
    """SQL conditions keeping events whose whole date lies in [since, until]."""
    where: list[str] = []
    args: list[Any] = []
    if since:
        where.append(f"{prefix}day_first >= ?")
        args.append(date_range(since, name="since")[0])
    if until:
        where.append(f"{prefix}day_last <= ?")
        args.append(date_range(until, name="until")[1])
    return where, args


def resolve(store: Store, name: str, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """The actor ``name`` designates, as ``{id, name, type}``: an id, a canonical name, a
    form seen in the texts (accents, case and transliteration ignored; the most mentioned
    actor wins), else a knowledge-base name (as ``veille actor`` resolves).
    :class:`~veille.errors.NotFound` if none."""
    db = store.db
    row = db.execute("SELECT id, name, type FROM actors WHERE id = ?", (name,)).fetchone()
    if row is not None:
        return dict(row)
    key, tkey = name_key(name), translit_key(name)
    rows = db.execute(
        "SELECT f.actor_id, a.name, f.text, f.n FROM actor_forms f JOIN actors a ON a.id = f.actor_id"
    ).fetchall()
    for test, wanted in ((name_key, key), (translit_key, tkey)):
        if not wanted:
            continue
        hits: Counter[str] = Counter()
        for actor_id, canonical, text, n in rows:
            if test(canonical) == wanted or test(text) == wanted:
                hits[actor_id] += n
        if hits:
            best = max(hits, key=lambda i: (hits[i], i))
            return dict(db.execute("SELECT id, name, type FROM actors WHERE id = ?", (best,)).fetchone())
    if kb is not None:
        for match in kb.lookup(name):
            row = db.execute("SELECT id, name, type FROM actors WHERE id = ?", (match.id,)).fetchone()
            if row is not None:
                return dict(row)
    raise NotFound(E.E061, name=name)


def event_record(row: Any) -> dict[str, Any]:
    """An event row (joined with its article's title) as the API gives it."""
    return {
        "id": row["n"],
        "type": row["type"],
        "quad": QUAD_CLASS.get(row["type"]),
        "mode": row["mode"],
        "date": row["date"],
        "date_granularity": row["date_granularity"],
        "date_basis": row["date_basis"],
        "modality": row["modality"],
        "source": json.loads(row["source"]),
        "target": json.loads(row["target"]),
        "where": {"id": row["where_id"], "name": row["where_name"]} if row["where_name"] else None,
        "trigger": row["trigger"],
        "start": row["start"],
        "end": row["end"],
        "evidence": json.loads(row["evidence"]),
        "speaker": json.loads(row["speaker"]) if row["speaker"] else None,
        "confidence": row["confidence"],
        "article_id": row["article_id"],
        "article_title": row["title"],
        "published": row["published"],
    }


@dataclass
class EventQuery:
    """Which events: those of an actor or of a pair, of a type, in a date window, of a
    modality. Built by :func:`select_events`; read with :func:`count_events` and
    :func:`fetch_events`."""

    actors: list[dict[str, Any]]
    table: str  # a slim table aliased t: events, actor_events (one actor) or event_pairs (a pair)
    key: str  # the event number in it
    conds: list[str] = field(default_factory=list)
    args: list[Any] = field(default_factory=list)

    def where(self, *extra: str) -> str:
        return _where([*self.conds, *extra])


def select_events(
    store: Store,
    actors: Sequence[str] = (),
    *,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    kb: KnowledgeBase | None = None,
) -> EventQuery:
    """The events involving ``actors`` (none, one, or both of two: any role, either
    direction; ids, names or spellings seen), of PLOVER ``type``, whose whole date lies in
    [``since``, ``until``], of ``modality`` (None or ``"all"``: every modality)."""
    if len(actors) > 2:
        raise QueryError(E.E070, name="actor", value=list(actors), expected="at most two actors")
    resolved = [resolve(store, a, kb) for a in actors]
    ids = sorted({a["id"] for a in resolved})
    if len(ids) == 2:
        q = EventQuery(resolved, "event_pairs t", "t.event_n", ["t.a = ?", "t.b = ?"], ids)
    elif ids:
        q = EventQuery(resolved, "actor_events t", "t.event_n", ["t.actor_id = ?"], ids)
    else:
        q = EventQuery(resolved, "events t", "t.n")
    conds, args = _window(since, until)
    q.conds += conds
    q.args += args
    if type:
        q.conds.append("t.type = ?")
        q.args.append(_check("type", type.upper(), list(QUAD_CLASS)))
    if modality and _check("modality", modality, MODALITIES) != "all":
        q.conds.append("t.modality = ?")
        q.args.append(modality)
    return q


def count_events(store: Store, q: EventQuery) -> int:
    return int(store.db.execute(f"SELECT count(*) FROM {q.table}" + q.where(), q.args).fetchone()[0])


def fetch_events(
    store: Store, q: EventQuery, *, limit: int = 100, offset: int = 0, newest_first: bool = False
) -> list[dict[str, Any]]:
    """The events of ``q`` as :func:`event_record` gives them, chronologically (or newest
    first), undated last."""
    # descending, undated events (NULL) come last by themselves, and an index can give the order
    order = (f"t.day_first DESC, t.day_last DESC, {q.key} DESC" if newest_first
             else f"t.day_first IS NULL, t.day_first, t.day_last, {q.key}")
    keys = [r[0] for r in store.db.execute(
        f"SELECT {q.key} FROM {q.table}" + q.where() + f" ORDER BY {order} LIMIT ? OFFSET ?",
        [*q.args, limit, offset],
    )]
    if not keys:
        return []
    rows = {r["n"]: r for r in store.db.execute(
        "SELECT e.*, a.title, a.published FROM events e JOIN articles a ON a.id = e.article_id"
        f" WHERE {_in('e.n', keys)}", keys)}
    return [event_record(rows[k]) for k in keys]


def _where(conds: list[str]) -> str:
    return (" WHERE " + " AND ".join(conds)) if conds else ""


# -- timeline ------------------------------------------------------------------------------------


def timeline(
    store: Store,
    actors: Sequence[str] = (),
    *,
    bucket: str = "month",
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    limit: int = 100,
    offset: int = 0,
    kb: KnowledgeBase | None = None,
) -> dict[str, Any]:
    """Events of one actor, between two actors, or of everyone, counted per period and type.

    ``actors`` are ids, names or spellings seen (resolved like ``veille actor``); with two,
    the events involving both, in either direction and either role. Returns::

        {"actors": [{id, name, type}], "bucket": "month", "periods": ["2024-05", ...],
         "series": [{period, type, quad, count}], "coarser": [{period, granularity, type, quad, count}],
         "undated": int, "total": int,
         "events": [{id, type, quad, mode, date, date_granularity, modality, source, target,
                     trigger, start, end, evidence, article_id, article_title, ...}]}

    ``series`` counts asserted events (``modality`` changes that) whose date is at least as
    fine as ``bucket``; ``periods`` runs from the first to the last period of ``series``
    with the gaps filled; events dated coarser than the bucket (a month in a week bucket,
    a season, a year) are counted in ``coarser`` at their own granularity, undated ones in
    ``undated``. ``events`` lists ``limit`` of the matching events from ``offset``, of
    every modality (only ``modality``'s when it is given), chronologically, undated last;
    ``total`` counts them all."""
    _check("bucket", bucket, BUCKETS)
    listed = select_events(store, actors, since=since, until=until, type=type, modality=modality, kb=kb)
    counted = select_events(store, actors, since=since, until=until, type=type, modality=modality or "asserted",
                            kb=kb)
    series: Counter[tuple[str, str]] = Counter()
    coarser: Counter[tuple[str, str, str]] = Counter()
    undated = 0
    for date, etype, n in store.db.execute(
        f"SELECT t.date, t.type, count(*) FROM {counted.table}" + counted.where() + " GROUP BY 1, 2", counted.args
    ):
        period, gran = period_of(date, bucket)
        if period is not None:
            series[(period, etype)] += n
        elif gran is not None:
            coarser[(date, gran, etype)] += n
        else:
            undated += n
    total = count_events(store, listed)
    events = fetch_events(store, listed, limit=limit, offset=offset)
    keys = sorted({p for p, _ in series})
    return {
        "actors": listed.actors,
        "bucket": bucket,
        "periods": fill_periods(keys[0], keys[-1], bucket) if keys else [],
        "series": [{"period": p, "type": t, "quad": QUAD_CLASS.get(t), "count": n}
                   for (p, t), n in sorted(series.items())],
        "coarser": [{"period": p, "granularity": g, "type": t, "quad": QUAD_CLASS.get(t), "count": n}
                    for (p, g, t), n in sorted(coarser.items())],
        "undated": undated,
        "total": total,
        "events": events,
    }


# -- network -------------------------------------------------------------------------------------


def sign(cooperation: int, conflict: int) -> str:
    """``cooperation`` or ``conflict`` when that side has at least two thirds of the signed
    events, ``mixed`` when neither has, ``neutral`` without any (a pair only named together,
    or only ever on the same side of its events: see *Sides* above)."""
    signed = cooperation + conflict
    if not signed:
        return "neutral"
    if cooperation * 3 >= signed * 2:
        return "cooperation"
    if conflict * 3 >= signed * 2:
        return "conflict"
    return "mixed"


class PairCounts:
    """Events per pair of actors: all shared ones, and the cooperation and conflict ones
    among those that are not joint (see *Sides* above)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])

    def add(self, a: str, b: str, etype: str, n: int, joint: int = 0) -> None:
        """``n`` events of ``etype`` shared by ``a`` and ``b``, ``joint`` of them on the same side."""
        cell = self.cells[(a, b)]
        cell[0] += n
        cell[1] += n - joint if etype in COOPERATION else 0
        cell[2] += n - joint if etype in CONFLICT else 0

    def get(self, key: tuple[str, str]) -> tuple[int, int, int]:
        cell = self.cells.get(key)
        return (cell[0], cell[1], cell[2]) if cell else (0, 0, 0)


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({','.join('?' * len(values))})"


def network(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    min_weight: float = 1.0,
    limit: int = 50,
    modality: str | None = None,
    kb: KnowledgeBase | None = None,
) -> dict[str, Any]:
    """The actor network: nodes are actors, edges join two actors that take part in the same
    events (any role, either direction) or are named in the same articles.

    Returns ``{"nodes": [{id, name, type, events, mentions}], "edges": [{source, target,
    events, comentions, cooperation, conflict, weight, sign}]}``. Edges are undirected
    (``source`` < ``target``); ``events`` counts the events both take part in (asserted ones
    unless ``modality`` says otherwise), ``cooperation``/``conflict`` those of each side of
    the PLOVER quad classes where the two are opposed or the type is symmetric (two
    co-sources of an accusation share the event but are not in conflict with each other:
    see *Sides* above), ``comentions`` the articles naming both (published inside the
    window when there is one), ``weight`` = events + 0.5 × comentions and ``sign`` as
    :func:`sign`. Node ``events``/``mentions`` count inside the window too. Nodes are the
    ``limit`` actors with the most events, then mentions (with ``actor``: that actor and
    the ``limit - 1`` actors most strongly tied to it), most connected first; edges lighter
    than ``min_weight`` are dropped."""
    if limit < 1:
        raise QueryError(E.E070, name="limit", value=limit, expected="a positive number")
    mod = _check("modality", modality or "asserted", MODALITIES)
    center = resolve(store, actor, kb)["id"] if actor else None
    if since or until or mod != "asserted":
        source: _Source = _WindowSource(store, since, until, mod)
    else:
        source = _TotalSource(store)
    if center is None:
        chosen = source.top(limit)
    else:
        strength: Counter[str] = Counter()
        for (a, b), (n, _, _) in source.pairs([center], star=True).cells.items():
            strength[b if a == center else a] += n
        for (a, b), n in source.comentions([center], star=True).items():
            strength[b if a == center else a] += COMENTION_WEIGHT * n
        ranked = sorted((a for a in strength if a != center), key=lambda a: (-strength[a], a))
        chosen = [center, *ranked[: limit - 1]]
    if not chosen:
        return {"nodes": [], "edges": []}
    pairs = source.pairs(chosen)
    comentions = source.comentions(chosen)
    edges = []
    for key in set(pairs.cells) | set(comentions):
        events, coop, conf = pairs.get(key)
        weight = events + COMENTION_WEIGHT * comentions.get(key, 0)
        if weight < min_weight or weight <= 0:
            continue
        edges.append({"source": key[0], "target": key[1], "events": events, "comentions": comentions.get(key, 0),
                      "cooperation": coop, "conflict": conf, "weight": weight, "sign": sign(coop, conf)})
    edges.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    counts = source.counts(chosen)
    info = actor_names(store, set(chosen))
    nodes = [{**info[a], **counts.get(a, {"events": 0, "mentions": 0})} for a in chosen if a in info]
    return {"nodes": nodes, "edges": edges}


class _Source:
    """Where the network's numbers come from: totals kept by the store, or a live count."""

    def top(self, limit: int) -> list[str]:
        raise NotImplementedError

    def pairs(self, ids: Sequence[str], *, star: bool = False) -> PairCounts:
        """Events per pair among ``ids`` (``star``: every pair with one of ``ids``)."""
        raise NotImplementedError

    def comentions(self, ids: Sequence[str], *, star: bool = False) -> dict[tuple[str, str], int]:
        raise NotImplementedError

    def counts(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        raise NotImplementedError


def _pair_filter(ids: Sequence[str], star: bool, prefix: str = "") -> tuple[str, list[str]]:
    """Pairs (columns ``a``, ``b``) within ``ids``, or with one end in ``ids`` (``star``)."""
    a, b = _in(prefix + "a", ids), _in(prefix + "b", ids)
    return (f"({a} OR {b})" if star else f"{a} AND {b}"), [*ids, *ids]


def _total_comentions(db: Any, ids: Sequence[str], star: bool) -> dict[tuple[str, str], int]:
    cond, args = _pair_filter(ids, star)
    return {(a, b): n for a, b, n in db.execute(
        f"SELECT a, b, articles FROM comentions WHERE articles > 0 AND {cond}", args)}


class _TotalSource(_Source):
    """Asserted events over the whole store: the totals tables of migration 7."""

    def __init__(self, store: Store) -> None:
        self.db = store.db

    def top(self, limit: int) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT actor_id FROM actor_totals WHERE events > 0 OR mentions > 0"
            " ORDER BY events DESC, mentions DESC, actor_id LIMIT ?", (limit,))]

    def pairs(self, ids: Sequence[str], *, star: bool = False) -> PairCounts:
        cond, args = _pair_filter(ids, star)
        out = PairCounts()
        for a, b, etype, n, joint in self.db.execute(
            f"SELECT a, b, type, events, joint FROM dyad_types WHERE events > 0 AND {cond}", args
        ):
            out.add(a, b, etype, n, joint)
        return out

    def comentions(self, ids: Sequence[str], *, star: bool = False) -> dict[tuple[str, str], int]:
        return _total_comentions(self.db, ids, star)

    def counts(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        return {r[0]: {"events": r[1], "mentions": r[2]} for r in self.db.execute(
            f"SELECT actor_id, events, mentions FROM actor_totals WHERE {_in('actor_id', ids)}", list(ids))}


class _WindowSource(_Source):
    """Events and articles inside a date window, or of another modality than asserted:
    whole months from the monthly tables, the days at either end counted live."""

    def __init__(self, store: Store, since: str | None, until: str | None, modality: str) -> None:
        self.db = store.db
        self.span = Span(date_range(since, name="since")[0] if since else None,
                         date_range(until, name="until")[1] if until else None)
        self.windowed = bool(since or until)
        self.mod_conds, self.mod_args = ([], []) if modality == "all" else (["modality = ?"], [modality])
        self._events: Counter[str] = Counter()
        for kind, conds, args in self.span.event_parts(prefix=""):
            table, value = ("actor_event_months", "sum(events)") if kind == "months" else ("actor_events", "count(*)")
            for actor_id, n in self.db.execute(
                f"SELECT actor_id, {value} FROM {table}" + _where([*self.mod_conds, *conds]) + " GROUP BY 1",
                [*self.mod_args, *args],
            ):
                self._events[actor_id] += n
        self._mentions: Counter[str] = Counter()
        if not self.windowed:
            self._mentions.update(dict(self.db.execute("SELECT actor_id, mentions FROM actor_totals").fetchall()))
        else:
            for kind, conds, args in self.span.article_parts():
                table, value = ("actor_months", "sum(mentions)") if kind == "months" else ("actor_articles", "sum(n)")
                for actor_id, n in self.db.execute(
                    f"SELECT actor_id, {value} FROM {table}" + _where(conds) + " GROUP BY 1", args
                ):
                    self._mentions[actor_id] += n

    def top(self, limit: int) -> list[str]:
        ranked = sorted((a for a in set(self._events) | set(self._mentions) if self._events[a] or self._mentions[a]),
                        key=lambda a: (-self._events[a], -self._mentions[a], a))
        return ranked[:limit]

    def pairs(self, ids: Sequence[str], *, star: bool = False) -> PairCounts:
        cond, cond_args = _pair_filter(ids, star)
        out = PairCounts()
        for kind, conds, args in self.span.event_parts(prefix=""):
            table, value = (("pair_event_months", "sum(events), sum(joint)") if kind == "months"
                            else ("event_pairs", "count(*), sum(joint)"))
            for a, b, etype, n, joint in self.db.execute(
                f"SELECT a, b, type, {value} FROM {table}" + _where([cond, *self.mod_conds, *conds])
                + " GROUP BY 1, 2, 3",
                [*cond_args, *self.mod_args, *args],
            ):
                out.add(a, b, etype, n, joint)
        return out

    def comentions(self, ids: Sequence[str], *, star: bool = False) -> dict[tuple[str, str], int]:
        if not self.windowed:
            return _total_comentions(self.db, ids, star)
        cond, cond_args = _pair_filter(ids, star)
        out: Counter[tuple[str, str]] = Counter()
        for kind, conds, args in self.span.article_parts():
            if kind == "months":
                rows = self.db.execute(
                    "SELECT a, b, sum(articles) FROM comention_months" + _where([cond, *conds]) + " GROUP BY 1, 2",
                    [*cond_args, *args])
            else:
                live = [c.replace("published", "p.published") for c in conds]
                live.append(_in("p.actor_id", ids))
                live_args = [*args, *ids]
                if not star:
                    live.append(_in("q.actor_id", ids))
                    live_args += ids
                rows = self.db.execute(
                    "SELECT min(p.actor_id, q.actor_id), max(p.actor_id, q.actor_id), count(*) FROM actor_articles p"
                    " JOIN actor_articles q ON q.article_id = p.article_id AND q.actor_id != p.actor_id"
                    + _where(live) + (" AND p.actor_id < q.actor_id" if not star else "") + " GROUP BY 1, 2",
                    live_args)
            for a, b, n in rows:
                out[(a, b)] += n
        return dict(out)

    def counts(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        return {a: {"events": self._events[a], "mentions": self._mentions[a]} for a in ids}


# -- dashboard -----------------------------------------------------------------------------------


def dashboard(store: Store, *, top: int = 10, latest: int = 10) -> dict[str, Any]:
    """What the home page shows: counts, the most mentioned and the most active actors, the
    dyads with the most asserted events (signed as :func:`network` signs edges), the latest
    articles::

        {"articles", "dated_articles", "actors", "mentions", "quotes", "events", "events_asserted": int,
         "first_published", "last_published": str | None,
         "event_types": {TYPE: n}, "quads": {quad class: n},          # asserted events
         "languages": {code: n}, "sources": {name: n},                 # 20 largest sources
         "top_actors": [{id, name, type, mentions, articles, events}],    # most mentioned first
         "active_actors": [{id, name, type, mentions, articles, events}], # most asserted events first
         "top_dyads": [{actors: [{id, name, type}, {id, name, type}], events, cooperation, conflict, sign}],
         "latest_articles": [{id, published, title, language, source}]}  # newest publication first
    """
    db = store.db

    def one(sql: str) -> Any:
        return db.execute(sql).fetchone()[0]

    def actors(order: str) -> list[dict[str, Any]]:
        return [dict(r) for r in db.execute(
            "SELECT a.id, a.name, a.type, t.mentions, t.articles, t.events FROM actor_totals t"
            f" JOIN actors a ON a.id = t.actor_id WHERE t.{order} > 0 ORDER BY t.{order} DESC, t.mentions DESC, a.id"
            " LIMIT ?", (top,))]

    dyads = PairCounts()
    for a, b, etype, n, joint in db.execute(
        "SELECT a, b, type, events, joint FROM dyad_types WHERE (a, b) IN (SELECT a, b FROM dyad_types"
        " GROUP BY a, b ORDER BY sum(events) DESC, a, b LIMIT ?)", (top,)
    ):
        dyads.add(a, b, etype, n, joint)
    names = actor_names(store, {i for pair in dyads.cells for i in pair})
    top_dyads = []
    for (a, b), (n, coop, conf) in sorted(dyads.cells.items(), key=lambda kv: (-kv[1][0], kv[0])):
        if n > 0:
            top_dyads.append({"actors": [names[a], names[b]], "events": n, "cooperation": coop, "conflict": conf,
                              "sign": sign(coop, conf)})
    event_types = dict(db.execute(
        "SELECT type, count(*) FROM events WHERE modality = 'asserted' GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
    quads: Counter[str] = Counter()
    for etype, n in event_types.items():
        quads[QUAD_CLASS.get(etype, "other")] += n
    first, last = db.execute("SELECT min(published), max(published) FROM articles").fetchone()
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "dated_articles": one("SELECT count(*) FROM articles WHERE published IS NOT NULL"),
        "actors": one("SELECT count(*) FROM actor_totals WHERE mentions > 0 OR events > 0"),
        "mentions": one("SELECT coalesce(sum(mentions), 0) FROM actor_totals"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "events": one("SELECT count(*) FROM events"),
        "events_asserted": sum(event_types.values()),
        "first_published": first,
        "last_published": last,
        "event_types": event_types,
        "quads": dict(quads.most_common()),
        "languages": dict(db.execute(
            "SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()),
        "sources": dict(db.execute(
            "SELECT coalesce(source, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20").fetchall()),
        "top_actors": actors("mentions"),
        "active_actors": actors("events"),
        "top_dyads": top_dyads,
        "latest_articles": [dict(r) for r in db.execute(
            "SELECT id, published, title, language, source FROM articles ORDER BY published DESC, n DESC LIMIT ?",
            (latest,))],
    }


def actor_names(store: Store, ids: set[str]) -> dict[str, dict[str, Any]]:
    """``{id: {id, name, type}}`` for the actors of ``ids``."""
    if not ids:
        return {}
    rows = store.db.execute(f"SELECT id, name, type FROM actors WHERE {_in('id', list(ids))}", list(ids))
    return {r["id"]: dict(r) for r in rows}
