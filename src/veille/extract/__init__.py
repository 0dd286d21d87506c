"""Extraction stages over clean articles: actors (quotes, events and time come next)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from ..errors import VeilleError
from ..kb import load_kb
from ..model import Article
from ..nlp import LANGUAGES, load_model
from .actors import ActorExtractor

__all__ = ["ActorExtractor", "annotate", "extractor"]

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def extractor(lang: str, kb_files: tuple[str, ...] = ()) -> ActorExtractor:
    """The actor extractor of a language (and knowledge base), built once per process."""
    return ActorExtractor(load_model(lang), lang, load_kb(kb_files))


def annotate(articles: Sequence[Article], *, kb_files: Sequence[str] = (), batch_size: int = 16) -> list[str]:
    """Run the NLP stage and the extractors on ``articles`` in place.

    Articles are grouped by language; a language without a registered, installed model is
    skipped (its articles keep no mentions) and its error message is returned once.
    """
    by_lang: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        by_lang[art.language or "fr"].append(art)
    problems = []
    for lang, group in by_lang.items():
        if lang not in LANGUAGES:
            continue
        try:
            ex = extractor(lang, tuple(str(f) for f in kb_files))
        except VeilleError as exc:
            problems.append(str(exc))
            continue
        for art, doc in zip(group, ex.nlp.pipe((a.text for a in group), batch_size=batch_size), strict=True):
            art.mentions = ex.extract(doc, published=art.published)
            art.stages.append("actors")
    return problems
