"""veille: turn a stream of noisy news articles into a clean, queryable record."""

from __future__ import annotations

import logging

from .clean import clean, load_rules
from .errors import VeilleError
from .ingest import article_id, read_items
from .model import Article, Caption, Heading, RawDocument, Removed
from .pipeline import IngestReport, ingest, process
from .store import Store

__version__ = "0.1.0"
__all__ = [
    "Article", "Caption", "Heading", "IngestReport", "RawDocument", "Removed", "Store",
    "VeilleError", "__version__", "article_id", "clean", "ingest", "load_rules", "process",
    "read_items",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
