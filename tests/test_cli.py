"""The CLI: every command documented, thin wrappers behaving as the README says."""

import json
import re

import pytest
from typer.testing import CliRunner

from veille import Store
from veille.cli import app

from .conftest import GOLD, ROOT
from .explore_data import build

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)

ARTICLE = """Europe

Varsovie et Vilnius renforcent leur défense aérienne commune

Les ministres polonais et lituanien de la Défense ont annoncé jeudi à Varsovie l'achat commun de systèmes de défense aérienne, citant la menace que représente la Biélorussie voisine.

Partager sur Facebook

« Notre frontière est celle de l'Otan », a déclaré le ministre polonais lors d'une conférence de presse commune avec son homologue lituanien, selon l'agence PAP.

Selon Reuters
"""


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "cli.db"
    monkeypatch.setenv("VEILLE_DB", str(path))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return path


def test_expected_commands_exist():
    assert {"ingest", "articles", "show", "search", "stats", "export", "eval"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_a_one_line_summary(name):
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    cmd = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == name)
    summary = (cmd.callback.__doc__ or "").strip().splitlines()
    assert summary and summary[0].endswith("."), name


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert re.search(rf"`veille {name}\b", readme), f"README lacks `veille {name}`"


def test_ingest_then_read_commands(db, tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "in")])
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("1 ingested, 0 duplicates, 0 failed")
    assert db.exists()

    rows = [json.loads(x) for x in runner.invoke(app, ["articles", "--json"]).stdout.splitlines()]
    assert [r["title"] for r in rows] == ["Varsovie et Vilnius renforcent leur défense aérienne commune"]
    aid = rows[0]["id"]

    shown = runner.invoke(app, ["show", aid[:6]])
    assert shown.exit_code == 0
    assert "share_prompt: Partager sur Facebook" in shown.stdout
    assert "section_label: Europe" in shown.stdout
    assert "cited sources: Reuters" in shown.stdout

    found = runner.invoke(app, ["search", "defense aerienne"])
    assert found.exit_code == 0 and aid in found.stdout
    assert runner.invoke(app, ["search", "introuvablexyz"]).exit_code == 1

    stats = json.loads(runner.invoke(app, ["stats", "--json"]).stdout)
    assert stats["articles"] == 1 and stats["removed_lines"]["share_prompt"] == 1

    exported = runner.invoke(app, ["export"]).stdout.splitlines()
    assert len(exported) == 1 and json.loads(exported[0])["cited_sources"] == ["Reuters"]
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["export", "--format", "csv", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("id,source_file,url,title")
    assert runner.invoke(app, ["export", "--format", "xml"]).exit_code == 2


def test_rerun_counts_duplicates(db, tmp_path):
    runner.invoke(app, ["ingest", str(tmp_path / "in")])
    again = runner.invoke(app, ["ingest", str(tmp_path / "in")])
    assert again.exit_code == 0
    assert "0 ingested, 1 duplicates, 0 failed" in again.stdout


def test_db_option_beats_environment(db, tmp_path):
    other = tmp_path / "other.db"
    assert runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(other)]).exit_code == 0
    assert other.exists() and not db.exists()


