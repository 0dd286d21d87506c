"""HTML pages -> plain lines with structure hints.

trafilatura finds the article in the page. Inside the span it found, nothing is dropped
silently: lines it pruned (a quote after a floating photo table, a bold subheading, an
ad slot) are put back in page order, and the cleaner then keeps or removes each with a
reason. Leads, subheadings and figure captions pruned outside that span are restored
next to the paragraph they precede on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import trafilatura
from lxml import etree

from .page import Anchored, headline, meta_tags, page_lines, page_parts, parse, title_parts

_WS = re.compile(r"\s+")
_PARAS = re.compile(r"\n\s*\n")
_LEAVES = {"p": None, "head": "heading", "quote": None, "item": "item"}
_CONTAINERS = {"list", "table", "row", "cell", "div", "main", "body", "section", "article"}


@dataclass(slots=True)
class Extracted:
    text: str
    hints: dict[int, str] = field(default_factory=dict)
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


class _Lines:
    """Collects text lines (blank-line separated) and their hints."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.hints: dict[int, str] = {}
        self.after_graphic = False

    def add(self, text: str, hint: str | None) -> None:
        for part in _PARAS.split(text):  # one element may hold several paragraphs
            part = _WS.sub(" ", part).strip()
            if not part:
                continue
            if self.lines:
                self.lines.append("")
            if hint:
                self.hints[len(self.lines)] = hint
            self.lines.append(part)

    def insert(self, at: int, text: str, hint: str | None) -> None:
        """Insert a line (and its blank separator) before line index ``at``."""
        self.lines[at:at] = [text, ""]
        self.hints = {(i + 2 if i >= at else i): h for i, h in self.hints.items()}
        if hint:
            self.hints[at] = hint


def _walk(el: etree._Element, out: _Lines, captions: list[str]) -> None:
    """Block elements become lines; inline runs between them (text under a table cell,
    an italic line after an image) become lines of their own."""
    run: list[str] = [el.text or ""]

    def flush() -> None:
        text = "".join(run)
        run.clear()
        if text.strip():
            short = len(text.split()) <= 45
            out.add(text, "caption" if out.after_graphic and short else None)
            out.after_graphic = False

    for child in el:
        tag = child.tag
        if tag in _LEAVES:
            flush()
            hint = "h1" if tag == "head" and child.get("rend") == "h1" else _LEAVES[tag]
            out.add("".join(child.itertext()), hint)
            out.after_graphic = False
        elif tag == "graphic":
            flush()
            if captions:
                out.add(captions.pop(0), "caption")
            else:
                out.after_graphic = True
        elif tag == "lb":
            flush()
        elif tag in _CONTAINERS:
            flush()
            _walk(child, out, captions)
        else:  # inline markup: hi, ref, del, ...
            run.append("".join(child.itertext()))
        run.append(child.tail or "")
    flush()


def _restore(out: _Lines, parts: list[Anchored], first: int) -> None:
    """Put back pruned subheadings and leads before the paragraph they precede on the page."""
    present = {line for line in out.lines if line}
    for part in parts:
        if part.text in present or (part.hint is None and any(part.text in line for line in present)):
            continue
        at = None
        if part.next_text:
            head = part.next_text[:60]
            at = next((i for i, line in enumerate(out.lines) if line.startswith(head)), None)
        if at is None:
            if part.hint == "heading":
                continue  # no anchor: a heading of some other block of the page
            at = first
        out.insert(at, part.text, part.hint)
        present.add(part.text)


def _page_index(page: list[tuple[str, str | None]], line: str) -> int | None:
    head = line[:50]
    for i, (text, _) in enumerate(page):
        if text == line or text.startswith(head) or (len(text) >= 30 and line.startswith(text[:50])):
            return i
    return None


def _glued(text: str, page: list[tuple[str, str | None]]) -> bool:
    """Whether an extracted line is several page lines run together (sloppy markup)."""
    parts = [t for t, _ in page if len(t) >= 10 and t != text and t in text]
    return len(parts) >= 2 and sum(map(len, parts)) >= 0.8 * len(text)


def _fill_gaps(out: _Lines, page: list[tuple[str, str | None]]) -> None:
    """Insert the page lines the extractor skipped between two lines it kept; replace
    lines it glued together from separate page lines by those lines."""
    items = []
    for j, line in enumerate(out.lines):
        if line:
            k = _page_index(page, line)
            if k is None and _glued(line, page):
                continue
            items.append((line, out.hints.get(j), k))
    present = [text for text, _, _ in items]
    rebuilt: list[tuple[str, str | None]] = []
    last = None  # page index of the last kept line that was found on the page
    for text, hint, k in items:
        if k is not None and last is not None and k > last + 1:
            for t, h in page[last + 1 : k]:
                if not any(t in p for p in present):
                    rebuilt.append((t, h))
        rebuilt.append((text, hint))
        if k is not None and (last is None or k > last):
            last = k
    if len(rebuilt) == sum(1 for line in out.lines if line):
        return
    out.lines, out.hints = [], {}
    for text, hint in rebuilt:
        out.add(text, hint)


def extract_html(html: str, url: str | None = None) -> Extracted | None:
    """Main text of a page as lines, one per block element; None when there is no article."""
    tree = parse(html)
    if tree is None:
        return None
    meta = meta_tags(tree)
    if "published" not in meta or "title" not in meta:
        # the page's meta tags do not say: ask trafilatura's (slower) metadata heuristics
        more = trafilatura.extract_metadata(tree, default_url=url, extensive=False)
        for key, value in (("title", more.title), ("published", more.date), ("source", more.sitename)):
            if value and key not in meta:
                meta[key] = value
    captions, anchored, headlines = page_parts(tree)
    page = page_lines(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_images=True,
        include_formatting=True,
        include_tables=True,
        favor_recall=True,
        fast=True,  # no fallback extractors: 2x faster; the page's own lines fill the gaps
    )
    if doc is None or doc.body is None:
        return None
    out = _Lines()
    _walk(doc.body, out, captions)
    for caption in captions:
        out.add(caption, "caption")
    if not out.lines:
        return None
    _fill_gaps(out, page)
    title = meta.get("title")
    h1 = next((i for i in range(0, min(len(out.lines), 13)) if out.hints.get(i) == "h1"), None)
    if h1 is None:
        # no <h1> kept: the visible headline, or the <title> without its site name
        title = headline(headlines, title) or title
        candidates = [title] + (title_parts(title) if title else [])
        h1 = next((i for i in range(min(len(out.lines), 13)) if out.lines[i] in candidates), None)
    if h1 is not None:
        out.hints[h1] = "title"
        title = out.lines[h1]
    out.hints = {i: ("heading" if h == "h1" else h) for i, h in out.hints.items()}
    _restore(out, anchored, first=h1 + 2 if h1 is not None else 0)
    return Extracted(
        text="\n".join(out.lines),
        hints=out.hints,
        title=title,
        published=meta.get("published"),
        source=meta.get("source"),
        url=meta.get("url") or url,
    )
