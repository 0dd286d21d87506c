"""Latency of the JSON API on a large store: p50/p95/p99 per endpoint.

    python benchmarks/api_latency.py [--articles 10000] [--requests 200] [--db FILE] [--keep]

The store is **synthesized from real processed articles**: the sample corpus
(``examples/corpus``, 34 articles) goes once through the real pipeline (cleaning, spaCy,
actors, quotes, times, events), then ``--articles`` copies are written through the Store
API (``Store.add``), each with its own id and with every date shifted by a whole number of
weeks (publication date, event dates, time values), so that the copies spread over about
six years. Entities, quotes and events are therefore real extractions, repeated.
``--db FILE`` reuses (or creates once and keeps) such a store.

The API runs in a real uvicorn server (``veille serve``, one process, in a subprocess);
one client sends the requests one after another over HTTP keep-alive (httpx), with
parameters varied from request to request (different actors, dyads, articles, search
words), after a short warm-up. Times are wall-clock per request, response read in full.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEARCH_WORDS = ["Poutine", "sanctions", "Pékin", "sommet", "Ukraine", "accord", "missiles", "Xi Jinping",
                "OTAN", "coopération", "Iran", "pétrole", "ministre", "armée", "élections"]


# -- the store -------------------------------------------------------------------------------


def _shift(value: str | None, days: int) -> str | None:
    """An ISO date value (day, week, month, season, year) moved by ``days`` (whole weeks)."""
    if not value:
        return value
    delta = dt.timedelta(days=days)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return (dt.date.fromisoformat(value) + delta).isoformat()
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        y, w, _ = (dt.date.fromisocalendar(int(m[1]), int(m[2]), 1) + delta).isocalendar()
        return f"{y}-W{w:02d}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return (dt.date(int(m[1]), int(m[2]), 15) + delta).isoformat()[:7]
    if m := re.fullmatch(r"(\d{4})-([A-Z]{2})", value):
        return f"{(dt.date(int(m[1]), 7, 1) + delta).year}-{m[2]}"
    if re.fullmatch(r"\d{4}", value):
        return str((dt.date(int(value), 7, 1) + delta).year)
    return value


def synthesize(db: Path, n: int, corpus: Path) -> dict:
    """Process ``corpus`` once through the pipeline, then store ``n`` shifted copies."""
    from veille import Store
    from veille.ingest import read_items
    from veille.model import RawDocument
    from veille.pipeline import process

    t0 = time.perf_counter()
    docs = [d for d in read_items([corpus]) if isinstance(d, RawDocument)]
    articles = list(process(docs, extract=True))
    pairs = [(d, a) for d, a in zip(docs, articles, strict=True) if not isinstance(a, Exception)]
    processed_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with Store(db) as store, store.transaction():
        for i in range(n):
            doc, art = pairs[i % len(pairs)]
            days = -7 * (i // len(pairs))
            new_id = hashlib.sha256(f"{art.id}:{i}".encode()).hexdigest()[:16]
            copy = dataclasses.replace(
                art,
                id=new_id,
                published=_shift(art.published, days),
                times=[dataclasses.replace(t, value=_shift(t.value, days)) for t in art.times],
                events=[dataclasses.replace(e, date=_shift(e.date, days)) for e in art.events],
                published_inferred=(
                    {**art.published_inferred, "earliest": _shift(art.published_inferred["earliest"], days)}
                    if art.published_inferred else None
                ),
            )
            store.add(dataclasses.replace(doc, source_file=f"synthetic/{i:06d}/{Path(doc.source_file).name}"), copy)
        counts = {t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
                  for t in ("articles", "actors", "mentions", "quotes", "events")}
    return {**counts, "pipeline_s": round(processed_s, 1), "write_s": round(time.perf_counter() - t0, 1)}


# -- the requests ----------------------------------------------------------------------------


def _targets(db: Path, seed: int = 1) -> dict[str, list[str]]:
    """Request paths per endpoint, parameters varied (actors, dyads, articles, words)."""
    from veille import Store
    from veille.store.explore import dashboard

    rnd = random.Random(seed)
    with Store(db, readonly=True) as store:
        dash = dashboard(store, top=20)
        ids = [r[0] for r in store.db.execute("SELECT id FROM articles ORDER BY random() LIMIT 500")]
        actors = [a["id"] for a in dash["top_actors"] + dash["active_actors"]]
        actors += [r[0] for r in store.db.execute("SELECT id FROM actors ORDER BY random() LIMIT 20")]
        names = [a["name"] for a in dash["top_actors"]]
        dyads = [(d["actors"][0]["id"], d["actors"][1]["id"]) for d in dash["top_dyads"]]
        sources = [r[0] for r in store.db.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL")]
    years = [str(y) for y in range(2019, 2026)]

    def pick(xs):
        return rnd.choice(xs)

    def q(s: str) -> str:
        from urllib.parse import quote

        return quote(s)

    return {
        "articles": [pick([
            "/api/articles", f"/api/articles?offset={rnd.randrange(0, 9000)}",
            f"/api/articles?source={q(pick(sources))}", f"/api/articles?since={pick(years)}&until={pick(years)}",
        ]) for _ in range(50)],
        "articles?q": [f"/api/articles?q={q(pick(SEARCH_WORDS))}" for _ in range(50)],
        "article": [f"/api/articles/{pick(ids)}" for _ in range(50)],
        "actors": [pick(["/api/actors", f"/api/actors?q={q(pick(names)[:5])}", "/api/actors?type=person"])
                   for _ in range(50)],
        "actor": [f"/api/actors/{q(pick(actors))}" for _ in range(50)],
        "events?dyad": [f"/api/events?actor={q(a)}&actor={q(b)}" for a, b in (pick(dyads) for _ in range(50))],
        "timeline pair": [f"/api/timeline?actor={q(a)}&actor={q(b)}&bucket={pick(['day', 'week', 'month'])}"
                          for a, b in (pick(dyads) for _ in range(50))],
        "network": [pick(["/api/network", f"/api/network?since={pick(years)}",
                          f"/api/network?actor={q(pick(actors))}", "/api/network?limit=100"]) for _ in range(50)],
        "stats": ["/api/stats"] * 50,
        "quotes": [pick(["/api/quotes", f"/api/quotes?speaker={q(pick(actors))}"]) for _ in range(50)],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVER = """
