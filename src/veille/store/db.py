"""SQLite store: connection, migrations and writes.

WAL mode, foreign keys on, schema versioned with ``PRAGMA user_version`` and migrated by
the numbered SQL files in ``veille/store/migrations``. Reads live in
:mod:`veille.store.query`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import E, StoreError
from ..model import Article, RawDocument

ENV_DB = "VEILLE_DB"
ACTORS_VERSION = "actors.fr.v1"
QUOTES_VERSION = "quotes.fr.v1"
EVENTS_VERSION = "events.fr.v1"


def default_db_path() -> str:
    """``$VEILLE_DB`` if set, else ``./veille.db``."""
    return os.environ.get(ENV_DB) or "veille.db"


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files(__package__).joinpath("migrations")
    out = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            out.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(out)


SCHEMA_VERSION = max(v for v, _ in _migrations())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Store:
    """One SQLite database file (``":memory:"`` for tests).

    >>> store = Store(":memory:")
    >>> store.count()
    0
    """

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False) -> None:
        self.path = str(path or default_db_path())
        try:
            if readonly:
                if self.path != ":memory:" and not Path(self.path).exists():
                    raise StoreError(E.E030, path=self.path, cause="no such database")
                uri = f"file:{self.path}?mode=ro" if self.path != ":memory:" else self.path
                self.db = sqlite3.connect(uri, uri=self.path != ":memory:", check_same_thread=False)
            else:
                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=10000")
            if not readonly:
                self.migrate()
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise StoreError(E.E030, path=self.path, cause=exc) from exc
        except StoreError:
            self._close_quietly()
            raise

    def _close_quietly(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            db.close()

    # -- schema ---------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> int:
        """Apply the migrations this database lacks; returns the new schema version."""
        current = self.version
        if current > SCHEMA_VERSION:
            raise StoreError(E.E031, path=self.path, found=current, known=SCHEMA_VERSION)
        for version, sql in _migrations():
            if version <= current:
                continue
            self.db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version={version};\nCOMMIT;")
        return self.version

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes -----------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id=?", (article_id,)).fetchone() is not None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one transaction (much faster than one commit per article);
        :meth:`add` stays atomic per article inside it, through a savepoint."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def add(self, doc: RawDocument, article: Article, line_keys: Iterable[str] = ()) -> bool:
        """Store one document and its clean article atomically; False if already there."""
        with self.transaction():
            self.db.execute("SAVEPOINT article")
            try:
                stored = self._insert(doc, article, line_keys)
            except BaseException:
                self.db.execute("ROLLBACK TO article")
                self.db.execute("RELEASE article")
                raise
            self.db.execute("RELEASE article")
            return stored

    def _insert(self, doc: RawDocument, article: Article, line_keys: Iterable[str]) -> bool:
        now = _now()
        cur = self.db.execute(
            "INSERT OR IGNORE INTO documents(id, source_file, record, raw_format, encoding, raw,"
            " ingested_at) VALUES (?,?,?,?,?,?,?)",
            (article.id, doc.source_file, doc.record, doc.raw_format, doc.encoding, doc.raw, now),
        )
        if cur.rowcount == 0:
            return False
        self.db.execute(
            "INSERT INTO articles(id, source_file, record, external_id, url, title, published,"
            " language, source, text, headings, captions, removed, cited_sources, foreign_lines,"
            " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id, article.source_file, article.record, article.external_id,
                article.url, article.title, article.published, article.language,
                article.source, article.text,
                _json([{"text": h.text, "start": h.start} for h in article.headings]),
                _json([{"text": c.text, "credit": c.credit} for c in article.captions]),
                _json([r.to_dict() for r in article.removed]),
                _json(article.cited_sources), _json(article.foreign_lines), now,
            ),
        )
        if doc.source:
            self.db.executemany(
                "INSERT INTO line_stats(source, key, articles) VALUES (?,?,1)"
                " ON CONFLICT(source, key) DO UPDATE SET articles = articles + 1",
                [(doc.source, k) for k in line_keys],
            )
        if "actors" in article.stages:
            self._insert_mentions(article)
        if "times" in article.stages:
            self._insert_times(article)
        return True

    def _insert_times(self, article: Article) -> None:
        self.db.executemany(
            'INSERT INTO times(article_id, start, "end", text, value, granularity, relative) VALUES (?,?,?,?,?,?,?)',
            [(article.id, t.start, t.end, t.text, t.value, t.granularity, int(t.relative)) for t in article.times],
        )

    def _insert_mentions(self, article: Article) -> None:
        self.db.executemany(
            "INSERT INTO actors(id, name, type, qid, in_kb) VALUES (?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
            [(m.actor, m.name, m.type, m.qid, int(not m.actor.startswith("new:"))) for m in article.mentions],
        )
        self.db.executemany(
            'INSERT INTO mentions(article_id, actor_id, start, "end", text, sent_start, sent_end, method,'
            " confidence) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (article.id, m.actor, m.start, m.end, m.text, m.sent_start, m.sent_end, m.method, m.confidence)
                for m in article.mentions
            ],
        )
        self.db.execute(
            "INSERT OR REPLACE INTO stages(article_id, stage, version) VALUES (?, 'actors', ?)",
            (article.id, ACTORS_VERSION),
        )
        if "quotes" in article.stages:
            self._insert_quotes(article)
        if "events" in article.stages:
            self._insert_events(article)

    def _insert_events(self, article: Article) -> None:
        for ev in article.events:
            cur = self.db.execute(
                'INSERT INTO events(article_id, type, mode, source, target, date, date_granularity, date_basis,'
                ' where_id, where_name, modality, negated, trigger, start, "end", evidence, mentions, speaker,'
                " confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, ev.type, ev.mode, _json(ev.source), _json(ev.target), ev.date, ev.date_granularity,
                 ev.date_basis, (ev.where or {}).get("id"), (ev.where or {}).get("name"), ev.modality,
                 int(ev.negated), ev.trigger, ev.start, ev.end, _json(ev.evidence), _json(ev.mentions),
                 _json(ev.speaker) if ev.speaker else None, ev.confidence),
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO event_actors(event_n, actor_id, role) VALUES (?,?,?)",
                [(cur.lastrowid, a["id"], role) for role, group in (("source", ev.source), ("target", ev.target))
                 for a in group],
            )
        self.db.execute(
            "UPDATE articles SET published_inferred = ? WHERE id = ?",
            (_json(article.published_inferred) if article.published_inferred else None, article.id),
        )
        self.db.execute(
            "INSERT OR REPLACE INTO stages(article_id, stage, version) VALUES (?, 'events', ?)",
            (article.id, EVENTS_VERSION),
        )

    def _insert_quotes(self, article: Article) -> None:
        self.db.executemany(
            'INSERT INTO quotes(article_id, start, "end", text, kind, speaker_id, speaker_name, speaker_text,'
            " confidence, cue, via, addressee, sent_start, sent_end, flags) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (article.id, q.start, q.end, q.text, q.kind, q.speaker, q.speaker_name, q.speaker_text,
                 q.confidence, q.cue, _json(q.via), _json(q.addressee) if q.addressee else None,
                 q.sent_start, q.sent_end, _json(q.flags))
                for q in article.quotes
            ],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO sources(article_id, source_id, name) VALUES (?,?,?)",
            [(article.id, src.get("id"), src["name"]) for src in article.sources],
        )
        self.db.execute(
            "INSERT OR REPLACE INTO stages(article_id, stage, version) VALUES (?, 'quotes', ?)",
            (article.id, QUOTES_VERSION),
        )

    def replace_mentions(self, article: Article) -> None:
        """Store a new extraction for an article already in the store (re-extraction)."""
        with self.transaction():
            for table in ("mentions", "quotes", "sources", "times", "events"):
                self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))  # noqa: S608
            self._insert_mentions(article)
            self._insert_times(article)

    def line_counts(self, source: str, keys: Iterable[str]) -> Counter[str]:
        """How many stored articles of ``source`` contain each of ``keys``."""
        counts: Counter[str] = Counter()
        keys = list(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                f"SELECT key, articles FROM line_stats WHERE source=? AND key IN ({marks})",
                (source, *chunk),
            ):
                counts[row[0]] = row[1]
        return counts

    def log_error(self, item: str, code: str, message: str) -> None:
        self.db.execute(
            "INSERT INTO ingest_errors(item, code, message, at) VALUES (?,?,?,?)",
            (item, code, message, _now()),
        )

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])
