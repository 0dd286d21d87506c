"""The HTML pages: one route per page, each only parsing its request and picking a template.

What a page shows is assembled by :mod:`veille.web.views` and the store's read functions
(:mod:`veille.store.explore` for the dashboard, timeline and network). Errors the library
raises on purpose become pages here: an unknown article or actor is a 404 page saying so,
a bad filter (a date that is not one) a 400 page with the form and the message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from ..api.deps import get_kb, get_store
from ..errors import NotFound, QueryError
from ..kb import KnowledgeBase
from ..store import Store, browse, explore
from . import views
from .paging import MAX_PAGE, Page

TEMPLATES = Path(__file__).parent / "templates"
ACTOR_TYPES = ("person", "country", "organisation", "place", "media")
PLOVER_TYPES = tuple(explore.QUAD_CLASS)

env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals["version"] = __version__
templates = Jinja2Templates(env=env)

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
KbDep = Annotated[KnowledgeBase, Depends(get_kb)]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE)]


def _render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("page_name", template.removesuffix(".html"))
    context.setdefault("q", "")
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def _not_found(request: Request, exc: NotFound, what: str) -> HTMLResponse:
    return _render(request, "not_found.html", 404, message=str(exc), what=what, page_name="not_found")


def _db_name(request: Request) -> str:
    return Path(str(request.app.state.db_path)).name


# -- dashboard and lists ------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def dashboard_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Counts, latest articles, most mentioned and most active actors, busiest dyads."""
    return _render(request, "dashboard.html", data=explore.dashboard(store, top=10, latest=10),
                   db_name=_db_name(request))


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, store: StoreDep, page: PageNo = 1) -> HTMLResponse:
    """Every article, newest first, 50 a page."""
    size = 50
    listing = browse.articles(store, limit=size, offset=Page.offset_of(page, size))
    return _render(request, "articles.html", page=Page.of(listing, number=page, size=size, url=request.url),
                   db_name=_db_name(request))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, q: str = "", page: PageNo = 1) -> HTMLResponse:
    """Full-text search over titles and texts, 20 matches a page."""
    size = 20
    listing = views.search(store, q, limit=size, offset=Page.offset_of(page, size))
    return _render(request, "search.html", q=q.strip(),
                   page=Page.of(listing, number=page, size=size, url=request.url))


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request, store: StoreDep, q: str = "", type: str = "", page: PageNo = 1
) -> HTMLResponse:
    """Actors by number of articles, filtered by name (any spelling seen) and type, 50 a page."""
    size = 50
    listing = browse.actors(store, type=type or None, q=q.strip() or None, limit=size,
                            offset=Page.offset_of(page, size))
    return _render(request, "actors.html", name=q, type=type, types=ACTOR_TYPES,
                   page=Page.of(listing, number=page, size=size, url=request.url))


# -- one article, one actor --------------------------------------------------------------------


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep) -> Response:
    """The article's body with actors, quotes, events and dates highlighted, and listed."""
    try:
        view = views.article_view(store, article_id)
    except NotFound as exc:
        return _not_found(request, exc, "article")
    if view["article"]["id"] != article_id:  # an id prefix: show the canonical address
        return RedirectResponse(f"/articles/{view['article']['id']}", status_code=307)
    return _render(request, "article.html", **view)


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str, store: StoreDep, kb: KbDep) -> Response:
    """Aliases, roles, latest articles, co-mentioned actors, partners and latest events of an
    actor. A name or spelling instead of an id redirects to the actor it designates."""
    try:
        resolved = explore.resolve(store, actor_id, kb)["id"]
    except NotFound as exc:
        return _not_found(request, exc, "actor")
    if resolved != actor_id:
        return RedirectResponse(request.url_for("actor_page", actor_id=resolved).path, status_code=307)
    return _render(request, "actor.html", **views.actor_view(store, actor_id, kb, limit=20))


# -- timeline and network ------------------------------------------------------------------------

TIMELINE_PAGE = 50
SUGGESTIONS = 100  # actor names offered while typing in the timeline and network forms


def _suggestions(store: Store) -> list[str]:
    return sorted({a["name"] for a in browse.actors(store, limit=SUGGESTIONS)["items"]})

NETWORK_MAX_NODES = 200


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    store: StoreDep,
    kb: KbDep,
    actor: Annotated[list[str] | None, Query()] = None,
    bucket: str = "month",
    since: str = "",
    until: str = "",
    type: str = "",
    page: PageNo = 1,
) -> HTMLResponse:
    """Events of an actor, of a pair, or of everyone: a chart per period stacked by type and the
    list of events, each linking to its sentence in its article."""
    actors = [a.strip() for a in actor or () if a.strip()][:2]
    form = {"actors": actors, "bucket": bucket, "since": since.strip(), "until": until.strip(), "type": type}
    context: dict[str, Any] = {"form": form, "types": PLOVER_TYPES, "buckets": explore.BUCKETS,
                               "tl": None, "chart": None, "page": None, "error": None,
                               "suggest": _suggestions(store)}
    try:
        tl = explore.timeline(store, actors, bucket=bucket, since=form["since"] or None,
                              until=form["until"] or None, type=type or None, limit=TIMELINE_PAGE,
                              offset=Page.offset_of(page, TIMELINE_PAGE), kb=kb)
    except NotFound as exc:
        return _render(request, "timeline.html", 404, **{**context, "error": str(exc)})
    except QueryError as exc:
        return _render(request, "timeline.html", 400, **{**context, "error": str(exc)})
    events_page = Page(page, TIMELINE_PAGE, tl["events"], tl["total"], request.url)
    chart = {"bucket": tl["bucket"], "periods": tl["periods"], "series": tl["series"]} if tl["series"] else None
    return _render(request, "timeline.html", **{**context, "tl": tl, "chart": chart, "page": events_page})


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    store: StoreDep,
    kb: KbDep,
    actor: str = "",
    since: str = "",
    until: str = "",
    min_weight: Annotated[float, Query(ge=0)] = 1.0,
    limit: Annotated[int, Query(ge=2, le=NETWORK_MAX_NODES)] = 50,
) -> HTMLResponse:
    """The actor network drawn in the browser: edges coloured by the sign of the events the two
    actors share; a click on an actor opens its page."""
    form = {"actor": actor.strip(), "since": since.strip(), "until": until.strip(),
            "min_weight": f"{min_weight:g}", "limit": limit}
    context: dict[str, Any] = {"form": form, "max_nodes": NETWORK_MAX_NODES, "graph": None, "names": {},
                               "center": None, "error": None, "suggest": _suggestions(store)}
    try:
        center = explore.resolve(store, form["actor"], kb) if form["actor"] else None
        graph = explore.network(store, since=form["since"] or None, until=form["until"] or None,
                                actor=center["id"] if center else None, min_weight=min_weight, limit=limit)
    except NotFound as exc:
        return _render(request, "network.html", 404, **{**context, "error": str(exc)})
    except QueryError as exc:
        return _render(request, "network.html", 400, **{**context, "error": str(exc)})
    graph["center"] = center["id"] if center else None
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    return _render(request, "network.html", **{**context, "graph": graph, "names": names, "center": center})
