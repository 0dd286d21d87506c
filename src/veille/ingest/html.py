"""HTML pages -> plain lines with structure hints, through trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

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


def _captions(html: str) -> list[str]:
    """Figure captions: trafilatura prunes <figcaption>, but captions are content."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    out = []
    for el in tree.iter("figcaption"):
        text = _text_of(el)
        if text:
            out.append(text)
    return out


def extract_html(html: str, url: str | None = None) -> Extracted | None:
    """Main text of a page as lines, one per block element; None when there is no article."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=True,
        include_formatting=True,
        include_tables=True,
        favor_recall=True,
    )
    if doc is None or doc.body is None:
        return None
    lines: list[str] = []
    hints: dict[int, str] = {}
    captions = _captions(html)

    def add(text: str, hint: str | None) -> None:
        if lines:
            lines.append("")
        if hint:
            hints[len(lines)] = hint
        lines.append(text)

    for el in doc.body.iter("head", "p", "item", "quote", "graphic", "cell"):
        if el.tag == "graphic":
            if captions:
                add(captions.pop(0), "caption")
            continue
        if el.getparent() is not None and el.getparent().tag in ("quote", "item", "cell"):
            continue  # already taken with its parent
        text = _text_of(el)
        if not text:
            continue
        hint = {"head": "heading", "item": "item"}.get(el.tag)
        add(text, hint)
    for caption in captions:
        add(caption, "caption")
    if not lines:
        return None
    title = doc.title
    if title and hints.get(0) == "heading" and _WS.sub(" ", lines[0]).strip() == title.strip():
        hints[0] = "title"
    return Extracted(
        text="\n".join(lines),
        hints=hints,
        title=title,
        published=doc.date,
        source=doc.sitename,
        url=doc.url or url,
    )
