"""Syntax and position helpers for the quotes stage: the actor mentions around a quote,
the clause before and after it, subjects, noun phrases and clause boundaries."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from ..model import Mention


@dataclass(slots=True)
class Frame:
    cue: str | None
    verb: Token | None
    where: str  # after | before | selon | none
    tokens: list[Token]
    region: tuple[int, int]  # character range of the attribution
    attributed: bool = False


class MentionIndex:
    """Actor mentions sorted by position, for lookups around a quote."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.by_actor = {m.actor: m for m in self.mentions}

    def first_in(self, start: int, end: int) -> Mention | None:
        i = bisect_right(self.starts, start - 1)
        while i < len(self.mentions) and self.mentions[i].start < end:
            return self.mentions[i]
        return None

    def all_in(self, start: int, end: int) -> list[Mention]:
        """Mentions overlapping [start, end)."""
        i = max(0, bisect_right(self.starts, start - 1) - 1)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end > start:
                out.append(self.mentions[i])
            i += 1
        return out

    def last_subject_before(self, doc: Doc, pos: int, window: int = 500, accept: Any = None) -> Mention | None:
        """The nearest earlier person mention that is a grammatical subject ("il" refers back
        to who was talking, not to whom he talked)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= pos - window:
            m = self.mentions[i]
            if m.type == "person" and m.end <= pos and (accept is None or accept(m)):
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and (span.root.dep_.startswith("nsubj") or (
                    span.root.dep_ in ("appos", "flat:name") and span.root.head.dep_.startswith("nsubj")
                )):  # "Le ministre X a dit": X names the subject
                    return m
            i -= 1
        return None

    def last_holder(self, pos: int, role: tuple[str, str], kb: Any, window: int = 3000) -> Mention | None:
        """The nearest earlier person who ever held ``role`` (an undated article)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= pos - window:
            m = self.mentions[i]
            ent = kb.get(m.actor)
            if m.type == "person" and ent is not None and any((r.role, r.of) == role for r in ent.roles):
                return m
            i -= 1
        return None

    def next_holder(self, pos: int, role: tuple[str, str], kb: Any, window: int = 1500) -> Mention | None:
        """The next person named who ever held ``role`` ("le président français …, Emmanuel Macron")."""
        i = bisect_right(self.starts, pos)
        while i < len(self.mentions) and self.mentions[i].start <= pos + window:
            m = self.mentions[i]
            ent = kb.get(m.actor)
            if m.type == "person" and ent is not None and any((r.role, r.of) == role for r in ent.roles):
                return m
            i += 1
        return None

    def last_of_nationality(self, pos: int, country: str, kb: Any, window: int = 1500) -> Mention | None:
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= pos - window:
            m = self.mentions[i]
            ent = kb.get(m.actor)
            if m.type == "person" and ent is not None and ent.nationality == country:
                return m
            i -= 1
        return None

    def last_before(
        self, pos: int, floor: int, types: tuple[str, ...], text: str | None = None, accept: Any = None
    ) -> Mention | None:
        """The nearest earlier mention of one of ``types``; with ``text``, skipping objects
        of "à", "avec", "auprès de" (an addressee is not the one speaking next)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= floor:
            m = self.mentions[i]
            if m.type in types and m.end <= pos and (accept is None or accept(m)):
                if text is None or not _OBJECT_BEFORE.search(text[max(0, m.start - 45) : m.start]):
                    return m
            i -= 1
        return None


_BOUNDARY = frozenset(".!?")
_TIME_WORDS = frozenset(
    "lundi mardi mercredi jeudi vendredi samedi dimanche soir matin hier aujourd'hui également aussi encore "
    "toutefois déjà pourtant enfin ensuite alors".split()
)
_OBJECT_BEFORE = re.compile(r"(?:\bà|\bau|\bavec|auprès de|\baux)\s+(?:\w+\s+){0,6}$", re.IGNORECASE)


def clause_context(doc: Doc, qs: int, qe: int) -> tuple[list[Token], list[Token]]:
    """Tokens of the clause before a quote and after it, cut at sentence punctuation and
    paragraph breaks outside quotes (spaCy's sentences break badly around quote marks)."""
    before: list[Token] = []
    tok = doc.char_span(qs, qs, alignment_mode="expand")
    i = tok.start - 1 if tok is not None else len(doc) - 1
    while i >= 0 and doc[i].idx + len(doc[i]) <= qs:
        t = doc[i]
        if t.text in _BOUNDARY or "\n" in t.text_with_ws and t.idx + len(t) < qs - 1:
            break
        before.insert(0, t)
        i -= 1
    after: list[Token] = []
    span = doc.char_span(qe, qe, alignment_mode="expand")
    j = span.end if span is not None else len(doc)
    while j > 0 and doc[j - 1].idx >= qe:
        j -= 1
    while j < len(doc) and len(after) < 40:
        t = doc[j]
        if t.idx >= qe:
            if "\n" in t.text or t.text in _BOUNDARY:
                break
            after.append(t)
        j += 1
    return before, after


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, through coordination and adjuncts ("Pékin a fustigé … et
    accusé …", "…, assurant que …"), never across a paragraph."""
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_.startswith("nsubj")
                or (c.dep_ == "expl:subj" and c.lower_ in ("il", "elle"))]  # "Il a précisé que …"
        # the parser sometimes hangs the subject on the auxiliary ("Poutine a … estimé")
        subj += [g for c in verb.children if c.dep_.startswith("aux") for g in c.children if g.dep_.startswith("nsubj")]
        if subj:
            return subj[0]
        head = verb.head
        if verb.dep_ not in ("conj", "advcl", "xcomp") or head.i == verb.i or head.i > verb.i:
            return None
        if any("\n" in t.text_with_ws for t in verb.doc[head.i : verb.i]):
            return None
        verb = head
    return None


def mention_before_verb(verb: Token, index: MentionIndex) -> Mention | None:
    """The actor named right before a verb and its auxiliaries ("Wang Yi a exigé")."""
    i = verb.i - 1
    skipped = 0
    while i >= 0 and skipped < 6 and (
        verb.doc[i].pos_ in ("AUX", "ADV", "ADP", "DET", "PRON") or verb.doc[i].dep_.startswith("aux")
        or verb.doc[i].lower_ in ("part", "côté", "ne", "n'", "a", "ont", "avait", "avaient")
    ):  # "Vladimir Poutine a pour sa part estimé", "Lavrov a de son côté salué"
        i -= 1
        skipped += 1
    if i < 0:
        return None
    if verb.doc[i].text == ",":  # "Pékin, voisin et premier partenaire du pays, a appelé"
        j = i - 1
        while j >= 0 and j > i - 15 and verb.doc[j].text not in ",.!?" and "\n" not in verb.doc[j].text_with_ws:
            j -= 1
        if j >= 0 and verb.doc[j].text == ",":
            i = j - 1
    tok = verb.doc[i]
    cands = [x for x in index.all_in(tok.idx - 60, tok.idx + len(tok)) if x.end >= tok.idx + len(tok) - 1]
    return cands[-1] if cands and cands[-1].type in ("person", "organisation", "country", "media") else None


def right_edge(head: Token, verb: Token) -> int:
    """End of ``head``'s clause, without a trailing attribution (", a-t-il ajouté")."""
    last = max((t for t in head.subtree if not (t.i > verb.i and t.head == verb and t.dep_ == "parataxis")),
               key=lambda t: t.i)
    while last.i > head.i and (last.is_punct or last.pos_ in ("CCONJ",)):
        last = last.doc[last.i - 1]
    return last.idx + len(last)


def clause_start(before: list[Token], qs: int) -> int:
    return before[0].idx if before else qs


def clause_end(after: list[Token], qe: int) -> int:
    return after[-1].idx + len(after[-1]) if after else qe


def noun_phrase(tokens: list[Token]) -> list[Token]:
    """The noun phrase at the start of ``tokens`` (up to a comma, "cité", "citant", …);
    a leading "à Reuters" (the channel) is skipped: "a déclaré à Reuters un diplomate"."""
    out: list[Token] = []
    changed = True
    while changed and tokens:
        changed = False
        if tokens[0].lower_ in ("à", "au") and len(tokens) > 2:  # the channel: "à Reuters"
            k = 1
            while k < len(tokens) and k < 5 and (tokens[k].is_title or tokens[k].pos_ in ("DET", "PROPN")):
                k += 1
            tokens, changed = tokens[k:], True
        elif tokens[0].lower_ in ("dans", "lors", "devant") and len(tokens) > 3:  # "dans un communiqué"
            k = 1
            while k < min(len(tokens), 6) and tokens[k].pos_ in ("DET", "NOUN", "ADP", "ADJ") and tokens[k].text != ",":
                k += 1
            tokens, changed = tokens[k:], True
        elif tokens[0].lower_ in _TIME_WORDS or tokens[0].pos_ == "ADV":  # "a déclaré jeudi le …"
            tokens, changed = tokens[1:], True
    for tok in tokens:
        if tok.lower_ in ("qui", "que", "dont", "lequel", "laquelle"):
            break
        if tok.is_punct and tok.text not in "-'’" or tok.lower_ in ("cité", "citée", "cités", "citant", "selon", "à",
                                                                        "au", "dans", "lors", "sur", "après", "avant"):
            break
        if tok.pos_ == "AUX" and not out:
            continue
        out.append(tok)
        if len(out) >= 8:
            break
    return out


def ends_with_cue(before: str, ex: Any) -> bool:
    words = before.rstrip(" :").split()
    return bool(words) and words[-1].casefold() in ex.cues


def introduced_as(doc: Doc, noun: Token, index: MentionIndex, at: int) -> Mention | None:
    """"le conseiller" -> the person introduced earlier as "le conseiller …, Youri Ouchakov"."""
    for tok in doc[: noun.i]:
        if tok.lower_ == noun.lower_ and tok.i != noun.i and tok.idx < at:
            m = index.first_in(tok.idx, tok.idx + 60)
            if m is not None and m.type == "person":
                return m
    return None
