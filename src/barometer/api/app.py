"""The REST API and the dashboard, one FastAPI app: ``create_app(db, settings)`` or ``create_app(pipeline=…)``.

The app takes everything from the ``Pipeline`` it is given (or builds from ``settings``): its
settings (token, CORS, limits, the store location) and the stages that ``POST /api/analyze`` and
``POST /api/articles`` run. The store is any ``SQLStore``: a DuckDB file or a ``postgresql://`` URL.

Read endpoints are public unless ``api_read_requires_token``; write endpoints need
``api_token`` (and are disabled while it is empty). CORS is off unless ``api_cors_origins``
lists origins. Every list endpoint paginates with ``limit``/``offset`` and returns ``total``.
All SQL lives in barometer.analytics and barometer.api.queries and is parameterised.
"""


from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from barometer.api import queries
from barometer.api.common import ActorCode, ArticleId, EventScope, IsoDate, Period
from barometer.api.guards import AnalysisGate, SecurityHeaders, reject_unknown_parameters
from barometer.api.security import BodyLimit, check_analyze, check_read, check_write
from barometer.api.stores import Stores
from barometer.api.web import mount_web
from barometer.errors import BarometerError, InputError, StoreError
from barometer.events.ontology import ontology
from barometer.model import EventStatus
from barometer.settings import Settings, get_settings
from barometer.store import SQLStore
from barometer.version import __version__


def _case(fold: Callable[[str], str]) -> Callable[[Any], Any]:
    return lambda v: fold(v) if isinstance(v, str) else v


#: Enumerations taken in any case (``type=mobilize``, ``status=ASSERTED``); another value is a 422
#: listing the allowed ones (it was 200 and an empty list).
PloverType = Annotated[Literal[tuple(ontology())], BeforeValidator(_case(str.upper))]  # type: ignore[misc]
StatusName = Annotated[EventStatus, BeforeValidator(_case(str.lower))]


class ErrorDetail(BaseModel):
    """What every 4xx answer holds: one line saying what was wrong."""

    detail: str


class AnalyzeRequest(BaseModel):
    """An article to analyse: plain text or HTML."""

    model_config = ConfigDict(extra="forbid")  # an unknown field is a 422, not silently ignored

    text: str = Field(min_length=1, description="Plain text or HTML of the article")
    title_line: Literal["auto", "yes", "no"] | None = Field(
        default=None, description="whether a text's first line is its title (default: the title_line setting)")
    published: IsoDate | None = Field(default=None, description="Publication date YYYY-MM-DD")
    title: str | None = None
    url: str | None = Field(default=None, max_length=2048)
    outlet: str | None = Field(default=None, max_length=200)


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


