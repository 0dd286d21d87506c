"""Response and request models of the JSON API (they make the OpenAPI schema at /openapi.json).

Responses are built by the library (``veille.store.browse``, ``veille.store.explore``,
``veille.export``); these models describe them. Fields may be added, never renamed.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Ref(_Model):
    id: str | None = Field(description="actor id; null when the name is no known actor")
    name: str


class ActorRef(_Model):
    id: str
    name: str
    type: str = Field(description="person, country, organisation, place or media")


class TextSpan(_Model):
    start: int = Field(description="offset in the article's text")
    end: int
    text: str


class Page(_Model):
    total: int = Field(description="every match, whatever limit and offset")
    limit: int
    offset: int


# -- articles ------------------------------------------------------------------------------------


class ArticleItem(_Model):
    id: str
    published: str | None
    title: str
    language: str | None
    source: str | None
    source_file: str
    record: str | None
    url: str | None
    snippet: str | None = Field(None, description="with q: the matched words between [ and ]")


class ArticlePage(Page):
    items: list[ArticleItem]


class Entity(_Model):
    id: str
    name: str
    type: str
    qid: str | None
    aliases: list[str]
    mentions: list[TextSpan]


class ArticleQuote(_Model):
    speaker: Ref | None
    speaker_text: str | None
    text: str
    start: int
    end: int
    kind: str
    cue: str | None
    via: list[Ref]
    addressee: Ref | None
    confidence: float
    flags: list[str]


class TimeExpression(_Model):
    text: str
    start: int
    end: int
    value: str | None
    granularity: str


class ArticleEvent(_Model):
    type: str
    mode: str | None
    source: list[Ref]
    target: list[Ref]
    date: str | None
    date_granularity: str | None
    date_basis: str
    where: Ref | None
    modality: str
    negated: bool
    trigger: str
    start: int
    end: int
    evidence: TextSpan
    mentions: list[TextSpan]
    speaker: Ref | None
    confidence: float


class Article(_Model):
    """The export record (docs/export.md); every offset indexes ``text``."""

    id: str
    source_file: str
    record: str | None
    external_id: str | None
    url: str | None
    title: str
    published: str | None
    language: str | None
    source: str | None
    text: str
    headings: list[dict[str, Any]]
    captions: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    cited_sources: list[str]
    foreign_lines: list[dict[str, Any]]
    entities: list[Entity]
    quotes: list[ArticleQuote]
    sources: list[Ref]
    times: list[TimeExpression]
    events: list[ArticleEvent]
    published_inferred: dict[str, Any] | None


# -- actors --------------------------------------------------------------------------------------


class ActorItem(ActorRef):
    qid: str | None
    in_kb: bool
    mentions: int
    articles: int
    events: int = Field(description="asserted events the actor takes part in")


class ActorPage(Page):
    items: list[ActorItem]


class Alias(_Model):
    alias: str
    n: int


class Role(_Model):
    role: str
    of: str
    of_name: str
    start: str | None
    end: str | None


class ActorArticle(_Model):
    id: str
    title: str
    published: str | None
    mentions: int


class CoMention(ActorRef):
    articles: int


class Partner(ActorRef):
    events: int
    cooperation: int
    conflict: int
    sign: Literal["cooperation", "conflict", "mixed", "neutral"]


class ActorCounts(_Model):
    mentions: int
    articles: int
    events: int
    quotes: int


class ActorDetail(ActorRef):
    qid: str | None
    in_kb: bool
    counts: ActorCounts
    aliases: list[Alias]
    roles: list[Role]
    articles: list[ActorArticle] = Field(description="latest articles naming the actor")
    co_mentions: list[CoMention]
    partners: list[Partner]
    event_types: dict[str, int]


# -- quotes and events ---------------------------------------------------------------------------


class QuoteItem(ArticleQuote):
    id: int
    article_id: str
    title: str
    published: str | None


class QuotePage(Page):
    items: list[QuoteItem]


class EventItem(_Model):
    id: int
    type: str
    quad: str | None
    mode: str | None
    date: str | None
    date_granularity: str | None
    date_basis: str
    modality: str
    source: list[Ref]
    target: list[Ref]
    where: Ref | None
    trigger: str
    start: int
    end: int
    evidence: TextSpan
    speaker: Ref | None
    confidence: float
    article_id: str
    article_title: str
    published: str | None


class EventPage(Page):
    actors: list[ActorRef]
    items: list[EventItem]


# -- aggregates ----------------------------------------------------------------------------------


class SeriesPoint(_Model):
    period: str
    type: str
    quad: str | None
    count: int


class CoarserPoint(SeriesPoint):
    granularity: str


class Timeline(_Model):
    actors: list[ActorRef]
    bucket: Literal["day", "week", "month"]
    periods: list[str]
    series: list[SeriesPoint]
    coarser: list[CoarserPoint]
    undated: int
    total: int
    events: list[EventItem]


class Node(ActorRef):
    events: int
    mentions: int


class Edge(_Model):
    source: str
    target: str
    events: int
    comentions: int
    cooperation: int
    conflict: int
    weight: float
    sign: Literal["cooperation", "conflict", "mixed", "neutral"]


class Network(_Model):
    nodes: list[Node]
    edges: list[Edge]


class TopActor(ActorRef):
    mentions: int
    articles: int
    events: int


class Dyad(_Model):
    actors: list[ActorRef]
    events: int
    cooperation: int
    conflict: int
    sign: Literal["cooperation", "conflict", "mixed", "neutral"]


class LatestArticle(_Model):
    id: str
    published: str | None
    title: str
    language: str | None
    source: str | None


class Stats(_Model):
    articles: int
    dated_articles: int
    actors: int
    mentions: int
    quotes: int
    events: int
    events_asserted: int
    first_published: str | None
    last_published: str | None
    event_types: dict[str, int]
    quads: dict[str, int]
    languages: dict[str, int]
    sources: dict[str, int]
    top_actors: list[TopActor]
    active_actors: list[TopActor]
    top_dyads: list[Dyad]
    latest_articles: list[LatestArticle]


# -- ingest --------------------------------------------------------------------------------------


class IngestRecord(BaseModel):
    """One article to ingest, as a JSON record (like a line of a .jsonl input)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article body, plain text")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="publication date, YYYY-MM-DD")
    source: str | None = Field(None, description="outlet or site name")
    language: str | None = Field(None, description="ISO 639-1; detected when absent")
    id: str | None = Field(None, description="the record's own id (kept as external_id)")


class IngestItem(_Model):
    id: str | None = Field(description="the article id (null when the record could not be read)")
    status: Literal["ingested", "duplicate", "failed"]
    error: str | None = None


class IngestResult(_Model):
    ingested: int
    duplicates: int
    failed: int
    items: list[IngestItem]
    warnings: list[str]
