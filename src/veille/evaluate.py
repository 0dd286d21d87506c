"""Score veille against the project's gold corpus (docs/gold.md).

``evaluate_dir("tests/gold")`` cleans every article a gold file points at (all together,
as one ingest run would) and compares the result with the annotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .clean.typography import line_key, normalize_line
from .data import load_yaml
from .errors import E, InputError, VeilleError
from .ingest import read_items
from .kb import name_key
from .model import Article, RawDocument
from .pipeline import process

MATCH = 90.0
KINDS = ("body", "heading", "caption")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‹": '"', "›": '"'})


def _norm(text: str) -> str:
    text = normalize_line(text).translate(_QUOTES).replace('" ', '"').replace(' "', '"')
    return re.sub(r"\s+", " ", text).casefold().strip()


@dataclass
class Gold:
    path: Path
    file: Path
    record: str | None
    title: str
    language: str | None
    cited_sources: list[str]
    keep: list[tuple[str, str]]  # (kind, text)
    boilerplate: list[tuple[str, str]]  # (reason, text)
    actors: list[dict[str, Any]] | None = None  # [{id, type, forms}] when annotated
    quotes: list[dict[str, Any]] | None = None  # [{kind, text, speaker, cue, via, addressee}]
    times: list[dict[str, Any]] | None = None  # [{text, value, granularity}]
    events: list[dict[str, Any]] | None = None  # [{type, mode, source, target, date, modality, ...}]


@dataclass
class Result:
    articles: int = 0
    scores: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def _fail(path: Path, cause: str) -> VeilleError:
    return VeilleError(E.E050, file=path, cause=cause)


def load_gold(path: Path) -> Gold:
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("file"), str):
        raise _fail(path, "field 'file' missing")
    if not isinstance(doc.get("title"), str):
        raise _fail(path, "field 'title' missing or not a string")

    def pairs(key: str, first: str) -> list[tuple[str, str]]:
        items = doc.get(key) or []
        if not isinstance(items, list):
            raise _fail(path, f"field {key!r} must be a list")
        out = []
        for i, it in enumerate(items):
            if not isinstance(it, dict) or not isinstance(it.get("text"), str) or not isinstance(it.get(first), str):
                raise _fail(path, f"{key}[{i}] needs string fields 'text' and {first!r}")
            out.append((it[first], it["text"]))
        return out

    keep = pairs("keep", "kind")
    for kind, text in keep:
        if kind not in KINDS:
            raise _fail(path, f"keep item {text[:30]!r}: kind {kind!r} not in {KINDS}")
    return Gold(
        path=path,
        file=(path.parent / doc["file"]).resolve(),
        record=None if doc.get("record") is None else str(doc["record"]),
        title=doc["title"],
        language=doc.get("language"),
        cited_sources=list(doc.get("cited_sources") or []),
        keep=keep,
        boilerplate=pairs("boilerplate", "reason"),
        actors=_actors(path, doc.get("actors")),
        quotes=doc.get("quotes") if isinstance(doc.get("quotes"), list) else None,
        times=doc.get("times") if isinstance(doc.get("times"), list) else None,
        events=doc.get("events") if isinstance(doc.get("events"), list) else None,
    )


def _actors(path: Path, value: Any) -> list[dict[str, Any]] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise _fail(path, "field 'actors' must be a list")
    for i, a in enumerate(value):
        if not isinstance(a, dict) or not isinstance(a.get("id"), str) or not isinstance(a.get("forms"), list):
            raise _fail(path, f"actors[{i}] needs 'id' and a list 'forms'")
    return value


def load_floors(path: Path) -> dict[str, float]:
    if not path.exists():
        return {}
    doc = load_yaml(path) or {}
    if not isinstance(doc, dict) or not all(isinstance(v, int | float) for v in doc.values()):
        raise _fail(path, "floors must map measure names to numbers")
    return {str(k): float(v) for k, v in doc.items()}


def below_floors(result: Result, floors: dict[str, float]) -> list[str]:
    return [name for name, floor in floors.items() if result.scores.get(name, 0.0) + 1e-9 < floor]


def _document(gold: Gold) -> RawDocument:
    for item in read_items([gold.file]):
        if isinstance(item, InputError):
            continue
        if gold.record is None or gold.record in (item.record, item.external_id):
            return item
    raise _fail(gold.path, f"no readable document for {gold.file}" + (f" record {gold.record}" if gold.record else ""))


def _units(article: Article) -> list[tuple[str, str]]:
    units = [("body", p) for p in article.text.split("\n\n") if p]
    units += [("heading", h.text) for h in article.headings]
    units += [("caption", c.text) for c in article.captions]
    return [(k, _norm(t)) for k, t in units]


def _best(text: str, units: list[tuple[str, str]], partial: bool) -> tuple[str | None, float]:
    best_kind, best = None, 0.0
    for kind, unit in units:
        score = fuzz.ratio(text, unit)
        if partial and score < MATCH and len(text) >= 30 and len(unit) > len(text):
            score = max(score, fuzz.partial_ratio(text, unit) - 3)
        if score > best:
            best_kind, best = kind, score
    return best_kind, best


class _Tally:
    def __init__(self) -> None:
        self.hit: dict[str, int] = {}
        self.total: dict[str, int] = {}

    def add(self, name: str, ok: bool) -> None:
        self.total[name] = self.total.get(name, 0) + 1
        self.hit[name] = self.hit.get(name, 0) + int(ok)


def _score_article(gold: Gold, article: Article, t: _Tally, misses: list[str]) -> None:
    tag = gold.path.name
    units = _units(article)
    ok = fuzz.ratio(_norm(gold.title), _norm(article.title)) >= 95
    t.add("title_accuracy", ok)
    if not ok:
        misses.append(f"{tag}: title {article.title!r} != {gold.title!r}")
    t.add("language_accuracy", (article.language or "") == (gold.language or ""))
    ok = {line_key(s) for s in article.cited_sources} == {line_key(s) for s in gold.cited_sources}
    t.add("cited_source_accuracy", ok)
    if not ok:
        misses.append(f"{tag}: cited sources {article.cited_sources} != {gold.cited_sources}")

    for kind, text in gold.keep:
        found, score = _best(_norm(text), units, partial=True)
        t.add("keep_recall", score >= MATCH)
        if score < MATCH:
            misses.append(f"{tag}: lost {kind} {text[:70]!r}")
            continue
        t.add("kind_accuracy", found == kind)
        if found != kind:
            misses.append(f"{tag}: {kind} kept as {found}: {text[:60]!r}")
        for k in ("heading", "caption"):
            if kind == k:
                t.add(f"{k}_recall", found == k)

    gold_heads = [_norm(x) for k, x in gold.keep if k == "heading"]
    gold_caps = [_norm(x) for k, x in gold.keep if k == "caption"]
    for kind, gold_list in (("heading", gold_heads), ("caption", gold_caps)):
        for k, unit in units:
            if k == kind:
                ok = any(fuzz.ratio(unit, g) >= MATCH for g in gold_list)
                t.add(f"{kind}_precision", ok)
                if not ok:
                    misses.append(f"{tag}: not a {kind}: {unit[:60]!r}")

    for reason, text in gold.boilerplate:
        norm = _norm(text)
        copies = sum(
            1 for _, unit in units
            if fuzz.ratio(norm, unit) >= MATCH or (len(norm) >= 8 and unit.endswith(norm))
        )
        allowed = 1 if reason == "duplicate" else 0
        t.add("boilerplate_recall", copies <= allowed)
        if copies > allowed:
            misses.append(f"{tag}: boilerplate left ({reason}): {text[:70]!r}")

    kept_texts = [_norm(gold.title)] + [_norm(x) for _, x in gold.keep]
    for removed in article.removed:
        norm = _norm(removed.line)
        match = max(gold.boilerplate, key=lambda b: fuzz.ratio(norm, _norm(b[1])), default=None)
        if match is not None and fuzz.ratio(norm, _norm(match[1])) >= MATCH:
            t.add("boilerplate_precision", True)
            t.add("reason_accuracy", removed.reason == match[0])
            if removed.reason != match[0]:
                misses.append(f"{tag}: reason {removed.reason} != {match[0]}: {removed.line[:60]!r}")
            continue
        content = [k for k in kept_texts if fuzz.ratio(norm, k) >= MATCH or (len(norm) >= 30 and norm in k)]
        if not content:
            # a line the annotators split differently (a menu row, a share bar): not content
            t.add("boilerplate_precision", True)
            misses.append(f"{tag}: removed, not annotated ({removed.reason}): {removed.line[:70]!r}")
            continue
        copy = removed.reason in ("duplicate", "duplicate_title")
        t.add("boilerplate_precision", copy)
        if not copy:
            misses.append(f"{tag}: removed content ({removed.reason}): {removed.line[:70]!r}")


def _actor_key(actor_id: str) -> str:
    """Gold "new:Full Name" and veille's "new:<type>:<normalized name>" compare by name."""
    if actor_id.startswith("new:"):
        return "new:" + name_key(actor_id.rsplit(":", 1)[-1])
    return actor_id


