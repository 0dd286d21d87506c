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
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from ..errors import E, QueryError
from .actors import resolve_actor
from .db import Store

__all__ = [
    "BUCKETS", "MODALITIES", "QUAD_CLASS", "dashboard", "date_range", "network", "period_of", "timeline",
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
BUCKETS = ("day", "week", "month")
MODALITIES = ("asserted", "planned", "negated", "hypothetical", "all")
#: a co-mention (two actors in one article) weighs this much against one shared event
COMENTION_WEIGHT = 0.5

_SEASONS = {"SP": ("03-01", "05-31"), "SU": ("06-01", "08-31"), "FA": ("09-01", "11-30")}
_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}


# -- dates ------------------------------------------------------------------------------------


def _parse(value: str) -> tuple[dt.date, dt.date, str] | None:
    """First day, last day and granularity of an ISO date value, or None if it is not one."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return day, day, "day"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + dt.timedelta(days=6), "week"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1), "month"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            year = int(m[1])
            if m[2] == "WI":
                return dt.date(year, 12, 1), dt.date(year + 1, 3, 1) - dt.timedelta(days=1), "season"
            a, b = _SEASONS[m[2]]
            return dt.date.fromisoformat(f"{year}-{a}"), dt.date.fromisoformat(f"{year}-{b}"), "season"
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31), "year"
    except ValueError:
        return None
    return None


def date_range(value: str, *, name: str = "date") -> tuple[str, str]:
    """The first and last day (ISO) of ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-Www``;
    :class:`QueryError` for anything else (``name`` is the parameter named in the message)."""
    parsed = _parse(value) if isinstance(value, str) else None
    if parsed is None or parsed[2] == "season":
        raise QueryError(E.E070, name=name, value=value, expected="YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www")
    return parsed[0].isoformat(), parsed[1].isoformat()


def period_of(date: str | None, bucket: str) -> tuple[str | None, str | None]:
    """The ``bucket`` period holding an event date, and the date's own granularity.

    A date finer than or as fine as the bucket gets its period (a week goes to the month
    holding its Thursday, as ISO weeks go to the year holding theirs); a coarser date
    (a month in a week bucket, a season or year in any) gets ``None``: it is reported
    apart, at its own granularity. ``(None, None)`` for an undated event."""
    parsed = _parse(date) if date else None
    if parsed is None:
        return None, None
    first, _, gran = parsed
    if _RANK[gran] > _RANK[bucket]:
        return None, gran
    if gran == "week":
        first = first + dt.timedelta(days=3)
    if bucket == "day":
        return first.isoformat(), gran
    if bucket == "week":
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}", gran
    return first.isoformat()[:7], gran


def _periods(first: str, last: str, bucket: str) -> list[str]:
    """Every period from ``first`` to ``last`` included, gaps filled (for charts)."""
    start, end = _parse(first), _parse(last)
    if start is None or end is None:
        return []
    out, day, stop = [], start[0], end[0]
    step = {"day": 1, "week": 7}.get(bucket)
    while day <= stop:
        out.append(period_of(day.isoformat(), bucket)[0] if bucket != "week" else _week(day))
        if step:
            day += dt.timedelta(days=step)
        else:
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# -- shared pieces -------------------------------------------------------------------------------


def _check(name: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise QueryError(E.E070, name=name, value=value, expected=" or ".join(allowed))
    return value


def _window(since: str | None, until: str | None, column: str = "e") -> tuple[list[str], list[Any]]:
    """SQL conditions keeping events whose whole date lies in [since, until]."""
    where: list[str] = []
    args: list[Any] = []
    if since:
        where.append(f"{column}.day_first >= ?")
        args.append(date_range(since, name="since")[0])
    if until:
        where.append(f"{column}.day_last <= ?")
        args.append(date_range(until, name="until")[1])
    return where, args


def _modality(modality: str | None, default: str, column: str = "e") -> tuple[list[str], list[Any]]:
    value = _check("modality", modality or default, MODALITIES)
    return ([], []) if value == "all" else ([f"{column}.modality = ?"], [value])


def resolve(store: Store, name: str, kb: Any = None) -> dict[str, Any]:
    """The actor ``name`` designates (an id, a name or any spelling seen), as
    ``{id, name, type}``; :class:`~veille.errors.NotFound` if none."""
    actor_id = resolve_actor(store, name, kb)
    row = store.db.execute("SELECT id, name, type FROM actors WHERE id = ?", (actor_id,)).fetchone()
    return dict(row)


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


def _involving(actor_ids: Sequence[str]) -> tuple[list[str], list[Any]]:
    """Events involving every one of ``actor_ids`` (as source or target, either direction)."""
    return (
        ["e.n IN (SELECT event_n FROM event_actors WHERE actor_id = ?)"] * len(actor_ids),
        list(actor_ids),
    )


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
    limit: int = 500,
    kb: Any = None,
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
    ``undated``. ``events`` lists up to ``limit`` of the matching events of every modality
    (only ``modality``'s when it is given), chronologically, undated last; ``total``
    counts them all."""
    _check("bucket", bucket, BUCKETS)
    if len(actors) > 2:
        raise QueryError(E.E070, name="actor", value=list(actors), expected="at most two actors")
    resolved = [resolve(store, a, kb) for a in actors]
    ids = list(dict.fromkeys(a["id"] for a in resolved))
    conds, args = _involving(ids)
    w, wa = _window(since, until)
    conds += w
    args += wa
    if type:
        conds.append("e.type = ?")
        args.append(type.upper())
    mod_conds, mod_args = _modality(modality, "asserted")
    series: Counter[tuple[str, str]] = Counter()
    coarser: Counter[tuple[str, str, str]] = Counter()
    undated = 0
    rows = store.db.execute(
        "SELECT e.date, e.type, count(*) FROM events e" + _where(conds + mod_conds) + " GROUP BY e.date, e.type",
        args + mod_args,
    )
    for date, etype, n in rows:
        period, gran = period_of(date, bucket)
        if period is not None:
            series[(period, etype)] += n
        elif gran is not None:
            coarser[(date, gran, etype)] += n
        else:
            undated += n
    list_conds, list_args = (conds, args) if modality is None else (conds + mod_conds, args + mod_args)
    total = store.db.execute("SELECT count(*) FROM events e" + _where(list_conds), list_args).fetchone()[0]
    events = [event_record(r) for r in store.db.execute(
        "SELECT e.*, a.title, a.published FROM events e JOIN articles a ON a.id = e.article_id"
        + _where(list_conds) + " ORDER BY e.day_first IS NULL, e.day_first, e.day_last, a.n, e.start LIMIT ?",
        [*list_args, limit],
    )]
    keys = sorted({p for p, _ in series})
    return {
        "actors": resolved,
        "bucket": bucket,
        "periods": _periods(_first_day(keys[0], bucket), _first_day(keys[-1], bucket), bucket) if keys else [],
        "series": [{"period": p, "type": t, "quad": QUAD_CLASS.get(t), "count": n}
                   for (p, t), n in sorted(series.items())],
        "coarser": [{"period": p, "granularity": g, "type": t, "quad": QUAD_CLASS.get(t), "count": n}
                    for (p, g, t), n in sorted(coarser.items())],
        "undated": undated,
        "total": total,
        "events": events,
    }


