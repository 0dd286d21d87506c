"""Bad inputs: every bad item gets one line "[Exxx] <item> ... <cause>", the rest of the
run is stored, the summary counts both, and the exit code says whether anything was kept.

The articles below are short texts written for these tests.
"""

from __future__ import annotations

import builtins
import json
import os
import pathlib
import random
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli import app

# --------------------------------------------------------------------------------------
# Test articles (title line + two short paragraphs)

ARTICLES = {
    "bruxelles": (
        "Les ministres européens réunis à Bruxelles sur la défense commune",
        "Les ministres de la défense de l'Union européenne se sont retrouvés mardi à Bruxelles. "
        "Ils ont examiné un plan d'achats groupés de munitions et de systèmes antiaériens.",
        "Plusieurs capitales jugent le calendrier trop ambitieux. Une décision formelle est "
        "attendue lors du prochain Conseil européen, en juin.",
    ),
    "soudan": (
        "L'Union africaine appelle à un cessez-le-feu immédiat au Soudan",
        "Réunie en session extraordinaire à Addis-Abeba, l'Union africaine a exigé l'arrêt des "
        "combats au Soudan. Le communiqué final réclame l'ouverture de couloirs humanitaires.",
        "Les médiateurs régionaux doivent se rendre à Port-Soudan la semaine prochaine. Ils "
        "espèrent réunir les deux camps autour d'une même table avant la saison des pluies.",
    ),
    "seoul": (
        "Tokyo et Séoul relancent leur dialogue stratégique",
        "Les ministres des affaires étrangères japonais et sud-coréen se sont entretenus à Séoul "
        "pour la première fois depuis cinq ans. Ils ont promis de partager davantage "
        "d'informations sur les essais de missiles dans la région.",
        "Les deux gouvernements veulent aussi apaiser leurs différends historiques. Un sommet des "
        "chefs de gouvernement pourrait suivre à l'automne.",
    ),
    "liban": (
        "L'ONU prolonge sa mission de maintien de la paix au Liban",
        "Le Conseil de sécurité a voté jeudi la prolongation pour un an de la mission déployée "
        "au sud du Liban. Le texte a été adopté à l'unanimité après de longues négociations.",
        "Plusieurs membres du Conseil ont demandé un rapport détaillé sur la liberté de "
        "mouvement des patrouilles. Le secrétaire général devra le présenter d'ici décembre.",
    ),
    "asean": (
        "Sommet de l'ASEAN : la mer de Chine méridionale au cœur des débats",
        "Les dirigeants d'Asie du Sud-Est ont ouvert leur sommet annuel à Vientiane. La question "
        "des incidents maritimes a dominé la première journée.",
        "Un code de conduite est en discussion depuis des années sans aboutir. Les diplomates "
        "présents évoquent des progrès modestes sur la rédaction du texte.",
    ),
    "arctique": (
        "Le Conseil de l'Arctique reprend ses travaux techniques",
        "Les huit États membres du Conseil de l'Arctique ont accepté de relancer plusieurs "
        "groupes de travail scientifiques. Les réunions politiques restent toutefois suspendues.",
        "Les chercheurs saluent une décision qui permet de poursuivre la surveillance du climat. "
        "Les gouvernements n'ont fixé aucune date pour une réunion ministérielle.",
    ),
}


def article_text(key: str) -> str:
    title, p1, p2 = ARTICLES[key]
    return f"{title}\n\n{p1}\n\n{p2}\n"


def write_article(path: Path, key: str) -> Path:
    path.write_text(article_text(key), encoding="utf-8")
    return path


def html_page(key: str) -> str:
    title, p1, p2 = ARTICLES[key]
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>"
        '<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>'
        f"<article><h1>{title}</h1><p>{p1}</p><p>{p2}</p></article>"
        "<footer>Contact</footer></body></html>"
    )


def record(key: str, rid: str) -> dict[str, str]:
    title, p1, p2 = ARTICLES[key]
    return {"id": rid, "title": title, "text": f"{p1}\n\n{p2}"}


