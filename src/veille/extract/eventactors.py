"""Event participants the text does not name: what the knowledge base says about a mention
(the country a capital stands for, a person's nationality, whether a body is international)
and actors named by a nationality adjective ("le gouvernement turc", "le dirigeant chinois")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Token

from ..model import Mention
from .clauses import MentionIndex


class EventActors:
    """Knowledge-base lookups for the events stage; ``person_nouns`` name one person
    ("président", "dirigeant"), so "le dirigeant chinois" is a Chinese person, not China."""

    def __init__(self, kb: Any, person_nouns: Iterable[str]) -> None:
        self.kb = kb
        self.person_nouns = frozenset(person_nouns)

    def international(self, m: Mention) -> bool:
        """An organisation of states (the KB places national bodies in their country)."""
        ent = self.kb.get(m.actor) if self.kb is not None else None
        return ent is not None and ent.type == "organisation" and not ent.located_in and not ent.metonym_of

    def nationality(self, m: Mention) -> str | None:
        ent = self.kb.get(m.actor) if self.kb is not None and m.type == "person" else None
        return ent.nationality if ent is not None else None

    def country_of(self, m: Mention) -> Mention:
        """The country a city or a seat of power stands for ("appelé Pékin à …"), else ``m``."""
        ent = self.kb.get(m.actor) if self.kb is not None else None
        country = ent and (ent.metonym_of or ent.located_in)
        target = self.kb.get(country) if country else None
        if target is None or target.type != "country":
            return m
        return Mention(start=m.start, end=m.end, text=m.text, actor=target.id, name=target.name, type="country",
                       method="metonym", confidence=m.confidence, sent_start=m.sent_start, sent_end=m.sent_end)

    def by_adjective(self, toks: list[Token], index: MentionIndex | None = None) -> list[Mention]:
        """Countries named by an adjective on a common noun ("le gouvernement turc",
        "l'ambassadeur russe", "une riposte israélienne"), for a participant with no name; a
        leader so named ("le dirigeant chinois", "son homologue russe") is the last person of
        that country spoken of, when there is one. Coordinated adjectives name several ("les
        présidents américain et russe"); otherwise the first adjective names one side ("le
        ministre russe … chinois")."""
        if self.kb is None:
            return []
        for t in toks:
            if t.pos_ == "ADJ" and t.dep_ == "amod" and t.head.pos_ == "NOUN" and self.kb.adjective(t.text):
                more = [  # the second adjective hangs on the first or, misparsed, on the noun
                    c
                    for c in (*t.children, *t.head.children)
                    if c.dep_ == "conj" and c.pos_ == "ADJ" and c.i > t.i and self.kb.adjective(c.text)
                ]
                adjs = [t, *more]
                return [self._adjective_actor(a, t.head, index) for a in adjs]
        return []

    def _adjective_actor(self, adj: Token, noun: Token, index: MentionIndex | None) -> Mention:
        country = self.kb.adjective(adj.text)
        if index is not None and (noun.lower_ in self.person_nouns or noun.lower_.rstrip("sx") in self.person_nouns):
            person = index.last_of_nationality(adj.idx, country, self.kb)
            if person is not None:
                return person
        return Mention(
            start=adj.idx,
            end=adj.idx + len(adj.text),
            text=adj.text,
            actor=country,
            name=self.kb.entities[country].name,
            type="country",
            method="adjective",
            confidence=0.7,
        )


def last_people(
    index: MentionIndex, pos: int, n: int, window: int = 2000, accept: Any = None
) -> list[Mention]:
    """The last ``n`` distinct persons mentioned before ``pos`` (within ``window`` characters)
    that ``accept`` takes (all when None)."""
    out: dict[str, Mention] = {}
    for m in reversed(index.mentions):
        if m.end > pos:
            continue
        if m.start < pos - window or len(out) == n:
            break
        if m.type == "person" and (accept is None or accept(m)):
            out.setdefault(m.actor, m)
    return list(out.values()) if len(out) == n else []
