"""HTML pages -> plain lines with structure hints, through trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree
from rapidfuzz import fuzz

_WS = re.compile(r"\s+")


@dataclass(slots=True)
class Extracted:
    text: str
    hints: dict[int, str] = field(default_factory=dict)
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


def _text_of(el: etree._Element) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip()


_LEAD_CLASS = re.compile(r"(?i)(?<![a-z])(lead|chap[oô]|chapeau|standfirst|intro|summary|teaser|excerpt)(?![a-z])")
_LEAVES = {"p": None, "head": "heading", "quote": None, "item": "item"}
_CONTAINERS = {"list", "table", "row", "cell", "div", "main", "body", "section", "article"}
_PAGE_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "div")


@dataclass(slots=True)
class _Anchored:
    """A block the extractor may prune (subheading, lead) and the text that follows it."""

    text: str
    hint: str | None
    next_text: str | None


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(html)
    except ValueError:  # a str with an XML encoding declaration
        try:
            return lxml.html.fromstring(html.encode("utf-8"))
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:
        return None


_META = {
    "title": ("og:title", "twitter:title", "dc.title"),
    "published": ("article:published_time", "datepublished", "date", "pubdate", "publishdate",
                  "dc.date", "dc.date.issued", "og:published_time", "sailthru.date"),
    "source": ("og:site_name", "application-name", "publisher", "dc.publisher"),
    "url": ("og:url",),
}
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Title, publication date, site name and URL from the page's meta tags."""
    found: dict[str, str] = {}
    tags = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value:
            tags.setdefault(key, value)
    for field_name, keys in _META.items():
        value = next((tags[k] for k in keys if k in tags), None)
        if value:
            found[field_name] = _WS.sub(" ", value)
    if "published" not in found:
        for el in tree.iter("time"):
            if el.get("datetime"):
                found["published"] = el.get("datetime").strip()
                break
    if "published" in found:
        m = _ISO_DATE.search(found["published"])
        if m:
            found["published"] = m.group(1)
        else:
            del found["published"]
    if "url" not in found:
        for el in tree.iter("link"):
            if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
                found["url"] = el.get("href").strip()
                break
    if "title" not in found:
        title = next((t for t in (_text_of(el) for el in tree.iter("title")) if t), None)
        if title:
            found["title"] = title
    return found


def _page_parts(tree: lxml.html.HtmlElement) -> tuple[list[str], list[_Anchored], list[str]]:
    """Figure captions, subheadings and lead paragraphs, read from the page itself: the
    extractor prunes captions, and sometimes leads and subheadings, which are content."""
    headlines = [t for t in (_text_of(el) for el in tree.iter("h1")) if len(t.split()) >= 3]
    captions = [t for t in (_text_of(el) for el in tree.iter("figcaption")) if t]
    blocks: list[tuple[etree._Element, str]] = []
    for el in tree.iter(*_PAGE_BLOCKS):
        if el.tag == "div" and (len(el) or not (el.text or "").strip()):
            cls = el.get("class") or ""
            if not _LEAD_CLASS.search(cls):
                continue
        text = _text_of(el)
        if text:
            blocks.append((el, text))
    anchored = []
    for i, (el, text) in enumerate(blocks):
        if el.tag in ("h2", "h3", "h4"):
            hint: str | None = "heading"
        elif _LEAD_CLASS.search(el.get("class") or "") and len(text.split()) >= 8 and len(el) < 20:
            hint = None
        else:
            continue
        following = next((t for _, t in blocks[i + 1 :] if len(t.split()) >= 8 and t != text), None)
        anchored.append(_Anchored(text, hint, following))
    return captions, anchored, headlines


def _headline(headlines: list[str], meta_title: str | None) -> str | None:
    """The visible headline: the page's <h1> closest to the metadata title."""
    if not headlines:
        return None
    if not meta_title:
        return headlines[0]
    best = max(headlines, key=lambda h: fuzz.token_set_ratio(h, meta_title))
    return best if fuzz.token_set_ratio(best, meta_title) >= 50 else None


def _restore(
    lines: list[str], hints: dict[int, str], parts: list[_Anchored], first: int
) -> tuple[list[str], dict[int, str]]:
    """Put back pruned subheadings and leads before the paragraph they precede on the page."""
    present = {line for line in lines if line}
    for part in parts:
        if part.text in present or (part.hint is None and any(part.text in line for line in present)):
            continue
        at = None
        if part.next_text:
            head = part.next_text[:60]
            at = next((i for i, line in enumerate(lines) if line.startswith(head)), None)
        if at is None:
            if part.hint == "heading":
                continue  # no anchor: a heading of some other block of the page
            at = first
        lines = lines[:at] + [part.text, ""] + lines[at:]
        hints = {(i + 2 if i >= at else i): h for i, h in hints.items()}
        if part.hint:
            hints[at] = part.hint
        present.add(part.text)
    return lines, hints


class _Lines:
    """Collects text lines (blank-line separated) and their hints."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.hints: dict[int, str] = {}
        self.after_graphic = False

    def add(self, text: str, hint: str | None) -> None:
        text = _WS.sub(" ", text).strip()
        if not text:
            return
        if self.lines:
            self.lines.append("")
        if hint:
            self.hints[len(self.lines)] = hint
        self.lines.append(text)


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


def extract_html(html: str, url: str | None = None) -> Extracted | None:
    """Main text of a page as lines, one per block element; None when there is no article."""
    tree = _parse(html)
    if tree is None:
        return None
    meta = _meta(tree)
    if "published" not in meta or "title" not in meta:
        # the page's meta tags do not say: ask trafilatura's (slower) metadata heuristics
        more = trafilatura.extract_metadata(tree, default_url=url, extensive=False)
        for key, value in (("title", more.title), ("published", more.date), ("source", more.sitename)):
            if value and key not in meta:
                meta[key] = value
    captions, anchored, headlines = _page_parts(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_images=True,
        include_formatting=True,
        include_tables=True,
        favor_recall=True,
        fast=True,  # no fallback extractors: 2x faster; the page parts restore what they add
    )
    if doc is None or doc.body is None:
        return None
    out = _Lines()
    _walk(doc.body, out, captions)
    for caption in captions:
        out.add(caption, "caption")
    if not out.lines:
        return None
    title = meta.get("title")
    lines, hints = out.lines, out.hints
    h1 = next((i for i in range(0, min(len(lines), 13)) if hints.get(i) == "h1"), None)
    if h1 is not None:
        hints[h1] = "title"
        title = lines[h1]
    else:
        title = _headline(headlines, title) or title
    hints = {i: ("heading" if h == "h1" else h) for i, h in hints.items()}
    lines, hints = _restore(lines, hints, anchored, first=h1 + 2 if h1 is not None else 0)
    return Extracted(
        text="\n".join(lines),
        hints=hints,
        title=title,
        published=meta.get("published"),
        source=meta.get("source"),
        url=meta.get("url") or url,
    )
