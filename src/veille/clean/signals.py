"""Corpus signals: a short line repeated across many articles of one source is boilerplate.

The pipeline counts, per source, in how many distinct articles each short line occurs
(this batch plus what the store has seen before) and hands the cleaner the set of line
keys that pass the threshold.
"""

from __future__ import annotations

from collections import Counter

from .typography import line_key, normalize_line

MAX_WORDS = 20  # longer lines are content, however often they repeat
MIN_ARTICLES = 3  # a line seen in this many articles of one source is furniture


def candidate_keys(text: str) -> set[str]:
    """Keys of the short lines of one document (each counted once per document)."""
    keys = set()
    for raw in text.split("\n"):
        line = normalize_line(raw)
        if line and len(line.split()) <= MAX_WORDS:
            key = line_key(line)
            if key:
                keys.add(key)
    return keys


def repeated(counts: Counter[str], min_articles: int = MIN_ARTICLES) -> frozenset[str]:
    """The keys seen in at least ``min_articles`` articles."""
    return frozenset(k for k, n in counts.items() if n >= min_articles)