def create_app(db_path: str | FilePath | None = None, settings: Settings | None = None, *,
               store: SQLStore | None = None, pipeline: Any = None) -> FastAPI:
    """The app over the store at ``db_path`` (a DuckDB file or a PostgreSQL URL; default the ``db``
    setting; opened here) or an already open ``store`` (e.g. the demo's).

    ``pipeline`` (a ``barometer.pipeline.Pipeline``) gives the settings and the stages; without one it
    is built from ``settings`` (default: the process's settings), which checks them before serving.
    """
    from barometer.pipeline import Pipeline

    if pipeline is None:
        pipeline = Pipeline.from_settings(settings or get_settings())
    settings = pipeline.settings
    stores = Stores(db_path, settings, store=store)
    store = stores.reader

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    guarded = settings.api_read_requires_token  # then the schema needs the token too (the /docs page reads it)
    # Every route can answer 400 (InputError, ValueError: a bad value, since after until) and 503 (the
    # store is unavailable): documented once here, so schemathesis finds no undocumented status.
    app = FastAPI(title="Barometer API", version=__version__, lifespan=lifespan,
                  dependencies=[Depends(reject_unknown_parameters)],
                  responses={400: {"model": ErrorDetail, "description": "a parameter's value is wrong"},
                             503: {"model": ErrorDetail, "description": "the store is unavailable"}},
                  openapi_url=None if guarded else "/openapi.json", docs_url=None, redoc_url=None,
                  description="Explainable PLOVER/CAMEO event data from news articles: articles, events, "
                              "quotes, actors, dyad series, alerts. See docs/api.md.")
    app.state.settings = settings
    app.state.store = store
    app.state.stores = stores
    app.state.pipeline = pipeline

    if settings.api_cors_origins.strip():
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=[o.strip() for o in settings.api_cors_origins.split(",")
                                                          if o.strip()],
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, limit=settings.api_max_bytes, timeout=settings.api_body_timeout,
                       paths={"/api/analyze": settings.api_analyze_max_bytes,
                              "/api/articles": settings.api_analyze_max_bytes})
    app.add_middleware(SecurityHeaders)
    gate = AnalysisGate(settings.api_analyze_concurrency, settings.api_analyze_queue, settings.api_analyze_timeout)
    if guarded:
        from barometer.api.guards import guarded_docs

        guarded_docs(app, check_read)

    @app.exception_handler(InputError)
    async def _input_error(_: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(ValueError)
    async def _value_error(_: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def _store_error(_: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    page_max = settings.api_page_max
    Limit = Annotated[int, Query(ge=1, le=page_max, description=f"page size (at most {page_max})")]
    # Bounded: an offset past a 64-bit integer overflowed in DuckDB and gave a 500 (tests/hardening).
    Offset = Annotated[int, Query(ge=0, le=2**31 - 1, description="rows to skip")]
    read = [Depends(check_read)]

    def st(request: Request) -> SQLStore:
        return request.app.state.store

    def page(total: int, items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/live", tags=["meta"])
    def live() -> dict[str, str]:
        """Liveness: the process answers. Public always, and says nothing about the store."""
        return {"status": "ok"}

    @app.get("/api/health", tags=["meta"], dependencies=read)
    def health(request: Request) -> dict[str, Any]:
        """Status, version and row counts (needs the token when reads do)."""
        return {"status": "ok", "version": __version__, "counts": st(request).counts()}

    @app.get("/api/articles", tags=["articles"], dependencies=read, response_model=Page)
    def list_articles(request: Request, q: str | None = Query(None, max_length=200),
                      since: IsoDate | None = None, until: IsoDate | None = None, limit: Limit = 50,
                      offset: Offset = 0) -> dict[str, Any]:
        """Stored articles, oldest first; ``q`` searches title and text."""
        total, items = queries.articles(st(request), q=q, since=since, until=until, limit=limit, offset=offset)
        return page(total, items, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"], dependencies=read,
             responses={404: {"model": ErrorDetail, "description": "no such article"}})
    def get_article(request: Request, article_id: ArticleId) -> dict[str, Any]:
        """The full stored analysis (schema barometer/analysis@2) of one article, text included."""
        analysis = st(request).analysis(article_id)
        if analysis is None:
            raise HTTPException(404, f"no article {article_id}")
        return analysis.model_dump(mode="json", by_alias=True)

    def analysis_of(request: Request, body: AnalyzeRequest) -> Callable[[], Any]:
        return lambda: request.app.state.pipeline.analyze(body.text, body.published, title=body.title, url=body.url,
                                                          outlet=body.outlet, title_line=body.title_line)

    busy = {429: {"model": ErrorDetail, "description": "too many analyses in progress (Retry-After)"},
            503: {"model": ErrorDetail, "description": "over api_analyze_timeout, or the store is unavailable"}}

    @app.post("/api/articles", tags=["articles"], status_code=201, dependencies=[Depends(check_write)],
              responses=busy)
    async def add_article(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
        """Analyse an article and store it (needs the API token). Re-posting the same text changes nothing."""
        analysis = await gate.run(analysis_of(request, body))
        added = request.app.state.stores.write(lambda w: w.add(analysis, source=body.url or "api"))
        return {"id": analysis.article.id, "added": added, "events": len(analysis.events),
                "actors": len(analysis.actors), "quotes": len(analysis.quotes)}

    @app.post("/api/analyze", tags=["analysis"], dependencies=[Depends(check_analyze)], responses=busy)
    async def analyze_text(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
        """Analyse text or HTML and return the analysis; nothing is stored. Bounded: body size
        (``api_analyze_max_bytes``), analyses at once and waiting (429), time (503); needs the token when
        one is set, unless ``api_analyze_public``."""
        return (await gate.run(analysis_of(request, body))).model_dump(mode="json", by_alias=True)

    @app.get("/api/events", tags=["events"], dependencies=read, response_model=Page)
    def list_events(request: Request, scope: EventScope, actor: str | None = Query(None, max_length=64),
                    type: Annotated[PloverType | None, Query(description="PLOVER type (any case)")] = None,
                    status: Annotated[StatusName | None, Query(description="event status (any case)")] = None,
                    since: IsoDate | None = None,
                    until: IsoDate | None = None, text: str | None = Query(None, max_length=200),
                    article: str | None = Query(None, max_length=64), limit: Limit = 50,
                    offset: Offset = 0) -> dict[str, Any]:
        """Coded events with their evidence sentence; ``text`` searches the evidence. ``since``/``until``
        bound the event's date (else its article's), as every series and export does."""
        total, items = queries.events(st(request), actor=actor and actor.upper(), type=type,
                                      status=status, since=since, until=until, text=text, article=article,
                                      min_confidence=scope.min_confidence or None, historical=scope.historical,
                                      limit=limit, offset=offset)
        return page(total, items, limit, offset)

    @app.get("/api/quotes", tags=["quotes"], dependencies=read, response_model=Page)
    def list_quotes(request: Request, speaker: str | None = Query(None, max_length=100),
                    text: str | None = Query(None, max_length=200), article: str | None = Query(None, max_length=64),
                    about: str | None = Query(None, max_length=64, description="target actor code or ISO3 of an "
                                              "event coded inside the quote"),
                    since: IsoDate | None = None, until: IsoDate | None = None, limit: Limit = 50,
                    offset: Offset = 0) -> dict[str, Any]:
        """Who said what about whom: quotations, their speaker and the targets of events coded inside them."""
        total, items = queries.quotes(st(request), speaker=speaker, text=text, article=article, about=about,
                                      since=since, until=until, limit=limit, offset=offset)
        return page(total, items, limit, offset)

    @app.get("/api/actors", tags=["actors"], dependencies=read, response_model=Page)
    def list_actors(request: Request, q: str | None = Query(None, max_length=100), limit: Limit = 50,
                    offset: Offset = 0) -> dict[str, Any]:
        """Actors across articles, most frequent first."""
        total, items = queries.actors(st(request), q=q, limit=limit, offset=offset)
        return page(total, items, limit, offset)

    @app.get("/api/dyads", tags=["analytics"], dependencies=read)
    def list_dyads(request: Request, scope: EventScope, directed: bool = True, limit: Limit = 50,
                   ) -> dict[str, Any]:
        """Dyads with the most events."""
        from barometer.analytics.series import top_dyads

        return {"items": top_dyads(st(request), directed=directed, limit=limit, scope=scope)}

    @app.get("/api/dyads/{a}/{b}", tags=["analytics"], dependencies=read)
    def dyad(request: Request, scope: EventScope, a: ActorCode, b: ActorCode, by: Period = "week", directed: bool = True,
             since: IsoDate | None = None, until: IsoDate | None = None) -> dict[str, Any]:
        """The dyad's series: counts by QuadClass and type, Goldstein, escalation index, one row per
        period from the first to the last (docs/analytics.md)."""
        from barometer.analytics.series import dyad_series

        return dyad_series(st(request), a, b, by=by, directed=directed, since=since, until=until,
                           scope=scope).as_json()

    @app.get("/api/dyads/{a}/{b}/events", tags=["analytics"], dependencies=read)
    def dyad_events(request: Request, scope: EventScope, a: ActorCode, b: ActorCode, period: IsoDate, by: Period = "week",
                    directed: bool = True, limit: Limit = 200) -> dict[str, Any]:
        """The events behind one point of the series (``period``: any day of the period)."""
        from barometer.analytics.series import dyad_events as q

        return {"items": q(st(request), a, b, period=period, by=by, directed=directed, limit=limit, scope=scope)}

    @app.get("/api/network", tags=["analytics"], dependencies=read)
    def network(request: Request, scope: EventScope, since: IsoDate | None = None, until: IsoDate | None = None,
                limit: Limit = 200) -> dict[str, Any]:
        """Actor network (directed dyads with done events) for a period."""
        from barometer.analytics.series import network as q

        return q(st(request), since=since, until=until, limit=limit, scope=scope)

    from barometer.api import views

    app.include_router(views.router(settings.api_page_max))
    mount_web(app)

    @app.exception_handler(BarometerError)
    async def _barometer_error(_: Request, exc: BarometerError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=500)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code != 405:
            return await http_exception_handler(request, exc)
        # Starlette names the methods of the first route whose path matched: GET /api/articles and
        # POST /api/articles are two routes, so a DELETE was told "Allow: GET". Name them all.
        methods = sorted({m for r in request.app.router.routes if isinstance(r, Route)
                          and r.matches(request.scope)[0] != Match.NONE for m in (r.methods or ())})
        return JSONResponse({"detail": exc.detail}, status_code=405, headers={"Allow": ", ".join(methods)})

    return app
