"""Actors: find every mention of a person, country, organisation, place or outlet in an
article's clean text and resolve it to one identity.

Candidates come from three sources: the knowledge base's names (a phrase matcher),
role descriptions ("le ministre russe de la Défense", resolved by the article's date)
and spaCy's named entities. Resolution, strongest evidence first: exact name,
transliteration-tolerant name, in-article coreference of short forms ("Poutine",
"M. Xi", "Wang"), fuzzy name, role at the date; capitals and seats of power act for their
country unless they are a location ("à Pékin"); unknown names become new actors keyed
by type and normalized name.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..kb import KnowledgeBase, Match, load_kb, name_key, translit_key
from ..model import Mention
from ..nlp import language_data

NER_TYPES = {"PER": "person", "PERSON": "person", "ORG": "organisation", "LOC": "place", "GPE": "place"}
_NAME_CHARS = re.compile(r"[A-ZÀ-ÝŒ]")


@dataclass(slots=True)
class _Candidate:
    start: int  # token indexes
    end: int
    source: str  # kb | role | ner
    label: str = ""
    ids: list[str] = field(default_factory=list)
    role: tuple[str, str] | None = None  # (role, of) for role descriptions

    @property
    def priority(self) -> int:
        return {"role": 3, "kb": 2, "ner": 1}[self.source]


def _role_regex(data: dict[str, Any], kb: KnowledgeBase, lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One expression for every role template of the language data file."""
    countries, orgs, adjectives = [], [], set()
    for ent in kb.entities.values():
        for forms in ent.adjectives.values():
            adjectives.update(forms)  # as written: "français", not the key "francais"
        if ent.type == "country":
            countries += ent.names.get(lang, [])
        elif ent.type == "organisation":
            orgs += ent.names.get(lang, [])
    alt = {
        "adj": "|".join(re.escape(a) for a in sorted(adjectives, key=len, reverse=True)),
        "country": "|".join(re.escape(c) for c in sorted(set(countries), key=len, reverse=True)),
        "org": "|".join(re.escape(o) for o in sorted(set(orgs), key=len, reverse=True)),
    }
    parts, groups = [], {}
    for role, templates in (data.get("roles") or {}).items():
        for i, template in enumerate(templates):
            group = f"{role}__{i}"
            fixed = None
            if " => " in template:  # "chef du Kremlin => RUS": a periphrasis naming its country
                template, fixed = (x.strip() for x in template.split(" => ", 1))
                groups[f"{group}__of"] = fixed
            pattern = re.escape(template).replace(r"\ ", r"\s+")
            for slot in ("adj", "country", "org"):
                pattern = pattern.replace(re.escape("{" + slot + "}"), f"(?P<{slot}_{group}>{alt[slot]})")
            parts.append(f"(?P<{group}>{pattern})")
            groups[group] = role
    body = "|".join(parts) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE), groups


