"""veille: turn a stream of noisy news articles into a clean, queryable record."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from .clean import clean, load_rules
from .errors import VeilleError
from .ingest import article_id, read_items
from .model import Article, Caption, Heading, RawDocument, Removed
from .store import Store

if TYPE_CHECKING:
    from .pipeline import IngestReport, process

# The pipeline (and with it spaCy) is imported on first use, so that the commands that only
# read the store start fast.


def ingest(*args: Any, **kwargs: Any) -> IngestReport:
    """Read, clean, analyse and store articles: :func:`veille.pipeline.ingest`."""
    from .pipeline import ingest as run

    return run(*args, **kwargs)


def __getattr__(name: str) -> Any:
    if name in ("IngestReport", "process"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'veille' has no attribute {name!r}")

__version__ = "0.1.0"
__all__ = [
    "Article", "Caption", "Heading", "IngestReport", "RawDocument", "Removed", "Store",
    "VeilleError", "__version__", "article_id", "clean", "ingest", "load_rules", "process",
    "read_items",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