def _score_actors(gold: Gold, article: Article, t: _Tally, misses: list[str]) -> None:
    tag = gold.path.name
    found = {_actor_key(m.actor) for m in article.mentions}
    wanted = {_actor_key(a["id"]) for a in gold.actors or []}
    for key in found:
        t.add("actor_precision", key in wanted)
        if key not in wanted:
            misses.append(f"{tag}: extra actor {key}")
    for key in wanted:
        t.add("actor_recall", key in found)
        if key not in found:
            misses.append(f"{tag}: missed actor {key}")
    by_form: dict[str, list[str]] = {}
    for m in article.mentions:
        by_form.setdefault(name_key(m.text), []).append(_actor_key(m.actor))
    for a in gold.actors or []:
        for form in a["forms"]:
            got = by_form.get(name_key(str(form)))
            t.add("form_recall", bool(got))
            if not got:
                continue
            best = sorted(set(got), key=lambda x: (-got.count(x), x))[0]  # ties broken by id: stable
            ok = best == _actor_key(a["id"])
            t.add("linking_accuracy", ok)
            if not ok:
                misses.append(f"{tag}: {form!r} linked to {best}, gold {a['id']}")


def _interval(text: str, needle: str, after: int = 0) -> tuple[int, int] | None:
    i = text.find(needle, after)
    if i < 0:
        i = text.find(needle)
    if i < 0:
        norm = normalize_line(needle)
        i = text.find(norm)
        needle = norm
    return (i, i + len(needle)) if i >= 0 else None


