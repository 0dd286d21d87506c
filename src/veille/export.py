"""Export: the stable JSONL contract (and a flat CSV view).

One JSON object per article, described by ``veille/schema/article.schema.json``
(docs/export.md). Fields are only ever added, never renamed or removed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .store import Store
from .store.actors import article_entities
from .store.events import article_events
from .store.query import iter_articles
from .store.quotes import article_quotes, article_sources, article_times

SCHEMA_VERSION = 1
FIELDS = (
    "id", "source_file", "record", "external_id", "url", "title", "published", "language",
    "source", "text", "headings", "captions", "removed", "cited_sources", "foreign_lines", "entities",
    "quotes", "sources", "times", "events", "published_inferred",
)
CSV_FIELDS = ("id", "source_file", "url", "title", "published", "language", "source", "text",
              "cited_sources", "removed_count")


def schema_path() -> str:
    """Path of the JSON Schema of one exported record."""
    from importlib import resources

    return str(resources.files("veille").joinpath("schema", "article.schema.json"))


def to_record(article: dict[str, Any], store: Store | None = None) -> dict[str, Any]:
    """The export record of one stored article (a dict from :mod:`veille.store.query`)."""
    rec = {key: article.get(key) for key in FIELDS}
    rec["entities"] = article_entities(store, article["id"]) if store is not None else []
    rec["quotes"] = article_quotes(store, article["id"]) if store is not None else []
    rec["sources"] = article_sources(store, article["id"]) if store is not None else []
    rec["times"] = article_times(store, article["id"]) if store is not None else []
    rec["events"] = article_events(store, article["id"]) if store is not None else []
    inferred = article.get("published_inferred")
    rec["published_inferred"] = json.loads(inferred) if isinstance(inferred, str) else inferred
    return rec


def records(store: Store) -> Iterator[dict[str, Any]]:
    for article in iter_articles(store):
        yield to_record(article, store)


def write_jsonl(recs: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for rec in recs:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(recs: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
    writer.writeheader()
    n = 0
    for rec in recs:
        row = {k: rec.get(k) for k in CSV_FIELDS if k in rec}
        row["cited_sources"] = "; ".join(rec.get("cited_sources") or [])
        row["removed_count"] = len(rec.get("removed") or [])
        writer.writerow(row)
        n += 1
    return n
