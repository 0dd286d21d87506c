"""Name keys: how two spellings of one name are recognized as the same.

``name_key`` ignores case, accents, punctuation and leading articles. ``translit_key``
also folds the usual differences between French and English transliterations of
Russian, Ukrainian, Chinese and Korean names: Choïgou / Shoigu, Belooussov / Belousov,
Kouleba / Kuleba, Si / Xi Jinping, Lee / Li Hui, Sergueï / Sergei, Poutine / Putin.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+")
_ARTICLE = re.compile(r"^(?:l'|le |la |les |the )", re.IGNORECASE)
# ordered rewrites applied to an accent-free, lower-case word
_TRANSLIT = [
    (re.compile(r"tch"), "ch"), (re.compile(r"sch"), "ch"), (re.compile(r"sh"), "ch"), (re.compile(r"zh"), "j"),
    (re.compile(r"dj"), "j"), (re.compile(r"kh"), "k"), (re.compile(r"ck"), "k"), (re.compile(r"q"), "k"),
    (re.compile(r"ph"), "f"), (re.compile(r"th"), "t"), (re.compile(r"^x"), "s"), (re.compile(r"w"), "v"),
    (re.compile(r"gu(?=[ei])"), "g"), (re.compile(r"ee"), "i"), (re.compile(r"y"), "i"),
    (re.compile(r"(.)\1+"), r"\1"), (re.compile(r"ou"), "u"), (re.compile(r"(?<=\w{4})e$"), ""),
]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key; a leading article is dropped."""
    name = _ARTICLE.sub("", name.strip().replace("\u2019", "'"))
    return " ".join(_NON_WORD.sub(" ", strip_accents(name).casefold()).split())


@lru_cache(maxsize=1 << 16)
def translit_key(name: str) -> str:
    """``name_key`` with transliteration variants folded together."""
    words = []
    for word in name_key(name).split():
        for pattern, repl in _TRANSLIT:
            word = pattern.sub(repl, word)
        words.append(word)
    return " ".join(words)