def _locate(text: str, items: list[dict[str, Any]] | None) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    """Gold items with the span of their text in the clean body, searched in order; items
    whose text the clean body lacks (cleaning differs) are not scored."""
    out, pos = [], 0
    for g in items or []:
        span = _interval(text, str(g.get("text", "")), pos)
        if span is not None:
            pos = span[0]
            out.append((span, g))
    return out


def _match(spans: list[tuple[tuple[int, int], dict[str, Any]]], start: int, end: int, used: set[int]) -> int | None:
    """The unused gold span that overlaps [start, end) by at least half of the longer one."""
    best, best_i = 0.0, None
    for i, ((s, e), _) in enumerate(spans):
        inter = min(e, end) - max(s, start)
        if inter > 0 and i not in used:
            score = inter / max(e - s, end - start)
            if score > best:
                best, best_i = score, i
    return best_i if best >= 0.5 else None


def _score_quotes(gold: Gold, article: Article, t: _Tally, misses: list[str]) -> None:
    tag = gold.path.name
    gold_spans = _locate(article.text, gold.quotes)
    used: set[int] = set()
    for q in article.quotes:
        best_i = _match(gold_spans, q.start, q.end, used)
        t.add("quote_precision", best_i is not None)
        if best_i is None:
            misses.append(f"{tag}: extra quote ({q.kind}, {q.speaker}): {q.text[:60]!r}")
            continue
        used.add(best_i)
        g = gold_spans[best_i][1]
        gold_speaker = g.get("speaker")
        same = (gold_speaker is None and q.speaker is None) or (
            gold_speaker is not None and q.speaker is not None
            and _actor_key(q.speaker) == _actor_key(str(gold_speaker))
        )
        t.add("speaker_accuracy", same)
        if not same:
            misses.append(f"{tag}: speaker {q.speaker} != {gold_speaker}: {q.text[:50]!r}")
        gold_via = {_actor_key(str(v)) for v in g.get("via") or []}
        got_via = {_actor_key(v["id"]) for v in q.via if v.get("id")}
        t.add("channel_accuracy", gold_via == got_via)
        if gold_via != got_via:
            misses.append(f"{tag}: via {sorted(got_via)} != {sorted(gold_via)}: {q.text[:50]!r}")
    for i, (_, g) in enumerate(gold_spans):
        t.add("quote_recall", i in used)
        if i not in used:
            misses.append(f"{tag}: missed quote ({g.get('kind')}, {g.get('speaker')}): {str(g.get('text'))[:60]!r}")


def _score_times(gold: Gold, article: Article, t: _Tally, misses: list[str]) -> None:
    """Temporal expressions: found (50 % overlap) and normalized to the gold value."""
    tag = gold.path.name
    spans = _locate(article.text, gold.times)
    used: set[int] = set()
    for x in article.times:
        best_i = _match(spans, x.start, x.end, used)
        t.add("time_precision", best_i is not None)
        if best_i is None:
            misses.append(f"{tag}: extra time {x.text!r}")
            continue
        used.add(best_i)
        gold_value = spans[best_i][1].get("value")
        same = (gold_value is None and x.value is None) or str(gold_value) == str(x.value)
        t.add("time_normalization_accuracy", same)
        if not same:
            misses.append(f"{tag}: time {x.text!r} = {x.value}, gold {gold_value}")
    for i, (_, g) in enumerate(spans):
        t.add("time_recall", i in used)
        if i not in used:
            misses.append(f"{tag}: missed time {g.get('text')!r}")


SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}  # "X met Y" and "Y met X" are one event


