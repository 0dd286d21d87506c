"""Stable article ids from normalized content."""

from __future__ import annotations

import hashlib

from ..clean.typography import line_key
from ..model import RawDocument


def article_id(doc: RawDocument) -> str:
    """16 hex digits of SHA-256 over the document's title and text, normalized.

    Case, accents, punctuation, spacing and typography do not change the id, so the same
    article read twice, or re-encoded, or re-typeset, is recognized as already stored.
    """
    h = hashlib.sha256()
    h.update(line_key(doc.title or "").encode("utf-8"))
    h.update(b"\x1f")
    for line in doc.text.split("\n"):
        h.update(line_key(line).encode("utf-8"))
    return h.hexdigest()[:16]
