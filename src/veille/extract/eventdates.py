"""When an event happened: the temporal expression that governs its trigger.

The date of an event is the temporal expression of the trigger's clause (attached to the
trigger or its head, else hanging on the same verb and not deep in a noun phrase), else of
its sentence; else, for an asserted event, the last day the narrator gave in the
``CONTEXT`` characters before (never one from inside a quote, nor one deep in a noun
phrase); else the publication month with basis ``published``; else nothing. An expression
introduced by one of the language's ``since_words`` ("depuis 2022") dates when a state
began, not an event, and is never used. What each expression hangs on is worked out once
per document (:class:`EventDater`), not once per event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..model import Quote

CONTEXT = 1500  # characters before a sentence within which an undated event takes the last day given
_DEEP = 2  # an expression more than this many arcs below its clause's verb dates a noun, not the clause


@dataclass(frozen=True, slots=True)
class _Anchor:
    """A temporal expression with a value and where it hangs in the parse."""

    expr: Any  # TimeExpr
    heads: frozenset[int]  # the heads of its tokens, and the tokens themselves
    verb: int  # the verb heading its clause
    depth: int  # arcs from its root up to that verb
    narrative: bool  # it dates its clause (a verb within _DEEP arcs), not a noun deep in it


class EventDater:
    """Dates for the events of one parsed document."""

    def __init__(self, doc: Doc, times: Iterable[Any], quotes: Iterable[Quote], since_words: Iterable[str]) -> None:
        since = frozenset(w.casefold() for w in since_words)
        self.anchors: list[_Anchor] = []
        for t in times:
            span = doc.char_span(t.start, t.end, alignment_mode="expand") if t.value else None
            if span is None or _since(doc, span, since):
                continue
            verb = clause_verb(span.root)
            depth = _depth_below(span.root, verb)
            self.anchors.append(
                _Anchor(
                    expr=t,
                    heads=frozenset(x.head.i for x in span) | frozenset(x.i for x in span),
                    verb=verb.i,
                    depth=depth,
                    narrative=verb.pos_ in ("VERB", "AUX") and depth <= _DEEP,
                )
            )
        self.quoted = [(q.start, q.end) for q in quotes if q.kind != "indirect"]

    def date(
        self, trig: Token, sent: Span, published: str | None, modality: str = "asserted"
    ) -> tuple[str | None, str | None, str]:
        """``(value, granularity, basis)``; basis is expression, context, published or none."""
        in_sent = [a for a in self.anchors if sent.start_char <= a.expr.start < sent.end_char]
        if in_sent:
            clause = {trig.i, trig.head.i}
            own = [a for a in in_sent if a.heads & clause]
            if not own:
                # ("à l'occasion du 75e anniversaire de leurs relations, en octobre 1949" is no date of the event)
                verb = clause_verb(trig).i
                own = [a for a in in_sent if a.verb == verb and a.depth <= _DEEP]
            if own:
                best = min(own, key=lambda a: abs(a.expr.start - trig.idx)).expr
                return best.value, best.granularity, "expression"
        # no expression of its own: the day the narrative is at, when the previous sentence or
        # two gave one ("X a déclaré mardi à Y … Les deux hommes se sont rencontrés à Pékin");
        # the narrator's days only (a quote speaks from its own time), and only for what
        # happened (a planned or possible event does not happen on the day it is announced)
        before = [
            a.expr
            for a in self.anchors
            if sent.start_char - CONTEXT <= a.expr.start < sent.start_char
            and a.narrative
            and not any(s <= a.expr.start < e for s, e in self.quoted)
        ]
        if before and before[-1].granularity == "day" and modality == "asserted":
            return before[-1].value, "day", "context"
        if published and len(published) >= 7:
            return published[:7], "month", "published"
        return None, None, "none"


def clause_verb(tok: Token) -> Token:
    """The verb heading ``tok``'s clause (``tok`` itself for a verb)."""
    t, steps = tok, 0
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i and steps < 12:
        t, steps = t.head, steps + 1
    return t


def _since(doc: Doc, span: Span, since: frozenset[str]) -> bool:
    first = span[0]
    return first.lower_ in since or (first.i > 0 and doc[first.i - 1].lower_ in since)


def _depth_below(tok: Token, ancestor: Token) -> int:
    depth, t = 0, tok
    while t.i != ancestor.i and t.head.i != t.i and depth < 12:
        t, depth = t.head, depth + 1
    return depth