# --------------------------------------------------------------------------------------
# Running the CLI and reading the store

runner = CliRunner()
SUMMARY = re.compile(r"^(\d+) ingested, (\d+) duplicates, (\d+) failed$")


class Run:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    @property
    def summary(self) -> str:
        lines = [line for line in self.stdout.splitlines() if line.strip()]
        assert lines, f"no summary printed; stderr: {self.stderr!r}"
        return lines[-1]


def ingest(db: Path, *args: object, input: bytes | None = None) -> Run:
    result = runner.invoke(app, ["ingest", *map(str, args), "--db", str(db)], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def ingest_process(db: Path, *args: object, input: bytes | None = None, cwd: Path) -> Run:
    proc = subprocess.run(
        [sys.executable, "-m", "veille.cli", "ingest", *map(str, args), "--db", str(db)],
        input=input, capture_output=True, cwd=cwd, timeout=120,
        env={**os.environ, "COLUMNS": "80"},
    )
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def connect_ro(db: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    return con


def stored(db: Path) -> list[dict]:
    con = connect_ro(db)
    try:
        return [dict(r) for r in con.execute(
            "SELECT a.id, a.source_file, a.record, a.title, a.text, d.encoding, d.raw_format"
            " FROM articles a JOIN documents d ON d.id = a.id ORDER BY a.n"
        )]
    finally:
        con.close()


def logged_errors(db: Path) -> list[tuple[str, str, str]]:
    con = connect_ro(db)
    try:
        sql = "SELECT item, code, message FROM ingest_errors ORDER BY n"
        return [tuple(r) for r in con.execute(sql)]
    finally:
        con.close()


def one_error(run: Run, db: Path, code: str, item: str, cause: str) -> str:
    """The run printed exactly one error line: [code] naming ``item``, matching ``cause``."""
    assert len(run.errors) == 1, run.errors
    line = run.errors[0]
    assert line.startswith(f"[{code}] "), line
    assert item in line, (item, line)
    assert re.search(cause, line), (cause, line)
    logged = logged_errors(db)
    assert [(c, m) for _, c, m in logged] == [(code, line)]
    return line


def counts(run: Run) -> tuple[int, int, int]:
    m = SUMMARY.match(run.summary)
    assert m, run.summary
    return int(m[1]), int(m[2]), int(m[3])


def assert_stored(db: Path, key: str, source_file: str, record_key: str | None = None) -> dict:
    title, p1, p2 = ARTICLES[key]
    rows = [r for r in stored(db) if r["source_file"] == source_file and r["record"] == record_key]
    assert len(rows) == 1, (source_file, record_key, stored(db))
    row = rows[0]
    assert row["title"] == title.replace("\u2019", "'")
    assert p1.split(". ")[0] in row["text"]
    assert p2.split(". ")[0] in row["text"]
    return row


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "veille.db"


# --------------------------------------------------------------------------------------
# Empty and binary files


def test_empty_file(tmp_path: Path, db: Path) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    good = write_article(tmp_path / "bon.txt", "bruxelles")
    run = ingest(db, empty, good)
    one_error(run, db, "E002", str(empty), r"is empty$")
    assert_stored(db, "bruxelles", str(good))
    assert len(stored(db)) == 1
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"
    assert run.exit_code == 0


def test_whitespace_only_file(tmp_path: Path, db: Path) -> None:
    blank = tmp_path / "blanc.txt"
    blank.write_bytes(b"  \n\t\r\n   \n\n")
    good = write_article(tmp_path / "bon.txt", "soudan")
    run = ingest(db, good, blank)
    one_error(run, db, "E002", str(blank), r"is empty$")
    assert_stored(db, "soudan", str(good))
    assert len(stored(db)) == 1
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"
    assert run.exit_code == 0


def _png_like() -> bytes:
    rnd = random.Random(1234)
    chunks = [b"\x89PNG\r\n\x1a\n",
              b"\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"]
    for _ in range(16):
        chunks.append(rnd.randbytes(250))
        chunks.append(b"\x00\x00")
    return b"".join(chunks)


def test_binary_file_named_txt(tmp_path: Path, db: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(_png_like())
    good = write_article(tmp_path / "bon.txt", "seoul")
    run = ingest(db, binary, good)
    one_error(run, db, "E003", str(binary), r"looks binary \(NUL bytes\), not text$")
    assert_stored(db, "seoul", str(good))
    assert len(stored(db)) == 1
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"


def test_binary_file_without_suffix_given_explicitly(tmp_path: Path, db: Path) -> None:
    binary = tmp_path / "image_sans_extension"
    binary.write_bytes(_png_like())
    good = write_article(tmp_path / "bon.txt", "seoul")
    run = ingest(db, good, binary)
    one_error(run, db, "E003", str(binary), r"looks binary \(NUL bytes\), not text$")
    assert_stored(db, "seoul", str(good))
    assert len(stored(db)) == 1
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"
    assert run.exit_code == 0


# --------------------------------------------------------------------------------------
# Encodings: decoded correctly, accents intact


def _no_mojibake(text: str) -> None:
    for bad in ("\ufffd", "Ã", "â€", "\ufeff", "\x00"):
        assert bad not in text, (bad, text)


def test_latin1_french_text(tmp_path: Path, db: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    data = article_text("bruxelles").encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really not UTF-8
    latin1.write_bytes(data)
    good = write_article(tmp_path / "bon.txt", "arctique")
    run = ingest(db, latin1, good)
    assert run.errors == []
    assert run.summary == "2 ingested, 0 duplicates, 0 failed"
    row = assert_stored(db, "bruxelles", str(latin1))
    assert row["title"] == "Les ministres européens réunis à Bruxelles sur la défense commune"
    for word in ("européenne", "retrouvés", "systèmes", "antiaériens", "décision", "attendue"):
        assert word in row["text"]
    _no_mojibake(row["title"] + row["text"])
    assert row["encoding"] in ("latin-1", "cp1252")
    assert_stored(db, "arctique", str(good))


def test_windows_1252_text(tmp_path: Path, db: Path) -> None:
    text = (
        "Le président évoque « l’été » décisif des négociations à Genève\n\n"
        "Le président a salué l’œuvre des diplomates… Selon lui, le cœur du problème reste la "
        "sécurité énergétique, dont le coût atteint 40 € par foyer et par mois.\n\n"
        "Les négociateurs promettent de revenir à la table dès la semaine prochaine, malgré "
        "les désaccords persistants sur le calendrier.\n"
    )
    data = text.encode("cp1252")
    for byte in (b"\x92", b"\x9c", b"\x85", b"\x80"):  # ’ œ … €: Windows-1252 only
        assert byte in data
    cp = tmp_path / "windows.txt"
    cp.write_bytes(data)
    good = write_article(tmp_path / "bon.txt", "liban")
    run = ingest(db, good, cp)
    assert run.errors == []
    assert run.summary == "2 ingested, 0 duplicates, 0 failed"
    rows = [r for r in stored(db) if r["source_file"] == str(cp)]
    assert len(rows) == 1
    row = rows[0]
    assert row["encoding"] == "cp1252"
    assert row["title"] == "Le président évoque « l'été » décisif des négociations à Genève"
    for phrase in ("l'œuvre des diplomates…", "le cœur du problème", "sécurité énergétique",
                   "40 € par foyer", "négociateurs", "désaccords"):
        assert phrase in row["text"]
    _no_mojibake(row["title"] + row["text"])
    assert_stored(db, "liban", str(good))


def test_utf16_with_bom(tmp_path: Path, db: Path) -> None:
    u16 = tmp_path / "utf16.txt"
    u16.write_bytes(article_text("asean").encode("utf-16"))  # BOM + native order
    assert u16.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    good = write_article(tmp_path / "bon.txt", "bruxelles")
    run = ingest(db, u16, good)
    assert run.errors == []
    assert run.summary == "2 ingested, 0 duplicates, 0 failed"
    row = assert_stored(db, "asean", str(u16))
    assert row["encoding"] == "utf-16"
    assert row["title"] == "Sommet de l'ASEAN : la mer de Chine méridionale au cœur des débats"
    assert "présents évoquent des progrès modestes" in row["text"]
    _no_mojibake(row["title"] + row["text"])


def test_utf8_with_bom(tmp_path: Path, db: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(article_text("soudan").encode("utf-8-sig"))
    assert bom.read_bytes()[:3] == b"\xef\xbb\xbf"
    good = write_article(tmp_path / "bon.txt", "seoul")
    run = ingest(db, bom, good)
    assert run.errors == []
    assert run.summary == "2 ingested, 0 duplicates, 0 failed"
    row = assert_stored(db, "soudan", str(bom))
    assert row["encoding"] == "utf-8-sig"
    # the BOM is not part of the title
    assert row["title"] == "L'Union africaine appelle à un cessez-le-feu immédiat au Soudan"
    _no_mojibake(row["title"] + row["text"])
    # same content without the BOM is the same article
    plain = write_article(tmp_path / "sans-bom.txt", "soudan")
    again = ingest(db, plain)
    assert again.summary == "0 ingested, 1 duplicates, 0 failed"


# --------------------------------------------------------------------------------------
# Size limit


@pytest.mark.slow
def test_50mb_text_fails_fast_without_being_read(tmp_path: Path, db: Path, monkeypatch) -> None:
    big = tmp_path / "enorme.txt"
    block = article_text("arctique").encode("utf-8") * 100
    with open(big, "wb") as fh:
        while fh.tell() < 50_000_000:
            fh.write(block)
    assert big.stat().st_size >= 50_000_000
    good = write_article(tmp_path / "bon.txt", "liban")

    opened: list[str] = []
    real_open = builtins.open
    real_path_open, real_read_bytes = pathlib.Path.open, pathlib.Path.read_bytes

    def spy_open(file, *args, **kwargs):
        opened.append(os.fspath(file) if isinstance(file, str | os.PathLike) else repr(file))
        return real_open(file, *args, **kwargs)

    def spy_path_open(self, *args, **kwargs):
        opened.append(str(self))
        return real_path_open(self, *args, **kwargs)

    def spy_read_bytes(self):
        opened.append(str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(pathlib.Path, "open", spy_path_open)
    monkeypatch.setattr(pathlib.Path, "read_bytes", spy_read_bytes)

    t0 = time.monotonic()
    try:
        run = ingest(db, big, good)
    finally:
        elapsed = time.monotonic() - t0
        monkeypatch.undo()
        big.unlink()  # do not leave 50 MB behind in pytest's kept temporary folders

    one_error(run, db, "E005", str(big),
              r"is too large \(5\d\.\d MB > 10\.0 MB limit\); raise it with --max-mb$")
    assert str(big) not in opened, "the oversized file was opened"
    assert str(good) in opened  # the spies do see the files that are read
    assert elapsed < 10, elapsed
    assert_stored(db, "liban", str(good))
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"


def test_max_mb_raises_the_limit(tmp_path: Path, db: Path) -> None:
    long = tmp_path / "long.txt"
    # distinct paragraphs (the cleaner drops near-identical neighbours)
    pool = [p for _, p1, p2 in ARTICLES.values() for p in (p1, p2)]
    paragraphs = [ARTICLES["asean"][0]]
    paragraphs += [f"Séance {i} : {pool[i % len(pool)]}" for i in range(1000)]
    long.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    size = long.stat().st_size
    assert 150_000 < size < 300_000

    refused = ingest(db, long, "--max-mb", "0.1")
    one_error(refused, db, "E005", str(long), r"too large \(0\.[23] MB > 0\.1 MB limit\)")
    assert refused.summary == "0 ingested, 0 duplicates, 1 failed"
    assert refused.exit_code == 1
    assert stored(db) == []

    accepted = ingest(db, long, "--max-mb", "0.5")
    assert accepted.errors == []
    assert accepted.summary == "1 ingested, 0 duplicates, 0 failed"
    assert accepted.exit_code == 0
    (row,) = stored(db)
    assert row["source_file"] == str(long)
    assert "Séance 999 :" in row["text"]


# --------------------------------------------------------------------------------------
# HTML without an article


def test_html_with_only_a_nav_menu(tmp_path: Path, db: Path) -> None:
    nav = tmp_path / "menu.html"
    nav.write_text(
        '<!doctype html><html lang="fr"><head><title>Accueil</title></head><body><nav><ul>'
        '<li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li>'
        '<li><a href="/europe">Europe</a></li><li><a href="/contact">Contact</a></li>'
        "</ul></nav></body></html>",
        encoding="utf-8",
    )
    good = write_article(tmp_path / "bon.txt", "asean")
    run = ingest(db, nav, good)
    # either the extractor finds nothing (E006) or the cleaner drops the menu (E011)
    one_error(run, db, "E006" if "[E006]" in run.stderr else "E011", str(nav),
              r"(no article text found in the HTML|no text left after cleaning)$")
    assert [r["source_file"] for r in stored(db)] == [str(good)]
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"


def test_html_with_an_empty_body(tmp_path: Path, db: Path) -> None:
    empty = tmp_path / "vide.html"
    empty.write_text("<!doctype html><html><head><title>Rien</title></head><body>\n</body></html>",
                     encoding="utf-8")
    good = tmp_path / "bon.html"
    good.write_text(html_page("liban"), encoding="utf-8")
    run = ingest(db, empty, good)
    one_error(run, db, "E006", str(empty), r": no article text found in the HTML$")
    assert_stored(db, "liban", str(good))
    assert len(stored(db)) == 1
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"


# --------------------------------------------------------------------------------------
# JSON Lines


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_malformed_line_between_good_records(tmp_path: Path, db: Path) -> None:
    f = _jsonl(tmp_path / "flux.jsonl", [
        json.dumps(record("bruxelles", "a1"), ensure_ascii=False),
        json.dumps(record("soudan", "a2"), ensure_ascii=False),
        '{"id": "a3", "title": "Ligne tronquée", "text": "Les ministres',
        json.dumps(record("seoul", "a4"), ensure_ascii=False),
    ])
    run = ingest(db, f)
    one_error(run, db, "E007", f"{f} (line 3)", r"\(line 3\): invalid JSON \(")
    for key, rid in (("bruxelles", "a1"), ("soudan", "a2"), ("seoul", "a4")):
        assert_stored(db, key, str(f), rid)
    assert len(stored(db)) == 3
    assert run.summary == "3 ingested, 0 duplicates, 1 failed"
    assert run.exit_code == 0


def test_jsonl_text_not_a_string(tmp_path: Path, db: Path) -> None:
    f = _jsonl(tmp_path / "flux.jsonl", [
        json.dumps(record("liban", "b1"), ensure_ascii=False),
        json.dumps({"id": "b2", "title": "Un nombre", "text": 42}),
        json.dumps(record("asean", "b3"), ensure_ascii=False),
    ])
    run = ingest(db, f)
    one_error(run, db, "E012", f"{f} (line 2)", r"field 'text' must be a string, got int$")
    assert_stored(db, "liban", str(f), "b1")
    assert_stored(db, "asean", str(f), "b3")
    assert len(stored(db)) == 2
    assert run.summary == "2 ingested, 0 duplicates, 1 failed"


def test_jsonl_record_without_text_or_html(tmp_path: Path, db: Path) -> None:
    f = _jsonl(tmp_path / "flux.jsonl", [
        json.dumps({"id": "c1", "title": "Titre seul", "source": "Agence"}),
        json.dumps(record("arctique", "c2"), ensure_ascii=False),
    ])
    run = ingest(db, f)
    one_error(run, db, "E008", f"{f} (line 1)", r"record has neither 'text' nor 'html'$")
    assert_stored(db, "arctique", str(f), "c2")
    assert len(stored(db)) == 1
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"


# --------------------------------------------------------------------------------------
# CSV


def test_csv_without_text_or_html_column(tmp_path: Path, db: Path) -> None:
    bad = tmp_path / "colonnes.csv"
    title, p1, p2 = ARTICLES["bruxelles"]
    bad.write_text(f'titre,corps,date\n"{title}","{p1}",2024-03-12\n', encoding="utf-8")
    good = write_article(tmp_path / "bon.txt", "soudan")
    run = ingest(db, bad, good)
    one_error(run, db, "E009", str(bad),
              r"CSV has no 'text' or 'html' column \(columns: titre, corps, date\)$")
    assert [r["source_file"] for r in stored(db)] == [str(good)]
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"


def test_csv_row_with_empty_text(tmp_path: Path, db: Path) -> None:
    f = tmp_path / "articles.csv"
    rows = []
    for key in ("liban", "seoul"):
        title, p1, p2 = ARTICLES[key]
        rows.append(f'"{title}","{p1}\n\n{p2}"')
    f.write_text("title,text\n" + rows[0] + '\n"Titre sans texte",""\n' + rows[1] + "\n",
                 encoding="utf-8")
    run = ingest(db, f)
    # the header is row 1; the empty one is the second data row
    one_error(run, db, "E008", f"{f} (row 3)", r"record has neither 'text' nor 'html'$")
    got = stored(db)
    assert len(got) == 2
    assert {r["title"] for r in got} == {ARTICLES["liban"][0], ARTICLES["seoul"][0]}
    assert run.summary == "2 ingested, 0 duplicates, 1 failed"


# --------------------------------------------------------------------------------------
# Unreadable paths


def test_path_that_does_not_exist(tmp_path: Path, db: Path) -> None:
    missing = tmp_path / "nulle-part" / "absent.txt"
    good = write_article(tmp_path / "bon.txt", "arctique")
    run = ingest(db, good, missing)
    one_error(run, db, "E001", str(missing),
              r"^\[E001\] cannot read .*: no such file or directory$")
    assert_stored(db, "arctique", str(good))
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"
    assert run.exit_code == 0


def test_broken_symlink_inside_a_folder(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    good = write_article(folder / "a-bon.txt", "bruxelles")
    broken = folder / "b-lien.txt"
    broken.symlink_to(tmp_path / "cible-disparue.txt")
    write_article(folder / "c-bon.txt", "seoul")
    run = ingest(db, folder)
    one_error(run, db, "E001", str(broken), r"(?i)no such file or directory$")
    assert_stored(db, "bruxelles", str(good))
    assert_stored(db, "seoul", str(folder / "c-bon.txt"))
    assert run.summary == "2 ingested, 0 duplicates, 1 failed"


# --------------------------------------------------------------------------------------
# Duplicates within one run


def test_same_file_given_twice(tmp_path: Path, db: Path) -> None:
    f = write_article(tmp_path / "article.txt", "asean")
    run = ingest(db, f, f)
    assert run.errors == []
    assert run.summary == "1 ingested, 1 duplicates, 0 failed"
    assert run.exit_code == 0
    assert len(stored(db)) == 1


def test_same_content_under_two_names(tmp_path: Path, db: Path) -> None:
    first = write_article(tmp_path / "un.txt", "liban")
    second = write_article(tmp_path / "deux.txt", "liban")
    run = ingest(db, first, second)
    assert run.errors == []
    assert run.summary == "1 ingested, 1 duplicates, 0 failed"
    (row,) = stored(db)
    assert row["source_file"] == str(first)


def test_rerun_counts_stored_articles_as_duplicates(tmp_path: Path, db: Path) -> None:
    f = write_article(tmp_path / "article.txt", "soudan")
    assert ingest(db, f).summary == "1 ingested, 0 duplicates, 0 failed"
    again = ingest(db, f)
    assert again.summary == "0 ingested, 1 duplicates, 0 failed"
    assert again.exit_code == 0  # nothing new, but nothing wrong
    assert len(stored(db)) == 1


# --------------------------------------------------------------------------------------
# Exit codes and the summary line, through the real entry point


def test_run_where_everything_fails_exits_1(tmp_path: Path, db: Path) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "absent.txt"
    binary = tmp_path / "image.txt"
    binary.write_bytes(_png_like())
    run = ingest_process(db, empty, missing, binary, cwd=tmp_path)
    assert run.exit_code == 1
    assert run.summary == "0 ingested, 0 duplicates, 3 failed"
    assert [e.split("]")[0] + "]" for e in run.errors] == ["[E002]", "[E001]", "[E003]"]
    for err_line, path in zip(run.errors, (empty, missing, binary), strict=True):
        assert str(path) in err_line
    assert stored(db) == []
    assert [c for _, c, _ in logged_errors(db)] == ["E002", "E001", "E003"]


def test_run_where_something_is_ingested_exits_0(tmp_path: Path, db: Path) -> None:
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    good = write_article(tmp_path / "bon.txt", "arctique")
    run = ingest_process(db, empty, good, cwd=tmp_path)
    assert run.exit_code == 0
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"
    assert len(run.errors) == 1 and run.errors[0].startswith("[E002] ")
    assert_stored(db, "arctique", str(good))


def test_error_lines_are_never_wrapped(tmp_path: Path, db: Path) -> None:
    """A long item name still gives one greppable line, in a narrow non-terminal stream."""
    deep = tmp_path.joinpath(*(["un-dossier-au-nom-assez-long"] * 4))
    deep.mkdir(parents=True)
    missing = deep / "un-article-qui-n-existe-pas-du-tout.txt"
    good = write_article(tmp_path / "bon.txt", "seoul")
    run = ingest_process(db, missing, good, cwd=tmp_path)
    assert len(str(missing)) > 120
    assert run.errors == [f"[E001] cannot read {missing}: no such file or directory"]
    assert run.summary == "1 ingested, 0 duplicates, 1 failed"


def test_summary_counts_mixed_run(tmp_path: Path, db: Path) -> None:
    a = write_article(tmp_path / "a.txt", "bruxelles")
    b = write_article(tmp_path / "b.txt", "soudan")
    copy = write_article(tmp_path / "copie.txt", "bruxelles")
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    run = ingest(db, a, b, copy, empty, tmp_path / "absent.txt")
    assert counts(run) == (2, 1, 2)
    assert run.summary == "2 ingested, 1 duplicates, 2 failed"
    assert len(run.errors) == 2
    assert run.exit_code == 0


# --------------------------------------------------------------------------------------
# Standard input


def test_stdin_text(tmp_path: Path, db: Path) -> None:
    run = ingest_process(db, "-", input=article_text("liban").encode("utf-8"), cwd=tmp_path)
    assert run.exit_code == 0
    assert run.errors == []
    assert run.summary == "1 ingested, 0 duplicates, 0 failed"
    row = assert_stored(db, "liban", "<stdin>")
    assert row["raw_format"] == "txt"


def test_stdin_jsonl_stream(tmp_path: Path, db: Path) -> None:
    stream = "\n".join([
        json.dumps(record("asean", "s1"), ensure_ascii=False),
        "{pas du json}",
        json.dumps(record("arctique", "s2"), ensure_ascii=False),
    ]) + "\n"
    run = ingest(db, "-", input=stream.encode("utf-8"))
    one_error(run, db, "E007", "<stdin> (line 2)", r"invalid JSON")
    assert_stored(db, "asean", "<stdin>", "s1")
    assert_stored(db, "arctique", "<stdin>", "s2")
    assert run.summary == "2 ingested, 0 duplicates, 1 failed"
    assert run.exit_code == 0


def test_stdin_html(tmp_path: Path, db: Path) -> None:
    run = ingest(db, "-", input=html_page("seoul").encode("utf-8"))
    assert run.errors == []
    assert run.summary == "1 ingested, 0 duplicates, 0 failed"
    row = assert_stored(db, "seoul", "<stdin>")
    assert row["raw_format"] == "html"
    assert "Accueil" not in row["text"]


def test_stdin_empty(tmp_path: Path, db: Path) -> None:
    run = ingest(db, "-", input=b"")
    one_error(run, db, "E002", "<stdin>", r"is empty$")
    assert run.summary == "0 ingested, 0 duplicates, 1 failed"
    assert run.exit_code == 1
