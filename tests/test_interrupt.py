"""An ingest killed with SIGKILL leaves a consistent store, and running it again finishes
the job: every article once, the already-stored ones counted as duplicates."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from veille.ingest import article_id, read_items
from veille.model import RawDocument

pytestmark = pytest.mark.slow

N = 1000
KILL_AT = 100
TIMEOUT = 40  # seconds, for each phase

CITIES = ["Genève", "Vienne", "Nairobi", "Helsinki", "Ottawa", "Dakar", "Canberra", "Brasilia",
          "Oslo", "Manille", "Amman", "Lima"]
TOPICS = ["la sécurité maritime", "le commerce des céréales", "la non-prolifération",
          "l'aide humanitaire", "les sanctions économiques", "la transition énergétique",
          "la gestion des frontières", "la dette des pays pauvres"]
SENTENCES = [
    "Les délégations de {n} pays ont participé à la réunion de {city}.",
    "Le communiqué final insiste sur {topic} et sur le rôle des organisations régionales.",
    "Selon un diplomate présent, un accord partiel pourrait être signé d'ici {m} mois.",
    "Plusieurs gouvernements ont toutefois exprimé des réserves sur le financement.",
    "La présidence tournante a proposé un calendrier de consultations jusqu'à la fin de l'année.",
    "Les observateurs notent un climat plus apaisé qu'à la session précédente.",
    "Un groupe de travail technique se réunira de nouveau à {city} le mois prochain.",
    "Les organisations non gouvernementales demandent davantage de transparence sur {topic}.",
]


def article(i: int) -> str:
    rnd = random.Random(i)
    city, topic = rnd.choice(CITIES), rnd.choice(TOPICS)
    lines = [f"Réunion diplomatique numéro {i} à {city} consacrée à {topic}"]
    for k in range(6):
        picked = rnd.sample(SENTENCES, 3)
        body = " ".join(s.format(n=rnd.randint(3, 60), m=rnd.randint(2, 18), city=city,
                                 topic=rnd.choice(TOPICS)) for s in picked)
        lines.append(f"Point {k + 1} de la réunion {i}. {body}")
    return "\n\n".join(lines) + "\n"


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0
    finally:
        con.close()


def check_consistent(db: Path) -> tuple[int, set[str]]:
    """Integrity, documents <-> articles, full-text index <-> articles; returns (count, ids)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert articles == documents
        ids = {r[0] for r in con.execute("SELECT id FROM articles")}
        assert ids == {r[0] for r in con.execute("SELECT id FROM documents")}
        assert len(ids) == articles
        # rows indexed by FTS5 (its own shadow table, not the external content table)
        fts_rows = con.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
        assert fts_rows == articles
        # every article is findable through the index ("reunion": accents ignored)
        found = con.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'reunion'").fetchone()[0]
        assert found == articles
    finally:
        con.close()
    # FTS5's own check (needs a writable connection; the writer is gone)
    con = sqlite3.connect(db)
    try:
        con.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        con.close()
    return articles, ids


def test_sigkill_then_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    files = []
    for i in range(N):
        f = folder / f"article-{i:04d}.txt"
        f.write_text(article(i), encoding="utf-8")
        files.append(f)
    expected: dict[str, str] = {}
    for item in read_items(files):
        assert isinstance(item, RawDocument), item
        expected[item.source_file] = article_id(item)
    assert len(set(expected.values())) == N  # the inputs really are distinct articles

    db = tmp_path / "veille.db"
    # cleaning and storing only: this test is about the store; extraction is resumable too
    # (test_extract_resume)
    cmd = [sys.executable, "-m", "veille.cli", "ingest", str(folder), "--db", str(db), "--quiet", "--no-extract"]
    log1 = open(tmp_path / "run1.log", "wb")
    proc = subprocess.Popen(cmd, stdout=log1, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        deadline = time.monotonic() + TIMEOUT
        while count_articles(db) < KILL_AT:
            assert proc.poll() is None, (
                f"ingest ended (rc={proc.returncode}) before it could be killed: "
                + (tmp_path / "run1.log").read_text())
            assert time.monotonic() < deadline, "ingest too slow to reach the kill point"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log1.close()
    assert proc.returncode == -signal.SIGKILL, "the first run finished instead of being killed"

    kept, kept_ids = check_consistent(db)
    assert KILL_AT <= kept < N, kept
    assert kept_ids <= set(expected.values())

    t0 = time.monotonic()
    second = subprocess.run(cmd, capture_output=True, cwd=tmp_path, timeout=TIMEOUT,
                            env={**os.environ, "COLUMNS": "200"})
    assert time.monotonic() - t0 < TIMEOUT
    stdout, stderr = second.stdout.decode(), second.stderr.decode()
    assert second.returncode == 0, stderr
    assert stderr.strip() == ""
    summary = stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ ingested, \d+ duplicates, \d+ failed", summary)
    assert summary == f"{N - kept} ingested, {kept} duplicates, 0 failed"

    total, ids = check_consistent(db)
    assert total == N
    assert ids == set(expected.values())
    assert kept_ids <= ids
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        per_file = dict(con.execute("SELECT source_file, count(*) FROM articles GROUP BY 1"))
        stored_id = dict(con.execute("SELECT source_file, id FROM articles"))
        errors = con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0]
    finally:
        con.close()
    assert per_file == {str(f): 1 for f in files}
    assert stored_id == expected
    assert errors == 0
