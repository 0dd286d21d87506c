"""Typography normalization.

Applied to every line before anything else, so that every offset veille stores indexes
the stored clean text. Apostrophes become ``'``; the many Unicode spaces become a plain
space; invisible characters go; quote marks keep their kind (the quotes stage needs to
tell « » from “ ” from " ") but lose odd look-alikes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TRANSLATE = str.maketrans(
    {
        # apostrophes and look-alikes
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'",
        "\u0060": "'", "\uff07": "'",
        # double quotes look-alikes -> their usual form
        "\u201f": "\u201c", "\u2033": '"', "\uff02": '"', "\u275d": "\u201c", "\u275e": "\u201d",
        # spaces
        "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ",
        "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
        "\u2008": " ", "\u205f": " ", "\u3000": " ", "\t": " ",
        # invisible characters
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
        "\u00ad": None,
        # dashes used as hyphens inside words stay; minus sign -> hyphen-minus
        "\u2212": "-",
    }
)
_SPACES = re.compile(r" {2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=1 << 16)
def normalize_line(line: str) -> str:
    """Normalize one line: NFC, apostrophes, spaces, invisible and control characters."""
    line = unicodedata.normalize("NFC", line)
    if not line.isascii() or "\t" in line or "`" in line:
        line = line.translate(_TRANSLATE)
    line = _CONTROL.sub("", line)
    return _SPACES.sub(" ", line).strip()


def normalize_text(text: str) -> str:
    """Normalize a whole text line by line; line breaks are kept (CRLF and CR become LF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return "\n".join(normalize_line(line) for line in text.split("\n"))


_KEY_DROP = re.compile(r"[\W_]+", re.UNICODE)


_COMBINING = re.compile(r"[\u0300-\u036f]+")


@lru_cache(maxsize=1 << 16)
def line_key(line: str) -> str:
    """A comparison key: case- and accent-insensitive, punctuation and spaces dropped."""
    return _KEY_DROP.sub("", _COMBINING.sub("", unicodedata.normalize("NFD", line.casefold())))
