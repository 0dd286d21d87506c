"""Ingest: files, folders, standard input and records -> raw documents."""

from .ids import article_id
from .readers import DEFAULT_MAX_MB, read_bytes, read_items, sniff

__all__ = ["DEFAULT_MAX_MB", "article_id", "read_bytes", "read_items", "sniff"]
