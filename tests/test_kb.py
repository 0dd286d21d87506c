"""The knowledge base: validation of files, lookups, roles at a date, name keys."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veille.errors import DataFileError
from veille.kb import KnowledgeBase, load_kb, name_key, translit_key
from veille.kb.loader import read_entities, read_kb_file


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_shipped_kb_covers_what_the_issue_asks(kb):
    types = {}
    for ent in kb.entities.values():
        types[ent.type] = types.get(ent.type, 0) + 1
    assert types["country"] >= 195 and types["media"] >= 40 and types["organisation"] >= 50
    for eid in ("NATO", "EU", "UN", "BRICS", "G7", "G20", "SCO", "ASEAN", "AFRICAN_UNION", "OSCE", "IAEA"):
        assert kb.get(eid) is not None, eid
    assert kb.get("CHN").qid == "Q148"


@pytest.mark.parametrize(
    ("role", "of", "day", "holder"),
    [
        ("defence_minister", "RUS", dt.date(2024, 4, 1), "shoigu-sergei"),
        ("defence_minister", "RUS", dt.date(2024, 10, 1), "belousov-andrei"),
        ("secretary_general", "NATO", dt.date(2024, 7, 11), "stoltenberg-jens"),
        ("secretary_general", "NATO", dt.date(2024, 11, 1), "rutte-mark"),
        ("head_of_state", "CHN", dt.date(2021, 12, 15), "xi-jinping"),
    ],
)
def test_role_holders_at_a_date(kb, role, of, day, holder):
    assert kb.holder(role, of, day) == holder


def test_metonyms_and_adjectives(kb):
    assert kb.get("KREMLIN").metonym_of == "RUS"
    assert kb.adjective("chinoises") == "CHN"
    assert kb.adjective("nord-coréen") == "PRK"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Choïgou", "Shoigu"), ("Belooussov", "Belousov"), ("Kouleba", "Kuleba"), ("Si Jinping", "Xi Jinping"),
     ("Lee Hui", "Li Hui"), ("Youri Ouchakov", "Yuri Ushakov")],
)
def test_transliteration_keys(a, b):
    assert translit_key(a) == translit_key(b)


def test_name_key_drops_articles_accents_and_case():
    assert name_key("l'Alliance Atlantique") == name_key("Alliance atlantique") == "alliance atlantique"


@given(st.text(max_size=40))
def test_keys_never_crash_and_are_idempotent(s):
    assert name_key(name_key(s)) == name_key(s)
    translit_key(s)


def test_unknown_names_never_crash(kb):
    assert kb.lookup("Zyxwvut Qqq") == []
    assert kb.fuzzy("") is None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{id: X1, name: Foo, type: planet}", "entry #0 (X1): field 'type'"),
        ("{id: X1, type: country}", "entry #0 (X1): field 'name'"),
        ("{id: X1, name: Foo, type: person, qid: 12}", "field 'qid'"),
        ("{id: X1, name: Foo, type: person, roles: [{role: emperor, of: RUS}]}", "field 'roles[0]'"),
        ("{id: X1, name: Foo, type: person, roles: [{role: head_of_state, of: RUS, start: 2020-01-01, end: 2019-01-01}]}",
         "ends (2019-01-01) before it starts"),
        ("{id: X1, name: Foo, type: person, names: {fr: Foo}}", "field 'names'"),
    ],
)
def test_bad_entries_name_file_entry_and_field(tmp_path, entry, message):
    path = tmp_path / "mine.yaml"
    path.write_text(f"entities:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_kb_file(path)
    assert "[E020]" in str(info.value) and "mine.yaml" in str(info.value) and message in str(info.value)


def test_unknown_reference_is_rejected(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("entities:\n  - {id: X1, name: Foo, type: place, metonym_of: NOWHERE}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"entry X1: field 'metonym_of': unknown id 'NOWHERE'"):
        read_entities([path])


def test_user_file_adds_an_actor(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "entities:\n  - {id: valdemaro-horatio, name: Horatio Valdemaro, type: person, nationality: CHL,"
        " names: {fr: [Horatio Valdemaro, Valdemaro]}}\n",
        encoding="utf-8",
    )
    kb = load_kb([path])
    assert kb.lookup("Valdemaro")[0].id == "valdemaro-horatio"
    assert kb.get("NATO") is not None