class ActorExtractor:
    """Built once per language (it compiles the knowledge base into matchers)."""

    def __init__(self, nlp: Any, lang: str = "fr", kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or load_kb()
        self.nlp = nlp
        self.lang = lang
        data = language_data(lang)
        self.honorifics = sorted(data.get("honorifics", []), key=len, reverse=True)
        self.person_titles = {w.casefold() for w in data.get("person_titles", [])}
        self.not_actors = {name_key(w) for w in data.get("not_actors", [])}
        meto = data.get("metonymy") or {}
        self.locative = {w.casefold() for w in meto.get("place_prepositions", [])}
        self.recipient_heads = tuple(meto.get("recipient_heads", []))
        self.place_heads = tuple(meto.get("place_heads", []))
        self.place_verbs = tuple(meto.get("place_verbs", []))
        self.role_re, self.role_groups = _role_regex(data, self.kb, lang)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cased: dict[str, bool] = {}
        names = self.kb.names([lang, "en"])
        patterns = []
        for name in names:
            if len(name) < 2:
                continue
            patterns.append(nlp.make_doc(name))
        self.matcher.add("KB", patterns)
        # which lower-cased names must appear capitalized in text to count, and the exact
        # forms of short names ("UN", "AU" are not "Un", "Au")
        self.short_forms: dict[str, set[str]] = {}
        for name in names:
            self.cased[name.casefold()] = bool(_NAME_CHARS.match(name))
            if len(name) <= 4:
                self.short_forms.setdefault(name.casefold(), set()).add(name)

    # -- candidates -------------------------------------------------------------------------

    def _kb_candidates(self, doc: Doc) -> list[_Candidate]:
        out = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            if "\n" in span.text:
                continue
            if self.cased.get(span.text.casefold(), True) and not _NAME_CHARS.match(span.text):
                continue  # "grenade", "maurice": the name is written capitalized
            forms = self.short_forms.get(span.text.casefold())
            if forms and span.text not in forms:
                continue
            out.append(_Candidate(start, end, "kb"))
        return out

    def _role_candidates(self, doc: Doc, day: dt.date | None) -> list[_Candidate]:
        out = []
        for m in self.role_re.finditer(doc.text):
            group = m.lastgroup
            if group is None or group not in self.role_groups:
                group = next((g for g in self.role_groups if not g.endswith("__of") and m.group(g)), None)
                if group is None:
                    continue
            role = self.role_groups[group]
            of = self.role_groups.get(f"{group}__of")
            for slot in ("adj", "country", "org"):
                value = m.groupdict().get(f"{slot}_{group}")
                if value:
                    of = self.kb.adjective(value) if slot == "adj" else self._org_or_country(value)
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or of is None:
                continue
            out.append(_Candidate(span.start, span.end, "role", role=(role, of)))
        return out

    def parse_role(self, text: str) -> tuple[str, str] | None:
        """The (role, of) a description names: "le chef de la diplomatie russe" ->
        ("foreign_minister", "RUS"); None if it names no role."""
        m = self.role_re.search(text)
        if not m:
            return None
        group = next((g for g in self.role_groups if not g.endswith("__of") and m.group(g)), None)
        if group is None:
            return None
        if f"{group}__of" in self.role_groups:
            return self.role_groups[group], self.role_groups[f"{group}__of"]
        for slot in ("adj", "country", "org"):
            value = m.groupdict().get(f"{slot}_{group}")
            if value:
                of = self.kb.adjective(value) if slot == "adj" else self._org_or_country(value)
                return (self.role_groups[group], of) if of else None
        return None

    def _org_or_country(self, name: str) -> str | None:
        for match in self.kb.lookup(name):
            if self.kb.entities[match.id].type in ("country", "organisation"):
                return match.id
        return None

    def _ner_candidates(self, doc: Doc) -> list[_Candidate]:
        out = []
        for ent in doc.ents:
            if "\n" in ent.text or ent.label_ not in NER_TYPES and ent.label_ != "MISC":
                continue
            start = ent.start
            # "Si Jinping" tagged as "Jinping": take a capitalized word before it when the
            # longer form is a known name
            if start > self._sent_of(start).start and doc[start - 1].is_title:
                longer = doc[start - 1 : ent.end].text
                if self.kb.lookup(longer):
                    start -= 1
            out.append(_Candidate(start, ent.end, "ner", label=ent.label_))
        return out + self._titled_names(doc)

    def _titled_names(self, doc: Doc) -> list[_Candidate]:
        """Proper-noun runs after a person's title ("le major-général, Daciaan-Tiberi
        Sherban") that the entity recognizer missed."""
        out = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            if tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_:
                i += 1
                continue
            j = i
            while j < len(doc) and not doc[j].ent_type_ and (
                (doc[j].pos_ == "PROPN" and doc[j].is_title) or doc[j].text == "-"
            ):
                j += 1
            while j > i and doc[j - 1].text == "-":
                j -= 1
            k = i - 1
            if k >= 0 and doc[k].text == ",":
                k -= 1
            if k >= 1 and doc[k].pos_ == "ADJ" and self.kb.adjective(doc[k].text):
                k -= 1  # "le président kazakh Kassym-Jomart Tokaïev"
            if j - i >= 2 and k >= 0 and doc[k].lower_.split("-")[-1] in self.person_titles:
                out.append(_Candidate(i, j, "ner", label="PER"))
            i = max(j, i + 1)
        return out

    def _select(self, doc: Doc, cands: list[_Candidate]) -> list[_Candidate]:
        """Non-overlapping candidates: longer first, then role > kb > ner; a named entity
        that is no known name loses to the known names inside it ("OTAN Jens Stoltenberg")."""
        def known(c: _Candidate) -> bool:
            if c.source != "ner":
                return True
            text = self._strip(doc[c.start : c.end].text)
            return bool(self.kb.lookup(text) or self.kb.fuzzy(text))

        chosen: list[_Candidate] = []
        taken: set[int] = set()
        for c in sorted(cands, key=lambda c: (not known(c), -(c.end - c.start), -c.priority, c.start)):
            if any(i in taken for i in range(c.start, c.end)):
                continue
            chosen.append(c)
            taken.update(range(c.start, c.end))
        return sorted(chosen, key=lambda c: c.start)

    # -- resolution -------------------------------------------------------------------------

    def _strip(self, text: str) -> str:
        for h in self.honorifics:
            if text.startswith(h + " ") or text.startswith(h + "\u00a0"):
                return text[len(h) + 1 :].strip()
        return text

    def _is_locative(self, span: Span) -> bool:
        """Whether a capital or seat of power is the place itself ("à Pékin", "a visité
        Moscou", "à 200 km de Moscou") rather than the state acting through it."""
        root, doc = span.root, span.doc
        sent = self._sent_of(span.start)
        head = root.head.lower_ if root.head.i != root.i else ""
        # the word the phrase depends on, and the one above it ("livrer des armes à Moscou")
        heads = (head, root.head.head.lower_ if root.head.head.i != root.head.i else "")
        i = span.start - 1
        while i >= sent.start and doc[i].pos_ == "DET":
            i -= 1
        before = doc[i].lower_ if i >= sent.start else ""
        if before in self.locative:
            return not any(h.startswith(self.recipient_heads) for h in heads)
        if before in ("de", "d'", "du"):
            return head.startswith(self.place_heads)
        if before == "pour":
            return head.startswith(self.place_verbs)
        return root.dep_ == "obj" and head.startswith(self.place_verbs)

    def _junk(self, span: Span, text: str) -> bool:
        key = name_key(text)
        if not key or key in self.not_actors or len(key) < 2 or not _NAME_CHARS.search(text):
            return True
        return not any(t.pos_ in ("PROPN", "X") for t in span)

    def extract(self, doc: Doc, *, published: str | None = None) -> list[Mention]:
        """Every actor mention of ``doc`` (the article's clean text)."""
        day = _day(published)
        self._sents = list(doc.sents)
        self._sent_starts = [s.start for s in self._sents]
        cands = self._kb_candidates(doc) + self._ner_candidates(doc)
        if day is not None:
            cands += self._role_candidates(doc, day)
        seen: dict[str, Mention] = {}  # actor id -> first mention, for coreference
        unknown_persons: dict[str, str] = {}  # translit key of each name part -> new actor id
        mentions: list[Mention] = []
        for cand in self._select(doc, cands):
            span = doc[cand.start : cand.end]
            mention = self._resolve(span, cand, day, seen, unknown_persons)
            if mention is None:
                continue
            mentions.append(mention)
            seen.setdefault(mention.actor, mention)
        return _merge_unknown_persons(_drop_roles_before_names(mentions, doc.text))

    def _resolve(
        self, span: Span, cand: _Candidate, day: dt.date | None, seen: dict[str, Mention],
        unknown_persons: dict[str, str],
    ) -> Mention | None:
        text = self._strip(span.text.strip(" ,.;:"))
        if cand.source == "role" and cand.role and day is not None:
            pid = self.kb.holder(cand.role[0], cand.role[1], day)
            return self._mention(span, pid, "role", 0.8) if pid else None
        matches = self.kb.lookup(text)
        if matches:
            match = self._disambiguate(matches, cand, day, seen)
            if match is None:
                return None
            return self._place_or_actor(span, match)
        ner_type = NER_TYPES.get(cand.label)
        if ner_type == "person" or (cand.source == "kb" and len(text.split()) <= 2):
            first = self._coref(text, seen)
            if first:
                return self._make(span, first.actor, first.name, first.type, "coref", 0.85, first.qid)
        if self._junk(span, text) or cand.label == "MISC":
            return None
        fuzzy = self.kb.fuzzy(text)
        if fuzzy and ner_type in ("person", "organisation"):
            return self._mention(span, fuzzy.id, "fuzzy", fuzzy.confidence)
        if ner_type is None:
            return None
        first = next((t.i for t in span if _NAME_CHARS.match(t.text)), span.start)
        if first > span.start:
            span = span.doc[first : span.end]
            text = self._strip(span.text.strip(" ,.;:"))
            matches = self.kb.lookup(text)
            if matches:
                match = self._disambiguate(matches, cand, day, seen)
                return self._place_or_actor(span, match) if match else None
            if self._junk(span, text):
                return None
        if len(span) == 1 and (self.kb.adjective(text) or (ner_type == "organisation" and not text.isupper())):
            return None  # a demonym ("Finlandais"), or a brand or product name ("Swift", "Gripen")
        return self._new_actor(span, text, ner_type, unknown_persons)

    def _disambiguate(
        self, matches: list[Match], cand: _Candidate, day: dt.date | None, seen: dict[str, Mention]
    ) -> Match | None:
        if len(matches) == 1:
            return matches[0]
        for m in matches:  # an actor already named in the article
            if m.id in seen:
                return m
        if day is not None:  # a person in office at the article's date
            active = [m for m in matches if any(r.holds_on(day) for r in self.kb.entities[m.id].roles)]
            if len(active) == 1:
                return active[0]
        wanted = NER_TYPES.get(cand.label)
        typed = [m for m in matches if self.kb.entities[m.id].type == wanted]
        if len(typed) == 1:
            return typed[0]
        best = matches[0]
        return Match(best.id, 0.5, best.method)

    def _place_or_actor(self, span: Span, match: Match) -> Mention:
        ent = self.kb.entities[match.id]
        if ent.type == "place" and ent.metonym_of and not self._is_locative(span):
            return self._mention(span, ent.metonym_of, "metonym", match.confidence * 0.9)
        return self._mention(span, match.id, match.method, match.confidence)

    def _coref(self, text: str, seen: dict[str, Mention]) -> Mention | None:
        """A short form ("Poutine", "Xi", "Wang") of a person named earlier in the article."""
        key = translit_key(text)
        if not key:
            return None
        for actor, first in reversed(list(seen.items())):
            if first.type != "person":
                continue
            ent = self.kb.entities.get(actor)
            names = ent.all_names() if ent else [first.name]
            if any(key in translit_key(n).split() or key == translit_key(n) for n in names):
                return first
        return None

    def _new_actor(self, span: Span, text: str, type_: str, unknown_persons: dict[str, str]) -> Mention:
        key = name_key(text)
        if type_ == "person":
            tkey = translit_key(text)
            known = unknown_persons.get(tkey)
            if known is None and len(tkey.split()) == 1:
                known = next((aid for k, aid in unknown_persons.items() if tkey in k.split()), None)
            if known:
                return self._make(span, known, known.split(":", 2)[2], type_, "coref", 0.6)
            actor = f"new:{type_}:{key}"
            unknown_persons[tkey] = actor
            return self._make(span, actor, text, type_, "new", 0.6)
        return self._make(span, f"new:{type_}:{key}", text, type_, "new", 0.6)

    def _sent_of(self, token_index: int) -> Span:
        return self._sents[max(0, bisect_right(self._sent_starts, token_index) - 1)]

    def _mention(self, span: Span, actor: str, method: str, confidence: float) -> Mention:
        ent = self.kb.entities[actor]
        return self._make(span, actor, ent.name, ent.type, method, confidence, ent.qid)

    def _make(
        self, span: Span, actor: str, name: str, type_: str, method: str, confidence: float, qid: str | None = None
    ) -> Mention:
        if len(span) > 1 and span[0].pos_ == "DET" and span[0].lower_ in ("le", "la", "les", "l'", "l’"):
            span = span[1:]  # the mention is the name: "le Kremlin" -> "Kremlin"
        text = span.text
        start = span.start_char + (len(text) - len(text.lstrip()))
        text = text.strip()
        return Mention(
            start=start, end=start + len(text), text=text, actor=actor, name=name, type=type_,
            method=method, confidence=round(confidence, 3), sent_start=self._sent_of(span.start).start_char,
            sent_end=self._sent_of(span.start).end_char, qid=qid,
        )


def _drop_roles_before_names(mentions: list[Mention], text: str) -> list[Mention]:
    """"le président iranien Ebrahim Raïssi": the name says who; the role description in
    apposition is no second mention (and its holder at the date may be someone else)."""
    out = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (m.method == "role" and nxt is not None and nxt.type == "person"
                and re.fullmatch(r"[\s,]{0,3}", text[m.end : nxt.start])):
            continue
        out.append(m)
    return out


def _merge_unknown_persons(mentions: list[Mention]) -> list[Mention]:
    """An unknown person named by family name only ("Kristersson") is the unknown person
    named in full in the same article ("Ulf Kristersson"), whichever comes first."""
    full: dict[str, Mention] = {}
    for m in mentions:
        if m.actor.startswith("new:person:") and len(m.name.split()) > 1:
            for part in translit_key(m.name).split():
                full.setdefault(part, m)
    if not full:
        return mentions
    for m in mentions:
        if m.actor.startswith("new:person:") and len(m.name.split()) == 1:
            target = full.get(translit_key(m.name))
            if target is not None and target.actor != m.actor:
                m.actor, m.name, m.method = target.actor, target.name, "coref"
    return mentions


def _day(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def actors_of(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    """Mentions grouped by actor, in order of first mention."""
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        out.setdefault(m.actor, []).append(m)
    return out
