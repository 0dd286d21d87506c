"""Events: PLOVER-coded "who did what to whom, when and where" from the dependency parse.

A trigger is a verb or a noun listed in the language data file (section ``events``) with
its PLOVER type and mode. Its participants are the actor mentions found in the subtree of
its subject (source) and of its object and prepositional complements (target); a place is
a complement introduced by "à", "en", "dans" naming a city, capital or country ("à
Pékin"). Modality comes from the governing verbs ("prévoyait de rencontrer" → planned,
"a nié avoir rencontré" → denied), negation ("n'a jamais condamné"), the conditional, and
adjectives on noun triggers ("la visite prévue"). The date comes from
:mod:`veille.extract.eventdates` — never a day that the text does not give.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..model import Event, Mention, Quote
from ..nlp import language_data
from .clauses import MentionIndex
from .eventactors import EventActors, last_people
from .eventdates import EventDater
from .verbs import verb_forms

_LOCATED = ("CONSULT", "MOBILIZE", "ASSAULT", "AID", "COERCE")  # types whose place is recorded
# verbal reactions: with an abstract object ("a salué une décision", "a dénoncé une provocation")
# their target is the actor of the event the article is about
_REACTIONS = ("SUPPORT", "ACCUSE", "REJECT", "PROTEST")
_NOUN_UP = ("nsubj", "nsubj:pass", "obl", "obl:mod", "obl:arg", "nmod", "obj")
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})  # no side acts on the other
_CLAUSE_TARGET = ("THREATEN", "ACCUSE", "REQUEST")  # "a averti que X …": X is the target
# the closed-class words the rules read, listed per language (data/lang/<code>.yaml, events.grammar)
_GRAMMAR = (
    "relative", "reflexive", "object_pronouns", "first_person", "time_preps", "complementizers",
    "negative_particles", "conditional_marks", "negators", "two", "definite", "source_preps", "agent_preps",
)
_SUBJ = ("nsubj", "nsubj:pass", "csubj")


def _parse_code(code: str) -> tuple[str, str | None]:
    t, _, m = code.partition("/")
    return t.strip(), (m.strip() or None)


class EventExtractor:
    """Built once per language from its data file."""

    def __init__(self, lang: str = "fr", kb: Any = None) -> None:
        self.kb = kb  # roles ("les deux présidents"); nationality adjectives go through self.actors
        data: dict[str, Any] = language_data(lang).get("events") or {}
        forms = data.get("forms") or {}
        self.verbs: dict[str, tuple[str, tuple[str, str | None]]] = {}  # form -> (infinitive, code)
        for verb, code in (data.get("verbs") or {}).items():
            if " " in verb:
                raise ValueError(f"events.verbs: {verb!r}: one word per verb (a support verb + noun trigger instead)")
            for form in verb_forms(verb) | set(forms.get(verb) or []):
                self.verbs.setdefault(form, (verb, _parse_code(code)))
        # "se rendre à Moscou": a trigger only with its reflexive pronoun
        self.reflexive: dict[str, tuple[str, tuple[str, str | None]]] = {}
        for verb, code in (data.get("reflexive_verbs") or {}).items():
            for form in verb_forms(verb) | set(forms.get(verb) or []):
                self.reflexive.setdefault(form, (verb, _parse_code(code)))
        self.nouns: dict[str, tuple[str, tuple[str, str | None]]] = {}
        self.noun_phrases: dict[str, tuple[str, str | None]] = {}
        for noun, code in (data.get("nouns") or {}).items():
            if " " in noun:
                self.noun_phrases[noun] = _parse_code(code)
                continue
            for form in (noun, noun + "s", noun + "x"):
                self.nouns.setdefault(form, (noun, _parse_code(code)))

        def inflect(verbs: list[str]) -> set[str]:
            return {f for v in verbs for f in verb_forms(v) | set(forms.get(v) or [])}

        self.support = inflect(data.get("support_verbs", []))
        self.light = inflect(data.get("light_verbs", []))
        self.qualify = set(data.get("judgement_verbs", []))
        judging = data.get("judging") or {}
        self.judge_forms = {f: v for v in judging.get("verbs", []) for f in verb_forms(v) | set(forms.get(v) or [])}
        self.judge_reflexive = set(judging.get("reflexive", []))
        self.blame_words = {w.casefold() for w in judging.get("blame", [])}
        self.praise_words = {w.casefold() for w in data.get("praise_words", [])}
        self.person_nouns = {w.casefold() for w in data.get("person_nouns", [])}
        self.actors = EventActors(kb, self.person_nouns)
        self.object_control = inflect(data.get("object_control", []))
        grammar = data.get("grammar") or {}
        self.g = SimpleNamespace(**{k: frozenset(w.casefold() for w in v) for k, v in grammar.items()})
        for key in _GRAMMAR:
            if not hasattr(self.g, key):
                raise ValueError(f"events.grammar.{key}: missing from the {lang} language file")
        self.since_words = list(data.get("since_words", []))
        self.group_roles = {k.casefold(): list(v) for k, v in (data.get("group_roles") or {}).items()}
        self.people_nouns = {w.casefold() for w in data.get("people_nouns", [])}
        self.planned = inflect(data.get("planned", []))
        self.planned_adj = {w.casefold() for w in data.get("planned_adjectives", [])}
        self.hypothetical_adj = {w.casefold() for w in data.get("hypothetical_adjectives", [])}
        self.denied = inflect(data.get("denied", []))
        self.negation = {w.casefold() for w in data.get("negation", [])}
        self.target_preps = {w.casefold() for w in data.get("target_preps", [])}
        self.place_preps = {w.casefold() for w in data.get("place_preps", [])}
        self.empty_complements = {w.casefold() for w in data.get("empty_complements", [])}

    # -- triggers -----------------------------------------------------------------------------

    def trigger(self, tok: Token) -> tuple[str, tuple[str, str | None]] | None:
        form = tok.lower_
        if tok.pos_ in ("VERB", "AUX") or (
            tok.pos_ == "ADJ"
            and ("Part" in tok.morph.get("VerbForm") or form.endswith(("é", "ée", "és", "ées", "u", "us")))
        ):
            hit = self.verbs.get(form)
            if hit and not (tok.pos_ == "AUX" and hit[0] not in ("recevoir",)):
                return hit
            hit = self.reflexive.get(form)
            if hit and any(
                c.lower_ in self.g.reflexive and c.dep_.startswith(("expl", "obj", "iobj")) for c in tok.children
            ):
                return hit
            return None
        if tok.pos_ in ("NOUN", "PROPN"):
            nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
            if f"{form} {nxt}" in self.noun_phrases:
                return f"{form} {nxt}", self.noun_phrases[f"{form} {nxt}"]
            return self.nouns.get(form)
        return None

    # -- extraction ---------------------------------------------------------------------------

    def extract(
        self,
        doc: Doc,
        mentions: list[Mention],
        times: list[Any] = (),
        quotes: list[Quote] = (),
        *,
        published: str | None = None,
    ) -> list[Event]:
        index = MentionIndex(mentions)
        dater = EventDater(doc, times, quotes, self.since_words)
        out: list[Event] = []
        reactions: list[Event] = []  # events whose target is the actor of an earlier event
        for sent in doc.sents:
            if len(sent) > 400:  # a run-on "sentence" of boilerplate or a table: no reliable parse
                continue
            for tok in sent:
                hit = self.trigger(tok) or self._judgement(tok)
                if hit is None or (tok.pos_ in ("NOUN", "PROPN") and index.first_in(tok.idx, tok.idx + 1)):
                    continue  # "l'Alliance", "l'Organisation de coopération de Shanghai": a name
                found = self._event(tok, hit, sent, index, times, quotes, published, dater)
                if found is not None:
                    out.append(found[0])
                    if found[1]:
                        reactions.append(found[0])
        for ev in reactions:
            self._react(ev, out)
        return _merge(out)

    @staticmethod
    def _react(ev: Event, events: list[Event]) -> None:
        """A reaction to what the article reports ("a salué une décision importante") targets
        the actor of the article's first event by someone else, when the reaction names no one."""
        own = {a["id"] for a in ev.source}
        for first in events:
            if first.start >= ev.start:
                return
            ids = {a["id"] for a in first.source}
            if ids and not ids & own and first.modality == "asserted" and first.type not in _REACTIONS:
                ev.target = [dict(a) for a in first.source]
                return

    @staticmethod
    def _mentions_in(toks: list[Token], index: MentionIndex) -> list[Mention]:
        """The mentions that some of ``toks`` fall in, in text order."""
        found = {(m.start, m.end): m for t in toks for m in index.all_in(t.idx, t.idx + 1)}
        return sorted(found.values(), key=lambda m: m.start)

    def _subtree(self, tok: Token, stop: Token) -> list[Token]:
        """``tok``'s subtree, without clauses of their own (relative, adverbial, complement clauses)."""
        out, todo = [], [tok]
        while todo:
            t = todo.pop()
            out.append(t)
            for c in t.children:
                if c.dep_ in ("acl:relcl", "ccomp", "advcl", "parataxis", "punct") or c.i == stop.i:
                    continue
                if any(x.dep_ == "case" and x.lower_ in self.g.time_preps for x in c.children):
                    continue  # "par Xi, après des entretiens avec Wang Yi": another moment, other people
                if c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB":
                    # "la conférence organisée par la Suisse": the agent behind the object
                    todo += [a for a in c.children if a.dep_ == "obl:agent"]
                    continue
                todo.append(c)
        return out

    def _participants(self, trig: Token, noun: bool) -> tuple[list[Token], list[tuple[str, list[Token]]]]:
        """The source tokens and the (preposition, tokens) complements of a trigger."""
        src: list[Token] = []
        comps: list[tuple[str, list[Token]]] = []
        head = trig
        if noun:
            # "a effectué une visite": the support verb's subject is the source
            if trig.dep_ in ("obj", "nsubj:pass") and trig.head.lower_ in self.support | self.verbs.keys():
                head = trig.head
            for c in trig.children:
                if c.dep_ in ("nmod", "amod", "appos", "obl", "acl") or c.dep_.startswith("nmod"):
                    prep = next((x.lower_ for x in c.children if x.dep_ == "case"), "")
                    sub = self._subtree(c, trig)
                    if prep in self.g.source_preps or not prep:
                        src += sub
                    else:
                        comps.append((prep, sub))
        # "la Russie s'est retirée": the subject of a pronominal verb, parsed as a passive one, acts
        pronominal = any(c.lower_ in self.g.reflexive and c.dep_.startswith("expl") for c in head.children)
        for c in head.children:
            if c.dep_ == "nsubj:pass" and pronominal and not noun:
                src += self._subtree(c, trig)
            elif (
                c.dep_ in _SUBJ and c.dep_ != "nsubj:pass" and c.lower_ in self.g.relative and head.dep_ == "acl:relcl"
            ):
                src += self._subtree(head.head, head)  # "Séoul, qui a convoqué …": the antecedent
            elif c.dep_ in _SUBJ and c.dep_ != "nsubj:pass":
                src += self._subtree(c, trig)
            elif c.dep_ == "obl:agent":
                src += self._subtree(c, trig)
            elif c.dep_ in ("obj", "iobj", "nsubj:pass") and not (noun and c.i == trig.i):
                comps.append(("", self._subtree(c, trig)))
            elif c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") and c.i != trig.i:
                comps.append(("", self._subtree(c, trig)))  # a list of objects parsed as conjuncts
            elif c.dep_ == "xcomp" and c.pos_ == "PROPN":
                comps.append(("", self._subtree(c, trig)))  # "a appelé Pékin à cesser", misparsed
            elif c.dep_.startswith(("obl", "nmod")) and c.i != trig.i:
                prep = " ".join(x.lower_ for x in c.children if x.dep_ == "case")
                if prep in self.g.agent_preps and not noun and "Pass" in head.morph.get("Voice", []) + _passive(head):
                    src += self._subtree(c, trig)  # "a été reçu par Xi", "dénoncée par Pékin": the agent
                else:
                    comps.append((prep, self._subtree(c, trig)))
        if not src:  # "Poutine, qui a rencontré …", "… a appelé à …" under a controlling verb
            gov = head
            while gov.dep_ in ("xcomp", "conj", "acl", "acl:relcl") and gov.head.i != gov.i and not src:
                if gov.dep_ == "acl:relcl":
                    src = self._subtree(gov.head, gov)
                    break
                came_as = gov.dep_
                gov = gov.head
                if came_as == "xcomp" and gov.lower_ in self.object_control:
                    # "accusent l'Iran de fournir", "l'a exhorté à ne pas fournir": the object acts
                    objs = [c for c in gov.children if c.dep_ in ("obj", "iobj")]
                    if objs:
                        src += [t for c in objs for t in self._subtree(c, head)]
                        break
                for c in gov.children:
                    if c.dep_ in _SUBJ:
                        src += self._subtree(c, head)
        return src, comps

    def _governor_subject(self, trig: Token) -> list[Token]:
        """For a noun trigger with no participant of its own: the subject of the verb it depends
        on ("Xi devait partir pour une visite au Tadjikistan", "a indiqué qu'une rencontre avec
        Poutine …")."""
        src: list[Token] = []
        gov, steps = trig, 0
        while gov.pos_ not in ("VERB", "AUX") and gov.head.i != gov.i and steps < 4:
            if gov.dep_ not in ("obj", "nmod", "obl", "obl:mod", "obl:arg", "ccomp", "nsubj:pass"):
                return src
            gov, steps = gov.head, steps + 1
        if gov.pos_ not in ("VERB", "AUX") or gov.i == trig.i:
            return src
        for c in gov.children:
            if c.dep_ in _SUBJ and c.dep_ != "nsubj:pass" and c.lower_ not in self.g.relative:
                src += self._subtree(c, trig)
            elif c.dep_ == "nsubj:pass" and any(x.lower_ in self.g.reflexive for x in gov.children):
                src += self._subtree(c, trig)
        if not src and gov.dep_ == "xcomp":
            for c in gov.head.children:
                if c.dep_ in _SUBJ and c.dep_ != "nsubj:pass":
                    src += self._subtree(c, trig)
        return src

    def _event(
        self,
        trig: Token,
        hit: tuple[str, tuple[str, str | None]],
        sent: Span,
        index: MentionIndex,
        times: list[Any],
        quotes: list[Quote],
        published: str | None,
        dater: EventDater,
    ) -> tuple[Event, bool] | None:
        """The event of one trigger, and whether it reacts to an unnamed earlier event."""
        verb_lemma, (etype, mode) = hit
        noun = trig.pos_ in ("NOUN", "PROPN")
        if verb_lemma in self.qualify and self._praises(trig):
            etype, mode = "SUPPORT", "praise"  # "a qualifié l'élargissement d'historique"
        if not noun and trig.lower_ in self.light and self._holds_noun_trigger(trig):
            return None  # "ont adopté un paquet de sanctions": the sanctions are the event
        if noun and trig.dep_.startswith("nmod") and self.trigger(trig.head) is not None:
            return None  # "un traité de partenariat", "un accord de coopération": one event, the head's
        if etype == "CONSULT" and not noun and self._thing_object(trig, index, times):
            return None  # "a reçu des missiles", "a visité une exposition": no meeting
        if not noun and any(
            c.lower_ in self.empty_complements for c in trig.children if c.dep_ in ("xcomp", "obj", "obl:arg", "obl")
        ):
            return None  # "a refusé de commenter": declining to comment is no event
        src_toks, comps = self._participants(trig, noun)
        source = self._mentions_in(src_toks, index) or self.actors.by_adjective(src_toks, index)
        if noun and not source:
            gov_toks = self._governor_subject(trig)
            source = self._mentions_in(gov_toks, index) or self.actors.by_adjective(gov_toks, index)
            src_toks = src_toks + gov_toks
        if (
            not source
            and any(t.lower_ in self.g.two for t in src_toks)
            and any(t.pos_ == "NOUN" and t.lower_.endswith("s") for t in src_toks)
        ):  # "les deux présidents se sont retrouvés": the last two people named
            # ("les deux présidents": the last two heads of state, when the KB says who they are)
            group = next((t.lower_ for t in src_toks if t.lower_ in self.group_roles), None)
            if group is not None and self.kb is not None:
                roles = set(self.group_roles[group])

                def holds(m: Mention) -> bool:
                    ent = self.kb.get(m.actor)
                    return ent is not None and any(r.role in roles for r in ent.roles)

                source = last_people(index, trig.idx, 2, accept=holds)
            source = source or last_people(index, trig.idx, 2)
        if not source and any(t.lower_ in self.g.first_person and t.dep_.startswith("nsubj") for t in src_toks):
            # "« Nous condamnons … », a déclaré X": the speaker of the quote
            q = next((q for q in quotes if q.start <= trig.idx < q.end and q.speaker and q.kind != "indirect"), None)
            found = [m for m in index.all_in(q.sent_start, q.sent_end) if m.actor == q.speaker] if q else []
            source = found[:1]
        if not source and any(t.pos_ == "PRON" and t.dep_.startswith("nsubj") for t in src_toks):
            # "il a rencontré …": the person last spoken of as a subject
            prev = index.last_subject_before(trig.doc, trig.idx)
            source = [prev] if prev is not None else []
        if not source and any(
            t.dep_.startswith("nsubj")
            and t.lower_ in self.person_nouns
            and all(c.dep_ in ("det", "advmod") for c in t.children)
            and any(c.lower_ in self.g.definite for c in t.children)
            for t in src_toks
        ):  # "le porte-parole a également averti": the person last spoken of as a subject
            prev = index.last_subject_before(trig.doc, trig.idx)
            source = [prev] if prev is not None and prev.type == "person" else []
        clitic = next((t for t in src_toks if t.lower_ in self.g.object_pronouns and t.dep_ in ("obj", "iobj")), None)
        if not source and clitic is not None:
            # "Macron l'avait exhorté à ne pas fournir …": the person spoken of before the pronoun
            subj = [t for c in clitic.head.children if c.dep_ in _SUBJ for t in self._subtree(c, clitic)]
            speaker = {m.actor for m in self._mentions_in(subj, index)}
            prev = index.last_before(
                clitic.idx, clitic.idx - 600, ("person",), accept=lambda m: m.actor not in speaker
            )
            source = [prev] if prev is not None else []
        if not noun and all(m.start > trig.idx for m in source):
            # "« … », a averti la cheffe de la diplomatie européenne, Kaja Kallas": the speaker of
            # the quote the verb introduces (an inverted subject is easily parsed as an object)
            spk = self._speaker_of(trig, hit[0], quotes, index)
            if spk is not None:
                source = [spk]
        target: list[Mention] = []
        where: Mention | None = None
        places: list[Mention] = []
        for prep, toks in comps:
            found = self._mentions_in(toks, index)
            if not found and (prep in self.target_preps or prep == ""):
                # "son homologue chinois": the last Chinese person named (a country alone is too vague)
                found = [m for m in self.actors.by_adjective(toks, index) if m.type == "person"]
            for m in found:
                placed = prep in self.place_preps or self._placed(m, toks)
                if placed and etype != "CONSULT" and prep in ("à", "au", "aux") and m.type == "country":
                    placed = False  # "livrer des drones à la Russie": the recipient, not a place
                if placed and (m.type in ("place", "country") or m.method == "metonym"):
                    # "à Pékin", "une visite d'État en Chine": where it happened, not who took part
                    places.append(m)
                    if where is None and etype in _LOCATED:
                        where = m
                elif prep in self.target_preps or prep == "" or prep.startswith(("de", "du", "des")):
                    target.append(self.actors.country_of(m) if m.type == "place" and not placed else m)
        if etype == "CONSULT" and mode == "visit" and where is not None and not target and len(source) < 2:
            # (two who meet in a third country have not visited it together)
            # "une visite en Chine", "s'est rendu à Pékin": the host; "en Serbie et en Hongrie": both
            target = [h for h in (self.actors.country_of(p) for p in places) if h.type == "country"]
        if not target and not noun and etype in _CLAUSE_TARGET:
            # "a averti que Pyongyang paierait le prix": who the clause is about
            for c in trig.children:
                if c.dep_ == "xcomp" and trig.lower_ in self.judge_forms:  # "se disent préoccupés par X"
                    toks = self._subtree(c, trig)
                elif c.dep_ == "ccomp" and any(
                    x.lower_ in self.g.complementizers for x in c.children if x.dep_ == "mark"
                ):
                    subj = [x for x in c.children if x.dep_ in _SUBJ or x.dep_ == "nsubj:pass"]
                    toks = [t for x in subj for t in self._subtree(x, trig)]
                    if not toks and c.pos_ in ("NOUN", "PROPN"):  # the subject parsed as the clause's head
                        toks = self._subtree(c, trig)
                else:
                    continue
                own = {m.actor for m in source}
                found = [m for m in self._mentions_in(toks, index) if not self._placed(m, toks)]
                found = found or self.actors.by_adjective(toks)  # "le déploiement de missiles américains en Allemagne"
                target = [self.actors.country_of(m) for m in found if m.actor not in own]
                target = [m for m in target if m.type in ("person", "country", "organisation")]
                break
        if not target and not noun:
            # "l'avait exhorté à", "lui a demandé": the person spoken of before
            clitic = next(
                (c for c in trig.children if c.lower_ in self.g.object_pronouns and c.dep_ in ("obj", "iobj")), None
            )
            if clitic is not None:
                own = {m.actor for m in source}
                prev = index.last_before(trig.idx, trig.idx - 600, ("person",), accept=lambda m: m.actor not in own
                                         and not (m.start >= sent.start_char and m.start > clitic.idx))
                if prev is not None:
                    target = [prev]
        # an outlet reports, it does not act ("un entretien diffusé par Rossiya-1"); it can be
        # acted upon ("l'interdiction de l'AFP"), so it stays a possible target
        source = [m for m in source if m.type in ("person", "country", "organisation")]
        if len({m.type for m in source}) > 1 and any(m.type == "person" for m in source):
            # "le porte-parole du Kremlin Dmitri Peskov": the person acts, the body describes him
            source = [m for m in source if m.type == "person" or self._coordinated(m, src_toks)]
        target = [m for m in target if m.type in ("person", "country", "organisation", "media")]
        src_ids = {m.actor for m in source}
        # "Choïgou et Khrenine ont signé … russe": a person's own country is not the other side
        src_countries = {self.actors.nationality(m) for m in source} - {None}
        target = [m for m in target if m.actor not in src_ids and m.actor not in src_countries]
        if noun and mode == "multilateral" and not source and not target:
            # "le prochain sommet", "à la clôture du sommet": the international body spoken of
            body = index.last_before(trig.idx, trig.idx - 2000, ("organisation",), accept=self.actors.international)
            source = [body] if body is not None else []
        if etype == "CONSULT" and len({m.actor for m in source + target}) < 2 and not any(
            self.actors.international(m) for m in source + target
        ):
            return None  # a meeting has two sides: "s'est rendu dans une base", "a visité le site"
        if noun and len({m.actor for m in source + target}) < 2 and not (
            mode == "multilateral" and any(m.type == "organisation" for m in source + target)
        ):
            # "la coopération", "l'aide américaine": a noun alone names no dyad (but "le sommet
            # de l'OTAN" is a meeting of its members)
            return None
        if not source and not target:
            return None
        if not source and etype not in SYMMETRIC and not noun and not _passive(trig):
            # "de fournir des drones à la Russie" with no one named to do it: the parse lost the
            # agent (a passive without agent, "des sanctions ont été imposées", is kept)
            return None
        modality, negated = self._modality(trig, noun)
        date, gran, basis = dater.date(trig, sent, published, modality)
        speaker = None
        for q in quotes:
            if q.start <= trig.idx < q.end and q.speaker:
                speaker = {"id": q.speaker, "name": q.speaker_name}
                break
        confidence = (
            0.5
            + 0.2 * bool(source)
            + 0.2 * bool(target)
            - 0.1 * noun
            - 0.1 * (basis == "context")
            - 0.15 * (basis in ("published", "none"))
        )
        abstract = (
            etype in _REACTIONS
            and not target
            and not noun
            and any(c.dep_ == "obj" and c.pos_ == "NOUN" for c in trig.children)
        )
        return Event(
            type=etype,
            mode=mode,
            source=_actors(source),
            target=_actors(target),
            date=date,
            date_granularity=gran,
            date_basis=basis,
            where={"id": where.actor, "name": where.name} if where else None,
            modality=modality,
            negated=negated,
            trigger=trig.text,
            start=trig.idx,
            end=trig.idx + len(trig.text),
            evidence={"start": sent.start_char, "end": sent.end_char, "text": sent.text},
            confidence=round(max(0.1, min(confidence, 0.95)), 2),
            speaker=speaker,
            mentions=[{"start": sent.start_char, "end": sent.end_char, "text": sent.text}],
        ), abstract

    def _judgement(self, tok: Token) -> tuple[str, tuple[str, str | None]] | None:
        """A statement that judges: "a estimé que le rapprochement constituait une menace",
        "se disent gravement préoccupés par …" (ACCUSE), "a jugé la rencontre fructueuse"
        (SUPPORT). The verb is a judgement verb of the language data and its complement holds
        a word of its blame or praise lists."""
        if tok.pos_ not in ("VERB", "AUX") or tok.lower_ not in self.judge_forms:
            return None
        verb = self.judge_forms[tok.lower_]
        if verb in self.judge_reflexive and not any(c.lower_ in self.g.reflexive for c in tok.children):
            return None  # "se dire préoccupé", not "a dit"
        words = {
            t.lower_
            for c in tok.children
            if c.dep_ in ("ccomp", "xcomp", "obj")
            for t in c.subtree
            if t.i - tok.i < 30 and not (t.i > 0 and t.doc[t.i - 1].lower_ in self.g.negators)
        }  # ("s'est dit « pas inquiet »" blames no one)
        if words & self.blame_words:
            return verb, ("ACCUSE", "disapprove")
        if words & self.praise_words:
            return verb, ("SUPPORT", "praise")
        return None

    def _praises(self, verb: Token) -> bool:
        """Whether a verb of judgement ("qualifier X de …") names a praise: its complement holds
        a word of the language's ``praise_words``."""
        for c in verb.subtree:
            if c.i > verb.i and c.lower_ in self.praise_words:
                return True
        return False

    def _holds_noun_trigger(self, verb: Token) -> bool:
        """Whether the object of ``verb`` is (or names through "de") a noun trigger."""
        for c in verb.children:
            if c.dep_ not in ("obj", "obl:mod", "obl:arg"):
                continue
            for t in (c, *(x for x in c.children if x.dep_ == "nmod")):
                if t.pos_ in ("NOUN", "PROPN") and self.trigger(t) is not None:
                    return True
        return False

    def _thing_object(self, verb: Token, index: MentionIndex, times: list[Any]) -> bool:
        """Whether ``verb`` has a direct object that is a thing: no actor, no person, no day ("a
        reçu des missiles", "a visité une exposition"; not "a rencontré son homologue", nor
        "s'est entretenu samedi avec …" where the parser took the day for an object)."""
        for c in verb.children:
            partitive = c.dep_ == "obl:arg" and any(x.lower_ in ("des", "du", "de") for x in c.children)
            if not (c.dep_ == "obj" or partitive) or c.pos_ != "NOUN" or any(t.start <= c.idx < t.end for t in times):
                continue  # ("a reçu des missiles": "des" parsed as a preposition)
            head = c.lower_.rstrip("sx") if c.lower_ not in self.person_nouns else c.lower_
            if head in self.person_nouns or head in self.people_nouns:
                return False
            return not index.first_in(c.idx, c.idx + len(c.text))
        return False

    @staticmethod
    def _speaker_of(trig: Token, verb: str, quotes: list[Quote], index: MentionIndex) -> Mention | None:
        for q in quotes:
            if q.speaker and q.cue == verb and q.end <= trig.idx < q.sent_end and q.sent_start <= trig.idx:
                found = [m for m in index.all_in(trig.idx, q.sent_end) if m.actor == q.speaker]
                return found[0] if found else None
        return None

    def _placed(self, m: Mention, toks: list[Token]) -> bool:
        """Whether a mention deep inside a complement is introduced by a place preposition."""
        tok = next((t for t in toks if t.idx == m.start), None)
        while tok is not None and tok in toks:
            if any(c.dep_ == "case" and c.lower_ in self.place_preps for c in tok.children):
                return True
            if tok.dep_ in ("flat:name", "det", "amod", "fixed"):
                tok = tok.head
                continue
            return False
        return False

    @staticmethod
    def _coordinated(m: Mention, toks: list[Token]) -> bool:
        """Whether a mention heads a conjunct of the subject ("Xi et le Kremlin")."""
        root = next((t for t in toks if t.idx == m.start), None)
        return root is not None and root.dep_ in ("conj", "nsubj")

    def _modality(self, trig: Token, noun: bool) -> tuple[str, bool]:
        negated = False
        planned = hypothetical = denied = False
        chain = [trig]
        t = trig
        if noun:
            # "un entretien doit avoir lieu", "partir pour une visite": the verb the noun depends on
            while t.dep_ in _NOUN_UP and t.head.i != t.i and t.pos_ not in ("VERB", "AUX") and len(chain) < 4:
                t = t.head
                chain.append(t)
        while t.dep_ in ("xcomp", "ccomp", "obj", "nsubj:pass", "acl") and t.head.i != t.i and len(chain) < 6:
            t = t.head
            chain.append(t)
        for i, t in enumerate(chain):
            kids = list(t.children)
            if (
                any(c.lower_ in self.negation and c.dep_ in ("advmod", "det", "cc") for c in kids)
                or any(c.lower_ in self.g.negative_particles for c in kids)
                and any(c.lower_ in self.negation for c in kids)
            ):
                negated = True
            if i > 0 and t.lower_ in self.planned:
                planned = True
            if i > 0 and t.lower_ in self.denied:
                denied = True
            morph = t.morph
            if "Fut" in morph.get("Tense") or any("Fut" in c.morph.get("Tense") for c in kids if c.dep_ == "aux"):
                planned = True
            if "Cnd" in morph.get("Mood") or any(
                "Cnd" in c.morph.get("Mood") for c in kids if c.dep_.startswith("aux")
            ):
                hypothetical = True
            if any(c.dep_ == "mark" and c.lower_ in self.g.conditional_marks for c in kids):
                hypothetical = True
        if noun and any(c.lower_ in self.planned_adj for c in trig.children):
            planned = True
        if noun and any(
            c.lower_ in self.hypothetical_adj or "Cnd" in c.morph.get("Mood") for c in trig.children if c.i != trig.i
        ):  # "une possible rencontre", "une rencontre pourrait se tenir" (parsed as a modifier)
            hypothetical = True
        if any(
            c.lower_ in self.planned_adj for c in trig.subtree if c.i > trig.i and c.i - trig.i < 6
        ):
            planned = True
        if negated or denied:
            return "negated", True
        if hypothetical:
            return "hypothetical", False
        if planned:
            return "planned", False
        return "asserted", False


