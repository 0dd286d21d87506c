"""Language identification for articles and lines (lingua-language-detector).

The detector is built once per process, lazily, for the languages news furniture
actually shows up in. A cheap function-word test settles most lines before lingua runs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

LANGUAGES = (
    Language.FRENCH, Language.ENGLISH, Language.GERMAN, Language.SPANISH, Language.ITALIAN,
    Language.PORTUGUESE, Language.DUTCH, Language.RUSSIAN, Language.UKRAINIAN, Language.POLISH,
    Language.TURKISH, Language.VIETNAMESE, Language.ARABIC, Language.CHINESE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*", re.UNICODE)
_SPLIT_ELISION = re.compile(r"^(?:[dlnjmtsc]|qu|jusqu|lorsqu|puisqu)'", re.IGNORECASE)


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """The process-wide lingua detector."""
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def _code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()


def detect(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text`` (first 3,000 characters), or None."""
    sample = text[:3000]
    if len(_WORD.findall(sample)) < 3:
        return None
    language = detector().detect_language_of(sample)
    return _code(language) if language else None


def words(line: str) -> list[str]:
    """Lower-cased words, with French elisions split off (l'OTAN -> l, otan)."""
    out: list[str] = []
    for w in _WORD.findall(line):
        m = _SPLIT_ELISION.match(w)
        if m:
            out.append(m.group(0)[:-1].casefold())
            w = w[m.end() :]
        out.append(w.casefold())
    return out


def line_language(
    line: str, article_language: str, function_words: dict[str, frozenset[str]]
) -> tuple[str, float] | None:
    """The other language a line is written in, with lingua's confidence; None if same.

    Lines that carry enough function words of the article's language, and lines made of
    capitalized names only, are taken to be in the article's language without asking lingua.
    """
    tokens = words(line)
    if len(tokens) < 2:
        return None
    own = function_words.get(article_language, frozenset())
    hits = sum(1 for t in tokens if t in own)
    if hits >= 3 or (hits and hits / len(tokens) >= 0.2):
        return None
    names_only = all(w[:1].isupper() for w in _WORD.findall(line)) and not line.isupper()
    values = detector().compute_language_confidence_values(line)
    if not values:
        return None
    top = values[0]
    code = _code(top.language)
    if code == article_language or top.value < (0.9 if names_only else 0.6):
        return None
    own_value = next((v.value for v in values if _code(v.language) == article_language), 0.0)
    if own_value > 0.15:
        return None
    return code, top.value
