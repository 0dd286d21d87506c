"""Quotes: who said what, to whom, through which channel.

Direct quotes are found by a quote-mark scanner that survives machine translation (a
closing mark used as an opening one, reversed inner quotes, a missing closing mark: the
quote is cut at the end of its paragraph and flagged). Indirect speech comes from speech
verbs with a "que" clause or a content noun ("a souligné la nécessité de …") and from
"selon X, …". The speaker is the subject of the speech verb or the agent of an inverted
attribution, resolved through the article's actor mentions; pronouns and descriptions
("il", "le conseiller", "le communiqué") go to the nearest compatible antecedent.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..model import Mention, Quote
from ..nlp import language_data
from .clauses import (
    Frame,
    MentionIndex,
    clause_context,
    clause_end,
    clause_start,
    ends_with_cue,
    introduced_as,
    mention_before_verb,
    noun_phrase,
    right_edge,
    subject_of,
)
from .quotemarks import RawQuote, scan_quotes
from .verbs import verb_forms

_WORD = re.compile(r"\w+")
# where a reported clause ends before its sentence does: a new clause or an apposition
_CLAUSE_BREAK = re.compile(
    r",\s+(?:ce qu|tandis qu|alors qu|a-t-|ont-|selon |estimant|affirmant|jugeant|assurant|ajoutant|soulignant|"
    r"précisant|une formule|un (?:terme|mot)|avant de |après |sans |mais |tout en |en (?:\w+ant)\b)|;"
    r"|\s+et\s+(?:a\s+|ont\s+|avait\s+)?\w+(?:é|i|u|is|it)\s+(?:que|qu'|de\s|d')"
)
_INVERTED_END = re.compile(
    r",\s+(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?P<verb>\w+)\s+(?P<who>[^,;:«»\"]{2,80}?)\s*[.!?]?\s*$"
)
_FEMININE = re.compile(
    r"(?:\b(?:la|une|sa|cette)\s+(?:\w+\s+){0,2}(?:présidente|ministre|cheffe|secrétaire|porte-parole|dirigeante|"
    r"chancelière|responsable|directrice|ambassadrice|députée|sénatrice|conseillère|représentante|envoyée|"
    r"commissaire|première)\b[^.;]{0,70}|\bMme\s*)$",
    re.IGNORECASE,
)
_MASCULINE = re.compile(
    r"(?:\b(?:le|un|son|ce)\s+(?:\w+\s+){0,2}(?:président|ministre|chef|secrétaire|porte-parole|dirigeant|"
    r"chancelier|responsable|directeur|ambassadeur|député|sénateur|conseiller|représentant|envoyé|"
    r"commissaire|premier)\b[^.;]{0,45}|\bM\.\s*)$",
    re.IGNORECASE,
)
_TRAILING_SELON = re.compile(r",\s*(selon|d'après)\s+([^,.;]{2,60})[.!?]?\s*$")


class QuoteExtractor:
    """Built once per language from its data file."""

    def __init__(self, lang: str = "fr", kb: Any = None, parse_role: Any = None) -> None:
        self.kb = kb
        self.parse_role = parse_role  # description -> (role, of), from the actors stage
        data = language_data(lang).get("speech") or {}
        self.cues: dict[str, str] = {}  # inflected form -> infinitive
        for verb in data.get("cue_verbs", []):
            for form in verb_forms(verb) | set((data.get("forms") or {}).get(verb, [])):
                self.cues.setdefault(form, verb)
        for verb, forms in (data.get("forms") or {}).items():
            for form in forms:
                self.cues.setdefault(form, verb)
        self.phrases = [p.split() for p in data.get("phrases", [])]
        markers = sorted(data.get("channel_markers", []), key=len, reverse=True)
        self.channel_re = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in markers) + r")(?![\w-])",
            re.IGNORECASE,
        )
        self.report_nouns = {n.casefold() for n in data.get("report_nouns", [])}
        self.attribution = {w.casefold() for w in data.get("attribution", [])}
        self.content_nouns = {w.casefold() for w in data.get("content_nouns", [])}
        self.object_cues = set(data.get("object_cues", []))
        self.person_titles = {w.casefold() for w in language_data(lang).get("person_titles", [])}

    # -- helpers ------------------------------------------------------------------------------

    def cue(self, tok: Token) -> str | None:
        """The speech verb a token is (its infinitive), or None."""
        form = tok.lower_
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "ADJ" and form.endswith(("é", "ée", "és", "ées"))):
            return None  # "la menace", "un appel": nouns are no speech verbs
        if form in self.cues:
            return self.cues[form]
        if tok.lemma_ in self.cues.values():
            return tok.lemma_
        return None

    def _phrase_cue(self, sent: Span) -> list[tuple[Token, str]]:
        out = []
        words = [t.lower_ for t in sent]
        for phrase in self.phrases:
            for i in range(len(words) - len(phrase) + 1):
                if words[i : i + len(phrase)] == phrase:
                    out.append((sent[i], " ".join(phrase)))
        return out

    # -- extraction ---------------------------------------------------------------------------

    def extract(self, doc: Doc, mentions: list[Mention]) -> list[Quote]:
        index = MentionIndex(mentions)
        self._sents = list(doc.sents)
        self._sent_starts = [s.start_char for s in self._sents]
        self._text = doc.text  # Doc.text rebuilds the string on every access
        self._gender = self._genders(mentions)
        quotes: list[Quote] = []
        for raw in scan_quotes(self._text):
            q = self._direct(doc, raw, index, quotes)
            if q is not None:
                quotes.append(q)
        for q in self._indirect(doc, index, quotes):
            quotes.append(q)
        quotes.sort(key=lambda q: q.start)
        self._pronouns_follow_the_last_speaker(quotes, index)
        return quotes

    def _antecedent(self, doc: Doc, index: MentionIndex, at: int, pronoun: str) -> Mention | None:
        """The person "il" or "elle" refers to: the nearest earlier subject of that gender,
        else the nearest person of that gender (gender is read from "la ministre", "Mme" …)."""
        female = pronoun.startswith("elle")

        def known(m: Mention) -> bool:
            return self._gender.get(m.actor) == "f"

        def fits(m: Mention) -> bool:
            return self._gender.get(m.actor) in ((None, "f") if female else (None, "m"))

        if female:  # a woman named as such first
            m = index.last_before(at, max(0, at - 1500), types=("person",), accept=known)
            if m is not None:
                return m
        m = self._previous_subject(doc, index, at, fits)
        if m is not None:
            return m
        return (index.last_subject_before(doc, at, accept=fits)
                or index.last_before(at, 0, types=("person",), text=self._text, accept=fits))

    def _previous_subject(self, doc: Doc, index: MentionIndex, at: int, fits: Any) -> Mention | None:
        """The person who is the subject of the nearest earlier sentence ("Le président turc
        s'est montré optimiste. « … », a-t-il affirmé")."""
        i = bisect_right(self._sent_starts, at) - 1
        for sent in reversed(self._sents[max(0, i - 2) : i + 1]):
            verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.idx < at]
            for verb in verbs:
                subj = subject_of(verb)
                if subj is None or subj.pos_ == "PRON" or subj.idx >= at:
                    continue
                np = sorted(subj.subtree, key=lambda t: t.i)
                np = [t for t in np if t.idx < at]
                if not np:
                    continue
                m, _, _ = self._resolve_np(doc, np, index, np[0].idx)
                if m is not None and m.type == "person" and fits(m):
                    return m
                break  # the sentence's subject is no person: stop at this sentence
        return None

    def _genders(self, mentions: list[Mention]) -> dict[str, str]:
        """Gender of persons from how the article introduces them: "la Première ministre
        Mette Frederiksen", "Mme X" (feminine) or "le ministre X", "M. X" (masculine)."""
        out: dict[str, str] = {}
        floor = 0  # the title must come after the previous person's name
        for m in sorted(mentions, key=lambda x: x.start):
            if m.type != "person":
                continue
            before = self._text[max(floor, m.start - 60) : m.start]
            floor = m.end
            g = None
            if _FEMININE.search(before):
                g = "f"
            elif _MASCULINE.search(before):
                g = "m"
            if g and m.actor not in out:
                out[m.actor] = g
        return out

    def _pronouns_follow_the_last_speaker(self, quotes: list[Quote], index: MentionIndex) -> None:
        """"…», a-t-il ajouté": "il" is who was speaking just before, when that is a person
        (a second pass, in text order, over the speakers resolved from pronouns)."""
        last: Quote | None = None
        for q in quotes:
            pronoun = (q.speaker_text or "").strip("- ").casefold() in ("il", "elle", "t-il", "t-elle")
            same_paragraph = last is not None and "\n\n" not in self._text[last.end : q.start]
            if pronoun and last is not None and last.speaker and same_paragraph:
                m = index.by_actor.get(last.speaker)
                gender = self._gender.get(last.speaker)
                wanted = "f" if "elle" in (q.speaker_text or "").casefold() else "m"
                if m is not None and m.type == "person" and gender in (None, wanted):
                    q.speaker, q.speaker_name = last.speaker, last.speaker_name
            if q.speaker:
                last = q

    def _direct(self, doc: Doc, raw: RawQuote, index: MentionIndex, previous: list[Quote]) -> Quote | None:
        text = self._text[raw.start : raw.end]
        words = len(text.split())
        span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
        if span is None or words < 3:
            return None  # scare quotes: « sécurité », « confinement »
        first_i = bisect_right(self._sent_starts, span.start_char) - 1
        last_i = bisect_right(self._sent_starts, max(span.start_char, span.end_char - 1)) - 1
        sents = self._sents[max(first_i, 0) : last_i + 1]
        sent = sents[0]
        before = self._text[sent.start_char : raw.start].strip()
        full = words >= 5 and (
            not before or before.endswith((":", ",")) or ends_with_cue(before, self) or len(sents) > 1
            or text[:1].isupper() or (words >= 8 and re.search(r"\bqu(e|')\s*$", before) is not None)
        )
        frame = self._frame(doc, raw.start, raw.end, sents[0], sents[-1])
        if not full and frame.cue is None and not frame.attributed:
            return None  # a quoted title or phrase with no speech around it
        speaker, speaker_text, conf = self._speaker(doc, frame, index, previous, raw.start)
        relay = None
        if frame.where == "after" and re.search(r"\bqu(e|')\s*\W?\s*$", before):
            # "X a répondu qu'« … », a poursuivi le conseiller": X speaks, the conseiller relays
            early = self._frame_before(doc, raw.start, sents[0])
            if early is not None:
                first_speaker, first_text, first_conf = self._speaker(doc, early, index, previous, raw.start)
                if first_speaker is not None and (speaker is None or first_speaker.actor != speaker.actor):
                    relay, speaker, speaker_text, conf = speaker, first_speaker, first_text, first_conf
        via, addressee = self._channel(doc, frame, index, speaker)
        if relay is not None and not any(v["id"] == relay.actor for v in via):
            via.append({"id": relay.actor, "name": relay.name})
        return Quote(
            start=raw.start, end=raw.end, text=text, kind="direct" if full else "partial",
            speaker=speaker.actor if speaker else None, speaker_name=speaker.name if speaker else None,
            speaker_text=speaker_text, confidence=conf, cue=frame.cue, via=via,
            addressee={"id": addressee.actor, "name": addressee.name} if addressee else None,
            sent_start=sents[0].start_char, sent_end=sents[-1].end_char, flags=list(raw.flags),
        )

    def _frame_before(self, doc: Doc, qs: int, first: Span) -> Frame | None:
        before, _ = clause_context(doc, qs, qs)
        for tok in reversed(before):
            cue = self.cue(tok)
            if cue and tok.pos_ in ("VERB", "AUX") and subject_of(tok) is not None:
                return Frame(cue, tok, "before", tokens=before, region=(first.start_char, qs))
        return None

    def _frame(self, doc: Doc, qs: int, qe: int, first: Span, last: Span) -> Frame:
        """The attribution around a quote: the speech verb and where its subject is."""
        before, after = clause_context(doc, qs, qe)
        # "selon X, « … »" / "qui, selon l'alliance, « … »"
        near = before[-12:]
        for i, tok in enumerate(near):
            if tok.lower_ in self.attribution and tok.lower_ != "pour":
                return Frame("selon", None, "selon", tokens=near[i:], region=(tok.idx, qs), attributed=True)
        # inverted attribution after the quote: «…», a déclaré X (a comma comes first)
        for i, tok in enumerate(after[:6] if after and after[0].text in ",—–-" else []):
            cue = self.cue(tok)
            if cue:
                return Frame(cue, tok, "after", tokens=after[i + 1 :], region=(qe, clause_end(after, qe)))
        # attribution before: X a déclaré : « … » / selon X, « … » — the main speech verb
        # (the first with a subject), not a verb inside the reported clause
        cued = [(t, self.cue(t)) for t in before]
        cued = [(t, c) for t, c in cued if c]
        if cued:
            tok, cue = next(((t, c) for t, c in cued if subject_of(t) is not None), cued[-1])
            return Frame(cue, tok, "before", tokens=before, region=(clause_start(before, qs), qs))
        for tok, phrase in self._phrase_cue(first):
            if clause_start(before, qs) <= tok.idx < qs:
                return Frame(phrase.split()[0], tok, "before", tokens=before, region=(clause_start(before, qs), qs))
        head = [t.lower_ for t in before[:2]]
        if head and head[0] in self.attribution:
            return Frame("selon", None, "selon", tokens=before, region=(clause_start(before, qs), qs), attributed=True)
        # a cue further in the sentence after the quote (", a-t-il ajouté plus tard")
        for i, tok in enumerate(after):
            cue = self.cue(tok)
            if cue:
                return Frame(cue, tok, "after", tokens=after[i + 1 :], region=(qe, clause_end(after, qe)))
        return Frame(None, None, "none", tokens=[], region=(qe, qe))

    def _speaker(
        self, doc: Doc, frame: Frame, index: MentionIndex, previous: list[Quote], at: int
    ) -> tuple[Mention | None, str | None, float]:
        if frame.where == "after" and frame.verb is not None:
            between = self._text[frame.region[0] : frame.verb.idx].casefold()
            pronoun = re.search(r"-t-(il|elle)\b|\b(il|elle)\b", between)
            if pronoun:  # «…», a-t-il déclaré
                word = pronoun.group(1) or pronoun.group(2)
                m = self._antecedent(doc, index, at, word)
                return (m, word, 0.6) if m else (None, word, 0.1)
            np = noun_phrase(frame.tokens)
            if np:
                return self._resolve_np(doc, np, index, at)
        if frame.where == "before" and frame.verb is not None:
            subj = subject_of(frame.verb)
            if subj is not None:
                toks = sorted(subj.subtree, key=lambda t: t.i)
                found = self._resolve_np(doc, toks, index, at)
                if found[0] is not None:
                    return found
            m = mention_before_verb(frame.verb, index)
            if m is not None:  # "…, Wang Yi a exigé": the parser missed the subject
                return m, m.text, 0.8
            m = index.last_before(frame.verb.idx, frame.region[0], types=("person", "organisation", "country", "media"))
            if m:
                return m, m.text, 0.7
        if frame.where == "selon":
            m = self._selon_speaker(frame.tokens, index, at)
            if m:
                return m, m.text, 0.85
        if previous and previous[-1].speaker and previous[-1].sent_end >= at - 400:
            last = previous[-1]
            return (Mention(0, 0, "", last.speaker, last.speaker_name or "", "person", "coref", 0.5),
                    last.speaker_text, 0.4)
        return None, None, 0.0

    def _selon_speaker(self, tokens: list[Token], index: MentionIndex, at: int) -> Mention | None:
        """"selon le conseiller …, Youri Ouchakov, …" -> the named person; else the first actor."""
        if not tokens:
            return None
        end = at
        for i, tok in enumerate(tokens[1:], start=1):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if tok.text == "," and (nxt is None or not (nxt.is_title and nxt.pos_ in ("PROPN", "X"))):
                end = tok.idx
                break
        inside = index.all_in(tokens[0].idx, end)
        persons = [m for m in inside if m.type == "person"]
        if persons:
            return persons[-1]
        if not inside and len(tokens) > 1 and tokens[1].lower_ in ("lui", "elle", "eux"):
            return self._antecedent(tokens[0].doc, index, tokens[0].idx, "elle" if tokens[1].lower_ == "elle" else "il")
        return inside[0] if inside else None

    def _resolve_np(
        self, doc: Doc, toks: list[Token], index: MentionIndex, at: int
    ) -> tuple[Mention | None, str, float]:
        """A speaker noun phrase -> the actor it designates."""
        text = self._text[toks[0].idx : toks[-1].idx + len(toks[-1])]
        if toks[0].lower_ in ("qui", "lequel", "laquelle"):  # ", Maria Zakharova, qui a dénoncé"
            before = index.all_in(max(0, toks[0].idx - 60), toks[0].idx)
            if before and re.fullmatch(r"\s*,?\s*", self._text[before[-1].end : toks[0].idx]):
                return before[-1], before[-1].text, 0.85
        if toks[0].lower_ in ("qui", "lequel", "laquelle") and toks[0].head.dep_ == "acl:relcl":
            antecedent = toks[0].head.head  # "Kim Jong Un, qui a qualifié …"
            while antecedent.dep_ == "conj" and antecedent.head.i < antecedent.i:
                antecedent = antecedent.head
            toks = sorted(antecedent.subtree, key=lambda t: t.i)
            toks = [t for t in toks if t.i <= antecedent.i + 3]
        end = toks[-1].idx + len(toks[-1])
        voice = re.match(r",?\s*par la voix d[eu']\s*", self._text[end : end + 25])
        if voice:  # "Le Kremlin, par la voix de Dmitri Peskov"
            m = index.first_in(end + voice.end(), end + voice.end() + 30)
            if m is not None and m.type == "person":
                return m, self._text[toks[0].idx : m.end], 0.9
        inside = index.all_in(toks[0].idx, toks[-1].idx + len(toks[-1]))
        # "le conseiller de Poutine, Youri Ouchakov": the possessor is not the speaker
        persons = [m for m in inside if m.type == "person" and not re.search(r"\bd(e|')\s*$", self._text[:m.start])]
        persons = persons or [m for m in inside if m.type == "person"]
        nouns = [t for t in toks if t.pos_ == "NOUN"]
        lead = [w.strip("-") for w in re.split(r"[\s-]+", text.casefold())[:4]]
        titled = any(w in self.person_titles for w in lead) or "porte-parole" in text.casefold()[:40]
        if persons:
            return persons[0], text, 0.95
        if inside and not titled:
            return inside[0], text, 0.9
        head = toks[0]
        lowered = [t.lower_ for t in toks]
        if lowered[0] in ("un", "une", "des", "plusieurs", "certains", "certaines", "deux", "trois", "quelques"):
            # "un porte-parole du département d'État" speaks for it; "un responsable américain" is no one
            orgs = [m for m in inside if m.type == "organisation"]
            return (orgs[0], text, 0.6) if orgs and titled else (None, text, 0.1)
        if titled or len(toks) <= 2:  # "le porte-parole …, Wang Wenbin"; "M." + "Lavrov"
            after = index.first_in(end, end + 4)
            last_word = toks[-1]
            ends_title = last_word.lower_ in self.person_titles or bool(self.kb and self.kb.adjective(last_word.text))
            if after is None and titled and ends_title:  # "le secrétaire américain à la Défense, Lloyd Austin"
                gap = re.match(r"\s(?:à|au|aux|de|du|des|d')\s[^,.;«»\"]{0,35},\s*", self._text[end : end + 45])
                after = index.first_in(end + gap.end(), end + gap.end() + 3) if gap else None
            if after is not None and after.type == "person":
                return after, text, 0.9
        if head.pos_ == "PRON" or lowered[0] in ("il", "elle", "ils", "elles", "-t-il", "-t-elle", "t-il", "t-elle"):
            m = self._antecedent(doc, index, at, lowered[0].strip("-t"))
            return (m, text, 0.6) if m else (None, text, 0.1)
        if nouns and nouns[0].lower_ in self.report_nouns:  # "indique le communiqué": its issuer
            issuer = [m for m in inside if m.type in ("organisation", "country")]
            m = issuer[0] if issuer else (
                index.last_before(at, max(0, at - 1500), types=("organisation",))
                or index.last_before(at, 0, types=("country", "organisation"))
            )
            return (m, text, 0.6) if m else (None, text, 0.1)
        if nouns:
            role = self.parse_role(text) if self.parse_role is not None and titled else None
            if role is not None and self.kb is not None:  # "le chef de la diplomatie russe"
                m = index.last_holder(at, role, self.kb) or index.next_holder(at, role, self.kb)
                if m:
                    return m, text, 0.7
            m = introduced_as(doc, nouns[0], index, at) if role is None else None
            if m:  # "le conseiller": the person once introduced with that noun
                return m, text, 0.7
            country = self._nationality(toks)
            if titled and country and self.kb is not None:
                m = index.last_of_nationality(at, country, self.kb)
                if m:
                    return m, text, 0.6
            if any(t.pos_ == "PROPN" for t in toks):
                return None, text, 0.2  # a name we could not resolve: no guess
            m = index.last_before(at, max(0, at - 600), types=("person",), text=self._text)
            if m:
                return m, text, 0.4
        return None, text, 0.1

    def _nationality(self, toks: list[Token]) -> str | None:
        if self.kb is None:
            return None
        for t in toks:
            if t.pos_ == "ADJ":
                country = self.kb.adjective(t.text)
                if country:
                    return country
        return None

    def _channel(
        self, doc: Doc, frame: Frame, index: MentionIndex, speaker: Mention | None
    ) -> tuple[list[dict[str, Any]], Mention | None]:
        """Channels ("cité par Tass", "selon l'agence Xinhua", "à Reuters") and addressee."""
        via: list[dict[str, Any]] = []
        addressee = None
        start, end = frame.region
        region = self._text[start:end]
        for m in self.channel_re.finditer(region):
            marker = m.group(1).casefold()
            pos = start + m.end()
            target = index.first_in(pos, min(end, pos + 45))
            if marker in ("à", "au"):
                if target is None or (frame.verb is not None and abs(frame.verb.idx - (start + m.start())) > 40):
                    continue
                if target.type == "media":
                    via.append({"id": target.actor, "name": target.name})
                elif target.type in ("person", "country", "organisation") and addressee is None and (
                    speaker is None or target.actor != speaker.actor
                ):
                    addressee = target
                continue
            if marker == "sur":
                continue
            if target is not None and (speaker is None or target.actor != speaker.actor):
                if not any(v["id"] == target.actor for v in via):
                    via.append({"id": target.actor, "name": target.name})
            elif target is None and marker not in ("selon", "d'après", "a indiqué"):
                phrase = re.split(r"[,.;:]", self._text[pos:end])[0].strip()
                if phrase and len(phrase.split()) <= 8:
                    via.append({"id": None, "name": phrase})
        return via, addressee

    # -- indirect speech ----------------------------------------------------------------------

    def _indirect(self, doc: Doc, index: MentionIndex, direct: list[Quote]) -> list[Quote]:
        out: list[Quote] = []
        taken = [(q.start, q.end) for q in direct]
        for sent in self._sents:
            found = False
            for tok in sent:
                cue = self.cue(tok)
                if not cue or tok.pos_ not in ("VERB", "AUX"):
                    continue
                content = self._content(sent, tok)
                if content is None and cue in self.object_cues:
                    content = self._object_content(sent, tok)
                if content is None:
                    continue
                cs, ce = content
                stop = _CLAUSE_BREAK.search(self._text, cs, ce)
                if stop and stop.start() - cs > 10:
                    ce = stop.start()
                if any(min(ce, e) > max(cs, s) for s, e in taken):
                    continue  # the quote inside it is listed, once
                frame = Frame(cue, tok, "before", tokens=[t for t in sent if t.idx < cs], region=(sent.start_char, cs))
                subj = subject_of(tok)
                speaker, stext, conf = None, None, 0.0
                if subj is not None:
                    speaker, stext, conf = self._resolve_np(doc, sorted(subj.subtree, key=lambda t: t.i), index, cs)
                if speaker is None:
                    near = mention_before_verb(tok, index)
                    if near is not None:
                        speaker, stext, conf = near, near.text, 0.8
                if speaker is None and subj is None:
                    # "…, estimant que", "… et assure que": the subject of the clause before
                    prev = next((t for t in reversed(list(sent[: tok.i - sent.start])) if t.pos_ in ("VERB", "AUX")
                                 and subject_of(t) is not None), None)
                    if prev is not None:
                        np = sorted(subject_of(prev).subtree, key=lambda t: t.i)
                        speaker, stext, conf = self._resolve_np(doc, np, index, cs)
                        conf = min(conf, 0.6)
                if speaker is None and subj is None:
                    after = [t for t in sent if t.i > tok.i and t.idx + len(t) <= cs]
                    np = noun_phrase(after)
                    if np:
                        speaker, stext, conf = self._resolve_np(doc, np, index, cs)
                via, addressee = self._channel(doc, frame, index, speaker)
                second = self._second_clause(sent, ce)
                if second is not None and not any(min(second[1], e) > max(second[0], s) for s, e in taken):
                    out.append(Quote(
                        start=second[0], end=second[1], text=self._text[second[0]:second[1]], kind="indirect",
                        speaker=speaker.actor if speaker else None, speaker_name=speaker.name if speaker else None,
                        speaker_text=stext, confidence=conf, cue=cue, via=[], addressee=None,
                        sent_start=sent.start_char, sent_end=sent.end_char,
                    ))
                    taken.append(second)
                out.append(Quote(
                    start=cs, end=ce, text=self._text[cs:ce], kind="indirect",
                    speaker=speaker.actor if speaker else None, speaker_name=speaker.name if speaker else None,
                    speaker_text=stext, confidence=conf, cue=cue, via=via,
                    addressee={"id": addressee.actor, "name": addressee.name} if addressee else None,
                    sent_start=sent.start_char, sent_end=sent.end_char,
                ))
                taken.append((cs, ce))
                found = True
            if not found:
                q = self._selon(doc, sent, index, taken) or self._inverted(doc, sent, index, taken)
                if q is not None:
                    out.append(q)
                    taken.append((q.start, q.end))
        return out

    def _inverted(self, doc: Doc, sent: Span, index: MentionIndex, taken: list[tuple[int, int]]) -> Quote | None:
        """"<content>, a indiqué le ministère russe." — reported speech attributed at its end."""
        text = self._text[sent.start_char : sent.end_char]
        m = _INVERTED_END.search(text)
        if not m:
            return None
        verb_form = m.group("verb").casefold()
        cue = self.cues.get(verb_form)
        if cue is None:
            return None
        start, end = sent.start_char, sent.start_char + m.start()
        if end - start < 20 or any(s < end and start < e for s, e in taken):
            return None
        who_start = sent.start_char + m.start("who")
        who = index.all_in(who_start, sent.start_char + m.end("who"))
        speaker = next((x for x in who if x.type != "media"), None)
        media = [x for x in who if x.type == "media"]
        if speaker is None and not media and not m.group("who").strip():
            return None
        return Quote(
            start=start, end=end, text=self._text[start:end], kind="indirect",
            speaker=speaker.actor if speaker else None, speaker_name=speaker.name if speaker else None,
            speaker_text=m.group("who").strip(), confidence=0.7 if speaker or media else 0.2, cue=cue,
            via=[{"id": x.actor, "name": x.name} for x in media], addressee=None,
            sent_start=sent.start_char, sent_end=sent.end_char,
        )

    def _content(self, sent: Span, verb: Token) -> tuple[int, int] | None:
        """The reported content after a speech verb: a "que" clause, or a content noun."""
        end_tok = sent[-1]
        end = end_tok.idx if end_tok.is_punct else end_tok.idx + len(end_tok)
        for tok in sent[verb.i - sent.start + 1 : verb.i - sent.start + 13]:
            if tok.lower_ in ("que", "qu'", "qu’", "qu"):
                start = tok.idx + len(tok)
                while start < end and self._text[start] in " '’":
                    start += 1
                clause = tok.head if tok.head.i > tok.i else None
                if clause is not None:
                    end = min(end, right_edge(clause, verb))
                return (start, end) if end - start > 10 else None
            if tok.lower_ in self.content_nouns and tok.i > verb.i:
                det = tok.doc[tok.i - 1]
                start = det.idx if det.pos_ == "DET" else tok.idx
                end = min(end, right_edge(tok, verb))
                return (start, end) if end - start > 10 else None
            if tok.is_punct and tok.text not in "'’,":
                return None
        return None

    def _second_clause(self, sent: Span, after: int) -> tuple[int, int] | None:
        """"… a affirmé que A et qu'B": the coordinated second reported clause."""
        toks = [t for t in sent if t.idx >= after]
        for i, tok in enumerate(toks[:4]):
            if tok.lower_ == "et" and i + 1 < len(toks) and toks[i + 1].lower_ in ("que", "qu'", "qu’", "qu"):
                que = toks[i + 1]
                start = que.idx + len(que)
                while start < sent.end_char and self._text[start] in " '’":
                    start += 1
                last = sent[-1]
                end = last.idx if last.is_punct else last.idx + len(last)
                return (start, end) if end - start > 10 else None
        return None

    @staticmethod
    def _object_content(sent: Span, verb: Token) -> tuple[int, int] | None:
        """The object of a stance verb as reported content: "a dénoncé une « trahison »"."""
        objs = [c for c in verb.children if c.i > verb.i and (
            c.dep_ in ("obj", "xcomp", "ccomp", "obl:arg")
            or (c.dep_.startswith("obl") and any(k.lower_ in ("à", "au", "aux") for k in c.children))
        )]
        if not objs:
            return None
        first = min(objs, key=lambda c: c.i)
        left = min(t.i for t in first.subtree)
        last = sent[-1]
        end = last.idx if last.is_punct else last.idx + len(last)
        right = max(t.i for t in max(objs, key=lambda c: c.i).subtree)
        end = min(end, sent.doc[right].idx + len(sent.doc[right]))
        start = sent.doc[left].idx
        return (start, end) if end - start > 10 else None

    def _selon(self, doc: Doc, sent: Span, index: MentionIndex, taken: list[tuple[int, int]]) -> Quote | None:
        """"Selon X, <content>." (or "<content>, selon X.") with no speech verb of its own."""
        trailing = _TRAILING_SELON.search(self._text[sent.start_char : sent.end_char])
        if trailing and sent[0].lower_ not in ("selon", "d'après"):
            start = sent.start_char
            end = sent.start_char + trailing.start()
            who = trailing.group(2).strip().casefold()
            pos = sent.start_char + trailing.start(2)
            if who in ("lui", "elle", "eux", "elles"):
                m = self._antecedent(doc, index, start, "elle" if who.startswith("elle") else "il")
            else:
                m = index.first_in(pos, pos + len(who))
            if m is not None and end - start > 15 and not any(s < end and start < e for s, e in taken):
                media = m.type == "media"
                return Quote(
                    start=start, end=end, text=self._text[start:end], kind="indirect",
                    speaker=None if media else m.actor, speaker_name=None if media else m.name,
                    speaker_text=trailing.group(2).strip(), confidence=0.6, cue="selon",
                    via=[{"id": m.actor, "name": m.name}] if media else [], addressee=None,
                    sent_start=sent.start_char, sent_end=sent.end_char,
                )
        first = next((t for t in sent if t.lower_ in ("selon", "d'après", "pour") and t.is_title and (
            t.i == sent.start or sent.doc[t.i - 1].text in ".!?" or "\n" in sent.doc[t.i - 1].text_with_ws)), None)
        if first is None or len(sent) < 6:
            return None
        comma = next((t for t in sent if t.text == "," and t.i > first.i + 1 and t.i < first.i + 15 and not (
            t.i + 1 < sent.end and sent.doc[t.i + 1].is_title and sent.doc[t.i + 1].pos_ in ("PROPN", "X"))), None)
        if comma is None:
            return None
        m = self._selon_speaker(list(sent.doc[first.i : comma.i + 1]), index, comma.idx)
        if m is not None and first.lower_ == "pour" and (
            m.type not in ("person", "country", "organisation") or m.start - (first.idx + len(first)) > 4
        ):
            return None
        start = comma.idx + 1
        while start < sent.end_char and self._text[start] == " ":
            start += 1
        end = sent[-1].idx if sent[-1].is_punct else sent.end_char
        stop = re.search(r"[.!?](?=\s)", self._text[start:end])
        if stop:
            end = start + stop.start()
        if m is None or end - start < 15 or any(s < end and start < e for s, e in taken):
            return None
        via = [{"id": m.actor, "name": m.name}] if m.type == "media" else []
        return Quote(
            start=start, end=end, text=self._text[start:end], kind="indirect",
            speaker=None if m.type == "media" else m.actor, speaker_name=None if m.type == "media" else m.name,
            speaker_text=m.text, confidence=0.7, cue="selon", via=via, addressee=None,
            sent_start=sent.start_char, sent_end=sent.end_char,
        )


