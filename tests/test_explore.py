"""Explore queries: derived tables, timelines, the network, the dashboard, date periods."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille import Store
from veille.errors import NotFound, QueryError
from veille.store import SCHEMA_VERSION, browse, explore
from veille.store import db as store_db
from veille.store.periods import Span, date_range, parse_date, period_of

from .explore_data import SIDES, SPECS, Spec, article, build

# a pair of event e's actors p, q is joint (migration 8) when the type is not symmetric and
# the two show a single role between them (both sources only, or both targets only)
JOINT = (f"(e.type NOT IN ({', '.join(repr(t) for t in sorted(explore.SYMMETRIC))})"
         " AND (SELECT count(DISTINCT r.role) FROM event_actors r WHERE r.event_n = e.n"
         " AND r.actor_id IN (p.actor_id, q.actor_id)) = 1)")

# every derived table of migrations 7 and 8, as its rows and as recomputed from the base tables
RECOMPUTE = {
    "actor_forms": ("SELECT actor_id, text, n FROM actor_forms",
                    "SELECT actor_id, text, count(*) FROM mentions GROUP BY 1, 2"),
    "actor_articles": ("SELECT actor_id, article_id, published, n FROM actor_articles",
                       "SELECT m.actor_id, m.article_id, a.published, count(*) FROM mentions m"
                       " JOIN articles a ON a.id = m.article_id GROUP BY 1, 2"),
    "actor_totals": ("SELECT actor_id, mentions, articles, events FROM actor_totals WHERE mentions > 0 OR events > 0",
                     "SELECT a.id, (SELECT count(*) FROM mentions WHERE actor_id = a.id),"
                     " (SELECT count(DISTINCT article_id) FROM mentions WHERE actor_id = a.id),"
                     " (SELECT count(DISTINCT x.event_n) FROM event_actors x JOIN events e ON e.n = x.event_n"
                     "  WHERE x.actor_id = a.id AND e.modality = 'asserted') AS ev FROM actors a"
                     " WHERE EXISTS (SELECT 1 FROM mentions WHERE actor_id = a.id) OR EXISTS (SELECT 1 FROM"
                     " event_actors x JOIN events e ON e.n = x.event_n WHERE x.actor_id = a.id AND e.modality = 'asserted')"),
    "actor_months": ("SELECT month, actor_id, mentions, articles FROM actor_months WHERE articles > 0",
                     "SELECT coalesce(substr(a.published, 1, 7), ''), m.actor_id, count(*), count(DISTINCT m.article_id)"
                     " FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY 1, 2"),
    "comentions": ("SELECT a, b, articles FROM comentions WHERE articles > 0",
                   "SELECT p.actor_id, q.actor_id, count(DISTINCT p.article_id) FROM mentions p"
                   " JOIN mentions q ON q.article_id = p.article_id AND q.actor_id > p.actor_id GROUP BY 1, 2"),
    "comention_months": ("SELECT a, b, month, articles FROM comention_months WHERE articles > 0",
                         "SELECT p.actor_id, q.actor_id, coalesce(substr(a.published, 1, 7), ''),"
                         " count(DISTINCT p.article_id) FROM mentions p JOIN mentions q ON q.article_id = p.article_id"
                         " AND q.actor_id > p.actor_id JOIN articles a ON a.id = p.article_id GROUP BY 1, 2, 3"),
    "actor_events": ("SELECT actor_id, event_n, type, modality, date, day_first, day_last FROM actor_events",
                     "SELECT DISTINCT x.actor_id, x.event_n, e.type, e.modality, e.date, e.day_first, e.day_last"
                     " FROM event_actors x JOIN events e ON e.n = x.event_n"),
    "actor_event_months": ("SELECT modality, first_month, last_month, actor_id, events FROM actor_event_months"
                           " WHERE events > 0",
                           "SELECT e.modality, substr(e.day_first, 1, 7), substr(e.day_last, 1, 7), x.actor_id,"
                           " count(DISTINCT e.n) FROM event_actors x JOIN events e ON e.n = x.event_n"
                           " WHERE e.day_first IS NOT NULL GROUP BY 1, 2, 3, 4"),
    "event_pairs": ("SELECT event_n, a, b, type, modality, date, day_first, day_last, joint FROM event_pairs",
                    "SELECT DISTINCT p.event_n, p.actor_id, q.actor_id, e.type, e.modality, e.date, e.day_first,"
                    f" e.day_last, {JOINT} FROM event_actors p JOIN event_actors q ON q.event_n = p.event_n"
                    " AND q.actor_id > p.actor_id JOIN events e ON e.n = p.event_n"),
    # (event, pair) once, whatever the roles: then count events and the joint ones
    "pair_event_months": ("SELECT a, b, modality, first_month, last_month, type, events, joint FROM pair_event_months"
                          " WHERE events > 0",
                          "SELECT a, b, modality, substr(day_first, 1, 7), substr(day_last, 1, 7), type, count(*),"
                          f" sum(joint) FROM (SELECT DISTINCT e.n, p.actor_id AS a, q.actor_id AS b, e.modality,"
                          f" e.day_first, e.day_last, e.type, {JOINT} AS joint FROM event_actors p"
                          " JOIN event_actors q ON q.event_n = p.event_n AND q.actor_id > p.actor_id"
                          " JOIN events e ON e.n = p.event_n WHERE e.day_first IS NOT NULL) GROUP BY 1, 2, 3, 4, 5, 6"),
    "dyad_types": ("SELECT a, b, type, events, joint FROM dyad_types WHERE events > 0",
                   "SELECT a, b, type, count(*), sum(joint) FROM (SELECT DISTINCT e.n, p.actor_id AS a,"
                   f" q.actor_id AS b, e.type, {JOINT} AS joint FROM event_actors p"
                   " JOIN event_actors q ON q.event_n = p.event_n AND q.actor_id > p.actor_id"
                   " JOIN events e ON e.n = p.event_n WHERE e.modality = 'asserted') GROUP BY 1, 2, 3"),
}


def assert_derived_tables_exact(store: Store) -> None:
    for name, (kept, recomputed) in RECOMPUTE.items():
        assert sorted(map(tuple, store.db.execute(kept))) == sorted(map(tuple, store.db.execute(recomputed))), name


@pytest.fixture(scope="module")
def st_():
    s = build(Store(":memory:"))
    yield s
    s.close()


def test_derived_tables_follow_inserts_and_re_extraction():
    store = build(Store(":memory:"), SPECS + SIDES)
    assert store.db.execute("SELECT count(*) FROM event_pairs").fetchone()[0] > 0
    assert store.db.execute("SELECT count(*) FROM event_pairs WHERE joint").fetchone()[0] > 0
    assert_derived_tables_exact(store)
    # the pair first seen joint (two sources), then opposed (China a target too), is opposed
    assert [tuple(r) for r in store.db.execute(
        "SELECT p.joint FROM event_pairs p JOIN events e ON e.n = p.event_n"
        " WHERE e.article_id = ? AND e.type = 'ACCUSE' AND p.a = 'CHN' AND p.b = 'RUS'", (SIDES[2].id,)
    )] == [(0,)]
    store.replace_mentions(article(dataclasses.replace(SIDES[2], events=SIDES[2].events[1:])))
    assert_derived_tables_exact(store)
    store.replace_mentions(article(dataclasses.replace(SIDES[0], events=[])))
    assert_derived_tables_exact(store)
    # re-extraction replaces an article's mentions and events: drop an actor and an event, add another
    spec = dataclasses.replace(
        SPECS[0], mentions=[m for m in SPECS[0].mentions if m[0] != "xi-jinping"],
        events=[SPECS[0].events[1], ("ASSAULT", ["RUS"], ["CHN"], "2024-05-17", "day", "asserted")])
    store.replace_mentions(article(spec))
    assert_derived_tables_exact(store)
    store.replace_mentions(article(dataclasses.replace(SPECS[2], mentions=[], events=[])))
    assert_derived_tables_exact(store)
    assert store.db.execute("SELECT sum(events) FROM dyad_types WHERE a = 'CHN' AND b = 'RUS'").fetchone()[0] == 2


def test_migration_fills_derived_tables_of_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    build(Store(path), SPECS + SIDES).close()
    con = Store(path).db
    # pretend the store predates migration 7, then migrate: the backfill must equal the triggers' work
    for trigger in [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                              " AND (name LIKE '%explore%' OR name LIKE 'quotes_fts%')")]:
        con.execute(f"DROP TRIGGER {trigger}")
    for table in list(RECOMPUTE) + ["actor_articles", "quotes_fts"]:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    for index in ("quotes_kind", "articles_language", "events_modality_type", "events_modality_date"):
        con.execute(f"DROP INDEX {index}")
    con.execute("PRAGMA user_version = 6")
    con.close()
    store = Store(path)
    assert store.version == SCHEMA_VERSION
    assert_derived_tables_exact(store)


def test_migration_8_flags_the_joint_pairs_of_a_version_7_store(tmp_path, monkeypatch):
    path = tmp_path / "v7.db"
    older = [m for m in store_db._migrations() if m[0] <= 7]
    monkeypatch.setattr(store_db, "_migrations", lambda: older)
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", 7)
    old = build(Store(path), SPECS + SIDES)
    assert old.version == 7
    assert "joint" not in {r[1] for r in old.db.execute("PRAGMA table_info(event_pairs)")}
    old.close()
    monkeypatch.undo()
    store = Store(path)
    assert store.version == SCHEMA_VERSION >= 8
    assert_derived_tables_exact(store)
    # SPECS: AGREE, COOPERATE, REJECT, ACCUSE; SIDES: two joint (not signed), one opposed ACCUSE
    rus_chn = _edges(explore.network(store, actor="RUS", limit=10))[("CHN", "RUS")]
    assert (rus_chn["events"], rus_chn["cooperation"], rus_chn["conflict"]) == (7, 2, 3)
    # and the triggers it put in place keep the flag for what comes next
    store.replace_mentions(article(dataclasses.replace(SIDES[0], events=SIDES[0].events[::-1])))
    assert_derived_tables_exact(store)


@pytest.mark.parametrize("etype", sorted(explore.QUAD_CLASS))
def test_same_side_pairs_are_joint_unless_the_type_is_symmetric(etype):
    spec = Spec("c1" + "0" * 14, "t", "2024-01-02", None, "La Russie et la Chine contre l'Ukraine.",
                [("RUS", "La Russie"), ("CHN", "la Chine"), ("UKR", "l'Ukraine")],
                [(etype, ["RUS", "CHN"], ["UKR"], "2024-01-01", "day", "asserted")])
    store = build(Store(":memory:"), [spec])
    joint = dict(((a, b), j) for a, b, j in store.db.execute("SELECT a, b, joint FROM event_pairs"))
    assert joint == {("CHN", "RUS"): int(etype not in explore.SYMMETRIC), ("RUS", "UKR"): 0, ("CHN", "UKR"): 0}
    assert explore.SYMMETRIC == {"AGREE", "CONSULT", "COOPERATE"}
    assert_derived_tables_exact(store)


# -- timeline ------------------------------------------------------------------------------------


def _series(tl):
    return {(s["period"], s["type"]): s["count"] for s in tl["series"]}


def test_timeline_of_a_pair_counts_asserted_events_either_direction(st_):
    tl = explore.timeline(st_, ["Russie", "CHN"], bucket="month")
    assert [a["id"] for a in tl["actors"]] == ["RUS", "CHN"]
    assert _series(tl) == {("2023-11", "ACCUSE"): 1, ("2023-11", "COOPERATE"): 1, ("2024-05", "AGREE"): 1}
    assert tl["series"][0]["quad"] == "verbal conflict"
    # the year-dated REJECT is coarser than a month: reported apart, at its own granularity
    assert tl["coarser"] == [{"period": "2023", "granularity": "year", "type": "REJECT",
                              "quad": "verbal conflict", "count": 1}]
    assert tl["periods"][0] == "2023-11" and tl["periods"][-1] == "2024-05" and len(tl["periods"]) == 7
    # the list holds every modality (the hypothetical SUPPORT too), chronologically
    assert [e["type"] for e in tl["events"]] == ["REJECT", "COOPERATE", "ACCUSE", "AGREE", "SUPPORT"]
    assert tl["total"] == 5 and tl["events"][-1]["modality"] == "hypothetical"
    ev = tl["events"][0]
    assert {"id", "type", "mode", "date", "date_granularity", "modality", "source", "target", "trigger",
            "article_id", "article_title", "evidence"} <= set(ev)
    assert set(ev["evidence"]) == {"start", "end", "text"}


def test_timeline_buckets_days_weeks_months(st_):
    week = explore.timeline(st_, ["RUS", "USA"], bucket="week")
    # 2024-06-02 is a Sunday: ISO week 22; the ACCUSE dated 2024-W23 stays in its week
    assert _series(week) == {("2024-W22", "SANCTION"): 1, ("2024-W23", "ACCUSE"): 1}
    month = explore.timeline(st_, ["RUS", "USA"], bucket="month")
    assert _series(month) == {("2024-06", "SANCTION"): 1, ("2024-06", "ACCUSE"): 1}
    day = explore.timeline(st_, ["RUS", "USA"], bucket="day")
    assert _series(day) == {("2024-06-02", "SANCTION"): 1}
    assert day["coarser"][0]["period"] == "2024-W23" and day["coarser"][0]["granularity"] == "week"


def test_timeline_modality_and_window(st_):
    planned = explore.timeline(st_, ["USA"], modality="planned")
    assert _series(planned) == {("2024-06", "THREATEN"): 1} and planned["total"] == 1
    # the undated CONSULT of Putin and the United States is counted apart, and outside any window
    assert explore.timeline(st_, ["putin-vladimir", "USA"])["undated"] == 1
    assert explore.timeline(st_, ["putin-vladimir", "USA"], since="2000")["total"] == 0
    windowed = explore.timeline(st_, ["RUS", "CHN"], since="2024-05-10")
    assert [e["type"] for e in windowed["events"]] == ["SUPPORT"]  # the month 2024-05 is not inside the window


def test_timeline_rejects_bad_parameters(st_):
    with pytest.raises(QueryError, match=r"\[E070\] bad parameter bucket='year'"):
        explore.timeline(st_, ["RUS"], bucket="year")
    with pytest.raises(QueryError, match="since"):
        explore.timeline(st_, ["RUS"], since="2024-13")
    with pytest.raises(QueryError, match="actor"):
        explore.timeline(st_, ["RUS", "CHN", "USA"])
    with pytest.raises(NotFound, match="E061"):
        explore.timeline(st_, ["Atlantide"])


# -- network -------------------------------------------------------------------------------------


def _edges(net):
    return {(e["source"], e["target"]): e for e in net["edges"]}


def test_network_edges_are_signed_by_quad_class(st_):
    net = explore.network(st_, min_weight=0)
    edges = _edges(net)
    assert edges[("RUS", "USA")]["sign"] == "conflict" and edges[("RUS", "USA")]["events"] == 2
    assert edges[("putin-vladimir", "xi-jinping")]["sign"] == "cooperation"
    rus_chn = edges[("CHN", "RUS")]
    assert (rus_chn["cooperation"], rus_chn["conflict"], rus_chn["sign"]) == (2, 2, "mixed")
    assert rus_chn["comentions"] == 3 and rus_chn["weight"] == 4 + 0.5 * 3
    # a pair named together but without a shared event: neutral, weighted by co-mentions only
    assert edges[("CHN", "USA")]["sign"] == "neutral" and edges[("CHN", "USA")]["events"] == 0
    nodes = {n["id"]: n for n in net["nodes"]}
    assert nodes["RUS"]["events"] == 6 and nodes["RUS"]["mentions"] == 8
    assert [n["id"] for n in net["nodes"]][0] == "RUS"  # most events first


def test_joint_accusers_are_not_in_conflict_with_each_other():
    """Regression: Russia and China accusing the United States together made the RUS-CHN
    edge 'conflict'. Co-sources (and co-targets) share the event without a sign between them."""
    store = build(Store(":memory:"), SIDES[:2])

    def signed(**kw):
        return {k: (e["events"], e["cooperation"], e["conflict"], e["sign"])
                for k, e in _edges(explore.network(store, min_weight=0, **kw)).items() if e["events"]}

    whole = {
        ("CHN", "RUS"): (2, 0, 0, "neutral"),       # joint accusers, joint targets of the sanctions
        ("RUS", "USA"): (2, 0, 2, "conflict"),      # accuses, is sanctioned
        ("CHN", "USA"): (2, 0, 2, "conflict"),
        ("RUS", "UKR"): (1, 0, 1, "conflict"),      # ASSAULT, source against target
        ("CHN", "UKR"): (1, 1, 0, "cooperation"),   # CONSULT
    }
    assert signed() == whole  # totals (dyad_types)
    assert signed(since="2024-07") == whole  # whole months (pair_event_months)
    # days counted live (event_pairs): the joint ACCUSE of 2024-07-01 is left out
    assert signed(since="2024-07-02", until="2024-07-20") == {
        ("CHN", "RUS"): (1, 0, 0, "neutral"), ("RUS", "USA"): (1, 0, 1, "conflict"),
        ("CHN", "USA"): (1, 0, 1, "conflict"), ("RUS", "UKR"): (1, 0, 1, "conflict"),
        ("CHN", "UKR"): (1, 1, 0, "cooperation")}
    dyads = {tuple(a["id"] for a in d["actors"]): d for d in explore.dashboard(store)["top_dyads"]}
    assert (dyads[("CHN", "RUS")]["events"], dyads[("CHN", "RUS")]["sign"]) == (2, "neutral")
    assert dyads[("RUS", "USA")]["sign"] == "conflict"
    partners = {p["id"]: p for p in browse.actor(store, "RUS")["partners"]}
    assert (partners["CHN"]["events"], partners["CHN"]["conflict"], partners["CHN"]["sign"]) == (2, 0, "neutral")
    assert partners["USA"]["sign"] == "conflict" and partners["UKR"]["sign"] == "conflict"
    # the events themselves are still shared: listed for the pair, counted for its weight
    assert browse.events(store, actors=("RUS", "CHN"))["total"] == 2
    assert _edges(explore.network(store, min_weight=0))[("CHN", "RUS")]["weight"] == 2 + 0.5 * 2


def test_an_actor_on_both_sides_is_opposed_to_its_co_sources():
    store = build(Store(":memory:"), SIDES)
    rus_chn = _edges(explore.network(store, min_weight=0))[("CHN", "RUS")]
    assert (rus_chn["events"], rus_chn["cooperation"], rus_chn["conflict"], rus_chn["sign"]) == (3, 0, 1, "conflict")
    # the planned joint MOBILIZE adds an event, not a conflict
    every = _edges(explore.network(store, min_weight=0, modality="all"))[("CHN", "RUS")]
    assert (every["events"], every["conflict"]) == (4, 1)


def test_network_limit_min_weight_and_ego(st_):
    net = explore.network(st_, limit=2)
    assert [n["id"] for n in net["nodes"]] == ["RUS", "CHN"]
    assert {(e["source"], e["target"]) for e in net["edges"]} == {("CHN", "RUS")}
    heavy = explore.network(st_, min_weight=2)
    assert all(e["weight"] >= 2 for e in heavy["edges"])
    ego = explore.network(st_, actor="Xi Jinping", limit=3)
    assert ego["nodes"][0]["id"] == "xi-jinping" and len(ego["nodes"]) == 3
    assert explore.network(Store(":memory:")) == {"nodes": [], "edges": []}


def _brute_force(since: str | None, until: str | None, modality: str = "asserted"):
    """Edges (events, cooperation, conflict), co-mentions and node counts straight from the
    specs, for a window."""
    first = date_range(since)[0] if since else "0000-01-01"
    last = date_range(until)[1] if until else "9999-12-31"
    windowed = bool(since or until)
    events: Counter = Counter()
    cooperation: Counter = Counter()
    conflict: Counter = Counter()
    actor_events: Counter = Counter()
    comentions: Counter = Counter()
    mentions: Counter = Counter()
    for spec in SPECS + SIDES:
        for etype, sources, targets, date, _, mod in spec.events:
            if mod != modality and modality != "all":
                continue
            if windowed:
                if date is None:
                    continue
                lo, hi, _ = parse_date(date)
                if not (lo.isoformat() >= first and hi.isoformat() <= last):
                    continue
            ids = sorted(set(sources) | set(targets))
            actor_events.update(ids)
            events.update(combinations(ids, 2))
            roles = {a: {r for r, group in (("source", sources), ("target", targets)) if a in group} for a in ids}
            for x, y in combinations(ids, 2):
                if etype in explore.SYMMETRIC or len(roles[x] | roles[y]) > 1:  # symmetric type, or opposed
                    cooperation[(x, y)] += etype in explore.COOPERATION
                    conflict[(x, y)] += etype in explore.CONFLICT
        if windowed and not (spec.published and first <= spec.published <= last):
            continue
        mentions.update(a for a, _ in spec.mentions)
        comentions.update(combinations(sorted({a for a, _ in spec.mentions}), 2))
    return events, cooperation, conflict, comentions, actor_events, mentions


days = st.dates(dt.date(2023, 1, 1), dt.date(2024, 12, 31)).map(dt.date.isoformat)
bounds = st.one_of(st.none(), days, days.map(lambda d: d[:7]), st.sampled_from(["2023", "2024", "2024-W22"]))


@given(since=bounds, until=bounds, modality=st.sampled_from(["asserted", "all", "planned"]))
@settings(max_examples=150, deadline=None)
def test_windowed_network_equals_a_count_from_scratch(since, until, modality):
    """Whole months come from the monthly tables, the days at either end are counted live:
    together they must give exactly what counting every event and article gives."""
    store = _shared_store()
    net = explore.network(store, since=since, until=until, modality=modality, limit=100, min_weight=0)
    events, cooperation, conflict, comentions, actor_events, mentions = _brute_force(since, until, modality)
    got = {k: (e["events"], e["cooperation"], e["conflict"], e["comentions"]) for k, e in _edges(net).items()}
    want = {k: (events[k], cooperation[k], conflict[k], comentions[k])
            for k in set(events) | set(comentions) if events[k] or comentions[k]}
    assert got == want
    for node in net["nodes"]:
        assert (node["events"], node["mentions"]) == (actor_events[node["id"]], mentions[node["id"]])


_STORE: list[Store] = []


def _shared_store() -> Store:
    if not _STORE:
        _STORE.append(build(Store(":memory:"), SPECS + SIDES))
    return _STORE[0]


# -- dashboard and listings ----------------------------------------------------------------------


def test_dashboard_counts_top_actors_and_dyads(st_):
    d = explore.dashboard(st_, top=3)
    assert (d["articles"], d["quotes"], d["events"], d["events_asserted"]) == (5, 3, 10, 8)
    assert d["dated_articles"] == 4 and d["actors"] == 5
    assert [a["id"] for a in d["top_actors"]] == ["RUS", "CHN", "USA"]  # USA and Putin: 4 each, by id
    assert d["active_actors"][0] == {"id": "RUS", "name": "Russia", "type": "country", "mentions": 8,
                                     "articles": 4, "events": 6}
    top = d["top_dyads"][0]
    assert [a["id"] for a in top["actors"]] == ["CHN", "RUS"] and top["events"] == 4 and top["sign"] == "mixed"
    assert [a["id"] for a in d["latest_articles"]][:2] == ["a2" + "0" * 14, "a5" + "0" * 14]
    assert d["latest_articles"][-1]["published"] is None
    assert d["event_types"]["ACCUSE"] == 2 and d["quads"]["verbal conflict"] == 3


def test_empty_store_gives_empty_results():
    store = Store(":memory:")
    d = explore.dashboard(store)
    assert d["articles"] == 0 and d["top_actors"] == [] and d["top_dyads"] == [] and d["latest_articles"] == []
    assert browse.articles(store)["total"] == 0 and browse.quotes(store)["items"] == []
    assert browse.events(store)["total"] == 0
    assert explore.timeline(store)["series"] == []


def test_browse_listings_page_and_filter(st_):
    page = browse.articles(st_, limit=2, offset=1)
    assert page["total"] == 5 and len(page["items"]) == 2
    assert browse.articles(st_, source="Le Fil")["total"] == 3
    assert [a["id"][:2] for a in browse.articles(st_, since="2024-05", until="2024-05")["items"]] == ["a5", "a1"]
    found = browse.articles(st_, q="sanctionne")  # accents ignored
    assert [a["id"][:2] for a in found["items"]] == ["a2"] and "[" in found["items"][0]["snippet"]
    assert browse.articles(st_, q='"unclosed AND (')["total"] == 0  # broken FTS syntax is quoted, not an error
    assert [a["id"] for a in browse.actors(st_, q="poutine")["items"]] == ["putin-vladimir"]
    assert browse.actors(st_, type="person")["total"] == 2
    assert browse.quotes(st_, speaker="Poutine")["total"] == 2
    assert browse.quotes(st_, q="amis")["items"][0]["kind"] == "direct"
    dyad = browse.events(st_, actors=("CHN", "RUS"))
    assert dyad["total"] == 5 and [a["id"] for a in dyad["actors"]] == ["CHN", "RUS"]
    assert browse.events(st_, type="accuse")["total"] == 2
    with pytest.raises(QueryError):
        browse.events(st_, type="HUG")


def test_actor_detail_has_aliases_partners_and_co_mentions(st_):
    rec = browse.actor(st_, "Poutine")
    assert rec["id"] == "putin-vladimir" and rec["counts"] == {"mentions": 4, "articles": 3, "events": 2, "quotes": 2}
    assert {a["alias"]: a["n"] for a in rec["aliases"]} == {"Vladimir Poutine": 2, "Poutine": 2}
    assert {p["id"]: p["sign"] for p in rec["partners"]} == {"xi-jinping": "cooperation", "USA": "cooperation"}
    assert {c["id"] for c in rec["co_mentions"]} == {"xi-jinping", "RUS", "CHN", "USA"}


# -- periods -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2024-02", "2024-02-01", "2024-02-29"), ("2024-W01", "2024-01-01", "2024-01-07"),
    ("2020-W53", "2020-12-28", "2021-01-03"), ("2024", "2024-01-01", "2024-12-31"),
    ("2024-WI", "2024-12-01", "2025-02-28"), ("2024-05-16", "2024-05-16", "2024-05-16"),
])
def test_parse_date_gives_the_days_a_value_covers(value, first, last):
    lo, hi, _ = parse_date(value)
    assert (lo.isoformat(), hi.isoformat()) == (first, last)


def test_store_day_ranges_agree_with_python():
    """The generated columns of migration 6 compute the same days as periods.parse_date."""
    store = build(Store(":memory:"), SPECS[:1])
    values = ["2024-02", "2024-W01", "2020-W53", "2021-W52", "2024", "2024-WI", "2023-SP", "2024-SU", "2024-FA",
              "2024-05-16", None]
    for v in values:
        store.db.execute("INSERT INTO events(article_id, type, source, target, date, date_basis, modality, negated,"
                         " trigger, start, \"end\", evidence, mentions, confidence)"
                         " VALUES (?, 'AID', '[]', '[]', ?, 'none', 'asserted', 0, 't', 0, 1, '{}', '[]', 1)",
                         (SPECS[0].id, v))
    for date, first, last in store.db.execute("SELECT date, day_first, day_last FROM events"):
        expected = parse_date(date) if date else None
        assert (first, last) == ((expected[0].isoformat(), expected[1].isoformat()) if expected else (None, None))


@given(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)), st.sampled_from(["day", "week", "month"]))
def test_a_day_lies_in_its_period(day, bucket):
    period, gran = period_of(day.isoformat(), bucket)
    lo, hi, _ = parse_date(period)
    assert gran == "day" and lo <= day <= hi


@given(days, days)
def test_span_cuts_a_window_into_whole_months_and_edge_days(first, last):
    span = Span(first, last)
    if not span.whole:
        assert first[:7] >= last[:7] or (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days < 62
        return
    assert f"{span.m1}-01" >= first and span.m1 <= last[:7]
