"""The pipeline: read -> clean -> store, over a stream of inputs.

It knows nothing of the CLI, the web app or any distributed runner: they call
:func:`ingest` (or :func:`process`) and receive plain results and callbacks.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .clean import Rules, clean, load_rules
from .clean.signals import MIN_ARTICLES, candidate_keys, repeated
from .errors import InputError, VeilleError
from .extract import annotate
from .ingest import DEFAULT_MAX_MB, article_id, read_items
from .model import Article, RawDocument
from .store import Store

CHUNK = 200
COMMIT_EVERY = 50


@dataclass
class IngestReport:
    """What one ingest run did."""

    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"{self.ingested} ingested, {self.duplicates} duplicates, {self.failed} failed"


def _chunks(items: Iterable[RawDocument | InputError], size: int) -> Iterator[list[RawDocument | InputError]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _repeated_by_source(
    docs: list[tuple[RawDocument, set[str]]], store: Store | None
) -> dict[str, frozenset[str]]:
    """Per source, the short lines seen in enough articles (this chunk plus the store)."""
    per_source: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, keys in docs:
        if doc.source:
            per_source[doc.source].update(keys)
    out = {}
    for source, counts in per_source.items():
        if store is not None:
            counts.update(store.line_counts(source, list(counts)))
        out[source] = repeated(counts, MIN_ARTICLES)
    return out


def process(
    docs: Iterable[RawDocument], *, rules: Rules | None = None, extract: bool = False
) -> Iterator[Article | InputError]:
    """Clean raw documents without a store (corpus signals within the given documents);
    with ``extract``, also run the NLP stage and the extractors."""
    rules = rules or load_rules()
    for chunk in _chunks(docs, CHUNK):
        pairs = [(d, candidate_keys(d.text)) for d in chunk if isinstance(d, RawDocument)]
        reps = _repeated_by_source(pairs, None)
        out: list[Article | InputError] = []
        for doc, _ in pairs:
            try:
                out.append(clean(doc, article_id=article_id(doc), rules=rules, repeated=reps.get(doc.source or "", ())))
            except InputError as exc:
                out.append(exc)
        if extract:
            annotate([a for a in out if isinstance(a, Article)])
        yield from out


def ingest(
    paths: Iterable[str | Path],
    *,
    store: Store,
    rules: Rules | None = None,
    max_mb: float = DEFAULT_MAX_MB,
    on_error: Callable[[str], None] | None = None,
    on_item: Callable[[str], None] | None = None,
    extract: bool = True,
    kb_files: Sequence[str | Path] = (),
    source_file: str | None = None,
) -> IngestReport:
    """Read every input under ``paths``, clean it and store it.

    ``source_file`` replaces the path as the stored origin of every item (the HTTP ingest
    endpoint reads its request through a temporary file and stores ``"api"``).

    A bad item is reported through ``on_error`` (one line naming it and the cause) and the
    run goes on. Articles already in the store count as duplicates and are not touched, so
    a run interrupted at any point can simply be run again.
    """
    rules = rules or load_rules()
    report = IngestReport()
    seen: set[str] = set()

    def fail(exc: VeilleError, item: str) -> None:
        report.failed += 1
        message = str(exc)
        report.errors.append(message)
        store.log_error(item, exc.code.name, message)
        if on_error:
            on_error(message)

    for chunk in _chunks(read_items(paths, max_mb=max_mb), CHUNK):
        fresh: list[tuple[RawDocument, str, set[str]]] = []
        for item in chunk:
            if isinstance(item, InputError):
                fail(item, str(item.params.get("item", "")))
                if on_item:
                    on_item(str(item.params.get("item", "")))
                continue
            if source_file is not None:
                item.source_file = source_file
            aid = article_id(item)
            if aid in seen or store.has(aid):
                report.duplicates += 1
                if on_item:
                    on_item(item.item)
                continue
            seen.add(aid)
            fresh.append((item, aid, candidate_keys(item.text)))
        reps = _repeated_by_source([(d, k) for d, _, k in fresh], store)
        for start in range(0, len(fresh), COMMIT_EVERY):
            # one transaction per few dozen articles: an interrupted run loses at most
            # those, and running it again stores them (each article stays atomic)
            batch = []
            for doc, aid, keys in fresh[start : start + COMMIT_EVERY]:
                try:
                    article = clean(doc, article_id=aid, rules=rules, repeated=reps.get(doc.source or "", ()))
                except InputError as exc:
                    fail(exc, doc.item)
                    if on_item:
                        on_item(doc.item)
                else:
                    batch.append((doc, article, keys))
            if extract and batch:
                for problem in annotate([a for _, a, _ in batch], kb_files=[str(f) for f in kb_files]):
                    if problem not in report.warnings:
                        report.warnings.append(problem)
                        if on_error:
                            on_error(problem)
            with store.transaction():
                for doc, article, keys in batch:
                    if store.add(doc, article, keys):
                        report.ingested += 1
                        report.ids.append(article.id)
                    else:
                        report.duplicates += 1
                    if on_item:
                        on_item(doc.item)
    return report


def extract_stored(
    store: Store,
    *,
    redo: bool = False,
    on_item: Callable[[str], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    kb_files: Sequence[str | Path] = (),
) -> int:
    """Run the extraction stages on stored articles: those that lack them (an ingest with
    ``extract=False``, an interrupted run), or all of them with ``redo`` (after the
    knowledge base changed). Returns the number of articles processed."""
    sql = "SELECT id, source_file, title, text, language, published, cited_sources FROM articles"
    if not redo:
        sql += " WHERE id NOT IN (SELECT article_id FROM stages WHERE stage = 'quotes')"
    rows = store.db.execute(sql + " ORDER BY n").fetchall()
    done = 0
    warned: set[str] = set()
    for start in range(0, len(rows), COMMIT_EVERY):
        batch = [
            Article(id=r["id"], source_file=r["source_file"], title=r["title"], text=r["text"],
                    language=r["language"], published=r["published"], cited_sources=json.loads(r["cited_sources"]))
            for r in rows[start : start + COMMIT_EVERY]
        ]
        for problem in annotate(batch, kb_files=[str(f) for f in kb_files]):
            if problem not in warned and on_error:
                on_error(problem)
            warned.add(problem)
        with store.transaction():
            for art in batch:
                if "actors" in art.stages:
                    store.replace_mentions(art)
                    done += 1
                if on_item:
                    on_item(art.id)
    return done
