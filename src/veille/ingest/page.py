"""Reading the page itself: meta tags, headline, captions, leads, subheadings, and the
page's visible lines — what the extractor may prune but an article needs."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree
from rapidfuzz import fuzz

_WS = re.compile(r"\s+")


def text_of(el: etree._Element) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip()


_LEAD_CLASS = re.compile(r"(?i)(?<![a-z])(lead|chap[oô]|chapeau|standfirst|intro|summary|teaser|excerpt)(?![a-z])")
_PAGE_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "div")


@dataclass(slots=True)
class Anchored:
    """A block the extractor may prune (subheading, lead) and the text that follows it."""

    text: str
    hint: str | None
    next_text: str | None


def parse(html: str) -> lxml.html.HtmlElement | None:
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


def meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
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
        title = next((t for t in (text_of(el) for el in tree.iter("title")) if t), None)
        if title:
            found["title"] = title
    return found


def page_parts(tree: lxml.html.HtmlElement) -> tuple[list[str], list[Anchored], list[str]]:
    """Figure captions, subheadings and lead paragraphs, read from the page itself: the
    extractor prunes captions, and sometimes leads and subheadings, which are content."""
    headlines = [t for t in (text_of(el) for el in tree.iter("h1")) if len(t.split()) >= 3]
    captions = [t for t in (text_of(el) for el in tree.iter("figcaption")) if t]
    blocks: list[tuple[etree._Element, str]] = []
    for el in tree.iter(*_PAGE_BLOCKS):
        if el.tag == "div" and (len(el) or not (el.text or "").strip()):
            cls = el.get("class") or ""
            if not _LEAD_CLASS.search(cls):
                continue
        text = text_of(el)
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
        anchored.append(Anchored(text, hint, following))
    return captions, anchored, headlines


def headline(headlines: list[str], meta_title: str | None) -> str | None:
    """The visible headline: the page's <h1> closest to the metadata title."""
    if not headlines:
        return None
    if not meta_title:
        return headlines[0]
    best = max(headlines, key=lambda h: fuzz.token_set_ratio(h, meta_title))
    return best if fuzz.token_set_ratio(best, meta_title) >= 50 else None


_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr td th tbody thead blockquote figure "
    "figcaption section article header footer aside nav main pre form center address hr br".split()
)
_SKIP = frozenset("script style noscript template head select option button svg iframe object".split())
_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())


def page_lines(tree: lxml.html.HtmlElement) -> list[tuple[str, str | None]]:
    """The page's visible text as lines: one per block element or <br>, with a hint for
    subheadings and figure captions. Scripts, styles and forms' widgets are skipped."""
    lines: list[tuple[str, str | None]] = []
    buf: list[str] = []

    def flush(hint: str | None = None) -> None:
        text = _WS.sub(" ", "".join(buf)).strip()
        buf.clear()
        if text:
            lines.append((text, hint))

    def walk(el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            buf.append(el.tail or "")
            return
        block = tag in _BLOCKS
        if block:
            flush()
        buf.append(el.text or "")
        for child in el:
            walk(child)
        if block:
            flush("heading" if tag in _HEADINGS else "caption" if tag == "figcaption" else None)
        buf.append(el.tail or "")

    body = tree.find(".//body")
    walk(body if body is not None else tree)
    flush()
    return lines


_TITLE_SPLIT = re.compile(r"\s+[-|–—:»·]{1,2}\s+")


def title_parts(title: str) -> list[str]:
    """A <title> cut at its site-name separators ("Site - Headline", "Headline | Site"),
    longest part first."""
    return sorted((p.strip() for p in _TITLE_SPLIT.split(title) if p.strip()), key=len, reverse=True)