def _event_key(ev: dict[str, Any]) -> tuple[str, frozenset[str], frozenset[str]]:
    src = frozenset(_actor_key(a if isinstance(a, str) else a["id"]) for a in ev.get("source") or [])
    tgt = frozenset(_actor_key(a if isinstance(a, str) else a["id"]) for a in ev.get("target") or [])
    if ev["type"] in SYMMETRIC:
        return ev["type"], src | tgt, frozenset()
    return ev["type"], src, tgt


def _score_events(gold: Gold, article: Article, t: _Tally, misses: list[str]) -> None:
    """Events: type + source set + target set (a dyad of a symmetric type in either order),
    matched one to one, so that two gold events with the same key (a past and a planned
    meeting of the same pair) need two events; among same-key pairs, those that agree on
    modality and date are paired first. On the matches: the date (a gold null date is matched
    by no date taken from the text) and the modality."""
    tag = gold.path.name
    wanted: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for g in gold.events or []:
        wanted.setdefault(_event_key(g), []).append(g)
    found: dict[tuple[Any, ...], list[Any]] = {}
    for ev in article.events:
        found.setdefault(_event_key({"type": ev.type, "source": ev.source, "target": ev.target}), []).append(ev)

    def date_ok(g: dict[str, Any], ev: Any) -> bool:
        gold_date = g.get("date")
        return (ev.date_basis in ("published", "none")) if gold_date is None else str(gold_date) == str(ev.date)

    for key in found.keys() | wanted.keys():
        evs, golds = list(found.get(key, [])), list(wanted.get(key, []))
        pairs = []
        for ev in sorted(evs, key=lambda e: e.start):
            if not golds:
                break
            best = max(golds, key=lambda g: ((g.get("modality") or "asserted") == ev.modality, date_ok(g, ev)))
            golds.remove(best)
            pairs.append((ev, best))
        paired = {id(ev) for ev, _ in pairs}
        for ev in evs:
            t.add("event_precision", id(ev) in paired)
            if id(ev) not in paired:
                misses.append(f"{tag}: extra event {key[0]} {sorted(key[1])} -> {sorted(key[2])} ({ev.trigger!r})")
        for ev, g in pairs:
            ok = date_ok(g, ev)
            t.add("event_date_accuracy", ok)
            if not ok:
                misses.append(f"{tag}: event {key[0]} {ev.trigger!r} dated {ev.date}, gold {g.get('date')}")
            t.add("event_modality_accuracy", (g.get("modality") or "asserted") == ev.modality)
        for g in wanted.get(key, []):
            t.add("event_recall", any(g is pg for _, pg in pairs))
        for g in golds:
            misses.append(f"{tag}: missed event {key[0]} {sorted(key[1])} -> {sorted(key[2])} ({g.get('trigger')!r})")


def evaluate_dir(folder: str | Path) -> Result:
    """Score every gold file in ``folder`` (``floors.yaml`` excepted)."""
    folder = Path(folder)
    paths = sorted(p for p in folder.glob("*.yaml") if p.name != "floors.yaml")
    if not paths:
        raise VeilleError(E.E050, file=folder, cause="no gold files")
    golds = [load_gold(p) for p in paths]
    docs = [_document(g) for g in golds]
    articles = list(process(docs, extract=any(
        g.actors is not None or g.quotes is not None or g.times is not None or g.events is not None
        for g in golds)))
    result = Result(articles=len(golds))
    tally = _Tally()
    for gold, article in zip(golds, articles, strict=True):
        if isinstance(article, InputError):
            result.misses.append(f"{gold.path.name}: {article}")
            tally.add("title_accuracy", False)
            tally.add("keep_recall", False)
            continue
        _score_article(gold, article, tally, result.misses)
        if gold.actors is not None:
            _score_actors(gold, article, tally, result.misses)
        if gold.quotes is not None:
            _score_quotes(gold, article, tally, result.misses)
        if gold.times is not None:
            _score_times(gold, article, tally, result.misses)
        if gold.events is not None:
            _score_events(gold, article, tally, result.misses)
    for name in sorted(tally.total):
        result.scores[name] = tally.hit[name] / tally.total[name]
        result.counts[name] = tally.total[name]
    p, r = result.scores.get("actor_precision"), result.scores.get("actor_recall")
    if p is not None and r is not None:
        result.scores["actor_f1"] = 2 * p * r / (p + r) if p + r else 0.0
        result.counts["actor_f1"] = result.counts["actor_recall"]
    for what in ("quote", "event"):
        p, r = result.scores.get(f"{what}_precision"), result.scores.get(f"{what}_recall")
        if p is not None and r is not None:
            result.scores[f"{what}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
            result.counts[f"{what}_f1"] = result.counts[f"{what}_recall"]
    return result