def _first_day(period: str, bucket: str) -> str:
    parsed = _parse(period)
    return parsed[0].isoformat() if parsed else period


# -- network -------------------------------------------------------------------------------------


def _sign(cooperation: int, conflict: int) -> str:
    """``cooperation`` or ``conflict`` when one side has at least two thirds of the signed
    events, ``mixed`` when neither does, ``neutral`` without any."""
    signed = cooperation + conflict
    if not signed:
        return "neutral"
    if cooperation * 3 >= signed * 2:
        return "cooperation"
    if conflict * 3 >= signed * 2:
        return "conflict"
    return "mixed"


def network(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    min_weight: float = 1.0,
    limit: int = 50,
    modality: str | None = None,
    kb: Any = None,
) -> dict[str, Any]:
    """The actor network: nodes are actors, edges join two actors that take part in the same
    events (any role, either direction) or are mentioned in the same articles.

    Returns ``{"nodes": [{id, name, type, events, mentions}], "edges": [{source, target,
    events, comentions, cooperation, conflict, weight, sign}]}``. Edges are undirected
    (``source`` < ``target``); ``events`` counts shared events (asserted ones unless
    ``modality`` says otherwise), ``cooperation``/``conflict`` those of each PLOVER quad side,
    ``comentions`` the articles naming both (published within the window when there is
    one), ``weight`` = events + 0.5 × comentions, ``sign`` as :func:`_sign`. Nodes are the
    ``limit`` actors with the most events then mentions (with ``actor``: that actor and
    its strongest neighbours); edges lighter than ``min_weight`` are dropped."""
    db = store.db
    conds, args = _window(since, until)
    mod_conds, mod_args = _modality(modality, "asserted")
    conds += mod_conds
    args += mod_args
    art_conds, art_args = [], []
    if since:
        art_conds.append("ar.published >= ?")
        art_args.append(date_range(since, name="since")[0])
    if until:
        art_conds.append("ar.published <= ?")
        art_args.append(date_range(until, name="until")[1] + "\uffff")
    center = resolve(store, actor, kb)["id"] if actor else None

    # events per pair and per actor
    pairs: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    actor_events: Counter[str] = Counter()
    for a, b, etype, n in db.execute(
        "WITH ev AS (SELECT e.n, e.type FROM events e" + _where(conds) + "),"
        " ea AS (SELECT DISTINCT x.event_n, x.actor_id, ev.type FROM event_actors x JOIN ev ON ev.n = x.event_n)"
        " SELECT p.actor_id, q.actor_id, p.type, count(*) FROM ea p JOIN ea q"
        " ON q.event_n = p.event_n AND q.actor_id > p.actor_id GROUP BY 1, 2, 3",
        args,
    ):
        cell = pairs[(a, b)]
        cell[0] += n
        cell[1] += n if etype in COOPERATION else 0
        cell[2] += n if etype in CONFLICT else 0
    for a, n in db.execute(
        "SELECT x.actor_id, count(DISTINCT x.event_n) FROM event_actors x JOIN events e ON e.n = x.event_n"
        + _where(conds) + " GROUP BY 1",
        args,
    ):
        actor_events[a] = n
    mentions: Counter[str] = Counter(dict(db.execute(
        "SELECT m.actor_id, count(*) FROM mentions m JOIN articles ar ON ar.id = m.article_id"
        + _where(art_conds) + " GROUP BY 1",
        art_args,
    ).fetchall()))

    # choose the nodes
    if center is not None:
        strength: Counter[str] = Counter()
        for (a, b), cell in pairs.items():
            if center in (a, b):
                strength[b if a == center else a] += cell[0]
        for other, n in db.execute(
            "SELECT m2.actor_id, count(DISTINCT m2.article_id) FROM mentions m1"
            " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.actor_id != m1.actor_id"
            " JOIN articles ar ON ar.id = m1.article_id WHERE m1.actor_id = ?"
            + "".join(" AND " + c for c in art_conds) + " GROUP BY 1",
            [center, *art_args],
        ):
            strength[other] += n * COMENTION_WEIGHT
        chosen = [center] + [a for a, _ in sorted(strength.items(), key=lambda kv: (-kv[1], kv[0]))][: limit - 1]
    else:
        ranked = sorted(set(actor_events) | set(mentions), key=lambda a: (-actor_events[a], -mentions[a], a))
        chosen = ranked[:limit]
    keep = set(chosen)

    # co-mentions among the chosen nodes
    comentions: Counter[tuple[str, str]] = Counter()
    if keep:
        marks = ",".join("?" * len(keep))
        for a, b, n in db.execute(
            f"WITH aa AS (SELECT DISTINCT m.article_id, m.actor_id FROM mentions m"
            f" JOIN articles ar ON ar.id = m.article_id WHERE m.actor_id IN ({marks})"
            + "".join(" AND " + c for c in art_conds) + ")"
            " SELECT p.actor_id, q.actor_id, count(*) FROM aa p JOIN aa q"
            " ON q.article_id = p.article_id AND q.actor_id > p.actor_id GROUP BY 1, 2",
            [*keep, *art_args],
        ):
            comentions[(a, b)] = n

    edges = []
    for key in set(comentions) | {k for k in pairs if k[0] in keep and k[1] in keep}:
        ev, coop, conf = pairs.get(key, (0, 0, 0))
        weight = ev + COMENTION_WEIGHT * comentions[key]
        if weight < min_weight:
            continue
        edges.append({"source": key[0], "target": key[1], "events": ev, "comentions": comentions[key],
                      "cooperation": coop, "conflict": conf, "weight": weight, "sign": _sign(coop, conf)})
    edges.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    info = {}
    if keep:
        marks = ",".join("?" * len(keep))
        info = {r["id"]: dict(r) for r in db.execute(f"SELECT id, name, type FROM actors WHERE id IN ({marks})",
                                                     list(keep))}
    nodes = [{**info[a], "events": actor_events[a], "mentions": mentions[a]} for a in chosen if a in info]
    return {"nodes": nodes, "edges": edges}


