"""The JSON API: filters, pages, extractions with offsets, aggregates, errors, ingest, safety."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from veille import Store
from veille.api import create_app
from veille.api.deps import get_store
from veille.errors import StoreError

from .explore_data import SPECS, build

A1, A2, A3, A4, A5 = (s.id for s in SPECS)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.db"
    build(Store(path)).close()
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def assert_error(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert err["status"] == status and err["code"] == code and isinstance(err["message"], str) and err["message"]
    return err


# -- articles ------------------------------------------------------------------------------------


def test_articles_page_with_total_and_filters(client):
    page = client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 1)
    assert [a["id"] for a in page["items"]] == [A5, A1]  # newest first: a2 (06-03), a5, a1, a3, undated a4
    assert client.get("/api/articles", params={"offset": 4}).json()["items"][0]["id"] == A4
    assert client.get("/api/articles", params={"source": "Le Fil"}).json()["total"] == 3
    assert client.get("/api/articles", params={"language": "de"}).json() == {
        "total": 0, "limit": 50, "offset": 0, "items": []}
    window = client.get("/api/articles", params={"since": "2024-05-17", "until": "2024-06"}).json()
    assert [a["id"] for a in window["items"]] == [A2, A5]


def test_article_search_uses_the_full_text_index(client):
    found = client.get("/api/articles", params={"q": "sanctionne"}).json()  # "sanctionné", accents ignored
    assert found["total"] == 1 and found["items"][0]["id"] == A2
    assert "[sanctionné]" in found["items"][0]["snippet"]
    both = client.get("/api/articles", params={"q": "Russie", "source": "Le Fil", "limit": 1}).json()
    assert both["total"] == 3 and len(both["items"]) == 1
    # FTS syntax errors are not the user's problem: the terms are quoted and searched
    assert client.get("/api/articles", params={"q": 'Russie" OR ('}).status_code == 200


def test_article_detail_carries_extractions_with_offsets(client):
    art = client.get(f"/api/articles/{A1}").json()
    text = art["text"]
    assert art["title"] == "Poutine et Xi à Pékin" and art["published"] == "2024-05-16"
    ents = {e["id"]: e for e in art["entities"]}
    assert set(ents) == {"putin-vladimir", "xi-jinping", "RUS", "CHN"}
    for m in ents["putin-vladimir"]["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
    (quote,) = art["quotes"]
    assert text[quote["start"]:quote["end"]] == quote["text"] == "Nous sommes amis pour toujours"
    assert quote["speaker"] == {"id": "putin-vladimir", "name": "Vladimir Putin"}
    assert {e["type"] for e in art["events"]} == {"CONSULT", "AGREE", "SUPPORT"}
    for ev in art["events"]:
        assert text[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert art["times"] == []
    # an unambiguous prefix works too
    assert client.get(f"/api/articles/{A1[:6]}").json()["id"] == A1


def test_html_in_an_article_is_returned_as_data(client):
    resp = client.get(f"/api/articles/{A5}")
    assert resp.headers["content-type"] == "application/json"
    art = resp.json()
    assert art["title"].startswith("<script>alert('titre')</script>")
    assert "<script>alert('corps')</script>" in art["text"]


# -- actors, quotes, events ----------------------------------------------------------------------


def test_actors_search_and_detail(client):
    found = client.get("/api/actors", params={"q": "etats-unis"}).json()  # any form seen, accents ignored
    assert [a["id"] for a in found["items"]] == ["USA"] and found["items"][0]["mentions"] == 4
    people = client.get("/api/actors", params={"type": "person"}).json()
    assert people["total"] == 2 and {a["id"] for a in people["items"]} == {"putin-vladimir", "xi-jinping"}
    rec = client.get("/api/actors/Poutine").json()  # a name seen in the texts, not the id
    assert rec["id"] == "putin-vladimir" and rec["counts"]["quotes"] == 2
    assert {a["alias"] for a in rec["aliases"]} == {"Vladimir Poutine", "Poutine"}
    assert rec["roles"] and all({"role", "of", "start", "end"} <= set(r) for r in rec["roles"])  # from the KB
    assert {p["id"] for p in rec["partners"]} == {"xi-jinping", "USA"}
    assert_error(client.get("/api/actors/Atlantide"), 404, "not_found")


def test_quotes_by_speaker_kind_and_words(client):
    by_putin = client.get("/api/quotes", params={"speaker": "Vladimir Poutine"}).json()
    assert by_putin["total"] == 2 and {q["article_id"] for q in by_putin["items"]} == {A1, A5}
    assert [q["kind"] for q in client.get("/api/quotes", params={"kind": "indirect"}).json()["items"]] == ["indirect"]
    words = client.get("/api/quotes", params={"q": "toujours"}).json()
    assert words["total"] == 1 and words["items"][0]["speaker"]["id"] == "putin-vladimir"


def test_events_of_a_dyad_either_direction(client):
    dyad = client.get("/api/events", params=[("actor", "Russie"), ("actor", "la Chine")]).json()
    assert [a["id"] for a in dyad["actors"]] == ["RUS", "CHN"]
    assert dyad["total"] == 5  # COOPERATE RUS->CHN, REJECT and ACCUSE CHN->RUS, AGREE RUS+CHN, SUPPORT (hypothetical)
    assert {(tuple(a["id"] for a in e["source"]), tuple(a["id"] for a in e["target"])) for e in dyad["items"]} == {
        (("RUS",), ("CHN",)), (("CHN",), ("RUS",)), (("RUS", "CHN"), ())}
    reverse = client.get("/api/events", params=[("actor", "CHN"), ("actor", "RUS")]).json()
    assert reverse["total"] == 5
    asserted = client.get("/api/events", params=[("actor", "CHN"), ("actor", "RUS"), ("modality", "asserted")])
    assert asserted.json()["total"] == 4
    typed = client.get("/api/events", params={"type": "accuse"}).json()
    assert typed["total"] == 2 and typed["items"][0]["quad"] == "verbal conflict"
    assert_error(client.get("/api/events", params=[("actor", "RUS")] * 3), 422, "bad_parameter")


def test_timeline_of_a_pair_by_week(client):
    tl = client.get("/api/timeline", params={"actor": ["RUS", "USA"], "bucket": "week"}).json()
    assert tl["bucket"] == "week" and [a["id"] for a in tl["actors"]] == ["RUS", "USA"]
    assert {(s["period"], s["type"], s["count"]) for s in tl["series"]} == {
        ("2024-W22", "SANCTION", 1), ("2024-W23", "ACCUSE", 1)}
    assert tl["periods"] == ["2024-W22", "2024-W23"]
    assert [e["type"] for e in tl["events"]] == ["SANCTION", "ACCUSE"]
    ev = tl["events"][0]
    assert ev["article_id"] == A2 and ev["article_title"] == "Nouvelles sanctions contre la Russie"
    assert {"id", "mode", "date", "date_granularity", "modality", "trigger", "evidence"} <= set(ev)


def test_network_signs_edges(client):
    net = client.get("/api/network", params={"min_weight": 0}).json()
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("RUS", "USA")]["sign"] == "conflict"
    assert edges[("putin-vladimir", "xi-jinping")]["sign"] == "cooperation"
    assert edges[("CHN", "RUS")]["sign"] == "mixed"
    limited = client.get("/api/network", params={"limit": 2}).json()
    assert len(limited["nodes"]) == 2
    in_2024 = client.get("/api/network", params={"since": "2024", "min_weight": 0}).json()
    assert {(e["source"], e["target"]): e["sign"] for e in in_2024["edges"]}[("CHN", "RUS")] == "cooperation"


def test_stats_for_the_dashboard(client):
    s = client.get("/api/stats").json()
    assert (s["articles"], s["actors"], s["quotes"], s["events"]) == (5, 5, 3, 10)
    assert s["top_actors"][0]["id"] == "RUS" and s["active_actors"][0]["events"] == 6
    assert [a["id"] for a in s["top_dyads"][0]["actors"]] == ["CHN", "RUS"]
    assert s["latest_articles"][0]["id"] == A2


# -- errors --------------------------------------------------------------------------------------


def test_errors_have_one_shape(client):
    assert_error(client.get("/api/nowhere"), 404, "not_found")
    assert_error(client.get("/api/articles/ffffffffffffffff"), 404, "not_found")
    assert_error(client.delete("/api/articles"), 405, "method_not_allowed")
    err = assert_error(client.get("/api/articles", params={"limit": 0}), 422, "bad_parameter")
    assert err["detail"][0]["loc"] == ["query", "limit"] and "limit" in err["message"]
    assert_error(client.get("/api/timeline", params={"bucket": "year"}), 422, "bad_parameter")
    assert_error(client.get("/api/timeline", params={"since": "2024-02-30"}), 422, "bad_parameter")
    assert_error(client.get("/api/articles", params={"since": "yesterday"}), 422, "bad_parameter")
    assert_error(client.get("/api/network", params={"min_weight": "heavy"}), 422, "bad_parameter")
    assert_error(client.get("/api/events", params={"type": "HUG"}), 422, "bad_parameter")


def test_empty_optional_parameters_mean_no_filter(client):
    """An empty form field (since=, actor=) filters nothing rather than failing."""
    everything = client.get("/api/events").json()["total"]
    assert client.get("/api/events", params={"since": "", "until": "", "actor": "", "type": ""}).json()[
        "total"] == everything
    assert client.get("/api/network", params={"actor": "", "since": ""}).status_code == 200
    assert client.get("/api/actors", params={"q": ""}).json()["total"] == 5


def test_a_body_over_the_limit_is_refused_with_413(db):
    with TestClient(create_app(db, ingest_token="t0k", max_body_bytes=1000)) as c:
        big = {"text": "x" * 5000}
        err = assert_error(c.post("/api/ingest", json=big, headers={"Authorization": "Bearer t0k"}), 413, "too_large")
        assert "1,000 bytes" in err["message"]

        def chunks():  # no Content-Length: the bytes are counted as they come
            for _ in range(10):
                yield b"x" * 500

        assert_error(c.post("/api/ingest", content=chunks(), headers={"Authorization": "Bearer t0k"}), 413,
                     "too_large")


def test_a_broken_store_answers_503_not_500(tmp_path):
    path = tmp_path / "broken.db"
    build(Store(path)).close()
    app = create_app(str(path), pool=False)
    path.write_bytes(b"this is no database" * 100)
    with TestClient(app) as c:
        err = assert_error(c.get("/api/stats"), 503, "store_unavailable")
        assert "E030" in err["message"]


# -- safety and ingest ---------------------------------------------------------------------------


def test_read_only_without_a_token(client, db):
    methods = {m for r in client.app.routes if getattr(r, "path", "").startswith("/api") for m in r.methods}
    assert methods <= {"GET", "HEAD"}
    assert_error(client.post("/api/ingest", json={"text": "x"}), 404, "not_found")
    # the connections the routes get cannot write
    dep = get_store(type("R", (), {"app": client.app})())
    store = next(dep)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.db.execute("DELETE FROM articles")


def test_per_request_connections_give_the_same_answers(db, client):
    with TestClient(create_app(db, pool=False)) as fresh:
        assert fresh.get("/api/stats").json() == client.get("/api/stats").json()
        assert fresh.app.state.store_pool is None


def test_a_missing_store_is_an_error_unless_ingest_is_enabled(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        create_app(str(tmp_path / "nothing.db"))
    with TestClient(create_app(str(tmp_path / "new.db"), ingest_token="s3cret")) as c:
        s = c.get("/api/stats").json()
        assert s["articles"] == 0 and s["top_actors"] == [] and s["latest_articles"] == []
        assert c.get("/api/network").json() == {"nodes": [], "edges": []}
        assert c.get("/api/timeline").json()["series"] == []
        assert c.get("/api/articles").json()["items"] == []


def test_ingest_needs_the_token_and_runs_the_pipeline(tmp_path):
    with TestClient(create_app(str(tmp_path / "in.db"), ingest_token="s3cret")) as c:
        record = {"title": "Rencontre à Moscou", "published": "2024-11-14", "source": "Test",
                  "text": "Le président chinois Xi Jinping a rencontré mardi Vladimir Poutine à Moscou."}
        err = assert_error(c.post("/api/ingest", json=record), 401, "unauthorized")
        assert "Bearer" in err["message"]
        assert c.post("/api/ingest", json=record).headers["www-authenticate"] == "Bearer"
        assert_error(c.post("/api/ingest", json=record, headers={"Authorization": "Bearer nope"}), 403, "forbidden")
        ok = {"Authorization": "Bearer s3cret"}
        assert_error(c.post("/api/ingest", json={"title": "no text"}, headers=ok), 422, "bad_parameter")
        assert_error(c.post("/api/ingest", content=b"{not json", headers=ok), 422, "bad_parameter")
        assert_error(c.post("/api/ingest", json=[record] * 101, headers=ok), 422, "bad_parameter")
        done = c.post("/api/ingest", json=record, headers=ok)
        assert done.status_code == 200, done.text
        result = done.json()
        assert result["ingested"] == 1 and result["items"][0]["status"] == "ingested"
        aid = result["items"][0]["id"]
        art = c.get(f"/api/articles/{aid}").json()
        assert art["title"] == "Rencontre à Moscou" and {"xi-jinping", "putin-vladimir"} <= {
            e["id"] for e in art["entities"]}
        assert any(e["type"] == "CONSULT" for e in art["events"])
        assert art["source_file"] == "api"  # not the temporary file the request went through
        again = c.post("/api/ingest", json=[record], headers=ok).json()
        assert [(i["id"], i["status"]) for i in again["items"]] == [(aid, "duplicate")] and again["duplicates"] == 1
        assert c.get("/api/timeline", params={"actor": ["Xi Jinping", "Poutine"]}).json()["total"] >= 1


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/articles/{article_id}", "/api/actors", "/api/actors/{actor}", "/api/quotes",
            "/api/events", "/api/timeline", "/api/network", "/api/stats"} <= set(spec["paths"])
    assert "ErrorResponse" in spec["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    # the documentation page loads nothing from another host (no CDN): only vendored assets
    assert "cdn." not in docs.text and "https://" not in docs.text.replace("https://swagger.io", "")
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css"):
        assert asset in docs.text and client.get(asset).status_code == 200
    assert client.get("/redoc").status_code == 404
