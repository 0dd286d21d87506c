"""Quote marks: find the spans between quote marks in text that machine translation broke.

Any opening mark may close with any closing mark; a closing mark with no open quote that
is followed by a word opens one ("qu' »il comprend »"); inside a quote that opened a
sentence, a closing mark followed within a few words by an opening mark of the same
family is a reversed inner quote ("sous prétexte de » démocratie « et …"); a quote still
open at the end of its paragraph is cut there and flagged ``unclosed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "«“‹„"
CLOSERS = "»”›"
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class RawQuote:
    start: int  # offsets of the quoted words, marks excluded
    end: int
    flags: tuple[str, ...] = ()


def scan_quotes(text: str) -> list[RawQuote]:
    """Spans between quote marks, paragraph by paragraph.

    Any opening mark may close with any closing mark; a closing mark with no open quote
    that is followed by a word opens one (machine translation: "qu' »il comprend »"); a
    closing mark followed within five words by an opening mark, inside a quote, is a
    reversed inner quote ("sous prétexte de » démocratie « et …"); a quote still open at
    the end of its paragraph is cut there and flagged ``unclosed``.
    """
    out: list[RawQuote] = []
    offset = 0
    for para in text.split("\n\n"):
        out += _scan_paragraph(para, offset)
        offset += len(para) + 2
    return out


def _scan_paragraph(para: str, base: int) -> list[RawQuote]:
    out: list[RawQuote] = []
    start: int | None = None
    straight = False  # the open quote began with a straight "
    opens_sentence = False  # the open quote began a sentence (a full quote, not a fragment)
    i, n = 0, len(para)
    while i < n:
        c = para[i]
        if start is None:
            if c in OPENERS or c == '"' or (c in CLOSERS and re.match(r"\s?\w", para[i + 1 : i + 3])):
                start, straight = i + 1, c == '"'
                opens_sentence = not para[:i].strip() or para[:i].rstrip()[-1] in ".!?:"
        elif c == '"' and straight or c in CLOSERS and not straight or c == '"' and not straight and _closes(para, i):
            ahead = para[i + 1 : i + 60]
            reopen = {"»": "«", "”": "“", "›": "‹"}.get(c, "«")  # the same family, reversed
            inner = re.match(r"\s*(?:\w+[\s'-]+){0,3}?\w+\s*" + reopen, ahead)
            if c in CLOSERS and inner and opens_sentence and i + 1 < n:
                i += 1 + inner.end()  # reversed inner quote: skip to after its other mark
                continue
            out.append(RawQuote(base + start, base + i))
            start = None
        elif c in OPENERS and not straight and i > 0 and para[i - 1].isalnum() and para[i + 1 : i + 2] in ("", " "):
            out.append(RawQuote(base + start, base + i))  # "alternative« à": an opening mark used to close
            start = None
        elif c in OPENERS and not straight:
            # a nested quote: find its closing mark and go on with the outer quote
            close = _find_close(para, i + 1)
            if close is not None:
                i = close + 1
                continue
        i += 1
    if start is not None and n - start > 0:
        out.append(RawQuote(base + start, base + n, ("unclosed",)))
    return [q for q in (_trim(para, q, base) for q in out) if q is not None]


def _closes(para: str, i: int) -> bool:
    """A straight quote inside a « quote closes it when punctuation or a space follows."""
    return i + 1 >= len(para) or para[i + 1] in " ,.;:!?)"


def _find_close(para: str, j: int) -> int | None:
    depth = 1
    while j < len(para):
        if para[j] in OPENERS:
            depth += 1
        elif para[j] in CLOSERS:
            depth -= 1
            if depth == 0:
                return j
        elif para[j] == "\n":
            return None
        j += 1
    return None


def _trim(para: str, q: RawQuote, base: int) -> RawQuote | None:
    s, e = q.start - base, q.end - base
    while s < e and (para[s].isspace() or para[s] in OPENERS + CLOSERS + '"'):
        s += 1
    while e > s and (para[e - 1].isspace() or para[e - 1] in OPENERS + CLOSERS + '"'):
        e -= 1
    if e <= s:
        return None
    return RawQuote(base + s, base + e, q.flags)