# -- dashboard -----------------------------------------------------------------------------------


def dashboard(store: Store, *, top: int = 10, latest: int = 10) -> dict[str, Any]:
    """What the home page shows: counts, the most mentioned and most active actors, the
    dyads with the most asserted events, and the latest articles::

        {"articles", "dated_articles", "actors", "mentions", "quotes", "events", "events_asserted": int,
         "first_published", "last_published": str | None, "event_types": {TYPE: n},
         "languages": {code: n}, "sources": {name: n},
         "top_actors": [{id, name, type, mentions, articles, events}],      # most mentioned
         "active_actors": [{id, name, type, mentions, articles, events}],   # most events
         "top_dyads": [{actors: [{id, name, type}, {...}], events, cooperation, conflict, sign}],
         "latest_articles": [{id, published, title, language, source}]}
    """
    db = store.db

    def one(sql: str) -> Any:
        return db.execute(sql).fetchone()[0]

    first, last = db.execute("SELECT min(published), max(published) FROM articles").fetchone()
    top_mentioned = [dict(r) for r in db.execute(
        "SELECT a.id, a.name, a.type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles"
        " FROM mentions m JOIN actors a ON a.id = m.actor_id GROUP BY a.id ORDER BY mentions DESC, a.id LIMIT ?",
        (top,))]
    active = [dict(r) for r in db.execute(
        "SELECT a.id, a.name, a.type, count(DISTINCT x.event_n) AS events FROM event_actors x"
        " JOIN events e ON e.n = x.event_n AND e.modality = 'asserted' JOIN actors a ON a.id = x.actor_id"
        " GROUP BY a.id ORDER BY events DESC, a.id LIMIT ?", (top,))]
    ids = list({r["id"] for r in top_mentioned + active})
    counts = _actor_counts(store, ids)
    for rec in top_mentioned + active:
        rec.update(counts.get(rec["id"], {}))
    dyads = []
    for r in db.execute(
        "WITH ea AS (SELECT DISTINCT x.event_n, x.actor_id, e.type FROM event_actors x"
        " JOIN events e ON e.n = x.event_n AND e.modality = 'asserted')"
        " SELECT p.actor_id AS a, q.actor_id AS b, count(*) AS events,"
        f" sum(p.type IN ({_marks(COOPERATION)})) AS cooperation, sum(p.type IN ({_marks(CONFLICT)})) AS conflict"
        " FROM ea p JOIN ea q ON q.event_n = p.event_n AND q.actor_id > p.actor_id"
        " GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?",
        (*sorted(COOPERATION), *sorted(CONFLICT), top),
    ):
        dyads.append({"actors": [r["a"], r["b"]], "events": r["events"], "cooperation": r["cooperation"],
                      "conflict": r["conflict"], "sign": _sign(r["cooperation"], r["conflict"])})
    names = _names(store, {i for d in dyads for i in d["actors"]})
    for d in dyads:
        d["actors"] = [names[i] for i in d["actors"]]
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "dated_articles": one("SELECT count(*) FROM articles WHERE published IS NOT NULL"),
        "actors": one("SELECT count(*) FROM actors"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "events": one("SELECT count(*) FROM events"),
        "events_asserted": one("SELECT count(*) FROM events WHERE modality = 'asserted'"),
        "first_published": first,
        "last_published": last,
        "event_types": dict(db.execute(
            "SELECT type, count(*) FROM events WHERE modality = 'asserted' GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()),
        "languages": dict(db.execute(
            "SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()),
        "sources": dict(db.execute(
            "SELECT coalesce(source, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20").fetchall()),
        "top_actors": top_mentioned,
        "active_actors": active,
        "top_dyads": dyads,
        "latest_articles": [dict(r) for r in db.execute(
            "SELECT id, published, title, language, source FROM articles"
            " ORDER BY published IS NULL, published DESC, n DESC LIMIT ?", (latest,))],
    }


def _marks(values: frozenset[str]) -> str:
    return ",".join("?" * len(values))


def _names(store: Store, ids: set[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    rows = store.db.execute(f"SELECT id, name, type FROM actors WHERE id IN ({_marks(frozenset(ids))})", list(ids))
    return {r["id"]: dict(r) for r in rows}


def _actor_counts(store: Store, ids: list[str]) -> dict[str, dict[str, int]]:
    """Mentions, articles and asserted events of each actor of ``ids``."""
    out: dict[str, dict[str, int]] = {i: {"mentions": 0, "articles": 0, "events": 0} for i in ids}
    if not ids:
        return out
    marks = ",".join("?" * len(ids))
    for r in store.db.execute(
        f"SELECT actor_id, count(*), count(DISTINCT article_id) FROM mentions WHERE actor_id IN ({marks})"
        " GROUP BY 1", ids,
    ):
        out[r[0]].update(mentions=r[1], articles=r[2])
    for r in store.db.execute(
        f"SELECT x.actor_id, count(DISTINCT x.event_n) FROM event_actors x JOIN events e ON e.n = x.event_n"
        f" AND e.modality = 'asserted' WHERE x.actor_id IN ({marks}) GROUP BY 1", ids,
    ):
        out[r[0]]["events"] = r[1]
    return out
