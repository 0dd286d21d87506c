"""An article body as HTML with its annotations (actors, quotes, events, dates) highlighted.

The store gives character offsets into the clean text. The body is cut at every offset,
each slice is escaped, and ``<span>`` elements open and close around the slices. Spans
may overlap (a quote across an actor mention, an event sentence across a quote): when a
span ends while another opened inside it is still open, the inner one is closed and
reopened after it, so the markup stays well-formed. A span cut that way keeps its
``data-*`` attributes on every piece and its ``id`` on the first piece only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..store.explore import QUAD_CLASS

# Outer to inner when two spans cover the same characters.
LAYERS = ("sentence", "quote", "time", "entity", "trigger")


@dataclass(frozen=True, slots=True)
class Span:
    """One highlighted range of the text: ``layer`` is one of :data:`LAYERS`."""

    start: int
    end: int
    layer: str
    classes: str
    attrs: tuple[tuple[str, str], ...] = ()
    id: str | None = None

    def open_tag(self, first: bool) -> str:
        parts = [f'<span class="{escape(self.classes)}"']
        if first and self.id:
            parts.append(f' id="{escape(self.id)}"')
        parts += [f' {name}="{escape(value)}"' for name, value in self.attrs]
        return "".join(parts) + ">"


def render(text: str, spans: Iterable[Span], inserts: dict[int, Markup] | None = None) -> Markup:
    """``text`` escaped, with ``spans`` as (possibly split) ``<span>`` elements.

    ``inserts`` are markup placed at an offset (subheadings), outside every span: the spans
    open there are closed before and reopened after. Spans outside the text or empty are
    ignored. The result, inserts removed, tags stripped and entities unescaped, is ``text``.
    """
    inserts = {k: v for k, v in (inserts or {}).items() if 0 <= k <= len(text)}
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    order = {layer: i for i, layer in enumerate(LAYERS)}
    valid.sort(key=lambda s: (s.start, -s.end, order.get(s.layer, len(LAYERS))))
    opening: dict[int, list[Span]] = defaultdict(list)
    for s in valid:
        opening[s.start].append(s)
    bounds = sorted({0, len(text), *inserts, *(s.start for s in valid), *(s.end for s in valid)})
    out: list[str] = []
    stack: list[Span] = []
    for i, pos in enumerate(bounds):
        ending = [k for k, s in enumerate(stack) if s.end == pos]
        if ending:
            cut = stack[ending[0]:]
            del stack[ending[0]:]
            out.extend("</span>" for _ in cut)
            for s in cut:
                if s.end != pos:
                    out.append(s.open_tag(first=False))
                    stack.append(s)
        if pos in inserts:
            out.extend("</span>" for _ in stack)
            out.append(str(inserts[pos]))
            out.extend(s.open_tag(first=False) for s in stack)
        for s in opening.get(pos, ()):
            out.append(s.open_tag(first=True))
            stack.append(s)
        if i + 1 < len(bounds):
            out.append(str(escape(text[pos : bounds[i + 1]])))
    return Markup("".join(out))


def _names(group: list[dict]) -> str:
    return ", ".join(a.get("name") or "?" for a in group) or "?"


def article_spans(
    *, entities: list[dict], quotes: list[dict], events: list[dict], times: list[dict]
) -> list[Span]:
    """The spans of an article's annotations, in the store's export form.

    Event sentences get ``id="s<start>"`` and ``data-sent="<start>"``, the anchor every
    link to an event's sentence uses (``/articles/ID#s1279``).
    """
    spans: list[Span] = []
    seen_sentences: set[int] = set()
    for ev in events:
        sent = ev.get("evidence") or {}
        if "start" in sent and "end" in sent and sent["start"] not in seen_sentences:
            seen_sentences.add(sent["start"])
            spans.append(Span(sent["start"], sent["end"], "sentence", "sent",
                              (("data-sent", str(sent["start"])),), id=f"s{sent['start']}"))
        kind = ev["type"] + (f"/{ev['mode']}" if ev.get("mode") else "")
        label = f"{kind}: {_names(ev['source'])} → {_names(ev['target'])}"
        if ev.get("modality") and ev["modality"] != "asserted":
            label += f" ({ev['modality']})"
        spans.append(Span(ev["start"], ev["end"], "trigger", f"trigger quad-{quad_class(ev['type'])}",
                          (("title", label),)))
    quote_ids: set[str] = set()
    for q in quotes:
        who = (q.get("speaker") or {}).get("name") or q.get("speaker_text") or "unknown speaker"
        qid = f"q{q['start']}"
        spans.append(Span(q["start"], q["end"], "quote", f"quote quote-{q['kind']}",
                          (("title", f"{q['kind']} quote, {who}"),), id=None if qid in quote_ids else qid))
        quote_ids.add(qid)
    for t in times:
        spans.append(Span(t["start"], t["end"], "time", "time", (("title", t.get("value") or "date unknown"),)))
    for ent in entities:
        for m in ent["mentions"]:
            spans.append(Span(m["start"], m["end"], "entity", f"ent ent-{ent['type']}",
                              (("data-actor", ent["id"]), ("title", f"{ent['name']} ({ent['type']})"))))
    return spans


def quad_class(event_type: str) -> str:
    """A CSS-friendly name of the quad class of a PLOVER type (``verbal-cooperation``)."""
    return (QUAD_CLASS.get(event_type) or "other").replace(" ", "-")
