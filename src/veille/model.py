"""Plain data objects passed between pipeline stages.

Offsets (``start``, ``end``) always index :attr:`Article.text`, the clean body.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class RawDocument:
    """One input item as read from a source, before cleaning.

    ``text`` holds plain text laid out in lines; when the input was HTML, ``hints``
    gives for some lines what the markup said they were (``heading``, ``caption``).
    ``raw`` is the original input, verbatim, kept in the store.
    """

    source_file: str
    text: str
    raw: bytes
    raw_format: str  # txt | html | jsonl | json | csv
    record: str | None = None  # record key inside a multi-record file ("line 3", an id)
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    external_id: str | None = None
    hints: dict[int, str] = field(default_factory=dict)  # line index -> heading|caption|title
    encoding: str = "utf-8"

    @property
    def item(self) -> str:
        """A human name for this item in messages: the file, plus the record if any."""
        return f"{self.source_file} ({self.record})" if self.record else self.source_file


@dataclass(slots=True)
class Removed:
    """A line (or part of a line) taken out of the article, and why."""

    line: str
    reason: str
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"line": self.line, "reason": self.reason}
        if self.detail:
            d["detail"] = self.detail
        return d


@dataclass(slots=True)
class Heading:
    """A subheading; ``start`` is the offset in the body text where its section begins."""

    text: str
    start: int


@dataclass(slots=True)
class Caption:
    """A photo or video caption, kept once, with the credit that was stripped from it."""

    text: str
    credit: str | None = None


@dataclass(slots=True)
class Mention:
    """One mention of an actor in the clean text, with how it was resolved."""

    start: int
    end: int
    text: str
    actor: str  # knowledge-base id, or "new:<type>:<key>" for an actor the KB does not know
    name: str  # the actor's canonical name
    type: str  # person | country | organisation | place | media
    method: str  # alias | translit | fuzzy | coref | role | metonym | new
    confidence: float
    sent_start: int = 0
    sent_end: int = 0
    qid: str | None = None


@dataclass(slots=True)
class Quote:
    """Reported speech: what was said, by whom, to whom, through which channel."""

    start: int  # offsets of the quoted or reported words in the clean text
    end: int
    text: str
    kind: str  # direct | partial | indirect
    speaker: str | None  # actor id, None when the text does not say
    speaker_name: str | None
    speaker_text: str | None  # the words that designate the speaker ("M. Xi", "le conseiller")
    confidence: float
    cue: str | None  # infinitive of the speech verb ("déclarer"), or "selon"
    via: list[dict[str, Any]] = field(default_factory=list)  # [{id, name}] channels, id None if no actor
    addressee: dict[str, Any] | None = None
    sent_start: int = 0
    sent_end: int = 0
    flags: list[str] = field(default_factory=list)  # "unclosed": cut at the end of its paragraph


@dataclass(slots=True)
class Event:
    """A PLOVER event: who did what to whom, when and where, with the sentence that says so.

    ``mentions`` lists every place the article tells the same event ([{start, end, text}]
    evidence sentences); ``start``/``end`` are the trigger's offsets in the first one.
    """

    type: str  # PLOVER type (CONSULT, AGREE, ...)
    mode: str | None
    source: list[dict[str, Any]]  # [{id, name}]
    target: list[dict[str, Any]]
    date: str | None  # ISO value, None when it cannot be known
    date_granularity: str | None  # day | week | month | season | year
    date_basis: str  # expression | context | published | none
    where: dict[str, Any] | None
    modality: str  # asserted | planned | negated | hypothetical
    negated: bool
    trigger: str
    start: int
    end: int
    evidence: dict[str, Any]  # {start, end, text}: the sentence
    confidence: float
    speaker: dict[str, Any] | None = None  # who reports the event, when it is told inside a quote
    mentions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """A clean article: what the rest of the pipeline works on."""

    id: str
    source_file: str
    title: str
    text: str
    language: str | None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    record: str | None = None
    external_id: str | None = None
    headings: list[Heading] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    foreign_lines: list[dict[str, str]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)  # [{id, name}] agencies relied on
    times: list[Any] = field(default_factory=list)  # temporal expressions (veille.temporal.TimeExpr)
    events: list[Event] = field(default_factory=list)
    published_inferred: dict[str, Any] | None = None  # {earliest, granularity, basis} when published is unknown
    stages: list[str] = field(default_factory=list)  # extraction stages that ran ("actors", ...)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["removed"] = [r.to_dict() for r in self.removed]
        return d
