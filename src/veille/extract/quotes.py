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
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..model import Mention, Quote
from ..nlp import language_data

OPENERS = "«“‹„"
CLOSERS = "»”›"
_WORD = re.compile(r"\w+")


def _forms(verb: str) -> set[str]:
    """Inflected forms of a regular -er verb (déclarer -> déclare, déclaré, a déclaré …)."""
    if not verb.endswith("er"):
        return {verb}
    stem = verb[:-2]
    endings = ["er", "e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "ant", "era", "eront", "erait", "a"]
    out = {stem + e for e in endings}
    if stem.endswith("g"):  # juger -> jugeait, jugeant
        out |= {stem + "eait", stem + "eant", stem + "ea"}
    return out


@dataclass(slots=True)
class _Raw:
    start: int  # offsets of the quoted words, marks excluded
    end: int
    flags: tuple[str, ...] = ()


def scan_quotes(text: str) -> list[_Raw]:
    """Spans between quote marks, paragraph by paragraph.

    Any opening mark may close with any closing mark; a closing mark with no open quote
    that is followed by a word opens one (machine translation: "qu' »il comprend »"); a
    closing mark followed within five words by an opening mark, inside a quote, is a
    reversed inner quote ("sous prétexte de » démocratie « et …"); a quote still open at
    the end of its paragraph is cut there and flagged ``unclosed``.
    """
    out: list[_Raw] = []
    offset = 0
    for para in text.split("\n\n"):
        out += _scan_paragraph(para, offset)
        offset += len(para) + 2
    return out


def _scan_paragraph(para: str, base: int) -> list[_Raw]:
    out: list[_Raw] = []
    start: int | None = None
    straight = False  # the open quote began with a straight "
    opens_sentence = False  # the open quote began a sentence (a full quote, not a fragment)
    i, n = 0, len(para)
    while i < n:
        c = para[i]
        if start is None:
            if c in OPENERS or c == '"' or (c in CLOSERS and re.match(r"\s?\w", para[i + 1 : i + 3])):
                start, straight = i + 1, c == '"'
                opens_sentence = not para[:i].strip() or para[:i].rstrip()[-1] in ".!?:"
        elif c == '"' and straight or c in CLOSERS and not straight or c == '"' and not straight and _closes(para, i):
            ahead = para[i + 1 : i + 60]
            reopen = {"»": "«", "”": "“", "›": "‹"}.get(c, "«")  # the same family, reversed
            inner = re.match(r"\s*(?:\w+[\s'-]+){0,3}?\w+\s*" + reopen, ahead)
            if c in CLOSERS and inner and opens_sentence and i + 1 < n:
                i += 1 + inner.end()  # reversed inner quote: skip to after its other mark
                continue
            out.append(_Raw(base + start, base + i))
            start = None
        elif c in OPENERS and not straight:
            # a nested quote: find its closing mark and go on with the outer quote
            close = _find_close(para, i + 1)
            if close is not None:
                i = close + 1
                continue
        i += 1
    if start is not None and n - start > 0:
        out.append(_Raw(base + start, base + n, ("unclosed",)))
    return [q for q in (_trim(para, q, base) for q in out) if q is not None]


def _closes(para: str, i: int) -> bool:
    """A straight quote inside a « quote closes it when punctuation or a space follows."""
    return i + 1 >= len(para) or para[i + 1] in " ,.;:!?)"


def _find_close(para: str, j: int) -> int | None:
    depth = 1
    while j < len(para):
        if para[j] in OPENERS:
            depth += 1
        elif para[j] in CLOSERS:
            depth -= 1
            if depth == 0:
                return j
        elif para[j] == "\n":
            return None
        j += 1
    return None


def _trim(para: str, q: _Raw, base: int) -> _Raw | None:
    s, e = q.start - base, q.end - base
    while s < e and (para[s].isspace() or para[s] in OPENERS + CLOSERS + '"'):
        s += 1
    while e > s and (para[e - 1].isspace() or para[e - 1] in OPENERS + CLOSERS + '"'):
        e -= 1
    if e <= s:
        return None
    return _Raw(base + s, base + e, q.flags)


class QuoteExtractor:
    """Built once per language from its data file."""

    def __init__(self, lang: str = "fr", kb: Any = None) -> None:
        self.kb = kb
        data = language_data(lang).get("speech") or {}
        self.cues: dict[str, str] = {}  # inflected form -> infinitive
        for verb in data.get("cue_verbs", []):
            for form in _forms(verb) | set((data.get("forms") or {}).get(verb, [])):
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
        self.channel_nouns = [n.casefold() for n in data.get("channel_nouns", [])]
        self.report_nouns = {n.casefold() for n in data.get("report_nouns", [])}
        self.attribution = {w.casefold() for w in data.get("attribution", [])}
        self.content_nouns = {w.casefold() for w in data.get("content_nouns", [])}
        self.object_cues = set(data.get("object_cues", []))
        self.person_titles = {w.casefold() for w in language_data(lang).get("person_titles", [])}

    # -- helpers ------------------------------------------------------------------------------

    def cue(self, tok: Token) -> str | None:
        """The speech verb a token is (its infinitive), or None."""
        if tok.pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "PROPN") and tok.lemma_ not in self.cues:
            return None
        form = tok.lower_
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
        index = _MentionIndex(mentions)
        self._last_speaker = None
        self._sents = list(doc.sents)
        self._sent_starts = [s.start_char for s in self._sents]
        self._text = doc.text  # Doc.text rebuilds the string on every access
        quotes: list[Quote] = []
        for raw in scan_quotes(self._text):
            q = self._direct(doc, raw, index, quotes)
            if q is not None:
                quotes.append(q)
                if q.speaker:
                    self._last_speaker = index.by_actor.get(q.speaker)
        for q in self._indirect(doc, index, quotes):
            quotes.append(q)
        quotes.sort(key=lambda q: q.start)
        return quotes

    def _direct(self, doc: Doc, raw: _Raw, index: _MentionIndex, previous: list[Quote]) -> Quote | None:
        text = self._text[raw.start : raw.end]
        words = len(_WORD.findall(text))
        span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
        if span is None or words < 3:
            return None  # scare quotes: « sécurité », « confinement »
        first_i = bisect_right(self._sent_starts, span.start_char) - 1
        last_i = bisect_right(self._sent_starts, max(span.start_char, span.end_char - 1)) - 1
        sents = self._sents[max(first_i, 0) : last_i + 1]
        sent = sents[0]
        before = self._text[sent.start_char : raw.start].strip()
        full = words >= 5 and (
            not before or before.endswith((":", ",")) or _ends_with_cue(before, self) or len(sents) > 1
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

    def _frame_before(self, doc: Doc, qs: int, first: Span) -> _Frame | None:
        before, _ = _context(doc, qs, qs)
        for tok in reversed(before):
            cue = self.cue(tok)
            if cue and tok.pos_ in ("VERB", "AUX") and _subject(tok) is not None:
                return _Frame(cue, tok, "before", tokens=before, region=(first.start_char, qs))
        return None

    def _frame(self, doc: Doc, qs: int, qe: int, first: Span, last: Span) -> _Frame:
        """The attribution around a quote: the speech verb and where its subject is."""
        before, after = _context(doc, qs, qe)
        # "selon X, « … »" / "qui, selon l'alliance, « … »"
        near = before[-12:]
        for i, tok in enumerate(near):
            if tok.lower_ in self.attribution and tok.lower_ != "pour":
                return _Frame("selon", None, "selon", tokens=near[i:], region=(tok.idx, qs), attributed=True)
        # inverted attribution after the quote: «…», a déclaré X
        for i, tok in enumerate(after[:6]):
            cue = self.cue(tok)
            if cue:
                return _Frame(cue, tok, "after", tokens=after[i + 1 :], region=(qe, _end(after, qe)))
        # attribution before: X a déclaré : « … » / selon X, « … » — the main speech verb
        # (the first with a subject), not a verb inside the reported clause
        cued = [(t, self.cue(t)) for t in before]
        cued = [(t, c) for t, c in cued if c]
        if cued:
            tok, cue = next(((t, c) for t, c in cued if _subject(t) is not None), cued[-1])
            return _Frame(cue, tok, "before", tokens=before, region=(_start(before, qs), qs))
        for tok, phrase in self._phrase_cue(first):
            if _start(before, qs) <= tok.idx < qs:
                return _Frame(phrase.split()[0], tok, "before", tokens=before, region=(_start(before, qs), qs))
        head = [t.lower_ for t in before[:2]]
        if head and head[0] in self.attribution:
            return _Frame("selon", None, "selon", tokens=before, region=(_start(before, qs), qs), attributed=True)
        # a cue further in the sentence after the quote (", a-t-il ajouté plus tard")
        for i, tok in enumerate(after):
            cue = self.cue(tok)
            if cue:
                return _Frame(cue, tok, "after", tokens=after[i + 1 :], region=(qe, _end(after, qe)))
        return _Frame(None, None, "none", tokens=[], region=(qe, qe))

    def _speaker(
        self, doc: Doc, frame: _Frame, index: _MentionIndex, previous: list[Quote], at: int
    ) -> tuple[Mention | None, str | None, float]:
        if frame.where == "after" and frame.verb is not None:
            between = self._text[frame.region[0] : frame.verb.idx].casefold()
            if re.search(r"-t-(il|elle)\b|\b(il|elle)\b", between):  # «…», a-t-il déclaré
                m = index.last_before(at, 0, types=("person",), text=self._text)
                return (m, m.text, 0.6) if m else (None, None, 0.1)
            np = _noun_phrase(frame.tokens)
            if np:
                return self._resolve_np(doc, np, index, at)
        if frame.where == "before" and frame.verb is not None:
            subj = _subject(frame.verb)
            if subj is not None:
                toks = sorted(subj.subtree, key=lambda t: t.i)
                return self._resolve_np(doc, toks, index, at)
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

    def _selon_speaker(self, tokens: list[Token], index: _MentionIndex, at: int) -> Mention | None:
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
            return index.last_before(tokens[0].idx, 0, types=("person",))
        return inside[0] if inside else None

    def _resolve_np(
        self, doc: Doc, toks: list[Token], index: _MentionIndex, at: int
    ) -> tuple[Mention | None, str, float]:
        """A speaker noun phrase -> the actor it designates."""
        text = self._text[toks[0].idx : toks[-1].idx + len(toks[-1])]
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
            return None, text, 0.1  # "un responsable américain": no one in particular
        if titled or len(toks) <= 2:  # "le porte-parole …, Wang Wenbin"; "M." + "Lavrov"
            after = index.first_in(end, end + 4)
            if after is None and titled:  # "le secrétaire américain à la Défense, Lloyd Austin"
                gap = re.match(r"[^,.;«»\"]{0,40},\s*", self._text[end : end + 45])
                after = index.first_in(end + gap.end(), end + gap.end() + 3) if gap else None
            if after is not None and after.type == "person":
                return after, text, 0.9
        if head.pos_ == "PRON" or lowered[0] in ("il", "elle", "ils", "elles", "-t-il", "-t-elle", "t-il", "t-elle"):
            m = index.last_subject_before(doc, at) or index.last_before(at, 0, types=("person",))
            return (m, text, 0.6) if m else (None, text, 0.1)
        if nouns and nouns[0].lower_ in self.report_nouns:
            m = index.last_before(at, 0, types=("organisation", "country", "person"))
            return (m, text, 0.6) if m else (None, text, 0.1)
        if nouns:  # "le conseiller": the person once introduced with that noun
            m = _introduced_as(doc, nouns[0], index, at)
            if m:
                return m, text, 0.7
            country = self._nationality(toks)
            if titled and country and self.kb is not None:
                m = index.last_of_nationality(at, country, self.kb)
                if m:
                    return m, text, 0.6
            if titled and self._last_speaker is not None and self._last_speaker.type == "person":
                return self._last_speaker, text, 0.5
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
        self, doc: Doc, frame: _Frame, index: _MentionIndex, speaker: Mention | None
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

    def _indirect(self, doc: Doc, index: _MentionIndex, direct: list[Quote]) -> list[Quote]:
        out: list[Quote] = []
        taken = [(q.start, q.end) for q in direct]
        for sent in self._sents:
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
                if any(min(ce, e) > max(cs, s) for s, e in taken):
                    continue  # the quote inside it is listed, once
                frame = _Frame(cue, tok, "before", tokens=[t for t in sent if t.idx < cs], region=(sent.start_char, cs))
                subj = _subject(tok)
                if subj is not None:
                    speaker, stext, conf = self._resolve_np(doc, sorted(subj.subtree, key=lambda t: t.i), index, cs)
                else:
                    after = [t for t in sent if t.i > tok.i and t.idx + len(t) <= cs]
                    np = _noun_phrase(after)
                    speaker, stext, conf = self._resolve_np(doc, np, index, cs) if np else (None, None, 0.0)
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
                break
            else:
                q = self._selon(doc, sent, index, taken)
                if q is not None:
                    out.append(q)
                    taken.append((q.start, q.end))
        return out

    def _content(self, sent: Span, verb: Token) -> tuple[int, int] | None:
        """The reported content after a speech verb: a "que" clause, or a content noun."""
        end_tok = sent[-1]
        end = end_tok.idx if end_tok.is_punct else end_tok.idx + len(end_tok)
        for tok in sent[verb.i - sent.start + 1 : verb.i - sent.start + 9]:
            if tok.lower_ in ("que", "qu'", "qu’", "qu"):
                start = tok.idx + len(tok)
                while start < end and self._text[start] in " '’":
                    start += 1
                clause = tok.head if tok.head.i > tok.i else None
                if clause is not None:
                    end = min(end, _right_edge(clause, verb))
                return (start, end) if end - start > 10 else None
            if tok.lower_ in self.content_nouns and tok.i > verb.i:
                det = tok.doc[tok.i - 1]
                start = det.idx if det.pos_ == "DET" else tok.idx
                end = min(end, _right_edge(tok, verb))
                return (start, end) if end - start > 10 else None
            if tok.is_punct and tok.text not in "'’":
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
        objs = [c for c in verb.children if c.dep_ in ("obj", "xcomp", "ccomp", "obl:arg") and c.i > verb.i]
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

    def _selon(self, doc: Doc, sent: Span, index: _MentionIndex, taken: list[tuple[int, int]]) -> Quote | None:
        """"Selon X, <content>." (or "<content>, selon X.") with no speech verb of its own."""
        trailing = _TRAILING_SELON.search(self._text[sent.start_char : sent.end_char])
        if trailing and sent[0].lower_ not in ("selon", "d'après"):
            start = sent.start_char
            end = sent.start_char + trailing.start()
            who = trailing.group(2).strip().casefold()
            pos = sent.start_char + trailing.start(2)
            if who in ("lui", "elle", "eux", "elles"):
                m = index.last_subject_before(doc, start) or index.last_before(start, 0, types=("person",))
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
        first = sent[0]
        if first.lower_ not in ("selon", "d'après") or len(sent) < 6:
            return None
        comma = next((t for t in sent if t.text == "," and t.i > first.i + 1 and not (
            t.i + 1 < sent.end and sent.doc[t.i + 1].is_title and sent.doc[t.i + 1].pos_ in ("PROPN", "X"))), None)
        if comma is None:
            return None
        m = self._selon_speaker(list(sent.doc[first.i : comma.i + 1]), index, comma.idx)
        start = comma.idx + 1
        while start < sent.end_char and self._text[start] == " ":
            start += 1
        end = sent[-1].idx if sent[-1].is_punct else sent.end_char
        if m is None or end - start < 15 or any(s < end and start < e for s, e in taken):
            return None
        via = [{"id": m.actor, "name": m.name}] if m.type == "media" else []
        return Quote(
            start=start, end=end, text=self._text[start:end], kind="indirect",
            speaker=None if m.type == "media" else m.actor, speaker_name=None if m.type == "media" else m.name,
            speaker_text=m.text, confidence=0.7, cue="selon", via=via, addressee=None,
            sent_start=sent.start_char, sent_end=sent.end_char,
        )


@dataclass(slots=True)
class _Frame:
    cue: str | None
    verb: Token | None
    where: str  # after | before | selon | none
    tokens: list[Token]
    region: tuple[int, int]  # character range of the attribution
    attributed: bool = False


class _MentionIndex:
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

    def last_subject_before(self, doc: Doc, pos: int, window: int = 500) -> Mention | None:
        """The nearest earlier person mention that is a grammatical subject ("il" refers back
        to who was talking, not to whom he talked)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= pos - window:
            m = self.mentions[i]
            if m.type == "person" and m.end <= pos:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and span.root.dep_.startswith("nsubj"):
                    return m
            i -= 1
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

    def last_before(self, pos: int, floor: int, types: tuple[str, ...], text: str | None = None) -> Mention | None:
        """The nearest earlier mention of one of ``types``; with ``text``, skipping objects
        of "à", "avec", "auprès de" (an addressee is not the one speaking next)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= floor:
            m = self.mentions[i]
            if m.type in types and m.end <= pos:
                if text is None or not _OBJECT_BEFORE.search(text[max(0, m.start - 45) : m.start]):
                    return m
            i -= 1
        return None


_BOUNDARY = frozenset(".!?")
_TIME_WORDS = frozenset(
    "lundi mardi mercredi jeudi vendredi samedi dimanche soir matin hier aujourd'hui également aussi encore "
    "toutefois déjà pourtant enfin ensuite alors".split()
)
_TRAILING_SELON = re.compile(r",\s*(selon|d'après)\s+([^,.;]{2,60})[.!?]?\s*$")
_OBJECT_BEFORE = re.compile(r"(?:\bà|\bau|\bavec|auprès de|\baux)\s+(?:\w+\s+){0,6}$", re.IGNORECASE)


def _context(doc: Doc, qs: int, qe: int) -> tuple[list[Token], list[Token]]:
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


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, through coordination and adjuncts ("Pékin a fustigé … et
    accusé …", "…, assurant que …")."""
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_.startswith("nsubj")]
        if subj:
            return subj[0]
        if verb.dep_ not in ("conj", "advcl", "xcomp", "parataxis") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _right_edge(head: Token, verb: Token) -> int:
    """End of ``head``'s clause, without a trailing attribution (", a-t-il ajouté")."""
    last = max((t for t in head.subtree if not (t.i > verb.i and t.head == verb and t.dep_ == "parataxis")),
               key=lambda t: t.i)
    while last.i > head.i and (last.is_punct or last.pos_ in ("CCONJ",)):
        last = last.doc[last.i - 1]
    return last.idx + len(last)


def _start(before: list[Token], qs: int) -> int:
    return before[0].idx if before else qs


def _end(after: list[Token], qe: int) -> int:
    return after[-1].idx + len(after[-1]) if after else qe


def _noun_phrase(tokens: list[Token]) -> list[Token]:
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


def _ends_with_cue(before: str, ex: QuoteExtractor) -> bool:
    words = before.rstrip(" :").split()
    return bool(words) and words[-1].casefold() in ex.cues


def _introduced_as(doc: Doc, noun: Token, index: _MentionIndex, at: int) -> Mention | None:
    """"le conseiller" -> the person introduced earlier as "le conseiller …, Youri Ouchakov"."""
    for tok in doc[: noun.i]:
        if tok.lower_ == noun.lower_ and tok.i != noun.i and tok.idx < at:
            m = index.first_in(tok.idx, tok.idx + 120)
            if m is not None and m.type == "person":
                return m
    return None
