"""The read endpoints under ``/api``: thin shells over ``veille.store.browse`` and ``veille.store.explore``.

Each handler turns query parameters into keyword arguments and returns what the library
gives; validation of shapes (ranges, enumerations, date formats) is declared here so that
it shows in the OpenAPI schema; everything else (real dates, known types, actor names) is
checked by the library, whose exceptions ``veille.api.errors`` turns into HTTP errors.
An empty optional parameter (``since=``, as an empty form field sends it) means no filter.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import StringConstraints

from ..export import to_record
from ..kb import KnowledgeBase
from ..store import Store, browse, explore, query
from . import models
from .deps import get_kb, get_store
from .errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

StoreDep = Annotated[Store, Depends(get_store)]
KbDep = Annotated[KnowledgeBase, Depends(get_kb)]

DATE = r"^(\d{4}(-\d{2}(-\d{2})?|-W\d{2})?)?$"  # empty: no bound (as an empty form field sends)
DATE_HELP = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www"
Since = Annotated[str | None, Query(pattern=DATE, description=f"from this date on ({DATE_HELP})")]
Until = Annotated[str | None, Query(pattern=DATE, description=f"up to this date included ({DATE_HELP})")]
Limit = Annotated[int, Query(ge=1, le=500, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Text = Annotated[str, StringConstraints(max_length=300)]
ActorName = Annotated[str, StringConstraints(max_length=300)]  # empty: none
Actors = Annotated[list[ActorName], Query(max_length=2, description="an actor id or any name or spelling seen; "
                                                                 "repeat for two: the events between them")]
EventType = Annotated[str | None, Query(max_length=20, description="PLOVER type: " + ", ".join(explore.QUAD_CLASS))]
Modality = Literal["asserted", "planned", "negated", "hypothetical", "all"]
ActorType = Literal["person", "country", "organisation", "place", "media"]


@router.get("/articles", response_model=models.ArticlePage, summary="List or search articles")
def list_articles(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=500, description="full-text query (accents ignored; FTS5)")] = None,
    source: Annotated[Text | None, Query(description="outlet name, exactly")] = None,
    language: Annotated[str | None, Query(max_length=20, description="ISO 639-1 code")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Articles, newest publication first, or the best matches of ``q`` first, with ``total``
    the number of matches. ``since``/``until`` filter on the publication date."""
    return browse.articles(store, q=q, source=source, language=language, since=since or None,
                           until=until or None, limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=models.Article, summary="One article with its extractions")
def get_article(
    store: StoreDep,
    article_id: Annotated[str, Path(max_length=64, description="article id, or a unique prefix of 4+ characters")],
) -> Any:
    """The export record of one article (docs/export.md): clean text, headings, captions,
    removed lines, and its ``entities``, ``quotes``, ``events`` and ``times``, each with
    offsets into ``text``. The text is data: HTML in it is returned as is, never interpreted."""
    return to_record(query.get_article(store, article_id), store)