def _passive(verb: Token) -> list[str]:
    """``["Pass"]`` when ``verb`` has a passive auxiliary ("a été reçu"), else ``[]``."""
    return ["Pass"] if any(c.dep_ == "aux:pass" for c in verb.children) else []


def _actors(ms: list[Mention]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for m in ms:
        seen.setdefault(m.actor, {"id": m.actor, "name": m.name})
    return list(seen.values())


def _merge(events: list[Event]) -> list[Event]:
    """The same event told twice in one article is one event with two mentions."""
    out: dict[tuple[Any, ...], Event] = {}
    for ev in events:
        src = sorted(a["id"] for a in ev.source)
        tgt = sorted(a["id"] for a in ev.target)
        if ev.type in SYMMETRIC:  # "ont signé un traité": one agreement, whoever is subject
            src, tgt = sorted(set(src) | set(tgt)), []
        key = (ev.type, tuple(src), tuple(tgt), ev.date, ev.modality)
        if key in out and len(src) + len(tgt) >= 2:
            first = out[key]
            if all(m["start"] != ev.evidence["start"] for m in first.mentions):
                first.mentions.append(dict(ev.evidence))
            continue
        out.setdefault(key if len(src) + len(tgt) >= 2 else (id(ev),), ev)
    return sorted(out.values(), key=lambda e: e.start)
