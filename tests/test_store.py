import sqlite3

import pytest

from veille import Store
from veille.errors import NotFound, StoreError
from veille.model import Article, RawDocument
from veille.store import SCHEMA_VERSION, query


def add(store, aid, title, text, **kw):
    doc = RawDocument(source_file=f"{aid}.txt", text=text, raw=text.encode(), raw_format="txt", **kw)
    art = Article(id=aid, source_file=doc.source_file, title=title, text=text, language="fr", **kw)
    return store.add(doc, art)


def test_new_store_is_migrated_and_in_wal_mode(tmp_path):
    s = Store(tmp_path / "v.db")
    assert s.version == SCHEMA_VERSION
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()
    with Store(tmp_path / "v.db") as again:  # re-opening migrates nothing
        assert again.version == SCHEMA_VERSION


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "v.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match=r"\[E031\]"):
        Store(path)


def test_readonly_store_needs_an_existing_file(tmp_path):
    with pytest.raises(StoreError, match=r"\[E030\].*no such database"):
        Store(tmp_path / "missing.db", readonly=True)


def test_add_is_idempotent_and_keeps_raw_input(store):
    assert add(store, "a" * 16, "Titre", "Le texte de l'article.")
    assert not add(store, "a" * 16, "Titre", "Le texte de l'article.")
    assert store.count() == 1
    assert query.raw_document(store, "a" * 16) == b"Le texte de l'article."


def test_full_text_search_ignores_accents_and_case(store):
    add(store, "a" * 16, "Visite à Pékin", "Le ministre s'est rendu à Pékin pour des pourparlers.")
    add(store, "b" * 16, "Sommet à Moscou", "Réunion au Kremlin sur la sécurité européenne.")
    assert [r["id"] for r in query.search(store, "PEKIN")] == ["a" * 16]
    assert [r["id"] for r in query.search(store, "securite")] == ["b" * 16]
    assert [r["id"] for r in query.search(store, 'kremlin"(')] == ["b" * 16]


def test_get_article_by_unique_prefix(store):
    add(store, "abcd" + "0" * 12, "Un", "Texte un.")
    add(store, "abce" + "0" * 12, "Deux", "Texte deux.")
    assert query.get_article(store, "abcd")["title"] == "Un"
    with pytest.raises(NotFound, match=r"\[E040\]"):
        query.get_article(store, "abc")  # ambiguous and too short
    with pytest.raises(NotFound):
        query.get_article(store, "ffff")


def test_listing_orders_by_date_then_ingest(store):
    add(store, "1" * 16, "Ancien", "a.", published="2021-01-01")
    add(store, "2" * 16, "Sans date", "b.")
    add(store, "3" * 16, "Récent", "c.", published="2024-05-01")
    assert [r["title"] for r in query.list_articles(store)] == ["Récent", "Ancien", "Sans date"]
    assert [r["title"] for r in query.list_articles(store, limit=1, offset=1)] == ["Ancien"]


def test_line_stats_count_articles_per_source(store):
    doc = RawDocument(source_file="x", text="t", raw=b"t", raw_format="txt", source="S")
    for i in range(3):
        art = Article(id=f"{i:016d}", source_file="x", title="t", text="t", language="fr")
        store.add(doc, art, {"banniere", f"ligne{i}"})
    assert store.line_counts("S", ["banniere", "ligne0", "absent"]) == {"banniere": 3, "ligne0": 1}
    assert store.line_counts("T", ["banniere"]) == {}


def test_stats(store):
    add(store, "a" * 16, "T", "x.")
    s = query.stats(store)
    assert s["articles"] == 1 and s["languages"] == {"fr": 1} and s["schema_version"] == SCHEMA_VERSION


def test_co_mentions_tied_at_the_limit_are_chosen_by_name(tmp_path, monkeypatch):
    # browse.actor cut its co-mentions before ordering ties by name, keeping whichever tied
    # actor SQLite met first (here "aaa-zed", by id): `veille actor`, which now reads it,
    # would have listed other actors than its own query did
    from veille.store import browse

    from . import explore_data

    monkeypatch.setitem(explore_data.NAMES, "aaa-zed", ("Zed Zulu", "person"))
    monkeypatch.setitem(explore_data.NAMES, "zzz-abe", ("Abe Able", "person"))
    spec = explore_data.Spec("c1" + "0" * 14, "Trois noms", "2024-01-02", None, "Zed Zulu, Abe Able et la Russie.",
                             [("aaa-zed", "Zed Zulu"), ("zzz-abe", "Abe Able"), ("RUS", "la Russie")])
    with explore_data.build(Store(tmp_path / "v.db"), [spec]) as store:
        assert [c["name"] for c in browse.actor(store, "RUS", limit=1)["co_mentions"]] == ["Abe Able"]
        assert [c["name"] for c in browse.actor(store, "RUS")["co_mentions"]] == ["Abe Able", "Zed Zulu"]