def test_show_unknown_id_is_a_one_line_error(db, tmp_path):
    runner.invoke(app, ["ingest", str(tmp_path / "in")])
    result = runner.invoke(app, ["show", "ffffffffffffffff"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "[E040] no article with id 'ffffffffffffffff'"


def test_reading_commands_on_a_missing_database_fail_cleanly(tmp_path):
    result = runner.invoke(app, ["articles", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "[E030]" in result.stderr


def test_user_rules_file_extends_the_cleaner(db, tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("language: fr\nrules:\n  - reason: site_furniture\n    max_words: 30\n"
                     "    patterns: ['^« notre frontière']\n", encoding="utf-8")
    runner.invoke(app, ["ingest", str(tmp_path / "in"), "--rules", str(rules)])
    rec = json.loads(runner.invoke(app, ["export"]).stdout)
    assert "Notre frontière" not in rec["text"]


def test_a_bad_rules_file_names_file_entry_and_field(db, tmp_path):
    rules = tmp_path / "bad.yaml"
    rules.write_text("language: fr\nrules:\n  - reason: nonsense\n    patterns: ['x']\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--rules", str(rules)])
    assert result.exit_code == 1
    assert "[E020]" in result.stderr and "bad.yaml" in result.stderr and "rules[0] field 'reason'" in result.stderr


def test_eval_check_passes_on_the_project_gold():
    result = runner.invoke(app, ["eval", str(GOLD), "--check"])
    assert result.exit_code == 0, result.output
    assert "boilerplate_recall" in result.stdout


def test_eval_check_fails_below_a_floor(tmp_path):
    floors = tmp_path / "floors.yaml"
    floors.write_text("title_accuracy: 1.01\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(GOLD), "--check", "--floors", str(floors)])
    assert result.exit_code == 1 and "below floor: title_accuracy" in result.stderr


def test_actors_commands_and_user_kb(db, tmp_path):
    kb = tmp_path / "mine.yaml"
    kb.write_text("entities:\n  - {id: PAP, name: Polish Press Agency, type: media, names: {fr: [PAP]}}\n",
                  encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(tmp_path / "in"), "--kb", str(kb)]).exit_code == 0
    rows = [json.loads(x) for x in runner.invoke(app, ["actors", "--json"]).stdout.splitlines()]
    ids = {r["id"] for r in rows}
    assert {"WARSAW", "BLR", "NATO", "PAP"} <= ids
    media = [json.loads(x) for x in runner.invoke(app, ["actors", "--type", "media", "--json"]).stdout.splitlines()]
    assert {r["id"] for r in media} == {"PAP"}
    rec = json.loads(runner.invoke(app, ["actor", "Otan", "--json"]).stdout)
    assert rec["id"] == "NATO" and rec["aliases"][0]["alias"] == "Otan"
    assert runner.invoke(app, ["actor", "Nobody Atall"]).exit_code == 1


@pytest.fixture
def explore_db(tmp_path):
    """The hand-made store of the explore tests (tests/explore_data.py): every count known."""
    path = tmp_path / "explore.db"
    build(Store(path)).close()
    return str(path)


def _json_rows(*args: str) -> list[dict]:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(x) for x in result.stdout.splitlines()]


def test_actors_lists_counts_most_covered_first(explore_db):
    rows = _json_rows("actors", "--db", explore_db)
    assert [(r["id"], r["articles"], r["mentions"]) for r in rows] == [
        ("RUS", 4, 8), ("CHN", 3, 5), ("putin-vladimir", 3, 4), ("USA", 2, 4), ("xi-jinping", 2, 2)]
    assert {"id", "name", "type", "qid", "in_kb", "articles", "mentions"} <= set(rows[0])
    assert [r["id"] for r in _json_rows("actors", "--db", explore_db, "--q", "pout")] == ["putin-vladimir"]
    assert [r["id"] for r in _json_rows("actors", "--db", explore_db, "--type", "person", "--limit", "1")] == [
        "putin-vladimir"]
    table = runner.invoke(app, ["actors", "--db", explore_db, "--limit", "2"]).stdout.splitlines()
    assert table[0].split() == ["id", "name", "type", "articles", "mentions"]
    assert table[1].split() == ["RUS", "Russia", "country", "4", "8"] and len(table) == 3


def test_actor_shows_aliases_articles_and_co_mentions(explore_db):
    out = runner.invoke(app, ["actor", "Poutine", "--db", explore_db]).stdout
    assert "aliases seen: Poutine (2), Vladimir Poutine (2)" in out
    assert "role: head_of_state of Russia, 2012-05-07 – today" in out
    listed = [line.split()[0] for line in out.splitlines() if re.match(r"a[1-5]0{14} ", line)]
    assert listed == ["a5" + "0" * 14, "a1" + "0" * 14, "a4" + "0" * 14]  # newest first, undated last
    assert "Russia (2), China (1), United States (1), Xi Jinping (1)" in out
    rec = json.loads(runner.invoke(app, ["actor", "Si Jinping", "--db", explore_db, "--json"]).stdout)
    assert rec["id"] == "xi-jinping" and rec["in_kb"] is True
    assert {"id", "name", "type", "qid", "aliases", "roles", "articles", "co_mentions"} <= set(rec)


def test_quotes_by_speaker_any_spelling_words_and_kind(explore_db):
    def texts(*args: str) -> list[str]:
        return [r["text"] for r in _json_rows("quotes", "--db", explore_db, *args)]

    assert texts("--speaker", "Poutine") == ["tout va bien", "Nous sommes amis pour toujours"]  # newest first
    assert texts("--speaker", "putin-vladimir", "--limit", "1") == ["tout va bien"]
    assert texts("--speaker", "Si Jinping") == ["les critiques de la Russie"]  # a transliteration
    assert texts("--speaker", "Xi") == ["les critiques de la Russie"]  # a knowledge-base name no text uses
    assert texts("--q", "AMIS toujours") == ["Nous sommes amis pour toujours"]
    assert texts("--kind", "partial") == ["tout va bien"]
    row = _json_rows("quotes", "--db", explore_db, "--speaker", "Poutine")[0]
    assert row["speaker"] == {"id": "putin-vladimir", "name": "Vladimir Putin"} and row["article_id"] == "a5" + "0" * 14
    out = runner.invoke(app, ["quotes", "--db", explore_db, "--kind", "partial"]).stdout.splitlines()
    assert out[0] == "Vladimir Putin · partial · déclarer" and out[1] == "  « tout va bien »"
    result = runner.invoke(app, ["quotes", "--db", explore_db, "--speaker", "Nobody Atall"])
    assert result.exit_code == 1 and "[E061]" in result.stderr


def test_quotes_by_a_spelling_seen_do_not_load_the_knowledge_base(explore_db, monkeypatch):
    def no_kb(*args, **kwargs):
        raise AssertionError("the knowledge base was loaded")

    monkeypatch.setattr("veille.kb.load_kb", no_kb)
    assert [r["speaker"]["id"] for r in _json_rows("quotes", "--db", explore_db, "--speaker", "Poutine")] == [
        "putin-vladimir", "putin-vladimir"]


def test_a_bad_kb_file_stops_before_reading(db, tmp_path):
    kb = tmp_path / "bad.yaml"
    kb.write_text("entities:\n  - {id: X, name: Foo, type: planet}\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--kb", str(kb)])
    assert result.exit_code == 1
    assert "[E020]" in result.stderr and "bad.yaml" in result.stderr and "field 'type'" in result.stderr
    assert not db.exists() or json.loads(runner.invoke(app, ["stats", "--json"]).stdout)["articles"] == 0


def test_extract_later_and_redo(db, tmp_path):
    assert runner.invoke(app, ["ingest", str(tmp_path / "in"), "--no-extract"]).exit_code == 0
    assert runner.invoke(app, ["actors", "--json"]).stdout == ""
    assert "1 articles analysed" in runner.invoke(app, ["extract"]).stdout
    assert "0 articles analysed" in runner.invoke(app, ["extract"]).stdout
    first = runner.invoke(app, ["actors", "--json"]).stdout
    assert "1 articles analysed" in runner.invoke(app, ["extract", "--all"]).stdout
    assert runner.invoke(app, ["actors", "--json"]).stdout == first  # no duplicated mentions


def test_a_text_too_long_for_the_nlp_stage_is_stored_without_extraction(db, tmp_path):
    from veille.nlp import load_model

    nlp = load_model("fr")
    saved = nlp.max_length
    nlp.max_length = 200  # stands for spaCy's limit (1,000,000 characters by default)
    try:
        result = runner.invoke(app, ["ingest", str(tmp_path / "in")])
    finally:
        nlp.max_length = saved
    assert result.exit_code == 0
    assert "1 ingested" in result.stdout
    assert "[E062]" in result.stderr and "too long for the NLP stage" in result.stderr
    assert runner.invoke(app, ["actors", "--json"]).stdout == ""
    assert "1 articles analysed" in runner.invoke(app, ["extract"]).stdout  # later, with the normal limit
