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


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """The process-wide lingua detector."""
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def _code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()


def detect(text: str, function_words: dict[str, frozenset[str]] | None = None) -> str | None:
    """ISO 639-1 code of the language of ``text``, or None when there is too little text.

    When ``function_words`` (per language) settle the question clearly on the first 2,000
    characters, lingua is not asked; else lingua reads the first 1,500 characters.
    """
    sample = text[:2000]
    tokens = words(sample)
    if len(tokens) < 3:
        return None
    if function_words and len(tokens) >= 30:
        hits = sorted(
            ((sum(1 for t in tokens if t in fw) / len(tokens), code) for code, fw in function_words.items()),
            reverse=True,
        )
        if hits[0][0] >= 0.2 and (len(hits) == 1 or hits[0][0] >= 2.5 * hits[1][0]):
            return hits[0][1]
    language = detector().detect_language_of(sample[:1500])
    return _code(language) if language else None


_LETTERS = re.compile(r"[^\W\d_]+")


def words(line: str) -> list[str]:
    """Lower-cased runs of letters: elisions and hyphens split (l'OTAN -> l, otan)."""
    return _LETTERS.findall(line.casefold())


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
