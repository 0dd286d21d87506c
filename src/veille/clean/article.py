"""Build a clean article from a raw document.

The document is cut into lines (blank lines separate blocks). Each line first gets the
signals it carries on its own (pattern rules, photo credits, attributions, foreign
language, repetition across the source); then the article's structure decides the rest:
section label and title, copies of the title, duplicated captions and paragraphs,
captions next to credits and image names, subheadings, and orphan lines of site chrome.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..errors import E, InputError
from ..model import Article, Caption, Heading, RawDocument, Removed
from . import language as lang
from .boilerplate import classify_line, ends_sentence, split_inline_credit, word_count
from .rules import Rules, load_rules
from .typography import line_key, normalize_line

TITLE_MAX_WORDS = 35
HEADING_MAX_WORDS = 14
ORPHAN_MAX_WORDS = 8
CAPTION_MAX_WORDS = 45
FOREIGN_REMOVE_MAX_WORDS = 25
_GLITCH = re.compile(r"\w[\"«»“”]\w|\s[,.;:]|\w\(|[«“]\s*$|\s{2,}")
_STARTS_UPPER = re.compile(r"^[\W_]*[A-ZÀ-ÝŒ0-9«\"“]")
_LIST_ITEM = re.compile(r"^([-–—•*·▪►]|\d{1,2}[.)])\s+\S")


@dataclass(slots=True)
class Line:
    """One non-empty line of the document and what the cleaner decided about it."""

    pos: int  # position among non-empty lines
    text: str
    block: int  # lines of one block are separated by single newlines
    key: str  # comparison key (see typography.line_key)
    hint: str | None = None  # from the markup: heading, caption, title, item
    role: str | None = None  # title, body, heading, caption, removed
    reason: str | None = None
    detail: str | None = None
    credit: str | None = None  # an inline credit stripped from the line (listed as removed)
    credit_near: str | None = None  # the credit line next to a caption
    sources: tuple[str, ...] = ()  # agencies named by a wire credit or source line

    def remove(self, reason: str, detail: str | None = None) -> None:
        self.role, self.reason, self.detail = "removed", reason, detail

    @property
    def kept(self) -> bool:
        return self.role != "removed"


def split_lines(text: str, hints: dict[int, str] | None = None) -> list[Line]:
    """Non-empty lines with their block numbers; ``hints`` are keyed by raw line index."""
    hints = hints or {}
    lines: list[Line] = []
    block, gap = 0, False
    for i, raw in enumerate(text.split("\n")):
        line = normalize_line(raw)
        if not line:
            gap = True
            continue
        if gap and lines:
            block += 1
        gap = False
        lines.append(Line(len(lines), line, block, line_key(line), hints.get(i)))
    return lines


def clean(
    doc: RawDocument,
    *,
    article_id: str = "",
    rules: Rules | None = None,
    repeated: Collection[str] = (),
) -> Article:
    """Clean one raw document into an :class:`~veille.model.Article`.

    ``repeated`` holds line keys that occur in many articles of the same source
    (see :mod:`veille.clean.signals`); such lines are removed as furniture.
    Raises :class:`~veille.errors.InputError` when no text is left.
    """
    rules = rules or load_rules()
    lines = split_lines(doc.text, doc.hints)
    _line_signals(lines, rules, repeated)
    _link_targets(lines)
    language = doc.language or lang.detect(
        "\n".join(ln.text for ln in lines if ln.kept), rules.function_words
    )
    foreign = _foreign_lines(lines, language, rules) if language else []
    title = _title(lines, doc, rules)
    _duplicates(lines)
    _captions(lines)
    _headings_and_orphans(lines)
    body = [ln for ln in lines if ln.role is None or ln.role == "body"]
    if not body:
        raise InputError(E.E011, item=doc.item)
    text, headings = _assemble(lines)
    if not title:
        title = _first_sentence(text)
    return Article(
        id=article_id,
        source_file=doc.source_file,
        record=doc.record,
        external_id=doc.external_id,
        title=title,
        text=text,
        language=language,
        url=doc.url,
        published=doc.published,
        source=doc.source,
        headings=headings,
        captions=_caption_list(lines),
        removed=_removed(lines),
        cited_sources=list(dict.fromkeys(name for ln in lines for name in ln.sources)),
        foreign_lines=foreign,
    )


# -- signals on single lines ---------------------------------------------------------------


def _line_signals(lines: list[Line], rules: Rules, repeated: Collection[str]) -> None:
    for ln in lines:
        if ln.hint == "title":
            continue
        signal = classify_line(ln.text, rules)
        if signal:
            ln.remove(signal.reason, signal.detail)
            ln.sources = signal.sources
            continue
        if repeated and word_count(ln.text) <= 20 and ln.key in repeated:
            ln.remove("repeated_in_source")
            continue
        split = split_inline_credit(ln.text, rules)
        if split:
            ln.text, ln.credit = split
            ln.key = line_key(ln.text)
            if ln.hint is None:
                ln.hint = "caption"


def _link_targets(lines: list[Line]) -> None:
    """A bare link label ("Read more", "À lire aussi :") takes the headline(s) under it:
    the next line of its block, or a run of short headline-like lines in the next blocks."""
    for i, ln in enumerate(lines):
        if ln.reason != "related_link" or word_count(ln.text) > 4:
            continue
        for k in range(i + 1, min(i + 7, len(lines))):
            nxt = lines[k]
            if nxt.role is not None or word_count(nxt.text) > 25 or nxt.text.rstrip().endswith("."):
                break
            after = lines[k + 1] if k + 1 < len(lines) else None
            if nxt.block != ln.block and after is not None and after.role is None and after.block != nxt.block and (
                word_count(after.text) >= 25 or ends_sentence(after.text)
            ):
                break  # a paragraph follows: nxt is a subheading, not a link
            nxt.remove("related_link")
            if nxt.block == ln.block:
                break


def _foreign_lines(lines: list[Line], language: str, rules: Rules) -> list[dict[str, str]]:
    """Remove short lines in another language (site chrome); flag long ones."""
    flagged = []
    for ln in lines:
        if not ln.kept:
            continue
        found = lang.line_language(ln.text, language, rules.function_words)
        if not found:
            continue
        code, _ = found
        if word_count(ln.text) <= FOREIGN_REMOVE_MAX_WORDS and ln.hint != "title":
            ln.remove("foreign_language", code)
        else:
            flagged.append({"line": ln.text, "language": code})
    return flagged


# -- structure ------------------------------------------------------------------------------


def _is_section_label(line: Line, following: Line | None, rules: Rules) -> bool:
    if line.key in rules.section_labels and following is not None:
        return True
    if following is None or ends_sentence(line.text) or any(c.isdigit() for c in line.text):
        return False
    n, m = word_count(line.text), word_count(following.text)
    title_like = n < m <= TITLE_MAX_WORDS and not following.text.rstrip().endswith(".")
    return n <= 3 and len(line.text) <= 30 and title_like


def _title(lines: list[Line], doc: RawDocument, rules: Rules) -> str:
    """Pick the title; remove the rubric above it, the site name and every copy of it."""
    kept = [ln for ln in lines if ln.kept]
    line = next((ln for ln in kept if ln.hint == "title"), None)
    title = line.text if line else normalize_line(doc.title or "")
    if not title and kept:
        following = kept[1] if len(kept) > 1 else None
        if kept[0].hint is None and _is_section_label(kept[0], following, rules):
            kept[0].remove("section_label")
            kept = kept[1:]
        if kept and word_count(kept[0].text) <= TITLE_MAX_WORDS:
            line = kept[0]
            title = line.text
    if line is not None:
        line.role = "title"
    key = line_key(title) if title else ""
    site = line_key(doc.source) if doc.source else ""
    for ln in lines:
        if ln.role is not None:
            continue
        k = ln.key
        if key and _same(k, key, 90):
            ln.remove("duplicate_title")
            line = line or ln
        elif site and k == site:
            ln.remove("site_furniture")
        elif ln.pos < 3 and k in rules.section_labels:
            ln.remove("section_label")
    if line is not None:
        # above the title line: a short rubric ("RUSSIE", "Diplomatie"), then site chrome
        before = [ln for ln in lines[: line.pos] if ln.kept]
        if before and before[-1].hint is None and _is_section_label(before[-1], line, rules):
            before.pop().remove("section_label")
        for ln in before:
            if ln.hint is None and word_count(ln.text) <= 12 and not ln.text.rstrip().endswith("."):
                ln.remove("site_furniture")
    return title


def _same(a: str, b: str, threshold: float) -> bool:
    if a == b:
        return True
    if not a or not b or abs(len(a) - len(b)) > 0.25 * max(len(a), len(b)):
        return False
    return fuzz.ratio(a, b) >= threshold


def _quality(text: str) -> int:
    """Fewer typographic glitches is better (machine-translation copies have more)."""
    return -len(_GLITCH.findall(text))


def _duplicates(lines: list[Line]) -> None:
    """Keep one copy of repeated or near-identical lines (the cleaner one)."""
    seen: dict[str, Line] = {}
    recent: list[Line] = []
    captions = [ln for ln in lines if ln.hint == "caption" and ln.role is None]
    for ln in lines:
        if ln.role is not None:
            continue
        key = ln.key
        other = seen.get(key)
        if other is None and len(key) >= 20:
            for prev in recent[-3:]:
                adjacent = prev.block == ln.block or prev.pos == ln.pos - 1
                if _same(prev.key, key, 75 if adjacent else 92):
                    other = prev
                    break
        if other is None and len(key) >= 20 and word_count(ln.text) <= CAPTION_MAX_WORDS:
            # a caption printed twice far apart (figure caption and a copy in the text flow)
            other = next((c for c in captions if c.pos < ln.pos and c.kept and _same(c.key, key, 80)), None)
        if other is None:
            seen[key] = ln
            recent.append(ln)
            continue
        # the cleaner copy wins (fewer machine-translation glitches); on a tie the first one
        keep, drop = (other, ln) if _quality(other.text) >= _quality(ln.text) else (ln, other)
        drop.remove("duplicate")
        keep.hint = keep.hint or drop.hint
        keep.credit = keep.credit or drop.credit
        if keep is ln:
            seen[key] = ln
            if other in recent:
                recent[recent.index(other)] = ln
            else:
                recent.append(ln)


def _captions(lines: list[Line]) -> None:
    """Lines next to a photo credit or an image file name are captions."""
    for i, ln in enumerate(lines):
        if ln.role is None and ln.hint == "caption":
            ln.role = "caption"
        if ln.reason == "photo_credit":
            target = _neighbour(lines, i, -1)
        elif ln.reason == "image_filename":
            target = _neighbour(lines, i, +1)
        else:
            continue
        if target is not None and target.role is None and word_count(target.text) <= CAPTION_MAX_WORDS:
            target.role = "caption"
            if ln.reason == "photo_credit":
                target.credit_near = ln.text


def _neighbour(lines: list[Line], i: int, step: int) -> Line | None:
    """The nearest kept line before/after ``lines[i]`` in the same block, or in the
    adjacent block when that block is a single line and the credit stands alone."""
    block = lines[i].block
    j = i + step
    while 0 <= j < len(lines) and lines[j].block == block:
        if lines[j].kept:
            return lines[j]
        j += step
    k = i - step
    while 0 <= k < len(lines) and lines[k].block == block:
        if lines[k].kept:
            return None  # the credit shares its block with other text: no guess
        k -= step
    if not (0 <= j < len(lines)):
        return None
    other = lines[j].block
    near = []
    while 0 <= j < len(lines) and lines[j].block == other:
        if lines[j].kept:
            near.append(lines[j])
        j += step
    return near[0] if len(near) == 1 else None


def _is_body_like(line: Line) -> bool:
    return word_count(line.text) >= 12 or ends_sentence(line.text)


def _headings_and_orphans(lines: list[Line]) -> None:
    """Short stand-alone lines: a subheading when body follows, else site chrome."""
    open_lines = [ln for ln in lines if ln.role is None]
    per_block = Counter(x.block for x in lines if x.kept)
    for k, ln in enumerate(open_lines):
        following = open_lines[k + 1] if k + 1 < len(open_lines) else None
        alone = per_block[ln.block] == 1
        if ln.hint == "heading":
            ln.role = "heading"
            continue
        if ln.hint == "item" or _LIST_ITEM.match(ln.text):
            continue
        short = word_count(ln.text) <= HEADING_MAX_WORDS and len(ln.text) <= 110
        if not (alone and short) or ends_sentence(ln.text) or ln.text.rstrip().endswith((",", ":")):
            continue
        if _STARTS_UPPER.match(ln.text) and following is not None and _is_body_like(following):
            ln.role = "heading"
        elif word_count(ln.text) <= ORPHAN_MAX_WORDS:
            per_block[ln.block] -= 1
            ln.remove("lone_token" if word_count(ln.text) == 1 else "site_furniture")


# -- output ---------------------------------------------------------------------------------


def _paragraphs(lines: list[Line]) -> list[tuple[list[Heading], str]]:
    """Body paragraphs, each with the headings right before it. A block's lines are joined
    when they are one hard-wrapped paragraph (a line ending mid-sentence, next lower-case)."""
    out: list[tuple[list[Heading], str]] = []
    pending: list[Heading] = []
    current: list[str] = []
    last_block = -1

    def flush() -> None:
        nonlocal pending
        if current:
            out.append((pending, " ".join(current)))
            pending = []
            current.clear()

    for ln in lines:
        if ln.role == "heading":
            flush()
            pending.append(Heading(ln.text, 0))
        elif ln.role in (None, "body"):
            ln.role = "body"
            wrapped = (
                current
                and ln.block == last_block
                and not ends_sentence(current[-1])
                and ln.text[:1].islower()
            )
            if not wrapped:
                flush()
            current.append(ln.text)
            last_block = ln.block
    flush()
    if pending:
        out.append((pending, ""))
    return out


def _assemble(lines: list[Line]) -> tuple[str, list[Heading]]:
    parts: list[str] = []
    headings: list[Heading] = []
    offset = 0
    for heads, para in _paragraphs(lines):
        for h in heads:
            h.start = offset
            headings.append(h)
        if para:
            parts.append(para)
            offset += len(para) + 2
    return "\n\n".join(parts), headings


def _caption_list(lines: list[Line]) -> list[Caption]:
    return [Caption(ln.text, ln.credit or ln.credit_near) for ln in lines if ln.role == "caption"]


def _removed(lines: list[Line]) -> list[Removed]:
    out = []
    for ln in lines:
        if ln.role == "removed":
            out.append(Removed(ln.text, ln.reason or "", ln.detail))
        elif ln.credit:
            out.append(Removed(ln.credit, "photo_credit"))
    return out


def _first_sentence(text: str, limit: int = 150) -> str:
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + "…"