@router.get("/actors", response_model=models.ActorPage, summary="List or search actors")
def list_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=300, description="part of a name or of any spelling seen")] = None,
    type: Annotated[ActorType | None, Query(description="actor type")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Actors with their mention, article and asserted-event counts, most widely covered first."""
    return browse.actors(store, q=q, type=type, limit=limit, offset=offset)


@router.get("/actors/{actor:path}", response_model=models.ActorDetail, summary="One actor")
def get_actor(
    store: StoreDep,
    kb: KbDep,
    actor: Annotated[str, Path(max_length=300, description="actor id, name or any spelling seen")],
    limit: Annotated[int, Query(ge=1, le=200, description="articles, co-mentions and partners listed")] = 20,
) -> Any:
    """Aliases seen with counts, roles (knowledge base), latest articles, co-mentioned actors,
    partners in asserted events (signed cooperation/conflict), event types."""
    return browse.actor(store, actor, kb=kb, limit=limit)


@router.get("/quotes", response_model=models.QuotePage, summary="List quotes")
def list_quotes(
    store: StoreDep,
    kb: KbDep,
    speaker: Annotated[ActorName | None, Query(description="actor id, name or any spelling seen")] = None,
    q: Annotated[str | None, Query(max_length=500, description="words quoted (full-text, accents ignored)")] = None,
    kind: Annotated[Literal["direct", "partial", "indirect"] | None, Query()] = None,
    article: Annotated[str | None, Query(max_length=64, description="article id")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Reported speech, newest articles first: speaker, kind, cue verb, channels, addressee."""
    return browse.quotes(store, speaker=speaker or None, q=q, kind=kind, article=article, since=since or None,
                         until=until or None, limit=limit, offset=offset, kb=kb)


@router.get("/events", response_model=models.EventPage, summary="List events")
def list_events(
    store: StoreDep,
    kb: KbDep,
    actor: Actors = (),  # type: ignore[assignment]
    type: EventType = None,
    since: Since = None,
    until: Until = None,
    modality: Annotated[Modality | None, Query(description="only this modality (default: every one)")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """PLOVER events, newest first: of an actor, or between two (``actor`` twice: either
    direction, either role), of a type, whose whole date lies in [since, until]."""
    return browse.events(store, actors=tuple(a for a in actor if a), type=type, since=since or None,
                         until=until or None, modality=modality, limit=limit, offset=offset, kb=kb)


@router.get("/timeline", response_model=models.Timeline, summary="Events over time")
def get_timeline(
    store: StoreDep,
    kb: KbDep,
    actor: Actors = (),  # type: ignore[assignment]
    bucket: Annotated[Literal["day", "week", "month"], Query(description="period of the series")] = "month",
    since: Since = None,
    until: Until = None,
    type: EventType = None,
    modality: Annotated[Modality | None, Query(description="counted modality (default asserted)")] = None,
    limit: Annotated[int, Query(ge=0, le=1000, description="events listed")] = 100,
    offset: Offset = 0,
) -> Any:
    """Counts per period and PLOVER type of the events of an actor, of a pair, or of all,
    and the events themselves, chronologically. ``series`` counts asserted events unless
    ``modality`` says otherwise; events dated coarser than the bucket are in ``coarser``."""
    return explore.timeline(store, tuple(a for a in actor if a), bucket=bucket, since=since or None,
                            until=until or None, type=type, modality=modality, limit=limit, offset=offset, kb=kb)


@router.get("/network", response_model=models.Network, summary="The actor network")
def get_network(
    store: StoreDep,
    kb: KbDep,
    since: Since = None,
    until: Until = None,
    actor: Annotated[ActorName | None, Query(description="the network around this actor")] = None,
    min_weight: Annotated[float, Query(ge=0, le=1e9, description="lightest edge kept")] = 1.0,
    limit: Annotated[int, Query(ge=1, le=500, description="most nodes (most connected first)")] = 50,
    modality: Annotated[Modality | None, Query(description="counted modality (default asserted)")] = None,
) -> Any:
    """Actors joined by shared events (signed by PLOVER quad class) and co-mentions;
    weight = events + 0.5 × co-mentions."""
    return explore.network(store, since=since or None, until=until or None, actor=actor or None,
                           min_weight=min_weight, limit=limit, modality=modality, kb=kb)


@router.get("/stats", response_model=models.Stats, summary="Counts for the dashboard")
def get_stats(
    store: StoreDep,
    top: Annotated[int, Query(ge=1, le=100, description="top actors and dyads listed")] = 10,
    latest: Annotated[int, Query(ge=1, le=100, description="latest articles listed")] = 10,
) -> Any:
    """Counts of articles, actors, quotes and events; most mentioned and most active actors;
    the dyads with the most asserted events; the latest articles."""
    return explore.dashboard(store, top=top, latest=latest)