import gc, sys, uvicorn
from veille.api import create_app
from veille.kb import load_kb
app = create_app(sys.argv[1], pool=sys.argv[3] == "pool")
load_kb(())
gc.freeze()  # as veille serve does
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def measure(db: Path, n_requests: int, connections: str = "pool") -> dict[str, dict[str, float]]:
    """Start the server (what ``veille serve`` runs: uvicorn over ``create_app``, with kept
    read-only connections or one per request) and time ``n_requests`` per endpoint."""
    import httpx

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(db), str(port), connections],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(300):
                try:
                    client.get("/api/stats")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                raise SystemExit("server did not start: " + server.stderr.read().decode()[-2000:])
            targets = _targets(db)
            for paths in targets.values():  # warm-up: every endpoint a few times
                for path in paths[:3]:
                    client.get(path)
            out = {}
            for name, paths in targets.items():
                times = []
                for i in range(n_requests):
                    t0 = time.perf_counter()
                    resp = client.get(paths[i % len(paths)])
                    resp.read()
                    times.append((time.perf_counter() - t0) * 1000)
                    if resp.status_code != 200:
                        raise SystemExit(f"{paths[i % len(paths)]}: HTTP {resp.status_code} {resp.text[:300]}")
                qs = statistics.quantiles(times, n=100, method="inclusive")
                out[name] = {"p50": round(qs[49], 1), "p95": round(qs[94], 1), "p99": round(qs[98], 1),
                             "max": round(max(times), 1), "n": len(times)}
    finally:
        server.terminate()
        server.wait(10)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    ap.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    ap.add_argument("--db", type=Path, help="store to use; synthesized there first if it does not exist")
    ap.add_argument("--build-only", action="store_true", help="synthesize the store and stop")
    ap.add_argument("--connections", choices=["pool", "request", "both"], default="pool",
                    help="kept read-only connections (the default of create_app), one per request, or both")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="veille-api-bench-")) / "bench.db"
    figures: dict = {}
    if not db.exists():
        figures["store"] = synthesize(db, args.articles, args.corpus)
    else:
        from veille import Store

        with Store(db) as store:  # migrates an older benchmark store
            figures["store"] = {"articles": store.count(), "reused": str(db)}
    figures["store"]["db_mb"] = round(os.path.getsize(db) / 2**20, 1)
    modes = [] if args.build_only else ["pool", "request"] if args.connections == "both" else [args.connections]
    for mode in modes:
        figures[f"latency_ms_{mode}"] = measure(db, args.requests, mode)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print("store:", ", ".join(f"{k} {v}" for k, v in figures["store"].items()))
    for mode in modes:
        print(f"\nconnections: {mode} ({args.requests} requests per endpoint, ms)")
        print(f"{'endpoint':>16}  {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}")
        for name, f in figures[f"latency_ms_{mode}"].items():
            print(f"{name:>16}  {f['p50']:7.1f} {f['p95']:7.1f} {f['p99']:7.1f} {f['max']:7.1f}")


if __name__ == "__main__":
    main()
